"""Talking to an OpenID Connect provider, with authlib: discovery, keys, the authorization
URL with PKCE, the code exchange and the ID token's checks.

No JWT is checked by hand here. authlib's ``OAuth2Session`` makes the authorization URL
(``code_challenge_method=S256``) and exchanges the code (with the verifier and the client's
secret); the ID token's signature is checked by joserfc (authlib's JOSE library, which
``authlib.jose`` now hands over to) against the provider's key set, and its claims by
authlib's ``CodeIDToken`` (``iss``, ``aud``, ``exp``, ``iat``, ``nonce``, ``azp``,
``at_hash``).

The discovery document and the key set are cached for ``OIDC_DISCOVERY_TTL_SECONDS``; a
token whose ``kid`` is not in the cached set makes one fresh fetch of the keys (the provider
rotated them), and is refused if its key is still not there.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from authlib.common.errors import AuthlibBaseError  # type: ignore[import-untyped]
from authlib.integrations.requests_client import OAuth2Session  # type: ignore[import-untyped]
from authlib.oidc.core import CodeIDToken  # type: ignore[import-untyped]
from django.conf import settings
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from backend.accounts.services.oidc_config import OidcProvider
from backend.core.errors import ApplicationError

logger = logging.getLogger(__name__)

# Signatures with a provider's public keys only: never "none", never a shared secret.
ASYMMETRIC_ALGORITHMS = (
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
)  # fmt: skip
REQUIRED_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderUnavailable(ApplicationError):
    status, code, message = 503, "provider_unavailable", "The sign-in provider did not answer."


class CodeExchangeFailed(ApplicationError):
    status, code, message = 400, "exchange_failed", "The provider refused the sign-in code."


class IdTokenRejected(ApplicationError):
    status, code, message = 400, "invalid_token", "The provider's ID token is not valid."


def _cache_key(kind: str, provider: OidcProvider) -> str:
    # The issuer is in the key: changing a provider's configuration starts afresh.
    digest = hashlib.sha256(provider.issuer.encode()).hexdigest()[:16]
    return f"oidc:{kind}:{provider.name}:{digest}"


def _session(provider: OidcProvider, **kwargs: Any) -> OAuth2Session:
    return OAuth2Session(
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        scope=provider.scopes,
        code_challenge_method="S256",
        default_timeout=settings.OIDC_HTTP_TIMEOUT_SECONDS,
        **kwargs,
    )


def _get_json(provider: OidcProvider, url: str, what: str) -> dict[str, Any]:
    try:
        with _session(provider) as session:
            response = session.get(url, withhold_token=True, allow_redirects=False)
            response.raise_for_status()
            body = response.json()
    except (OSError, ValueError) as error:  # requests' errors are OSErrors; bad JSON
        logger.warning("OIDC %s: %s of %s failed: %s", provider.name, what, url, error)
        raise ProviderUnavailable() from None
    if not isinstance(body, dict):
        logger.warning("OIDC %s: %s of %s is not a JSON object", provider.name, what, url)
        raise ProviderUnavailable()
    return body


def provider_metadata(provider: OidcProvider) -> dict[str, Any]:
    """The provider's discovery document (``{issuer}/.well-known/openid-configuration``),
    cached. Its ``issuer`` must be the configured one (OpenID Connect Discovery 1.0, §4.3)."""
    key = _cache_key("discovery", provider)
    cached = cache.get(key)
    if isinstance(cached, dict):
        return cached
    document = _get_json(provider, provider.discovery_url, "discovery")
    issuer = document.get("issuer")
    if not isinstance(issuer, str) or issuer.rstrip("/") != provider.issuer.rstrip("/"):
        logger.warning("OIDC %s: discovery names issuer %r", provider.name, issuer)
        raise ProviderUnavailable("The sign-in provider is not configured correctly.")
    for name in REQUIRED_ENDPOINTS:
        if not isinstance(document.get(name), str):
            logger.warning("OIDC %s: discovery has no %s", provider.name, name)
            raise ProviderUnavailable("The sign-in provider is not configured correctly.")
    cache.set(key, document, timeout=settings.OIDC_DISCOVERY_TTL_SECONDS)
    return document


def provider_keys(
    provider: OidcProvider, metadata: dict[str, Any], *, refresh: bool = False
) -> KeySet:
    """The provider's signing keys (its ``jwks_uri``), cached unless ``refresh``."""
    key = _cache_key("jwks", provider)
    raw = None if refresh else cache.get(key)
    if not isinstance(raw, dict):
        raw = _get_json(provider, metadata["jwks_uri"], "keys")
        try:
            KeySet.import_key_set(raw)  # type: ignore[arg-type]  # checked as it is parsed
        except (JoseError, ValueError, TypeError, KeyError):
            logger.warning("OIDC %s: the key set cannot be read", provider.name)
            raise ProviderUnavailable() from None
        cache.set(key, raw, timeout=settings.OIDC_DISCOVERY_TTL_SECONDS)
    return KeySet.import_key_set(raw)  # type: ignore[arg-type]


