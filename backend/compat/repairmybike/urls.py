"""``/compat/repairmybike/``: the paths of reference/repair-shop.md (both of its APIs)."""

from django.urls import URLPattern, URLResolver, path

from backend.compat.repairmybike import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/auth/register/", views.RegisterApi.as_view()),
    path("api/auth/login/", views.LoginApi.as_view()),
    path("api/auth/password-reset/", views.PasswordResetApi.as_view()),
    path("api/auth/password-reset-confirm/", views.PasswordResetConfirmApi.as_view()),
    path("api/auth/phone/request-otp/", views.RequestOtpApi.as_view()),
    path("api/auth/phone/resend-otp/", views.RequestOtpApi.as_view()),
    path("api/auth/phone/verify-otp/", views.VerifyOtpApi.as_view()),
    path("api/auth/phone/login/", views.VerifyOtpApi.as_view()),
    path("api/auth/phone/verification-status/", views.VerificationStatusApi.as_view()),
    path("api/auth/profile/", views.ProfileApi.as_view()),
    path("api/auth/sessions/", views.SessionListApi.as_view()),
    path("api/auth/sessions/<str:session_id>/revoke/", views.SessionRevokeApi.as_view()),
    path("api/auth/logout/", views.LogoutApi.as_view()),
    path("api/vehicle-types/", views.VehicleTypesApi.as_view()),
    path("api/vehicle-brands/", views.VehicleBrandsApi.as_view()),
    path("api/vehicle-models/", views.VehicleModelsApi.as_view()),
    path("api/service-categories/", views.ServiceCategoriesApi.as_view()),
    path("api/services/", views.ServicesApi.as_view()),
    path("api/service-pricing/by-vehicle/", views.PricingByVehicleApi.as_view()),
    path("api/shop-info/", views.ShopInfoApi.as_view()),
    path("api/bookings/", views.BookingsApi.as_view()),
    path("api/bookings/<str:booking_id>/", views.BookingDetailApi.as_view()),
    path("api/payments/razorpay/create-order/", views.PaymentsDisabledApi.as_view()),
    path("api/payments/razorpay/verify/", views.PaymentsDisabledApi.as_view()),
    path("api/staff/bookings/", views.StaffBookingsApi.as_view()),
    path("api/staff/bookings/stats/", views.StaffStatsApi.as_view()),
    path("api/staff/bookings/<str:booking_id>/", views.StaffBookingDetailApi.as_view()),
    path("api/staff/bookings/<str:booking_id>/update-status/", views.StaffStatusApi.as_view()),
]
