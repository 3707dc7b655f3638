from django.urls import path

from backend.accounts.api import (
    api_keys,
    audit,
    auth,
    devices,
    oidc,
    passwords,
    phone,
    profile,
    registration,
)

urlpatterns = [
    path("auth/otp/request/", auth.OtpRequestApi.as_view(), name="otp-request"),
    path("auth/otp/verify/", auth.OtpVerifyApi.as_view(), name="otp-verify"),
    path("auth/login/", auth.LoginApi.as_view(), name="login"),
    path("auth/token/refresh/", auth.TokenRefreshApi.as_view(), name="token-refresh"),
    path("auth/logout/", auth.LogoutApi.as_view(), name="logout"),
    path("auth/csrf/", auth.CsrfApi.as_view(), name="csrf"),
    path("auth/oidc/", oidc.OidcProviderListApi.as_view(), name="oidc-providers"),
    path("auth/oidc/<str:provider>/login/", oidc.OidcLoginApi.as_view(), name="oidc-login"),
    path(
        "auth/oidc/<str:provider>/callback/",
        oidc.OidcCallbackApi.as_view(),
        name="oidc-callback",
    ),
    path("auth/me/", profile.MeApi.as_view(), name="me"),
    path("auth/register/", registration.RegisterApi.as_view(), name="register"),
    path("auth/email/verify/", registration.EmailVerifyApi.as_view(), name="email-verify"),
    path(
        "auth/email/verify/resend/",
        registration.EmailVerifyResendApi.as_view(),
        name="email-verify-resend",
    ),
    path("auth/phone/", phone.PhoneApi.as_view(), name="phone"),
    path("auth/phone/verify/", phone.PhoneVerifyApi.as_view(), name="phone-verify"),
    path("auth/me/picture/", profile.MePictureApi.as_view(), name="me-picture"),
    path(
        "auth/sessions/revoke-others/",
        profile.SessionRevokeOthersApi.as_view(),
        name="sessions-revoke-others",
    ),
    path("auth/sessions/", profile.SessionListApi.as_view(), name="sessions"),
    path(
        "auth/sessions/<uuid:session_id>/revoke/",
        profile.SessionRevokeApi.as_view(),
        name="session-revoke",
    ),
    path("auth/password/change/", passwords.PasswordChangeApi.as_view(), name="password-change"),
    path("auth/password/reset/", passwords.PasswordResetApi.as_view(), name="password-reset"),
    path(
        "auth/password/reset/confirm/",
        passwords.PasswordResetConfirmApi.as_view(),
        name="password-reset-confirm",
    ),
    path("devices/me/", devices.DeviceMeApi.as_view(), name="device-me"),
    path("staff/devices/", devices.DeviceListApi.as_view(), name="staff-devices"),
    path("staff/api-keys/", api_keys.ApiKeyListApi.as_view(), name="staff-api-keys"),
    path(
        "staff/api-keys/<id:key_id>/revoke/",
        api_keys.ApiKeyRevokeApi.as_view(),
        name="staff-api-key-revoke",
    ),
    path(
        "staff/devices/<id:device_id>/revoke/",
        devices.DeviceRevokeApi.as_view(),
        name="staff-device-revoke",
    ),
    path("staff/audit/", audit.AuditLogApi.as_view(), name="staff-audit"),
]
