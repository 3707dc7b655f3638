"""Who may do what, and on which event: the one predicate every check goes through.

A role is granted to a user for one event or for every event (``RoleGrant.event`` empty).
A grant on one event never reaches another. Roles imply lesser ones on the same event:
an admin of an event is its staff, and staff may do what its scanners do. A Django
superuser holds every role on every event; every signed-in person is a guest.

- :func:`may` answers one question: may this user act as ``role`` on this event?
- :func:`where_may` is the same rule as a query filter, for lists ("the bookings of the
  events I staff") without a query per row.
- :func:`require` raises ``Forbidden`` when :func:`may` says no.

Scanning stations (devices) are not users: they are bound to gates, and the check-in app
checks those bindings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from backend.accounts.models import Role, RoleGrant, User
from backend.core.errors import Forbidden

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event

# The grants that give each role (on the grant's event, or on every event).
GRANTED_BY: dict[str, tuple[str, ...]] = {
    Role.VENDOR: (Role.VENDOR,),
    Role.SCANNER: (Role.SCANNER, Role.STAFF, Role.ADMIN),
    Role.STAFF: (Role.STAFF, Role.ADMIN),
    Role.ADMIN: (Role.ADMIN,),
}
EVERY_EVENT = None  # ``may(user, role, EVERY_EVENT)``: the role on every event at once


def _person(user: Principal | None) -> User | None:
    """The active account behind ``user``, or None (anonymous, a device, switched off)."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def _event_id(event: Event | int | None) -> int | None:
    return event if event is None or isinstance(event, int) else event.pk


def _grants(user: User, role: str) -> QuerySet[RoleGrant]:
    return RoleGrant.objects.filter(user=user, role__in=GRANTED_BY[role])


def may(user: Principal | None, role: str, event: Event | int | None) -> bool:
    """Whether ``user`` holds ``role`` on ``event`` (an Event or its id).

    ``event`` :data:`EVERY_EVENT` asks for the role on every event at once (creating a
    station that serves every event, say): only a grant for every event gives that.
    """
    person = _person(user)
    if person is None:
        return False
    if person.is_superuser or role == Role.GUEST:
        return True
    event_id = _event_id(event)
    grants = _grants(person, role)
    if event_id is None:
        return grants.filter(event__isnull=True).exists()
    return grants.filter(Q(event__isnull=True) | Q(event_id=event_id)).exists()


def may_somewhere(user: Principal | None, role: str) -> bool:
    """Whether ``user`` holds ``role`` on at least one event (the door to staff pages;
    each object behind it is checked against its own event)."""
    person = _person(user)
    if person is None:
        return False
    return person.is_superuser or role == Role.GUEST or _grants(person, role).exists()


def where_may(user: Principal | None, role: str, *, field: str = "event") -> Q:
    """A filter for rows whose ``field`` (an event) is one ``user`` holds ``role`` on."""
    person = _person(user)
    if person is None:
        return Q(pk__in=[])
    if person.is_superuser or role == Role.GUEST:
        return Q()
    grants = _grants(person, role)
    if grants.filter(event__isnull=True).exists():
        return Q()
    return Q(**{f"{field}__in": grants.values("event_id")})


def require(
    user: Principal | None, role: str, event: Event | int | None, message: str | None = None
) -> None:
    """Raise ``Forbidden`` unless :func:`may`."""
    if not may(user, role, event):
        raise Forbidden(message or f"You are not {role} of this event.")
