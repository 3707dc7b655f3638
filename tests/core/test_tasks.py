"""enqueue: a task sent after commit whose failure is logged, never raised into the request."""

from __future__ import annotations

from typing import Any

import pytest
from celery import shared_task

from backend.core.tasks import enqueue


@shared_task(name="tests.explodes")
def explodes() -> None:
    raise OSError("the broker is away")


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_logged_not_raised(caplog: Any) -> None:
    from django.db import transaction

    with transaction.atomic():
        enqueue(explodes.name)

    assert "enqueue(tests.explodes)" in caplog.text
    assert "the broker is away" in caplog.text
