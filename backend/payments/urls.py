from django.urls import path

from backend.payments.api import pay, staff

app_name = "payments"

urlpatterns = [
    path("bookings/<uuid:booking_id>/pay/", pay.PayApi.as_view(), name="pay"),
    path(
        "bookings/<uuid:booking_id>/payment/", pay.PaymentStateApi.as_view(), name="payment-state"
    ),
    path("payments/providers/", pay.PaymentProvidersApi.as_view(), name="providers"),
    path("payments/razorpay/verify/", pay.RazorpayVerifyApi.as_view(), name="razorpay-verify"),
    path("payments/test/<uuid:payment_id>/", pay.test_payment_page, name="test-page"),
    path(
        "staff/bookings/<uuid:booking_id>/cancel/",
        staff.StaffBookingCancelApi.as_view(),
        name="staff-booking-cancel",
    ),
    path(
        "staff/bookings/<uuid:booking_id>/mark-paid/",
        staff.StaffMarkPaidApi.as_view(),
        name="staff-booking-mark-paid",
    ),
    path(
        "staff/bookings/<uuid:booking_id>/comp/",
        staff.StaffCompApi.as_view(),
        name="staff-booking-comp",
    ),
]
