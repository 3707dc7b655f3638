"""Ticket transfers for their two people: offer a ticket to a phone, list my offers (sent
and received), accept one made to my phone, cancel one I made. See ``transfers``.

An offer is visible only to its sender and to the account whose phone it names; anyone
else gets 404 for it, as for an id that does not exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.phones import phone_masked
from backend.core.errors import NotFound
from backend.core.fields import IdField, StrictCharField
from backend.core.inputs import validated
from backend.core.pagination import PageInput, PageOutput, paginate
from backend.tickets.api import examples
from backend.tickets.api.tickets import owned_ticket
from backend.tickets.models import TicketTransfer
from backend.tickets.services.transfers import (
    transfer_accept,
    transfer_cancel,
    transfer_offer,
    transfers_for,
)

if TYPE_CHECKING:
    from uuid import UUID

    from backend.accounts.models import User


class TransferInput(serializers.Serializer):
    ticket = IdField(help_text="One of my tickets.")
    phone = StrictCharField(max_length=32, help_text="The receiver's phone, in any usual form.")
    name = StrictCharField(
        max_length=150,
        required=False,
        allow_blank=True,
        help_text="The new holder's name; by default the receiver's account name.",
    )


class TransferOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=TicketTransfer.Status.choices)
    direction = serializers.ChoiceField(
        choices=["sent", "received"], help_text="Whether I made this offer or received it."
    )
    ticket = serializers.IntegerField()
    event = serializers.SlugField()
    event_name = serializers.CharField()
    # DRF takes declared fields off the class: this does not hide Field.label.
    label = serializers.CharField(help_text="What the ticket admits.")  # type: ignore[assignment]
    starts_at = serializers.DateTimeField()
    phone = serializers.CharField(help_text="The receiver's phone (E.164).")
    name = serializers.CharField(help_text="The new holder's name, if the sender gave one.")
    sender_name = serializers.CharField(help_text="The sender's name, if they gave one.")
    sender_phone = serializers.CharField(
        help_text="The sender's phone, masked to its country code and last three digits."
    )
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True, help_text="Accepted or cancelled.")


class TransferPageOutput(PageOutput):
    results = TransferOutput(many=True)


NOT_VISIBLE = OpenApiResponse(description="not_found: no offer of yours, or to your phone.")


def transfer_data(transfer: TicketTransfer, user: User) -> dict[str, Any]:
    ticket = transfer.ticket
    return {
        "ok": True,
        "id": str(transfer.pk),
        "status": transfer.effective_status(),
        "direction": "sent" if transfer.sender_id == user.pk else "received",
        "ticket": ticket.pk,
        "event": ticket.event.slug,
        "event_name": ticket.event.name,
        "label": ticket.label,
        "starts_at": ticket.slot.starts_at,
        "phone": transfer.phone,
        "name": transfer.name,
        "sender_name": transfer.sender.name,
        "sender_phone": phone_masked(transfer.sender.phone) if transfer.sender.phone else "",
        "created_at": transfer.created_at,
        "expires_at": transfer.expires_at,
        "decided_at": transfer.decided_at,
    }


def visible_transfer(request: SignedInRequest, transfer_id: UUID | str) -> TicketTransfer:
    transfer = transfers_for(request.user).filter(pk=transfer_id).first()
    if transfer is None:
        raise NotFound("There is no offer of yours, or to your phone, with this id.")
    return transfer


def rendered(request: SignedInRequest, transfer_id: UUID | str) -> dict[str, Any]:
    return transfer_data(visible_transfer(request, transfer_id), request.user)


class TransferListCreateApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Offer one of my tickets to a phone",
        operation_id="ticket_transfers_create",
        description=(
            "The person with this phone accepts it after signing in; the ticket is then "
            "issued to them again and the QR code I have stops working (it scans `void`). "
            "The offer is open for 48 hours and I can cancel it until it is accepted. Only a "
            "valid ticket not yet used at a gate: 409 `ticket_not_transferable`; one open "
            "offer per ticket: 409 `transfer_pending`; 400 `validation_error` for a phone "
            "that is not one, 400 `transfer_to_self` for my own; 404 for a ticket I do not "
            "hold."
        ),
        request=TransferInput,
        responses={
            201: TransferOutput,
            400: OpenApiResponse(description="validation_error, transfer_to_self"),
            404: OpenApiResponse(description="not_found: you hold no ticket with this id."),
            409: OpenApiResponse(description="transfer_pending, ticket_not_transferable"),
        },
        examples=examples.TRANSFER_CREATE,
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(TransferInput, request.data)
        ticket = owned_ticket(request, data["ticket"])
        transfer = transfer_offer(
            ticket=ticket, user=request.user, phone=data["phone"], name=data.get("name", "")
        )
        return Response(rendered(request, transfer.pk), status=201)

    @extend_schema(
        summary="My ticket transfers",
        operation_id="ticket_transfers_list",
        description=(
            "Offers I made (`direction: sent`) and offers made to my account's phone "
            "(`received`), newest first. `status`: `pending`, `accepted`, `cancelled`, or "
            "`expired` (a pending offer past `expires_at`)."
        ),
        parameters=[PageInput],
        responses={200: TransferPageOutput},
        examples=examples.TRANSFER_LIST,
    )
    def get(self, request: SignedInRequest) -> Response:
        query = validated(PageInput, request.query_params)
        page = paginate(transfers_for(request.user), **query)
        return Response(
            {
                "ok": True,
                **page.meta(),
                "results": [transfer_data(t, request.user) for t in page.items],
            }
        )


class TransferDetailApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="One ticket transfer",
        operation_id="ticket_transfers_retrieve",
        responses={200: TransferOutput, 404: NOT_VISIBLE},
        examples=examples.TRANSFER_DETAIL,
    )
    def get(self, request: SignedInRequest, transfer_id: str) -> Response:
        return Response(rendered(request, transfer_id))


class TransferAcceptApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Accept a ticket offered to my phone",
        operation_id="ticket_transfers_accept",
        description=(
            "The ticket becomes mine, in my name (or the name the sender gave) and phone, "
            "with a new `version`: fetch it from `/api/tickets/{ticket}/` for its new QR "
            "code; the sender's code scans `void`. 404 for an offer not made to my phone; "
            "403 for the sender; 409 `transfer_not_pending` once accepted or cancelled; 410 "
            "`transfer_expired`; 409 `ticket_not_transferable` if the ticket was refunded "
            "or used meanwhile."
        ),
        request=None,
        responses={
            200: TransferOutput,
            403: OpenApiResponse(description="forbidden: the sender cannot accept it."),
            404: NOT_VISIBLE,
            409: OpenApiResponse(description="transfer_not_pending, ticket_not_transferable"),
            410: OpenApiResponse(description="transfer_expired"),
        },
        examples=examples.TRANSFER_ACCEPT,
    )
    def post(self, request: SignedInRequest, transfer_id: str) -> Response:
        transfer = visible_transfer(request, transfer_id)
        transfer_accept(transfer=transfer, user=request.user)
        return Response(rendered(request, transfer_id))


class TransferCancelApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Cancel a ticket offer I made",
        operation_id="ticket_transfers_cancel",
        description=(
            "Only the sender, while the offer is pending; cancelling it again changes "
            "nothing. 403 for the receiver; 409 `transfer_not_pending` once accepted; 410 "
            "`transfer_expired`."
        ),
        request=None,
        responses={
            200: TransferOutput,
            403: OpenApiResponse(description="forbidden: only the sender cancels."),
            404: NOT_VISIBLE,
            409: OpenApiResponse(description="transfer_not_pending"),
            410: OpenApiResponse(description="transfer_expired"),
        },
        examples=examples.TRANSFER_CANCEL,
    )
    def post(self, request: SignedInRequest, transfer_id: str) -> Response:
        transfer = visible_transfer(request, transfer_id)
        transfer_cancel(transfer=transfer, user=request.user)
        return Response(rendered(request, transfer_id))
