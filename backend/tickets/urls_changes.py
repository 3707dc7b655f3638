from django.urls import path

from backend.tickets import api_changes

urlpatterns = [
    path("staff/comps/", api_changes.CompApi.as_view(), name="staff-comps"),
    path("tickets/resend/", api_changes.ResendApi.as_view(), name="tickets-resend"),
    path(
        "tickets/<id:ticket_id>/upgrade/",
        api_changes.TicketUpgradeApi.as_view(),
        name="ticket-upgrade",
    ),
    path(
        "staff/tickets/<id:ticket_id>/upgrade/",
        api_changes.StaffTicketUpgradeApi.as_view(),
        name="staff-ticket-upgrade",
    ),
]
