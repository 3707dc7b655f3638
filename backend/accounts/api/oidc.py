"""Sign-in through an OpenID Connect provider (OIDC_PROVIDERS): the list, the start, the
callback. The start and the callback are browser navigations, so they answer with
redirects: to the provider, then to the web app (docs/oidc.md)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api.common import client_ip, set_refresh_cookie, user_agent
from backend.accounts.selectors import user_has_signed_in
from backend.accounts.services import oidc
from backend.accounts.services.sessions import session_start
from backend.core.errors import ApplicationError
from backend.core.schema import ErrorOutput

TEXT_LIMIT = 4096  # the longest code or state accepted from a provider


class PublicApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


class ProviderOutput(serializers.Serializer):
    name = serializers.CharField(help_text="Use it in /api/auth/oidc/{name}/login/.")
    # DRF takes declared fields off the class, so this does not hide Field.label.
    label = serializers.CharField(help_text="What a sign-in button says.")  # type: ignore[assignment]


class ProviderListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    providers = ProviderOutput(many=True)


class OidcProviderListApi(PublicApi):
    @extend_schema(
        summary="The OpenID Connect providers one may sign in with",
        description="Empty when OIDC_PROVIDERS configures none.",
        responses={200: ProviderListOutput},
        examples=[
            OpenApiExample(
                "Two providers",
                value={
                    "ok": True,
                    "providers": [
                        {"name": "descope", "label": "Descope"},
                        {"name": "google", "label": "Google"},
                    ],
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request: Request) -> Response:
        providers = [{"name": p.name, "label": p.label} for p in oidc.oidc_providers()]
        return Response({"ok": True, "providers": providers})


def _redirect_uri(request: Request, name: str) -> str:
    """The callback the provider sends the browser back to (register it with the provider)."""
    path = reverse("oidc-callback", kwargs={"provider": name})
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + path
    return request.build_absolute_uri(path)


def _failed(code: str) -> HttpResponseRedirect:
    """Back to the web app's sign-in page, saying what went wrong."""
    response = HttpResponseRedirect(
        f"{settings.FRONTEND_URL}/signin?{urlencode({'oidc_error': code})}"
    )
    response["Cache-Control"] = "no-store"
    return response


UNKNOWN_PROVIDER = OpenApiExample(
    "Unknown provider",
    value={
        "ok": False,
        "error": {"code": "unknown_provider", "message": "No such sign-in provider."},
    },
    response_only=True,
    status_codes=["404"],
)


class OidcLoginApi(PublicApi):
    @extend_schema(
        summary="Start signing in with an OpenID Connect provider",
        description=(
            "A browser navigation: answers 302 to the provider's authorization endpoint with "
            "state, nonce and a PKCE challenge (S256), and sets the HttpOnly cookie gh_oidc "
            "that binds the sign-in to this browser. `next` is where the web app goes once "
            "signed in: a path on this site only (anything else becomes /). A provider that "
            "cannot be reached: 302 to {FRONTEND_URL}/signin?oidc_error=provider_unavailable."
        ),
        parameters=[
            OpenApiParameter(
                "next",
                OpenApiTypes.STR,
                description="A local path, e.g. /bookings",
                examples=[OpenApiExample("Back to the bookings", value="/bookings")],
            ),
            OpenApiParameter(
                "lang",
                OpenApiTypes.STR,
                enum=["ar", "en"],
                description="The web app's language, for an account this sign-in makes (else "
                "the ID token's locale, else en).",
            ),
        ],
        responses={
            302: OpenApiResponse(description="To the provider (or back to /signin on failure)."),
            404: OpenApiResponse(ErrorOutput, description="No such provider."),
        },
        examples=[UNKNOWN_PROVIDER],
    )
    def get(self, request: Request, provider: str) -> HttpResponseRedirect:
        oidc.oidc_provider(provider)  # unknown: 404 in the error shape
        browser = oidc.browser_secret(request.COOKIES.get(oidc.BROWSER_COOKIE))
        next_path = request.query_params.get("next", "/")
        try:
            started = oidc.oidc_begin(
                name=provider,
                redirect_uri=_redirect_uri(request, provider),
                next_path=next_path,
                browser=browser,
                ip=client_ip(request),
                language=request.query_params.get("lang"),
            )
        except ApplicationError as error:
            return _failed(error.code)
        response = HttpResponseRedirect(started.url)
        response["Cache-Control"] = "no-store"
        response.set_cookie(
            oidc.BROWSER_COOKIE,
            browser,
            max_age=settings.OIDC_FLOW_TTL_SECONDS,
            path=oidc.BROWSER_COOKIE_PATH,
            httponly=True,
            samesite="Lax",  # sent on the provider's top-level redirect back to us
            secure=not settings.DEBUG,
        )
        return response


