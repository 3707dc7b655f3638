"""Gatehouse: the Django project. The Celery app loads with it so tasks find their broker."""

from backend.celery import app as celery_app

__all__ = ["celery_app"]
