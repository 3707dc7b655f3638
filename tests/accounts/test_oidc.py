"""OpenID Connect sign-in, end to end against a fake provider on 127.0.0.1.

Each sign-in goes the way a browser goes: Django's test client asks to start
(``/api/auth/oidc/fake/login/``), follows the redirect to the fake's ``/authorize`` (over
HTTP, which sends it straight back with a code), and brings the code back to the callback.
The fake signs real RS256 ID tokens with keys it makes, and rotates them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.conf import settings as django_settings
from django.test import Client

from backend.accounts.models import AuthSession, ExternalIdentity, User
from backend.accounts.services.oidc import oidc_user_for, safe_next
from backend.accounts.services.oidc_config import parse_providers
from tests.factories import UserFactory
from tests.support.fake_oidc import FakeOidc, SigningKey

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APP = "https://app.example"
CALLBACK = "http://testserver/api/auth/oidc/fake/callback/"


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeOidc]:
    with FakeOidc() as fake:
        settings.OIDC_PROVIDERS = parse_providers({"fake": fake.provider_config()})
        settings.FRONTEND_URL = APP
        settings.PUBLIC_URL = ""
        settings.OIDC_HTTP_TIMEOUT_SECONDS = 2.0
        yield fake


@pytest.fixture
def browser() -> Client:
    return Client()


def start(browser: Client, next_path: str = "/bookings") -> str:
    """Start signing in; the provider's authorization URL the browser is sent to."""
    response = browser.get("/api/auth/oidc/fake/login/", {"next": next_path})
    assert response.status_code == 302, response.content
    return response["Location"]


