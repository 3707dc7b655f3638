"""WebhookDelivery moved from payments to webhooks in Django's state only: same table, same
rows, and its content type (with the permissions pointing to it) came along."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from backend.webhooks.models import WebhookDelivery

MOVE = ("webhooks", "0001_initial")
DROP = ("payments", "0002_move_webhookdelivery")


def test_the_table_keeps_its_name() -> None:
    assert WebhookDelivery._meta.db_table == "payments_webhookdelivery"
    assert WebhookDelivery._meta.app_label == "webhooks"


def test_the_model_is_created_in_webhooks_before_payments_lets_it_go() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    graph = loader.graph

    assert ("payments", "0001_initial") in graph.node_map[MOVE].parents  # the table exists
    assert MOVE in graph.node_map[DROP].parents
    before = graph.make_state(nodes=("payments", "0001_initial"), real_apps=set())
    both = graph.make_state(nodes=MOVE, real_apps=set())
    after = graph.make_state(nodes=[DROP, MOVE], real_apps=set())
    assert ("payments", "webhookdelivery") in before.models
    assert {("payments", "webhookdelivery"), ("webhooks", "webhookdelivery")} <= set(both.models)
    assert ("payments", "webhookdelivery") not in after.models
    moved = after.models["webhooks", "webhookdelivery"]
    assert moved.options["db_table"] == "payments_webhookdelivery"


def test_no_sql_touches_the_table() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in (MOVE, DROP):
        for operation in loader.disk_migrations[key].operations:
            if hasattr(operation, "database_operations"):
                assert operation.database_operations == [], key


@pytest.mark.django_db
def test_the_content_type_moves_with_its_id() -> None:
    migration = import_module("backend.webhooks.migrations.0001_initial")
    editor = SimpleNamespace(connection=connection)
    moved = ContentType.objects.get_for_model(WebhookDelivery)
    ContentType.objects.filter(pk=moved.pk).update(app_label="payments")  # as before the move
    ContentType.objects.clear_cache()

    migration.move_content_type(apps, editor)

    assert ContentType.objects.get(pk=moved.pk).app_label == "webhooks"
    migration.move_content_type_back(apps, editor)
    assert ContentType.objects.get(pk=moved.pk).app_label == "payments"
    migration.move_content_type(apps, editor)
    assert ContentType.objects.get(pk=moved.pk).app_label == "webhooks"


@pytest.mark.django_db
def test_the_admin_is_at_its_new_address(admin_browser: Client) -> None:
    assert admin_browser.get("/admin/webhooks/webhookdelivery/").status_code == 200
    assert admin_browser.get("/admin/payments/webhookdelivery/").status_code == 404
