from django.urls import path

from backend.tickets import api_staff

urlpatterns = [
    path("staff/comps/", api_staff.CompApi.as_view(), name="staff-comps"),
    path("tickets/resend/", api_staff.ResendApi.as_view(), name="tickets-resend"),
]
