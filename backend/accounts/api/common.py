"""What the accounts views share: the caller's address, token answers and the cookie."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpResponseBase
from rest_framework import serializers
from rest_framework.authentication import CSRFCheck
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.models import User
from backend.accounts.selectors import user_has_signed_in, user_roles
from backend.accounts.services.sessions import TokenPair, session_start
from backend.accounts.services.users import has_password
from backend.core.errors import Forbidden

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def client_ip(request: Request) -> str | None:
    """The caller's address: the one the trusted proxy saw (``backend.core.proxies`` puts
    it in the scope from X-Forwarded-For only when the peer is in TRUSTED_PROXIES)."""
    return request.META.get("REMOTE_ADDR") or None


def user_agent(request: Request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300]


class UserOutput(serializers.Serializer):
    id = serializers.IntegerField()
    phone = serializers.CharField(allow_null=True)
    email = serializers.EmailField(allow_null=True)
    name = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    picture = serializers.URLField(allow_null=True, help_text="Absolute URL, or null.")
    date_of_birth = serializers.DateField(allow_null=True)
    gender = serializers.CharField()
    language = serializers.CharField()
    email_verified = serializers.BooleanField(
        help_text="The address was proved by its link (only then is it used for messages "
        "and password reset)."
    )
    phone_verified = serializers.BooleanField(help_text="The phone was proved with a code.")
    has_password = serializers.BooleanField()
    identities = serializers.ListField(
        child=serializers.CharField(), help_text="OpenID Connect providers linked."
    )
    roles = serializers.ListField(child=serializers.CharField())


def picture_url(user: User, request: Request | None = None) -> str | None:
    """The picture's absolute URL (the storage's own when it gives one), or None."""
    if not user.picture:
        return None
    url = user.picture.url
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return f"{settings.FRONTEND_URL}{url}"


def user_data(user: User, request: Request | None = None) -> dict[str, Any]:
    return {
        "id": user.pk,
        "phone": user.phone,
        "email": user.email,
        "name": user.name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "picture": picture_url(user, request),
        "date_of_birth": user.date_of_birth,
        "gender": user.gender,
        "language": user.language,
        "email_verified": user.email_verified,
        "phone_verified": user.phone_verified,
        "has_password": has_password(user),
        "identities": sorted(set(user.identities.values_list("provider", flat=True))),
        "roles": user_roles(user),
    }


class TokenOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    access = serializers.CharField()
    refresh = serializers.CharField()
    access_expires_in = serializers.IntegerField(help_text="Seconds the access token lives.")
    first_sign_in = serializers.BooleanField(
        help_text=(
            "True when this sign-in opened the account's first session (a new user: the web "
            "app says Welcome, not Welcome back); false on later sign-ins and refreshes."
        )
    )
    user = UserOutput()


def token_response(pair: TokenPair, request: Request, *, first_sign_in: bool = False) -> Response:
    """Both tokens in the body, and the refresh token again as an HttpOnly cookie."""
    lifetime = settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"]
    response = Response(
        {
            "ok": True,
            "access": pair.access,
            "refresh": pair.refresh,
            "access_expires_in": int(lifetime.total_seconds()),
            "first_sign_in": first_sign_in,
            "user": user_data(pair.session.user, request),
        }
    )
    return set_refresh_cookie(response, pair.refresh)


def set_refresh_cookie(response: ResponseT, refresh: str) -> ResponseT:
    """The refresh token again as the HttpOnly cookie the web app refreshes with."""
    response.set_cookie(
        settings.REFRESH_COOKIE_NAME,
        refresh,
        max_age=int(settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"].total_seconds()),
        path=settings.REFRESH_COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    return response


def clear_refresh_cookie(response: Response) -> Response:
    response.delete_cookie(
        settings.REFRESH_COOKIE_NAME, path=settings.REFRESH_COOKIE_PATH, samesite="Lax"
    )
    return response


def refresh_token_from(request: Request, body_value: str | None) -> str | None:
    """The refresh token from the body, else from the cookie (which then needs CSRF)."""
    if body_value:
        return body_value
    cookie = request.COOKIES.get(settings.REFRESH_COOKIE_NAME)
    if cookie:
        enforce_csrf(request)
    return cookie


def enforce_csrf(request: Request) -> None:
    """Django's CSRF check (Origin, and the csrftoken cookie against X-CSRFToken)."""
    # Only the check runs: it wraps no view (which django-stubs does not foresee).
    check = CSRFCheck(lambda _: None)  # type: ignore[arg-type]
    check.process_request(request)
    reason = check.process_view(request, None, (), {})  # type: ignore[arg-type]
    if reason:
        raise Forbidden(f"CSRF check failed: {reason}. Send X-CSRFToken (GET /api/auth/csrf/).")


def request_session(request: Request, user: User, method: str) -> TokenPair:
    """A session for ``user`` started by this request (its user agent and address kept)."""
    return session_start(
        user=user, method=method, user_agent=user_agent(request), ip=client_ip(request)
    )


def signed_in_response(request: Request, user: User, method: str) -> Response:
    """Start a session for ``user`` and answer with its tokens (and whether it is the first)."""
    first = not user_has_signed_in(user)
    return token_response(request_session(request, user, method), request, first_sign_in=first)
