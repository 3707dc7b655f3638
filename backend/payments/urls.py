from django.urls import path

from backend.payments import api

app_name = "payments"

urlpatterns = [
    path("bookings/<uuid:booking_id>/pay/", api.PayApi.as_view(), name="pay"),
    path("payments/providers/", api.PaymentProvidersApi.as_view(), name="providers"),
    path("payments/razorpay/verify/", api.RazorpayVerifyApi.as_view(), name="razorpay-verify"),
    path("payments/test/<uuid:payment_id>/", api.test_payment_page, name="test-page"),
]
