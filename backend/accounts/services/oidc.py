"""OpenID Connect sign-in: the authorization code flow with PKCE, and who signs in.

:func:`oidc_begin` starts a sign-in: a random ``state``, ``nonce`` and PKCE verifier are kept
server-side in the cache (``OIDC_FLOW_TTL_SECONDS``), bound to the browser that started it
(a random value in an HttpOnly cookie, of which only the hash is kept), and the browser is
sent to the provider. :func:`oidc_complete` takes the provider's answer back: the state is
used up (a replayed callback finds nothing), the browser must be the one that started it,
the code is exchanged with the verifier and the ID token is checked
(``backend.accounts.services.oidc_client``); then :func:`oidc_user_for` says who that is:

1. the user already linked to this provider's ``sub`` (an :class:`ExternalIdentity`);
2. else, when the provider says the address is verified (``email_verified`` true), the
   account whose e-mail is that address and verified: the identity is linked to it;
3. else a new account with that e-mail (verified only if the provider says so) and the name
   of the claims.

An address some account already uses, but that cannot be linked (the provider did not
verify it, or the account never did), is refused with ``email_in_use``: linking it would
hand the account to whoever registered the address first. A deactivated account is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from backend.accounts.models import AuthSession, ExternalIdentity, User, normalize_email
from backend.accounts.services import oidc_client
from backend.accounts.services.oidc_config import OidcProvider
from backend.core import ratelimit
from backend.core.errors import ApplicationError, NotFound
from backend.core.ratelimit import Limit, address_key

logger = logging.getLogger(__name__)

SESSION_METHOD = AuthSession.Method.OIDC  # the method of a session started here
BROWSER_COOKIE = "gh_oidc"  # binds a started sign-in to the browser that started it
BROWSER_COOKIE_PATH = "/api/auth/oidc/"
NEXT_MAX_LENGTH = 512


class UnknownProvider(NotFound):
    code, message = "unknown_provider", "No such sign-in provider."


class InvalidState(ApplicationError):
    status, code, message = 400, "invalid_state", "This sign-in expired or was already used."


class ProviderError(ApplicationError):
    status, code, message = 400, "provider_error", "The provider did not sign you in."


class EmailMissing(ApplicationError):
    status, code, message = 400, "email_missing", "The provider did not tell us your e-mail."


class EmailInUse(ApplicationError):
    status, code, message = (
        409,
        "email_in_use",
        "An account already uses this e-mail. Sign in to it and verify the address first.",
    )


class AccountDisabled(ApplicationError):
    status, code, message = 403, "account_disabled", "This account is disabled."


def oidc_providers() -> list[OidcProvider]:
    return list(settings.OIDC_PROVIDERS.values())


def oidc_provider(name: str) -> OidcProvider:
    provider = settings.OIDC_PROVIDERS.get(name)
    if provider is None:
        raise UnknownProvider()
    return provider


def safe_next(value: object) -> str:
    """``value`` if it is a path on this site (``/bookings?x=1``), else ``/``: never another
    host, a scheme, a protocol-relative ``//host`` or a backslash trick."""
    if not isinstance(value, str) or not value or len(value) > NEXT_MAX_LENGTH:
        return "/"
    if not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    if "\\" in value or any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return "/"
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=set(), require_https=False):
        return "/"
    return value


def browser_secret(current: str | None) -> str:
    """The browser's binding value: the one its cookie holds (several tabs may sign in at
    once), or a new one."""
    if current and 32 <= len(current) <= 64 and current.isalnum():
        return current
    return secrets.token_hex(16)


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _flow_key(state: str) -> str:
    return f"oidc:flow:{_hash(state)}"


@dataclass(frozen=True)
class Started:
    url: str  # the provider's authorization endpoint, with every parameter


LANGUAGES = ("ar", "en")


def oidc_begin(
    *,
    name: str,
    redirect_uri: str,
    next_path: str,
    browser: str,
    ip: str | None = None,
    language: str | None = None,
) -> Started:
    """Start a sign-in with provider ``name``; the answer says where to send the browser.
    ``language``: the web app's, for an account this sign-in makes (else the token's
    ``locale``, else English).
    Each start keeps a few hundred bytes in the cache until it expires: a client address may
    start ``OIDC_STARTS_PER_IP`` within ``OIDC_FLOW_TTL_SECONDS`` (RateLimited beyond)."""
    provider = oidc_provider(name)
    window = settings.OIDC_FLOW_TTL_SECONDS
    ratelimit.check((Limit("oidc-start-ip", settings.OIDC_STARTS_PER_IP, window), address_key(ip)))
    metadata = oidc_client.provider_metadata(provider)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    url = oidc_client.authorization_url(
        provider,
        metadata,
        redirect_uri=redirect_uri,
        state=state,
        nonce=nonce,
        code_verifier=verifier,
    )
    flow = {
        "provider": provider.name,
        "nonce": nonce,
        "verifier": verifier,
        "redirect_uri": redirect_uri,
        "next": safe_next(next_path),
        "browser": _hash(browser),
        "language": language if language in LANGUAGES else "",
    }
    cache.set(_flow_key(state), flow, timeout=settings.OIDC_FLOW_TTL_SECONDS)
    return Started(url)


