from django.urls import path

from backend.notifications import api

urlpatterns = [
    path("tickets/resend/", api.ResendApi.as_view(), name="tickets-resend"),
    path(
        "staff/bookings/<uuid:booking_id>/messages/",
        api.StaffBookingMessagesApi.as_view(),
        name="staff-booking-messages",
    ),
]
