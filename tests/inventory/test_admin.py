"""The inventory admin: generating slots from a form, releasing holds, counters read-only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from backend.inventory.models import Hold, Resource
from backend.inventory.services.holds import ItemRequest, hold_create
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_generating_time_slots_from_the_admin(admin_browser: Client) -> None:
    event = EventFactory(
        starts_at=datetime(2030, 1, 1, tzinfo=UTC), ends_at=datetime(2031, 1, 1, tzinfo=UTC)
    )
    space = ResourceFactory(event=event, kind=Resource.Kind.SPACE, units=1)
    url = f"/admin/inventory/resource/{space.pk}/generate-slots/"

    page = admin_browser.get(url)
    done = admin_browser.post(
        url,
        {
            "first_day": "2030-03-04",
            "last_day": "2030-03-05",
            "opening": "09:00",
            "closing": "12:00",
            "minutes": "60",
            "weekdays": ["0", "1"],
        },
        follow=True,
    )

    assert page.status_code == 200
    assert done.status_code == 200
    assert space.slots.count() == 6
    assert "6 created" in done.content.decode()


def test_a_bad_range_shows_the_form_again(admin_browser: Client) -> None:
    space = ResourceFactory(kind=Resource.Kind.SPACE)

    answer = admin_browser.post(
        f"/admin/inventory/resource/{space.pk}/generate-slots/",
        {
            "first_day": "2030-03-05",
            "last_day": "2030-03-04",
            "opening": "09:00",
            "closing": "12:00",
            "minutes": "30",
            "weekdays": ["0"],
        },
    )

    assert answer.status_code == 200
    assert "comes before" in answer.content.decode()
    assert space.slots.count() == 0


def test_releasing_holds_from_the_admin(admin_browser: Client) -> None:
    slot = SlotFactory()
    hold = hold_create(
        user=UserFactory(), event=slot.resource.event, items=[ItemRequest(slot.pk, 2)]
    )

    admin_browser.post(
        "/admin/inventory/hold/", {"action": "release", "_selected_action": [str(hold.pk)]}
    )

    slot.refresh_from_db()
    assert Hold.objects.get(pk=hold.pk).status == "released"
    assert slot.held == 0


def test_slot_counters_cannot_be_edited(admin_browser: Client) -> None:
    slot = SlotFactory()

    page = admin_browser.get(f"/admin/inventory/slot/{slot.pk}/change/").content.decode()

    assert 'name="held"' not in page
    assert 'name="sold"' not in page
    assert 'name="capacity"' in page


def test_admin_lists_render(admin_browser: Client) -> None:
    SlotFactory()
    for model in ("event", "venue", "resource", "slot", "hold"):
        assert admin_browser.get(f"/admin/inventory/{model}/").status_code == 200, model
