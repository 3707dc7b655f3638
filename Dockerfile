# One image for web (daphne), worker and beat.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 GATEHOUSE_VAR_DIR=/srv/var
WORKDIR /srv/app
COPY pyproject.toml constraints.txt README.md ./
COPY backend backend
COPY consumers consumers
COPY manage.py Procfile ./
RUN pip install --no-cache-dir -c constraints.txt . && useradd --system gatehouse \
    && mkdir -p /srv/var /srv/static && chown gatehouse /srv/var /srv/static
USER gatehouse
EXPOSE 8000
CMD ["python", "-m", "backend.serve", "-b", "0.0.0.0", "-p", "8000", "--proxy-headers", "backend.asgi:application"]
