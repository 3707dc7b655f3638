"""Ticket changes: upgrades (the holder or staff) and comps for a phone (staff)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.accounts.permissions import IsSignedInUser, IsStaff, SignedInRequest
from backend.accounts.roles import where_may
from backend.bookings.api.output import BookingOutput, booking_data
from backend.bookings.selectors import bookings_for_staff, bookings_of
from backend.core.errors import NotFound
from backend.core.fields import (
    StrictCharField,
    StrictIntegerField,
    StrictSlugField,
)
from backend.core.inputs import validated
from backend.inventory.selectors.events import event_for
from backend.inventory.services.holds import ItemRequest
from backend.tickets.api import examples
from backend.tickets.models import Ticket
from backend.tickets.services.comps import comp_tickets
from backend.tickets.services.upgrades import (
    STAFF_PAYMENTS,
    staff_ticket_upgrade,
    ticket_upgrade_start,
)


class CompItemInput(serializers.Serializer):
    slot = StrictIntegerField(min_value=1)
    quantity = StrictIntegerField(min_value=1, max_value=100, default=1)


class CompInput(serializers.Serializer):
    event = StrictSlugField()
    phone = StrictCharField(max_length=32)
    name = StrictCharField(max_length=150, required=False, allow_blank=True, default="")
    # many=True hands max_length to the ListSerializer; drf-stubs leaves it out
    items = CompItemInput(many=True, allow_empty=False, max_length=50)  # type: ignore[call-arg]
    details = serializers.JSONField(required=False)


class CompApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Complimentary tickets for a phone",
        description=(
            "Takes the places like any booking (409 `sold_out` when they are gone) and "
            "confirms them at zero; the phone's owner finds the tickets after signing in."
        ),
        request=CompInput,
        responses={201: BookingOutput, 409: OpenApiResponse(description="sold_out")},
        examples=examples.COMP,
    )  # fmt: skip
    def post(self, request: SignedInRequest) -> Response:
        data = validated(CompInput, request.data)
        event = event_for(request.user, data["event"])
        booking = comp_tickets(
            actor=request.user,
            event=event,
            phone=data["phone"],
            name=data["name"],
            items=[ItemRequest(i["slot"], i["quantity"]) for i in data["items"]],
            details=data.get("details"),
        )
        fresh = bookings_for_staff(request.user).get(pk=booking.pk)
        return Response(booking_data(fresh), status=201)


class UpgradeInput(serializers.Serializer):
    slot = StrictIntegerField(min_value=1)


class TicketUpgradeApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Upgrade my ticket to a better ticket type or seat",
        description=(
            "Holds the new place and answers with an upgrade booking whose amount is the "
            "difference in price: pay it with `POST /api/bookings/{id}/pay/`. When it is "
            "paid the old place is freed and the ticket moves, with a new QR code (the old "
            "one is void). A free upgrade is confirmed at once. 409 `not_upgradable`, "
            "`sold_out`."
        ),
        request=UpgradeInput,
        responses={201: BookingOutput, 409: OpenApiResponse(description="not_upgradable")},
        examples=examples.TICKET_UPGRADE,
    )  # fmt: skip
    def post(self, request: SignedInRequest, ticket_id: int) -> Response:
        data = validated(UpgradeInput, request.data)
        booking = ticket_upgrade_start(ticket_id=ticket_id, user=request.user, slot_id=data["slot"])
        return Response(booking_data(bookings_of(request.user).get(pk=booking.pk)), status=201)


class StaffUpgradeInput(serializers.Serializer):
    slot = StrictIntegerField(min_value=1, help_text="The better ticket type or seat.")
    payment = serializers.ChoiceField(
        choices=list(STAFF_PAYMENTS),
        default="guest",
        help_text="cash: taken at the desk; comp: free; guest: the holder pays it online.",
    )


class StaffTicketUpgradeApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Upgrade a guest's ticket (staff of its event)",
        operation_id="staff_tickets_upgrade",
        description=(
            "The desk's upgrade, through the same service as the holder's: the new place is "
            "held for the ticket's holder and an upgrade booking made for the difference. "
            "`cash` confirms it at once with a cash payment, `comp` confirms it free, and "
            "`guest` leaves it for the holder to pay (`POST /api/bookings/{id}/pay/`). When "
            "it is confirmed the ticket moves, with a new QR code. Audited. 404 for a ticket "
            "of an event you do not staff; 409 `not_upgradable`, `sold_out`."
        ),
        request=StaffUpgradeInput,
        responses={
            201: BookingOutput,
            404: OpenApiResponse(description="No such ticket in your events."),
            409: OpenApiResponse(description="not_upgradable, sold_out"),
        },
        examples=examples.STAFF_TICKET_UPGRADE,
    )  # fmt: skip
    def post(self, request: Request, ticket_id: int) -> Response:
        data = validated(StaffUpgradeInput, request.data)
        ticket = Ticket.objects.filter(where_may(request.user, Role.STAFF), pk=ticket_id).first()
        if ticket is None:
            raise NotFound("No ticket with this id in your events.")
        booking = staff_ticket_upgrade(
            ticket_id=ticket.pk, slot_id=data["slot"], actor=request.user, payment=data["payment"]
        )
        fresh = bookings_for_staff(request.user).get(pk=booking.pk)
        return Response(booking_data(fresh), status=201)
