"""``/compat/booking-service/``: the paths of reference/time-slot-rooms.md, as it writes them
(trailing slashes, but none on the cleanup hook)."""

from django.urls import URLPattern, URLResolver, path

from backend.compat.booking_service import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/register/", api.RegisterApi.as_view()),
    path("api/login/", api.LoginApi.as_view()),
    path("api/token/refresh-cookie/", api.RefreshCookieApi.as_view()),
    path("api/logout/", api.LogoutApi.as_view()),
    path("api/rooms/", api.RoomsApi.as_view()),
    path("api/bookings/", api.BookingsApi.as_view()),
    path("api/bookings/all/", api.AllBookingsApi.as_view()),
    path("api/bookings/<uuid:booking_id>/", api.BookingDetailApi.as_view()),
    path("api/payment-intent/", api.PaymentIntentApi.as_view()),
    path("api/stripe-webhook/", api.StripeWebhookApi.as_view()),
    path("api/cleanup-expired-bookings", api.CleanupApi.as_view()),
]
