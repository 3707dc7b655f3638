"""Demo accounts, loaded by ``manage.py demo``: a staff member of every event, and a guest
whose paid bookings the demo makes (``backend.invoices.demo``)."""

from __future__ import annotations

import secrets

from backend.accounts.models import Role, RoleGrant, User
from backend.core.logins import login_remember

DEMO_STAFF_EMAIL = "staff@gatehouse.local"
# The demo guest signs in with this phone (its OTP code is printed on the console in the
# embedded mode); My bookings shows its paid bookings and their invoices.
DEMO_GUEST_PHONE = "+966500000100"
DEMO_GUEST_EMAIL = "guest@gatehouse.local"


def load_demo_staff() -> str:
    """A staff member of every event, to try the dashboards; its password is kept in
    var/logins.json (``manage.py logins`` shows it on every start)."""
    user = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    if user is not None:
        RoleGrant.objects.get_or_create(user=user, role=Role.STAFF, event=None)
        return f"Staff sign-in: {DEMO_STAFF_EMAIL} (`manage.py logins` shows its password)"
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        email=DEMO_STAFF_EMAIL,
        password=password,
        name="Demo Staff",
        verified_email=DEMO_STAFF_EMAIL,
    )
    RoleGrant.objects.create(user=user, role=Role.STAFF, event=None)
    login_remember("staff", email=DEMO_STAFF_EMAIL, password=password)
    return f"Staff sign-in created: {DEMO_STAFF_EMAIL} / {password} (every event)"


def demo_guest() -> User:
    """The demo guest, made once."""
    user = User.objects.filter(phone=DEMO_GUEST_PHONE).first()
    if user is None:
        user = User.objects.create_user(  # the demo's address and number count as proved
            email=DEMO_GUEST_EMAIL,
            phone=DEMO_GUEST_PHONE,
            name="Demo Guest",
            verified_email=DEMO_GUEST_EMAIL,
            verified_phone=DEMO_GUEST_PHONE,
        )
    return user


def load_demo_guest() -> str:
    demo_guest()
    return f"Guest sign-in: {DEMO_GUEST_PHONE} (the OTP code is sent by SMS, on the console here)"


LOADERS = [load_demo_staff, load_demo_guest]
