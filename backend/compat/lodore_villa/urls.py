"""``/compat/lodore-villa/``: the paths of reference/vip-villa.md, without trailing slashes."""

from django.urls import URLPattern, URLResolver, path

from backend.compat.lodore_villa import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/auth/request-otp", views.RequestOtpApi.as_view()),
    path("api/auth/verify-otp", views.VerifyOtpApi.as_view()),
    path("api/auth/token/refresh", views.TokenRefreshApi.as_view()),
    path("api/auth/me", views.MeApi.as_view()),
    path("api/calendly/webhook", views.CalendlyWebhookApi.as_view()),
]
