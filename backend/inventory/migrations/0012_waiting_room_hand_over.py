"""``inventory_hold_take`` hands a request of the rush route (by slug) back to the full path
when the event's waiting room is active (``waiting_room``): Django checks the queue pass.
The same function as migration 0010 otherwise, so the route keeps its one statement."""

import importlib

from django.db import migrations

from backend.core.migration_ops import PostgresSQL

_before = importlib.import_module("backend.inventory.migrations.0010_hold_take_function")
_ALLOWLIST = """        IF ev.allowlist_only THEN
            RETURN jsonb_build_object('outcome', 'allowlist');
        END IF;
"""
_ROOM = """        IF EXISTS (SELECT 1 FROM inventory_waitingroom w
                   WHERE w.event_id = ev.id AND w.active) THEN
            RETURN jsonb_build_object('outcome', 'waiting_room');
        END IF;
"""
assert _ALLOWLIST in _before.CREATE
CREATE = _before.CREATE.replace(_ALLOWLIST, _ALLOWLIST + _ROOM)


class Migration(migrations.Migration):
    dependencies = [("inventory", "0011_waiting_room")]

    operations = [PostgresSQL(CREATE, _before.CREATE)]