class OidcCallbackApi(PublicApi):
    @extend_schema(
        summary="The provider sends the browser back here",
        description=(
            "Register {PUBLIC_URL}/api/auth/oidc/{provider}/callback/ with the provider. "
            "Checks the state (single use, this browser's), exchanges the code with the PKCE "
            "verifier, validates the ID token (signature by the provider's keys, iss, aud, "
            "exp, nonce), finds, links or creates the user, starts a session and answers "
            "302 to {FRONTEND_URL}/signin/oidc#access=…&refresh=…&expires_in=…"
            "&first_sign_in=1|0&next=… "
            "(a fragment, never a query string; the refresh token is set as the HttpOnly "
            "cookie too). A provider name not configured: 404 unknown_provider. Any other "
            "failure: 302 to {FRONTEND_URL}/signin?oidc_error=<code>, one "
            "of invalid_state, provider_error, access_denied, "
            "provider_unavailable, exchange_failed, invalid_token, email_missing, "
            "email_in_use, account_disabled."
        ),
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, description="From the provider."),
            OpenApiParameter("state", OpenApiTypes.STR, description="From the provider."),
            OpenApiParameter("error", OpenApiTypes.STR, description="The provider refused."),
        ],
        responses={
            302: OpenApiResponse(
                description="To the web app: signed in (tokens in the fragment) or not."
            ),
            404: OpenApiResponse(ErrorOutput, description="No such provider (not a redirect)."),
        },
        examples=[UNKNOWN_PROVIDER],
    )
    def get(self, request: Request, provider: str) -> HttpResponseRedirect:
        oidc.oidc_provider(provider)  # unknown: 404 in the error shape, as for the start
        query = request.query_params
        code, state = query.get("code", ""), query.get("state", "")
        if query.get("error"):
            oidc.oidc_discard_state(state)
            return _failed(
                "access_denied" if query["error"] == "access_denied" else "provider_error"
            )
        if len(code) > TEXT_LIMIT or len(state) > TEXT_LIMIT:
            return _failed(oidc.InvalidState.code)
        try:
            done = oidc.oidc_complete(
                name=provider,
                code=code,
                state=state,
                browser=request.COOKIES.get(oidc.BROWSER_COOKIE),
            )
        except ApplicationError as error:
            return _failed(error.code)
        first = not user_has_signed_in(done.user)
        pair = session_start(
            user=done.user,
            method=oidc.SESSION_METHOD,
            user_agent=user_agent(request),
            ip=client_ip(request),
        )
        lifetime = int(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds())
        fragment = urlencode(
            {
                "access": pair.access,
                "refresh": pair.refresh,
                "expires_in": lifetime,
                "first_sign_in": int(first),
                "next": done.next,
            }
        )
        response = HttpResponseRedirect(f"{settings.FRONTEND_URL}/signin/oidc#{fragment}")
        response["Cache-Control"] = "no-store"
        set_refresh_cookie(response, pair.refresh)  # as every sign-in does
        # gh_oidc stays until it expires: another tab's sign-in may still need it.
        return response
