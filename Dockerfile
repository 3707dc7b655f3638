# One image for web (daphne), worker and beat. The web app is built in its own stage.
FROM node:20-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./
RUN npm run build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 GATEHOUSE_VAR_DIR=/srv/var
WORKDIR /srv/app
COPY pyproject.toml constraints.txt README.md ./
COPY backend backend
COPY consumers consumers
COPY manage.py Procfile ./
COPY --from=web /web/dist frontend/dist
RUN pip install --no-cache-dir -c constraints.txt . && useradd --system gatehouse \
    && mkdir -p /srv/var /srv/static /srv/web && chown gatehouse /srv/var /srv/static /srv/web
USER gatehouse
EXPOSE 8000
# Behind nginx (TRUSTED_PROXIES names it): daphne itself believes no forwarding header.
CMD ["python", "-m", "backend.serve", "-b", "0.0.0.0", "-p", "8000", "backend.asgi:application"]
