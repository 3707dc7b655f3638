"""``/compat/dandeli/``: the paths of reference/resort-stays.md, with their trailing slashes."""

from django.urls import URLPattern, URLResolver, path

from backend.compat.dandeli import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/auth/otp/request/", api.OtpRequestApi.as_view()),
    path("api/auth/otp/verify/", api.OtpVerifyApi.as_view()),
    path("api/auth/profile/update/", api.ProfileUpdateApi.as_view()),
    path("api/rooms/search/", api.RoomSearchApi.as_view()),
    path("api/booking/select-rooms/", api.SelectRoomsApi.as_view()),
    path("api/booking/add-guests/", api.AddGuestsApi.as_view()),
    path("api/booking/initiate-payment/", api.InitiatePaymentApi.as_view()),
    path("api/booking/payment-callback/", api.PaymentCallbackApi.as_view()),
]
