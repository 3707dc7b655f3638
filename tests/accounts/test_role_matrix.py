"""Who may do what, on which event: every staff operation of the OpenAPI schema, for every
kind of caller, on their event and on another one, checked against what actually changed.

The world has two festivals, A and B, each with a paid booking (two tickets), a booking
waiting for payment, a gate and a scanning station. Callers: a superuser, staff of every
event, the admin of A, staff of A, a scanner of A, a vendor of A, a guest and nobody. A grant
on A must never reach B: refused operations change nothing anywhere, and allowed ones
change only the event they name.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from PIL import Image
from rest_framework.test import APIClient

from backend.accounts.models import Role, RoleGrant, ScannerDevice, User
from backend.accounts.permissions import IsStaff
from backend.accounts.services.api_keys import api_key_create
from backend.accounts.services.devices import device_create
from backend.bookings.models import Booking
from backend.checkin.models import Gate, Scan
from backend.content.models import (
    ContactMessage,
    ContentImage,
    EventContent,
    Performance,
    Sponsor,
    Stage,
)
from backend.core.models import AuditEntry
from backend.inventory.models import Event, Slot
from backend.payments.models import Payment
from backend.tickets import codes
from backend.tickets.models import Ticket
from backend.vendors.models import Booth, Vendor
from tests.factories import (
    EventFactory,
    ResourceFactory,
    ServiceFactory,
    SlotFactory,
    StaffFactory,
    UserFactory,
    VehicleModelFactory,
)
from tests.support.bookings import Shop, client_of, mark_paid

pytestmark = pytest.mark.django_db

ACTORS = (
    "superuser",
    "all_staff",
    "admin_a",
    "staff_a",
    "scanner_a",
    "vendor_a",
    "guest",
    "nobody",
)
EVERYWHERE = {"superuser", "all_staff"}
OF_A = {"admin_a", "staff_a"}


@dataclass
class Side:
    """One event and the things the operations touch."""

    event: Event
    ga: Slot
    vip: Slot
    paid: Booking
    pending: Booking
    gate: Gate
    device: ScannerDevice
    booker: User
    service: int  # a catalog service the paid booking's vehicle may take
    applicant: int  # a vendor's pending application
    vendor: int  # an approved vendor without a booth
    free_booth: int
    taken_booth: int  # with another approved vendor in it
    content: Content  # the event's page, its stages, sponsor, set and a message
    api_key: int  # a staff API key of the event

    @property
    def ticket(self) -> Ticket:
        return self.paid.tickets.order_by("id").first()

    def qr(self) -> str:
        ticket = self.ticket
        return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def side(slug: str) -> Side:
    event = EventFactory(slug=slug)
    ga = SlotFactory(resource=ResourceFactory(event=event, name="GA", price="150.00"))
    vip = SlotFactory(resource=ResourceFactory(event=event, name="VIP", price="400.00", units=5))
    shop = Shop(event, ga)
    booker = UserFactory()
    paid = mark_paid(booking=shop.book(booker, 2))
    pending = shop.book(UserFactory())
    gate = Gate.objects.create(event=event, name=f"{slug} gate")
    device, _token = device_create(label=f"{slug} lane", event=event)
    # The paid booking names a vehicle of this event's catalog, so a service can be added.
    model = VehicleModelFactory(brand__vehicle_type__event=event)
    service = ServiceFactory(category__event=event, base_price="99.00")
    Booking.objects.filter(pk=paid.pk).update(details={"vehicle_model": model.pk})
    paid.refresh_from_db()
    applicant, vendor, stallholder = (
        Vendor.objects.create(event=event, user=UserFactory(), name=name, category="food",
                              contact_email="v@example.com", status=status)
        for name, status in (("Applicant", "pending"), ("Vendor", "approved"),
                             ("Holder", "approved"))
    )  # fmt: skip
    free = Booth.objects.create(event=event, code="A-01", zone="Food")
    taken = Booth.objects.create(event=event, code="A-02", zone="Food", vendor=stallholder)
    keeper = UserFactory(is_superuser=True)
    api_key, _key = api_key_create(
        label=f"{slug} tablet", user=keeper, event=event, created_by=keeper
    )
    return Side(event, ga, vip, paid, pending, gate, device, booker, service.pk, applicant.pk,
                vendor.pk, free.pk, taken.pk, content_of(event), api_key.pk)  # fmt: skip


@dataclass
class Content:
    image: int
    stage: int  # with a set on it
    empty_stage: int
    sponsor: int
    performance: int
    message: int


def content_of(event: Event) -> Content:
    page = EventContent.objects.create(event=event, tagline="Two nights")
    page.map_image.save("map.png", ContentFile(PNG), save=True)
    image = ContentImage.objects.create(content=page, alt="The beach")
    image.image.save("beach.png", ContentFile(PNG), save=True)
    stage = Stage.objects.create(event=event, name="Main", x=50, y=20)
    empty = Stage.objects.create(event=event, name="Palm", x=20, y=40)
    start = event.starts_at
    performance = Performance.objects.create(
        stage=stage, title="Echoes", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    sponsor = Sponsor.objects.create(event=event, name="Oasis Water", tier="gold")
    message = ContactMessage.objects.create(event=event, name="Sara", email="s@example.com",
                                            message="Is there parking?")  # fmt: skip
    return Content(image.pk, stage.pk, empty.pk, sponsor.pk, performance.pk, message.pk)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "orange").save(out, "PNG")
    return out.getvalue()


PNG = _png()  # an uploaded picture


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("picture.png", PNG, content_type="image/png")


def actor(name: str, a: Event) -> User | None:
    if name == "nobody":
        return None
    if name == "superuser":
        return User.objects.create_superuser("root@example.com", "pw")
    if name == "all_staff":
        return StaffFactory()
    if name == "guest":
        return UserFactory()
    role = {"admin_a": Role.ADMIN, "staff_a": Role.STAFF, "scanner_a": Role.SCANNER}.get(
        name, Role.VENDOR
    )
    user = UserFactory(email=f"{name}@example.com")
    RoleGrant.objects.create(user=user, role=role, event=a)
    return user


def fingerprint(event: Event) -> dict[str, Any]:
    """What an operation could change about one event."""
    return {
        "bookings": sorted(
            (str(b.pk), b.status, str(b.amount), str(b.refunded_amount))
            for b in Booking.objects.filter(event=event)
        ),
        "payments": sorted(
            (str(p.pk), p.status) for p in Payment.objects.filter(booking__event=event)
        ),
        "tickets": sorted(
            (t.pk, t.status, t.version, t.slot_id, t.admitted_at is not None)
            for t in Ticket.objects.filter(event=event)
        ),
        "slots": sorted(
            Slot.objects.filter(resource__event=event).values_list("pk", "sold", "held")
        ),
        "devices": sorted(
            (d.pk, d.revoked_at is None, tuple(sorted(g.pk for g in d.gates.all())))
            for d in ScannerDevice.objects.filter(event=event)
        ),
        "scans": Scan.objects.filter(gate__event=event).count(),
        "vendors": sorted(Vendor.objects.filter(event=event).values_list("pk", "status")),
        "booths": sorted(Booth.objects.filter(event=event).values_list("pk", "vendor")),
        "page": list(EventContent.objects.filter(event=event).values_list("tagline", "map_image")),
        "pictures": sorted(ContentImage.objects.filter(content__event=event).values_list("pk")),
        "stages": sorted(Stage.objects.filter(event=event).values_list("pk", "name", "x")),
        "sponsors": sorted(Sponsor.objects.filter(event=event).values_list("pk", "name")),
        "sets": sorted(
            Performance.objects.filter(stage__event=event).values_list(
                "pk", "title", "starts_at", "status"
            )
        ),
        "messages": sorted(
            ContactMessage.objects.filter(event=event).values_list("pk", "handled_at")
        ),
        "audit": AuditEntry.objects.filter(event_id=event.pk).count(),
    }


def staff_only(allowed: int, other: int) -> Callable[[str, str], int]:
    """Staff operations: staff of every event anywhere, staff and admins of A on A only
    (``other`` on B: 403 for a named event, 404 for an object), everyone else 403."""

    def expect(who: str, on: str) -> int:
        if who == "nobody":
            return 401
        if who in EVERYWHERE or (who in OF_A and on == "A"):
            return allowed
        return other if who in OF_A else 403

    return expect


def scanning(allowed: int) -> Callable[[str, str], int]:
    """Scanning: scanners of the event too; anyone else signed in is refused (403)."""

    def expect(who: str, on: str) -> int:
        if who == "nobody":
            return 401
        if who in EVERYWHERE or (who in (*OF_A, "scanner_a") and on == "A"):
            return allowed
        return 403

    return expect


def by_staff_or_owner(allowed: int, otherwise: int) -> Callable[[str, str], int]:
    """A guest's own thing, or staff of its event; anyone else ``otherwise``."""

    def expect(who: str, on: str) -> int:
        if who == "nobody":
            return 401
        if who in EVERYWHERE or (who in OF_A and on == "A"):
            return allowed
        return otherwise

    return expect