def at_provider(authorize_url: str) -> str:
    """The browser at the provider: where it is sent back to."""
    answer = httpx.get(authorize_url, follow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def come_back(browser: Client, callback_url: str) -> Any:
    assert callback_url.startswith(CALLBACK), callback_url
    parts = urlsplit(callback_url)
    return browser.get(f"{parts.path}?{parts.query}")


def sign_in(browser: Client, next_path: str = "/bookings") -> Any:
    return come_back(browser, at_provider(start(browser, next_path)))


def signed_in(response: Any) -> dict[str, str]:
    """The fragment of a successful sign-in's redirect to the web app."""
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{APP}/signin/oidc#"), location
    assert "?" not in location.split("#")[0]  # tokens never in a query string
    return {key: values[0] for key, values in parse_qs(location.split("#", 1)[1]).items()}


def refused(response: Any) -> str:
    """The oidc_error of a failed sign-in's redirect to the web app's sign-in page."""
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{APP}/signin?"), location
    assert "access=" not in location
    return parse_qs(urlsplit(location).query)["oidc_error"][0]


def me(access: str) -> dict[str, Any]:
    response = Client().get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert response.status_code == 200, response.content
    return response.json()


# --- signing in -------------------------------------------------------------------------


def test_the_providers_are_listed_for_sign_in_buttons(fake: FakeOidc, settings: Any) -> None:
    response = Client().get("/api/auth/oidc/")
    assert response.json() == {"ok": True, "providers": [{"name": "fake", "label": "Fake ID"}]}
    settings.OIDC_PROVIDERS = {}
    assert Client().get("/api/auth/oidc/").json() == {"ok": True, "providers": []}


def test_the_start_sends_the_browser_to_the_provider_with_pkce_state_and_nonce(
    fake: FakeOidc, browser: Client
) -> None:
    url = start(browser)
    assert url.startswith(f"{fake.base_url}/authorize?")
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert query["response_type"] == "code"
    assert query["client_id"] == fake.client_id
    assert query["redirect_uri"] == CALLBACK
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 32
    assert len(query["nonce"]) >= 32
    assert "code_verifier" not in query
    cookie = browser.cookies["gh_oidc"]
    assert cookie["httponly"]
    assert cookie["path"] == "/api/auth/oidc/"


def test_a_first_sign_in_creates_the_user_and_issues_working_tokens(
    fake: FakeOidc, browser: Client
) -> None:
    tokens = signed_in(sign_in(browser, "/bookings?tab=past"))
    assert tokens["next"] == "/bookings?tab=past"
    assert int(tokens["expires_in"]) == 900
    assert tokens["first_sign_in"] == "1"  # a new user: the web app says Welcome
    profile = me(tokens["access"])
    assert profile["email"] == "layla@example.com"
    assert profile["name"] == "Layla Haddad"
    user = User.objects.get(email="layla@example.com")
    assert user.email_verified
    assert (user.first_name, user.last_name) == ("Layla", "Haddad")
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(provider="fake", subject="user-1")
    assert identity.user == user
    assert identity.email == "layla@example.com"
    assert identity.last_used_at is not None
    assert AuthSession.objects.get(user=user).method == "oidc"
    # the refresh token works like any other, and is the HttpOnly cookie as well
    assert browser.cookies["gh_refresh"].value == tokens["refresh"]
    refreshed = Client().post(
        "/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, content_type="application/json"
    )
    assert refreshed.status_code == 200
    assert me(refreshed.json()["access"])["id"] == user.pk


def test_a_new_account_takes_the_web_apps_language_else_the_tokens_locale(
    fake: FakeOidc, browser: Client
) -> None:
    answer = browser.get("/api/auth/oidc/fake/login/", {"next": "/account", "lang": "ar"})
    signed_in(come_back(browser, at_provider(answer["Location"])))
    assert User.objects.get(email="layla@example.com").language == "ar"

    fake.user = {**fake.user, "sub": "user-2", "email": "omar@example.com", "locale": "ar-SA"}
    signed_in(sign_in(Client()))
    assert User.objects.get(email="omar@example.com").language == "ar"

    fake.user = {**fake.user, "sub": "user-3", "email": "sam@example.com", "locale": "fr"}
    signed_in(sign_in(Client()))
    assert User.objects.get(email="sam@example.com").language == "en"


def test_signing_in_again_is_the_same_user_and_records_the_use(
    fake: FakeOidc, browser: Client
) -> None:
    first = me(signed_in(sign_in(browser))["access"])
    identity = ExternalIdentity.objects.get()
    used = identity.last_used_at
    time.sleep(0.01)
    fake.user["email"] = "layla.new@example.com"  # the provider's address changed
    second = signed_in(sign_in(Client()))
    assert second["first_sign_in"] == "0"  # welcomed back
    again = me(second["access"])
    assert again["id"] == first["id"]
    identity.refresh_from_db()
    assert identity.last_used_at > used
    assert identity.email == "layla.new@example.com"
    assert User.objects.count() == 1


def test_a_verified_address_links_the_existing_account(fake: FakeOidc, browser: Client) -> None:
    owner = UserFactory(
        phone="+966512345678", email="layla@example.com", verified_email="layla@example.com"
    )
    profile = me(signed_in(sign_in(browser))["access"])
    assert profile["id"] == owner.pk
    assert ExternalIdentity.objects.get().user == owner
    assert User.objects.count() == 1


def test_an_address_the_account_never_verified_is_not_linked(
    fake: FakeOidc, browser: Client
) -> None:
    UserFactory(email="layla@example.com", verified_email="")
    assert refused(sign_in(browser)) == "email_in_use"
    assert not ExternalIdentity.objects.exists()


def test_an_address_the_provider_did_not_verify_is_not_linked_but_a_new_one_is_created(
    fake: FakeOidc,
) -> None:
    UserFactory(email="layla@example.com", verified_email="layla@example.com")
    fake.user["email_verified"] = False
    assert refused(sign_in(Client())) == "email_in_use"
    fake.user.update(sub="user-2", email="omar@example.com")
    profile = me(signed_in(sign_in(Client()))["access"])
    user = User.objects.get(pk=profile["id"])
    assert user.email == "omar@example.com"
    assert not user.email_verified  # only what the provider verified counts


def test_a_provider_that_names_no_address_is_refused(fake: FakeOidc) -> None:
    del fake.user["email"]
    assert refused(sign_in(Client())) == "email_missing"
    assert not User.objects.exists()


def test_a_disabled_account_is_refused(fake: FakeOidc) -> None:
    me(signed_in(sign_in(Client()))["access"])
    User.objects.update(is_active=False)
    assert refused(sign_in(Client())) == "account_disabled"
    linked = UserFactory(
        email="omar@example.com", verified_email="omar@example.com", is_active=False
    )
    fake.user.update(sub="user-2", email="omar@example.com")
    assert refused(sign_in(Client())) == "account_disabled"
    assert not linked.identities.exists()


def test_the_provider_refusing_goes_back_to_sign_in(fake: FakeOidc, browser: Client) -> None:
    url = start(browser)
    state = parse_qs(urlsplit(url).query)["state"][0]
    response = browser.get(
        "/api/auth/oidc/fake/callback/", {"error": "access_denied", "state": state}
    )
    assert refused(response) == "access_denied"


# --- the ID token's checks --------------------------------------------------------------


def test_a_token_signed_by_another_key_is_refused(fake: FakeOidc) -> None:
    fake.sign_next_with = SigningKey("key-1")  # the provider's key id, a forger's key
    assert refused(sign_in(Client())) == "invalid_token"
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("claims", "what"),
    [
        ({"aud": "someone-else"}, "a wrong audience"),
        ({"aud": ["someone-else", "another"]}, "audiences without us"),
        ({"iss": "https://evil.example"}, "a wrong issuer"),
        ({"nonce": "not-the-nonce"}, "a wrong nonce"),
        ({"nonce": None}, "no nonce"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "an expired token"),
        ({"exp": None}, "no expiry"),
        ({"sub": None}, "no subject"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_token_with_wrong_claims_is_refused(
    fake: FakeOidc, claims: dict[str, Any], what: str
) -> None:
    fake.next_token = claims
    assert refused(sign_in(Client())) == "invalid_token", what
    assert not User.objects.exists()


def test_a_token_a_little_past_its_expiry_passes_within_the_clock_skew(fake: FakeOidc) -> None:
    fake.next_token = {"exp": int(time.time()) - 10}
    signed_in(sign_in(Client()))


def test_a_rotated_key_is_fetched_and_a_removed_key_is_refused(fake: FakeOidc) -> None:
    signed_in(sign_in(Client()))  # the keys are cached now
    old = fake.key("key-1")

    def jwks_fetches() -> int:
        return sum(1 for request in fake.requests if request.path == "/jwks")

    assert jwks_fetches() == 1
    fake.rotate()  # a new signing key; the old one is still published
    signed_in(sign_in(Client()))
    assert jwks_fetches() == 2  # the unknown kid made one fresh fetch
    signed_in(sign_in(Client()))
    assert jwks_fetches() == 2  # and the new set is cached

    fake.rotate(drop_old=True)  # the old keys are withdrawn
    signed_in(sign_in(Client()))
    assert jwks_fetches() == 3
    fake.sign_next_with = old  # a token made with a withdrawn key
    assert refused(sign_in(Client())) == "invalid_token"
    assert jwks_fetches() == 4  # looked again, once, and it is not there


def test_the_discovery_document_is_cached(fake: FakeOidc, settings: Any) -> None:
    signed_in(sign_in(Client()))
    signed_in(sign_in(Client()))
    discovery = [r for r in fake.requests if r.path == "/.well-known/openid-configuration"]
    assert len(discovery) == 1


# --- the state: once, in the browser that started ---------------------------------------


def test_a_replayed_callback_is_refused(fake: FakeOidc, browser: Client) -> None:
    callback = at_provider(start(browser))
    signed_in(come_back(browser, callback))
    assert refused(come_back(browser, callback)) == "invalid_state"
    assert AuthSession.objects.count() == 1


def test_a_used_code_with_a_fresh_state_is_refused_by_the_provider(
    fake: FakeOidc, browser: Client
) -> None:
    used = at_provider(start(browser))
    signed_in(come_back(browser, used))
    fresh = at_provider(start(browser))
    old_code = parse_qs(urlsplit(used).query)["code"][0]
    state = parse_qs(urlsplit(fresh).query)["state"][0]
    response = browser.get("/api/auth/oidc/fake/callback/", {"code": old_code, "state": state})
    assert refused(response) == "exchange_failed"
    assert AuthSession.objects.count() == 1


def test_a_callback_in_another_browser_is_refused(fake: FakeOidc, browser: Client) -> None:
    callback = at_provider(start(browser))
    assert refused(come_back(Client(), callback)) == "invalid_state"  # login CSRF
    assert refused(come_back(browser, callback)) == "invalid_state"  # and it is used up


def test_an_unknown_or_expired_state_is_refused(fake: FakeOidc, browser: Client) -> None:
    start(browser)
    response = browser.get("/api/auth/oidc/fake/callback/", {"code": "x", "state": "made-up"})
    assert refused(response) == "invalid_state"
    assert refused(browser.get("/api/auth/oidc/fake/callback/")) == "invalid_state"


def test_two_tabs_may_sign_in_at_once(fake: FakeOidc, browser: Client) -> None:
    first = at_provider(start(browser))
    second = at_provider(start(browser))
    signed_in(come_back(browser, second))
    signed_in(come_back(browser, first))


# --- providers that do not exist or do not answer ---------------------------------------


def test_an_unknown_provider_is_a_404(fake: FakeOidc) -> None:
    for path in ("/api/auth/oidc/nope/login/", "/api/auth/oidc/nope/callback/"):
        response = Client().get(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "unknown_provider"


def test_a_provider_that_is_down_sends_back_to_sign_in(fake: FakeOidc) -> None:
    fake.fail(503)
    response = Client().get("/api/auth/oidc/fake/login/")
    assert refused(response) == "provider_unavailable"
    fake.recover()

    browser = Client()
    callback = at_provider(start(browser))
    fake.stop()  # gone between the authorization and the code exchange
    assert refused(come_back(browser, callback)) == "provider_unavailable"
    assert not User.objects.exists()


def test_a_discovery_document_of_another_issuer_is_refused(fake: FakeOidc, settings: Any) -> None:
    settings.OIDC_PROVIDERS = parse_providers(
        {"fake": fake.provider_config(issuer=fake.base_url + "/tenant")}
    )
    assert refused(Client().get("/api/auth/oidc/fake/login/")) == "provider_unavailable"


# --- where the web app goes afterwards: never off the site ------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "http:/evil.example",
        "/ok\nLocation: https://evil.example",
        "/" + "a" * 600,
        "",
    ],
)
def test_next_can_only_be_a_local_path(target: str) -> None:
    assert safe_next(target) == "/"


@pytest.mark.parametrize("target", ["/", "/bookings", "/events/fest?date=2026-12-24#seats"])
def test_a_local_path_is_kept(target: str) -> None:
    assert safe_next(target) == target


def test_an_outside_next_becomes_the_home_page(fake: FakeOidc, browser: Client) -> None:
    assert signed_in(sign_in(browser, "https://evil.example/"))["next"] == "/"


# --- linking, without a browser ---------------------------------------------------------


def test_the_same_first_sign_in_twice_makes_one_user() -> None:
    claims = {"sub": "s-1", "email": "ali@example.com", "email_verified": "true", "name": "Ali"}
    first = oidc_user_for(provider="fake", claims=claims)
    second = oidc_user_for(provider="fake", claims=claims)
    assert first == second
    assert first.email_verified  # "true" as text counts (some providers send it so)
    assert ExternalIdentity.objects.count() == 1


# --- configuration ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "JSON object"),
        ({"Bad Name": {}}, "provider name"),
        ({"x": "https://id.example"}, "must be a JSON object"),
        ({"x": {"client_id": "c", "client_secret": "s"}}, "issuer is required"),
        ({"x": {"issuer": "http://id.example", "client_id": "c", "client_secret": "s"}}, "https"),
        ({"x": {"issuer": "https://id.example", "client_secret": "s"}}, "client_id"),
        ({"x": {"issuer": "https://id.example", "client_id": "c"}}, "client_secret"),
        (
            {"x": {"issuer": "https://id.example", "client_id": "c", "client_secret": "s",
                   "scopes": "email"}},
            "openid",
        ),
        (
            {"x": {"issuer": "https://id.example", "client_id": "c", "client_secret": "s",
                   "secret": "typo"}},
            "unknown keys secret",
        ),
    ],
)  # fmt: skip
def test_a_wrong_provider_configuration_is_named(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_providers(raw)


def test_a_provider_configuration_gets_defaults() -> None:
    providers = parse_providers(
        {"descope": {"issuer": "https://api.descope.com/P2abc", "client_id": "P2abc",
                     "client_secret": "s"}}
    )  # fmt: skip
    descope = providers["descope"]
    assert descope.scopes == "openid email profile"
    assert descope.label == "Descope"
    assert descope.discovery_url == (
        "https://api.descope.com/P2abc/.well-known/openid-configuration"
    )


def boot(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = "import django; django.setup(); from django.conf import settings; "
    script += "print(sorted(settings.OIDC_PROVIDERS))"
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "backend.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_providers_are_read_from_the_environment() -> None:
    google = '{"google": {"issuer": "https://accounts.google.com", "client_id": "c", '
    google += '"client_secret": "s"}}'
    assert boot({"OIDC_PROVIDERS": google}).stdout.strip() == "['google']"
    assert boot({"OIDC_PROVIDERS": ""}).stdout.strip() == "[]"  # as .env.example leaves it


def test_a_wrong_configuration_stops_the_server_at_startup() -> None:
    result = boot({"OIDC_PROVIDERS": '{"google": {"issuer": "https://accounts.google.com"}}'})
    assert result.returncode != 0
    assert "ImproperlyConfigured: OIDC_PROVIDERS: provider 'google': client_id" in result.stderr
    result = boot({"OIDC_PROVIDERS": "{not json"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: OIDC_PROVIDERS" in result.stderr


def test_the_redirect_uri_is_built_on_the_public_url(fake: FakeOidc, settings: Any) -> None:
    settings.PUBLIC_URL = "https://tickets.example.com"
    url = start(Client())
    redirect_uri = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    assert redirect_uri == "https://tickets.example.com/api/auth/oidc/fake/callback/"
    assert django_settings.PUBLIC_URL == "https://tickets.example.com"


def test_starts_are_limited_per_client_address(fake: FakeOidc, settings: Any) -> None:
    settings.OIDC_STARTS_PER_IP = 2
    start(Client())
    start(Client())
    assert refused(Client().get("/api/auth/oidc/fake/login/")) == "rate_limited"
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert start(other).startswith(fake.base_url)
