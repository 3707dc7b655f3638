"""The tickets API. The tickets/links/ and tickets/transfers/ routes come first: "links" and
"transfers" are not ids, so the tickets/<id:ticket_id>/ routes never take those paths."""

from django.urls import path

from backend.tickets.api import booking_changes, changes, links, tickets, transfers

urlpatterns = [
    # A guest's own booking: what the policy allows, cancel, move (``booking_changes``)
    path(
        "bookings/<uuid:booking_id>/changes/",
        booking_changes.BookingChangesApi.as_view(),
        name="booking-changes",
    ),
    path(
        "bookings/<uuid:booking_id>/cancel/",
        booking_changes.BookingGuestCancelApi.as_view(),
        name="booking-cancel",
    ),
    path(
        "bookings/<uuid:booking_id>/reschedule/",
        booking_changes.BookingRescheduleApi.as_view(),
        name="booking-reschedule",
    ),
    path("tickets/", tickets.TicketListApi.as_view(), name="tickets"),
    # Transfers
    path("tickets/transfers/", transfers.TransferListCreateApi.as_view(), name="ticket-transfers"),
    path(
        "tickets/transfers/<uuid:transfer_id>/",
        transfers.TransferDetailApi.as_view(),
        name="ticket-transfer",
    ),
    path(
        "tickets/transfers/<uuid:transfer_id>/accept/",
        transfers.TransferAcceptApi.as_view(),
        name="ticket-transfer-accept",
    ),
    path(
        "tickets/transfers/<uuid:transfer_id>/cancel/",
        transfers.TransferCancelApi.as_view(),
        name="ticket-transfer-cancel",
    ),
    # Signed links to a booking's tickets (the tickets SMS)
    path("tickets/links/<str:token>/", links.TicketLinkApi.as_view(), name="ticket-link"),
    path(
        "tickets/links/<str:token>/<id:ticket_id>/qr.png",
        links.TicketLinkQrPngApi.as_view(),
        name="ticket-link-qr-png",
    ),
    path(
        "tickets/links/<str:token>/<id:ticket_id>/qr.svg",
        links.TicketLinkQrSvgApi.as_view(),
        name="ticket-link-qr-svg",
    ),
    # Changes: upgrades, comps
    path("staff/comps/", changes.CompApi.as_view(), name="staff-comps"),
    path(
        "tickets/<id:ticket_id>/upgrade/",
        changes.TicketUpgradeApi.as_view(),
        name="ticket-upgrade",
    ),
    path(
        "staff/tickets/<id:ticket_id>/upgrade/",
        changes.StaffTicketUpgradeApi.as_view(),
        name="staff-ticket-upgrade",
    ),
    # One ticket
    path("tickets/<id:ticket_id>/", tickets.TicketDetailApi.as_view(), name="ticket"),
    path("tickets/<id:ticket_id>/qr.png", tickets.TicketQrPngApi.as_view(), name="ticket-qr-png"),
    path("tickets/<id:ticket_id>/qr.svg", tickets.TicketQrSvgApi.as_view(), name="ticket-qr-svg"),
    path("tickets/<id:ticket_id>/pdf/", tickets.TicketPdfApi.as_view(), name="ticket-pdf"),
]
