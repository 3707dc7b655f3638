"""The Celery app. Configured from the CELERY_* settings; beat runs backend.periodic's jobs.

In the embedded mode (no broker) tasks run in process and the same periodic jobs run on a
timer inside the serving process instead of in beat.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

app = Celery("gatehouse")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _schedule_periodic_jobs(sender: Celery, **kwargs: object) -> None:
    from backend.periodic import beat_schedule

    sender.conf.beat_schedule = beat_schedule()
