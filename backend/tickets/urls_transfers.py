"""Ticket transfers, under tickets/transfers/ ("transfers" is not an int, so the
tickets/<id:ticket_id>/ routes never take these paths)."""

from django.urls import path

from backend.tickets import api_transfers as api

urlpatterns = [
    path("tickets/transfers/", api.TransferListCreateApi.as_view(), name="ticket-transfers"),
    path(
        "tickets/transfers/<uuid:transfer_id>/",
        api.TransferDetailApi.as_view(),
        name="ticket-transfer",
    ),
    path(
        "tickets/transfers/<uuid:transfer_id>/accept/",
        api.TransferAcceptApi.as_view(),
        name="ticket-transfer-accept",
    ),
    path(
        "tickets/transfers/<uuid:transfer_id>/cancel/",
        api.TransferCancelApi.as_view(),
        name="ticket-transfer-cancel",
    ),
]
