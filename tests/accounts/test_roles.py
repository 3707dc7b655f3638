"""The one predicate: ``may(user, role, event)``. A grant names one event or every event,
and a grant on one event never reaches another."""

from __future__ import annotations

import pytest

from backend.accounts.models import Role, RoleGrant, User
from backend.accounts.roles import EVERY_EVENT, may, may_somewhere, where_may
from backend.accounts.selectors import user_roles
from backend.inventory.models import Event
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def granted(role: str, event: Event | None) -> User:
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=role, event=event)
    return user


def test_a_superuser_holds_every_role_everywhere() -> None:
    root = User.objects.create_superuser("root@example.com", "pw")

    assert user_roles(root) == ["guest", "vendor", "scanner", "staff", "admin"]
    for role in (Role.VENDOR, Role.SCANNER, Role.STAFF, Role.ADMIN):
        assert may(root, role, EventFactory())
        assert may(root, role, EVERY_EVENT)


def test_staff_of_one_event_are_not_staff_of_another() -> None:
    mine, other = EventFactory(), EventFactory()
    staff = StaffFactory(grant__event=mine)

    assert may(staff, Role.STAFF, mine)
    assert may(staff, Role.STAFF, mine.pk)  # an id works as well
    assert not may(staff, Role.STAFF, other)
    assert not may(staff, Role.STAFF, EVERY_EVENT)
    assert may_somewhere(staff, Role.STAFF)


def test_an_admin_of_one_event_is_admin_and_staff_of_that_event_only() -> None:
    mine, other = EventFactory(), EventFactory()
    admin = granted(Role.ADMIN, mine)

    assert may(admin, Role.ADMIN, mine)
    assert may(admin, Role.STAFF, mine)
    assert may(admin, Role.SCANNER, mine)
    assert not may(admin, Role.ADMIN, other)
    assert not may(admin, Role.STAFF, other)
    assert not may(admin, Role.STAFF, EVERY_EVENT)
    assert set(Event.objects.filter(where_may(admin, Role.STAFF, field="pk"))) == {mine}


def test_a_grant_for_every_event_reaches_each_event() -> None:
    first, second = EventFactory(), EventFactory()
    staff = StaffFactory()  # no event: every event

    assert may(staff, Role.STAFF, first)
    assert may(staff, Role.STAFF, second)
    assert may(staff, Role.STAFF, EVERY_EVENT)
    assert not may(staff, Role.ADMIN, first)
    assert set(Event.objects.filter(where_may(staff, Role.STAFF, field="pk"))) == {first, second}


def test_staff_may_scan_but_scanners_are_not_staff() -> None:
    event = EventFactory()
    scanner = granted(Role.SCANNER, event)
    staff = StaffFactory(grant__event=event)

    assert may(staff, Role.SCANNER, event)
    assert may(scanner, Role.SCANNER, event)
    assert not may(scanner, Role.STAFF, event)
    assert not may_somewhere(scanner, Role.STAFF)


def test_a_vendor_is_only_a_vendor() -> None:
    event = EventFactory()
    vendor = granted(Role.VENDOR, event)

    assert may(vendor, Role.VENDOR, event)
    assert not may(vendor, Role.SCANNER, event)
    assert not may(vendor, Role.STAFF, event)


def test_guests_anonymous_and_switched_off_accounts_hold_nothing() -> None:
    from django.contrib.auth.models import AnonymousUser

    event = EventFactory()
    guest = UserFactory()
    switched_off = StaffFactory(grant__event=event)
    switched_off.is_active = False
    switched_off.save()

    assert user_roles(guest) == ["guest"]
    assert may(guest, Role.GUEST, event)
    assert not may(guest, Role.STAFF, event)
    assert not may(AnonymousUser(), Role.GUEST, event)
    assert not may(None, Role.STAFF, event)
    assert not may(switched_off, Role.STAFF, event)
    assert not Event.objects.filter(where_may(switched_off, Role.STAFF, field="pk")).exists()