def _take_flow(state: str) -> dict[str, Any] | None:
    """The sign-in ``state`` started, used up: of two callbacks with it only one gets it."""
    key = _flow_key(state)
    flow = cache.get(key)
    if not isinstance(flow, dict) or not cache.delete(key):
        return None
    return flow


@dataclass(frozen=True)
class Completed:
    user: User
    next: str


def oidc_complete(*, name: str, code: str, state: str, browser: str | None) -> Completed:
    """Finish a sign-in: the provider sent the browser back with ``code`` and ``state``."""
    provider = oidc_provider(name)
    flow = _take_flow(state) if state else None
    if (
        flow is None
        or flow.get("provider") != provider.name
        or not browser
        or not hmac.compare_digest(str(flow.get("browser")), _hash(browser))
    ):
        raise InvalidState()
    if not code:
        raise ProviderError()
    metadata = oidc_client.provider_metadata(provider)
    token = oidc_client.exchange_code(
        provider,
        metadata,
        code=code,
        redirect_uri=flow["redirect_uri"],
        code_verifier=flow["verifier"],
    )
    claims = oidc_client.id_token_claims(provider, metadata, token=token, nonce=flow["nonce"])
    user = oidc_user_for(provider=provider.name, claims=claims, language=flow.get("language"))
    return Completed(user, flow["next"])


# --- who signs in -----------------------------------------------------------------------


def _claimed_email(claims: Mapping[str, Any]) -> tuple[str | None, bool]:
    """The claims' e-mail (normalized, None if absent or not an address) and whether the
    provider verified it."""
    email = claims.get("email")
    email = normalize_email(email) if isinstance(email, str) else None
    if email:
        try:
            validate_email(email)
        except DjangoValidationError:
            email = None
    if email and len(email) > 254:
        email = None
    verified = claims.get("email_verified") in (True, "true")  # some providers send text
    return email, bool(email) and verified


def _text_claim(claims: Mapping[str, Any], name: str, limit: int) -> str:
    value = claims.get(name)
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def _names(claims: Mapping[str, Any]) -> dict[str, str]:
    first = _text_claim(claims, "given_name", 75)
    last = _text_claim(claims, "family_name", 75)
    name = _text_claim(claims, "name", 150) or " ".join(filter(None, [first, last]))
    return {"name": name, "first_name": first, "last_name": last}


def _usable(user: User) -> User:
    if not user.is_active:
        raise AccountDisabled()
    return user


def _touch(identity: ExternalIdentity, email: str | None) -> None:
    identity.last_used_at = timezone.now()
    identity.email = email or identity.email
    identity.save(update_fields=["last_used_at", "email"])


def oidc_user_for(*, provider: str, claims: Mapping[str, Any], language: str | None = None) -> User:
    """The user the ID token's claims stand for (linked or created, see the module)."""
    try:
        with transaction.atomic():
            return _user_for(provider, claims, language)
    except (IntegrityError, DjangoValidationError):
        # The same person's first sign-in twice at once: the other one linked it.
        with transaction.atomic():
            return _user_for(provider, claims, language)


def _language(claims: Mapping[str, Any], chosen: str | None) -> str:
    """A new account's language: the web app's at sign-in, else the token's ``locale``."""
    if chosen in LANGUAGES:
        return str(chosen)
    locale = str(claims.get("locale") or "")[:2].lower()
    return locale if locale in LANGUAGES else "en"


def _user_for(provider: str, claims: Mapping[str, Any], language: str | None = None) -> User:
    subject = str(claims["sub"])
    email, verified = _claimed_email(claims)
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    if identity is not None:
        _touch(identity, email)
        return _usable(identity.user)
    if not email:
        raise EmailMissing()
    holder = User.objects.filter(email=email).first()
    if holder is not None:
        if not (verified and holder.email_verified):
            raise EmailInUse()
        _usable(holder)
        user, created = holder, False
    else:
        user = User.objects.create_user(
            email=email,
            verified_email=email if verified else "",
            language=_language(claims, language),
            **_names(claims),
        )
        created = True
    ExternalIdentity.objects.create(
        user=user, provider=provider, subject=subject, email=email, last_used_at=timezone.now()
    )
    logger.info(
        "OIDC %s: identity %s %s user %s",
        provider,
        subject,
        "created" if created else "linked to",
        user.pk,
    )
    return user


def oidc_discard_state(state: str) -> None:
    """The provider answered with an error: the sign-in it started cannot be finished."""
    if state and len(state) <= 4096:
        cache.delete(_flow_key(state))
