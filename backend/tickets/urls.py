from django.urls import path

from backend.tickets import api

urlpatterns = [
    path("tickets/", api.TicketListApi.as_view(), name="tickets"),
    path("tickets/<id:ticket_id>/", api.TicketDetailApi.as_view(), name="ticket"),
    path("tickets/<id:ticket_id>/qr.png", api.TicketQrPngApi.as_view(), name="ticket-qr-png"),
    path("tickets/<id:ticket_id>/qr.svg", api.TicketQrSvgApi.as_view(), name="ticket-qr-svg"),
    path("tickets/<id:ticket_id>/pdf/", api.TicketPdfApi.as_view(), name="ticket-pdf"),
]