def _auth_method(metadata: dict[str, Any]) -> str:
    """How the client's secret goes to the token endpoint: HTTP Basic unless the provider
    supports only the form field."""
    supported = metadata.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if "client_secret_basic" in supported or "client_secret_post" not in supported:
        return "client_secret_basic"
    return "client_secret_post"


def authorization_url(
    provider: OidcProvider,
    metadata: dict[str, Any],
    *,
    redirect_uri: str,
    state: str,
    nonce: str,
    code_verifier: str,
) -> str:
    """Where to send the browser: the authorization endpoint with the client, scopes, state,
    nonce and the PKCE challenge (S256) of ``code_verifier``."""
    with _session(provider, redirect_uri=redirect_uri) as session:
        url, _ = session.create_authorization_url(
            metadata["authorization_endpoint"],
            state=state,
            code_verifier=code_verifier,
            nonce=nonce,
        )
    return str(url)


def exchange_code(
    provider: OidcProvider,
    metadata: dict[str, Any],
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str,
) -> dict[str, Any]:
    """The token endpoint's answer for ``code`` (it must carry an ``id_token``)."""
    with _session(
        provider, redirect_uri=redirect_uri, token_endpoint_auth_method=_auth_method(metadata)
    ) as session:
        try:
            token = session.fetch_token(
                metadata["token_endpoint"],
                grant_type="authorization_code",
                code=code,
                code_verifier=code_verifier,
            )
        except AuthlibBaseError as error:  # the provider's OAuth error answer
            logger.info("OIDC %s: code exchange refused: %s", provider.name, error)
            raise CodeExchangeFailed() from None
        except (OSError, ValueError) as error:  # unreachable, timed out, not JSON
            logger.warning("OIDC %s: code exchange failed: %s", provider.name, error)
            raise ProviderUnavailable() from None
    if not isinstance(token.get("id_token"), str):
        logger.info("OIDC %s: the token answer has no id_token", provider.name)
        raise CodeExchangeFailed("The provider sent no ID token.")
    return dict(token)


def _decode(raw: str, keys: KeySet, algorithms: list[str]) -> jwt.Token:
    return jwt.decode(raw, keys, registry=JWSRegistry(algorithms=algorithms))


def id_token_claims(
    provider: OidcProvider, metadata: dict[str, Any], *, token: dict[str, Any], nonce: str
) -> dict[str, Any]:
    """The claims of the token answer's ``id_token``, once its signature (a key of the
    provider's set), issuer, audience, expiry and nonce are checked."""
    advertised = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [alg for alg in ASYMMETRIC_ALGORITHMS if alg in advertised]
    raw = token["id_token"]
    try:
        try:
            decoded = _decode(raw, provider_keys(provider, metadata), algorithms)
        except InvalidKeyIdError:  # a key we have not seen: the provider rotated its keys
            decoded = _decode(raw, provider_keys(provider, metadata, refresh=True), algorithms)
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            options={
                "iss": {"essential": True, "value": metadata["issuer"]},
                "aud": {"essential": True, "value": provider.client_id},
                "exp": {"essential": True},
                "nonce": {"essential": True, "value": nonce},
            },
            params={
                "nonce": nonce,
                "client_id": provider.client_id,
                "access_token": token.get("access_token"),
            },
        )
        claims.validate(leeway=settings.OIDC_CLOCK_SKEW_SECONDS)
    except (JoseError, ValueError, TypeError) as error:
        logger.info("OIDC %s: ID token refused: %r", provider.name, error)
        raise IdTokenRejected() from None
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise IdTokenRejected()
    return dict(claims)
