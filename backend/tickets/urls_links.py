"""A booking's tickets through a signed link, under tickets/links/ ("links" is not an id, so
the tickets/<id:ticket_id>/ routes never take these paths)."""

from django.urls import path

from backend.tickets import api_links as api

urlpatterns = [
    path("tickets/links/<str:token>/", api.TicketLinkApi.as_view(), name="ticket-link"),
    path(
        "tickets/links/<str:token>/<id:ticket_id>/qr.png",
        api.TicketLinkQrPngApi.as_view(),
        name="ticket-link-qr-png",
    ),
    path(
        "tickets/links/<str:token>/<id:ticket_id>/qr.svg",
        api.TicketLinkQrSvgApi.as_view(),
        name="ticket-link-qr-svg",
    ),
]