def staff_search(who: str, on: str) -> int:
    """Staff of any event may search; they find only their own events' rows."""
    if who == "nobody":
        return 401
    return 200 if who in EVERYWHERE | OF_A else 403


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as the OpenAPI schema names it
    call: Callable[[APIClient, Side], Any]
    expect: Callable[[str, str], int]
    writes: bool


def appointments(s: Side) -> Side:
    """The side's event taking appointments (a no-show is recorded for those, not where
    gates count who came)."""
    Event.objects.filter(pk=s.event.pk).update(kind=Event.Kind.SERVICE)
    return s


def booking_path(s: Side, suffix: str = "", booking: str = "paid") -> str:
    return f"/api/staff/bookings/{getattr(s, booking).pk}/{suffix}"


OPERATIONS = [
    Operation("GET", "/api/staff/bookings/",
              lambda c, s: c.get(f"/api/staff/bookings/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("GET", "/api/staff/bookings/{booking_id}/",
              lambda c, s: c.get(booking_path(s)), staff_only(200, 404), writes=False),
    Operation("GET", "/api/staff/bookings/{booking_id}/messages/",
              lambda c, s: c.get(booking_path(s, "messages/")), staff_only(200, 404),
              writes=False),
    Operation("PATCH", "/api/staff/bookings/{booking_id}/status/",
              lambda c, s: c.patch(booking_path(s, "status/"), {"status": "in_progress"},
                                   format="json"),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/bookings/{booking_id}/cancel/",
              lambda c, s: c.post(booking_path(s, "cancel/"), {"refund": True}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/bookings/{booking_id}/mark-paid/",
              lambda c, s: c.post(booking_path(s, "mark-paid/", "pending")),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/bookings/{booking_id}/no-show/",
              lambda c, s: c.post(booking_path(appointments(s), "no-show/")),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/bookings/{booking_id}/services/",
              lambda c, s: c.post(booking_path(s, "services/"), {"service": s.service},
                                  format="json"),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/bookings/{booking_id}/comp/",
              lambda c, s: c.post(booking_path(s, "comp/", "pending")),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/stats/",
              lambda c, s: c.get(f"/api/staff/stats/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("GET", "/api/staff/dashboard/",
              lambda c, s: c.get(f"/api/staff/dashboard/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    # The export is audited: an allowed one writes its audit row, a refused one nothing.
    Operation("GET", "/api/staff/bookings/export.csv",
              lambda c, s: c.get(f"/api/staff/bookings/export.csv?event={s.event.slug}"),
              staff_only(200, 403), writes=True),
    Operation("POST", "/api/staff/comps/",
              lambda c, s: c.post("/api/staff/comps/", {
                  "event": s.event.slug, "phone": "+966500000321",
                  "items": [{"slot": s.ga.pk, "quantity": 1}]}, format="json"),
              staff_only(201, 403), writes=True),
    Operation("GET", "/api/staff/devices/",
              lambda c, s: c.get("/api/staff/devices/"), staff_only(200, 200), writes=False),
    Operation("POST", "/api/staff/devices/",
              lambda c, s: c.post("/api/staff/devices/", {"label": "New lane",
                                                          "event": s.event.slug}, format="json"),
              staff_only(201, 403), writes=True),
    Operation("POST", "/api/staff/devices/{device_id}/revoke/",
              lambda c, s: c.post(f"/api/staff/devices/{s.device.pk}/revoke/"),
              staff_only(200, 404), writes=True),
    Operation("PUT", "/api/staff/devices/{device_id}/gates/",
              lambda c, s: c.put(f"/api/staff/devices/{s.device.pk}/gates/",
                                 {"gates": [s.gate.pk]}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/api-keys/",
              lambda c, s: c.get("/api/staff/api-keys/"), staff_only(200, 200), writes=False),
    Operation("POST", "/api/staff/api-keys/",
              lambda c, s: c.post("/api/staff/api-keys/", {"label": "Desk",
                                                           "event": s.event.slug}, format="json"),
              staff_only(201, 403), writes=True),
    Operation("POST", "/api/staff/api-keys/{key_id}/revoke/",
              lambda c, s: c.post(f"/api/staff/api-keys/{s.api_key}/revoke/"),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/events/{slug}/waiting-room/",
              lambda c, s: c.get(f"/api/staff/events/{s.event.slug}/waiting-room/"),
              staff_only(200, 403), writes=False),
    Operation("PATCH", "/api/staff/events/{slug}/waiting-room/",
              lambda c, s: c.patch(f"/api/staff/events/{s.event.slug}/waiting-room/",
                                   {"mode": "on"}, format="json"),
              staff_only(200, 403), writes=True),
    Operation("GET", "/api/staff/waitlist/",
              lambda c, s: c.get(f"/api/staff/waitlist/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("GET", "/api/scan/logs/",
              lambda c, s: c.get(f"/api/scan/logs/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("GET", "/api/scan/stats/",
              lambda c, s: c.get(f"/api/scan/stats/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("GET", "/api/staff/audit/",
              lambda c, s: c.get(f"/api/staff/audit/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("POST", "/api/staff/tickets/{ticket_id}/upgrade/",
              lambda c, s: c.post(f"/api/staff/tickets/{s.ticket.pk}/upgrade/",
                                  {"slot": s.vip.pk, "payment": "comp"}, format="json"),
              staff_only(201, 404), writes=True),
    Operation("GET", "/api/staff/vendors/",
              lambda c, s: c.get(f"/api/staff/vendors/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("POST", "/api/staff/vendors/{vendor_id}/approve/",
              lambda c, s: c.post(f"/api/staff/vendors/{s.applicant}/approve/"),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/vendors/{vendor_id}/reject/",
              lambda c, s: c.post(f"/api/staff/vendors/{s.applicant}/reject/",
                                  {"reason": "Full."}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/vendors/{vendor_id}/revoke/",
              lambda c, s: c.post(f"/api/staff/vendors/{s.vendor}/revoke/",
                                  {"reason": "Gone."}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/booths/",
              lambda c, s: c.get(f"/api/staff/booths/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("POST", "/api/staff/booths/{booth_id}/assign/",
              lambda c, s: c.post(f"/api/staff/booths/{s.free_booth}/assign/",
                                  {"vendor": s.vendor}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/booths/{booth_id}/unassign/",
              lambda c, s: c.post(f"/api/staff/booths/{s.taken_booth}/unassign/"),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/content/",
              lambda c, s: c.get(f"/api/staff/content/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("PATCH", "/api/staff/content/",
              lambda c, s: c.patch(f"/api/staff/content/?event={s.event.slug}",
                                   {"tagline": "Three nights"}, format="json"),
              staff_only(200, 403), writes=True),
    Operation("POST", "/api/staff/content/images/",
              lambda c, s: c.post(f"/api/staff/content/images/?event={s.event.slug}",
                                  {"image": upload(), "alt": "The stage"}, format="multipart"),
              staff_only(201, 403), writes=True),
    Operation("DELETE", "/api/staff/content/images/{image_id}/",
              lambda c, s: c.delete(f"/api/staff/content/images/{s.content.image}/"),
              staff_only(200, 404), writes=True),
    Operation("PUT", "/api/staff/content/map/",
              lambda c, s: c.put(f"/api/staff/content/map/?event={s.event.slug}",
                                 {"image": upload()}, format="multipart"),
              staff_only(200, 403), writes=True),
    Operation("DELETE", "/api/staff/content/map/",
              lambda c, s: c.delete(f"/api/staff/content/map/?event={s.event.slug}"),
              staff_only(200, 403), writes=True),
    Operation("GET", "/api/staff/stages/",
              lambda c, s: c.get(f"/api/staff/stages/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("POST", "/api/staff/stages/",
              lambda c, s: c.post(f"/api/staff/stages/?event={s.event.slug}",
                                  {"name": "Sea", "x": 80, "y": 40}, format="json"),
              staff_only(201, 403), writes=True),
    Operation("PATCH", "/api/staff/stages/{stage_id}/",
              lambda c, s: c.patch(f"/api/staff/stages/{s.content.stage}/", {"x": 55},
                                   format="json"),
              staff_only(200, 404), writes=True),
    Operation("DELETE", "/api/staff/stages/{stage_id}/",
              lambda c, s: c.delete(f"/api/staff/stages/{s.content.empty_stage}/"),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/sponsors/",
              lambda c, s: c.get(f"/api/staff/sponsors/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("POST", "/api/staff/sponsors/",
              lambda c, s: c.post(f"/api/staff/sponsors/?event={s.event.slug}",
                                  {"name": "Dune Coffee", "tier": "silver"}, format="json"),
              staff_only(201, 403), writes=True),
    Operation("PATCH", "/api/staff/sponsors/{sponsor_id}/",
              lambda c, s: c.patch(f"/api/staff/sponsors/{s.content.sponsor}/",
                                   {"name": "Oasis"}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("DELETE", "/api/staff/sponsors/{sponsor_id}/",
              lambda c, s: c.delete(f"/api/staff/sponsors/{s.content.sponsor}/"),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/schedule/",
              lambda c, s: c.get(f"/api/staff/schedule/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("POST", "/api/staff/schedule/",
              lambda c, s: c.post(f"/api/staff/schedule/?event={s.event.slug}", {
                  "stage": s.content.stage, "title": "Waves",
                  "starts_at": (s.event.starts_at + timedelta(hours=2)).isoformat(),
                  "ends_at": (s.event.starts_at + timedelta(hours=3)).isoformat()},
                  format="json"),
              staff_only(201, 403), writes=True),
    Operation("PATCH", "/api/staff/schedule/{performance_id}/",
              lambda c, s: c.patch(f"/api/staff/schedule/{s.content.performance}/",
                                   {"title": "Echoes (acoustic)"}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("DELETE", "/api/staff/schedule/{performance_id}/",
              lambda c, s: c.delete(f"/api/staff/schedule/{s.content.performance}/"),
              staff_only(200, 404), writes=True),
    Operation("POST", "/api/staff/schedule/{performance_id}/delay/",
              lambda c, s: c.post(f"/api/staff/schedule/{s.content.performance}/delay/",
                                  {"minutes": 15}, format="json"),
              staff_only(200, 404), writes=True),
    Operation("GET", "/api/staff/messages/",
              lambda c, s: c.get(f"/api/staff/messages/?event={s.event.slug}"),
              staff_only(200, 403), writes=False),
    Operation("POST", "/api/staff/messages/{message_id}/handled/",
              lambda c, s: c.post(f"/api/staff/messages/{s.content.message}/handled/"),
              staff_only(200, 404), writes=True),
    # Operations for staff and others alike, where staff rights must stay in their event.
    Operation("GET", "/api/bookings/lookup/",
              lambda c, s: c.get(f"/api/bookings/lookup/?phone={s.booker.phone}"),
              staff_search, writes=False),
    Operation("POST", "/api/tickets/resend/",
              lambda c, s: c.post("/api/tickets/resend/", {"booking": str(s.paid.pk)},
                                  format="json"),
              by_staff_or_owner(202, 404), writes=True),
    Operation("GET", "/api/events/{slug}/gates/",
              lambda c, s: c.get(f"/api/events/{s.event.slug}/gates/"), scanning(200),
              writes=False),
    Operation("POST", "/api/scan/validate/",
              lambda c, s: c.post("/api/scan/validate/", {"qr": s.qr(), "gate": s.gate.pk},
                                  format="json"),
              scanning(200), writes=False),
    Operation("POST", "/api/scan/commit/",
              lambda c, s: c.post("/api/scan/commit/", {"qr": s.qr(), "gate": s.gate.pk},
                                  format="json"),
              scanning(200), writes=True),
    Operation("GET", "/api/scan/gates/{gate_id}/offline-bundle/",
              lambda c, s: c.get(f"/api/scan/gates/{s.gate.pk}/offline-bundle/"), scanning(200),
              writes=False),
    Operation("POST", "/api/scan/sync/",
              lambda c, s: c.post("/api/scan/sync/", {"gate": s.gate.pk, "scans": [
                  {"qr": s.qr(), "scanned_at": timezone.now().isoformat(), "request_id": "x1"}
              ]}, format="json"),
              scanning(200), writes=True),
]  # fmt: skip


def test_every_staff_operation_of_the_schema_is_in_the_matrix() -> None:
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    guarded = {
        (method, path)
        for path, _regex, method, view in generator._get_paths_and_endpoints()
        if IsStaff in view.permission_classes
        or any(p.__name__ == "IsStation" for p in view.permission_classes)
    }
    covered = {(op.method, op.path) for op in OPERATIONS}

    assert guarded, "no staff operation found in the schema"
    assert guarded <= covered, sorted(guarded - covered)


def _client(user: User | None) -> APIClient:
    return client_of(user) if user is not None else APIClient()


def _body(response: Any) -> Any:
    """The JSON answer; a CSV export's rows as a list of the events its references belong to."""
    if response.get("Content-Type", "").startswith("text/csv"):
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        references = {line.split(",", 1)[0] for line in text.splitlines()[1:]}
        assert references, "the export held no booking"
        return [
            {"event": booking.event.slug}
            for booking in Booking.objects.select_related("event")
            if booking.reference in references
        ]
    return response.json()


def _visible_events(body: Any) -> set[str]:
    """The events a list answer shows (bookings, devices, audit entries carry one)."""
    rows = (
        body
        if isinstance(body, list)
        else body.get("results") or body.get("devices") or body.get("api_keys") or []
    )
    return {row["event"] for row in rows if isinstance(row, dict) and row.get("event")}


@pytest.mark.parametrize("on", ["A", "B"])
@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method} {op.path}")
def test_the_role_matrix(operation: Operation, who: str, on: str) -> None:
    sides = {"A": side("fest-a"), "B": side("fest-b")}
    caller = _client(actor(who, sides["A"].event))
    before = {name: fingerprint(s.event) for name, s in sides.items()}

    response = operation.call(caller, sides[on])

    expected = operation.expect(who, on)
    body = _body(response)
    assert response.status_code == expected, (who, on, body)
    after = {name: fingerprint(s.event) for name, s in sides.items()}
    other = "B" if on == "A" else "A"
    assert after[other] == before[other], "an operation on one event changed another"
    succeeded = expected < 400
    if succeeded and operation.writes:
        assert after[on] != before[on], "an allowed change changed nothing"
    else:
        assert after[on] == before[on], "a refused or read-only operation changed something"
    if not succeeded:
        assert body["ok"] is False
        assert set(body["error"]) >= {"code", "message"}
    elif who not in EVERYWHERE:
        assert _visible_events(body) <= {"fest-a"}, "another event's data was shown"
