"""A fake OpenID Connect provider on 127.0.0.1: discovery, authorization, token and keys.

It signs real RS256 ID tokens with RSA keys it makes with ``cryptography`` (the JWS is put
together here by hand, not with the library under test), and rotates them on demand::

    with FakeOidc() as fake:
        settings.OIDC_PROVIDERS = parse_providers({"fake": fake.provider_config()})
        fake.user = {"sub": "u-1", "email": "a@example.com", "email_verified": True}
        ...  # the browser goes to fake's /authorize, which sends it straight back with a code

- ``GET /.well-known/openid-configuration``: the discovery document (``issuer`` is
  ``base_url``);
- ``GET /authorize``: answers 302 to ``redirect_uri`` with a fresh code and the ``state``,
  as if ``user`` had signed in; the code remembers the nonce and the PKCE challenge;
- ``POST /token``: checks the client's secret (HTTP Basic or form), the code (once), the
  redirect URI and the PKCE verifier (S256), and answers with an ID token for the code's
  user and nonce; ``next_token`` changes the next token's claims, ``sign_next_with`` its key;
- ``GET /jwks``: the public keys; ``rotate()`` adds a new signing key and can drop the old.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.support.fake_http import FakeServer, Received


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_b64(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


@dataclass
class SigningKey:
    kid: str
    private: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    def public_jwk(self) -> dict[str, str]:
        numbers = self.private.public_key().public_numbers()
        return {
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": self.kid,
            "n": _int_b64(numbers.n),
            "e": _int_b64(numbers.e),
        }

    def sign(self, claims: dict[str, Any], header: dict[str, Any] | None = None) -> str:
        """A compact JWS (RS256) of ``claims``."""
        head = {"alg": "RS256", "typ": "JWT", "kid": self.kid, **(header or {})}
        signing_input = ".".join(
            b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (head, claims)
        )
        signature = self.private.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{b64url(signature)}"


def s256(verifier: str) -> str:
    return b64url(hashlib.sha256(verifier.encode()).digest())


@dataclass
class Grant:
    """A code handed out by /authorize."""

    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    challenge_method: str
    claims: dict[str, Any]
    used: bool = False


class FakeOidc(FakeServer):
    def __init__(self, *, client_id: str = "gatehouse-test", token_lifetime: int = 300) -> None:
        super().__init__()
        self.client_id = client_id
        self.client_secret = secrets.token_urlsafe(24)
        self.token_lifetime = token_lifetime
        self.keys: list[SigningKey] = [SigningKey("key-1")]
        self.signing_kid = "key-1"
        self.user: dict[str, Any] = {
            "sub": "user-1",
            "email": "layla@example.com",
            "email_verified": True,
            "name": "Layla Haddad",
            "given_name": "Layla",
            "family_name": "Haddad",
        }
        self.grants: dict[str, Grant] = {}
        self.next_token: dict[str, Any] = {}  # claims to set (None: remove) in the next token
        self.sign_next_with: SigningKey | None = None  # a key not in /jwks: a forgery
        self.issued: list[str] = []  # every ID token sent

    # --- the test's controls ---------------------------------------------------------

    @property
    def issuer(self) -> str:
        return self.base_url

    def provider_config(self, **extra: Any) -> dict[str, Any]:
        """This provider's entry of OIDC_PROVIDERS."""
        return {
            "issuer": self.issuer,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "label": "Fake ID",
            **extra,
        }

    def rotate(self, *, drop_old: bool = False) -> SigningKey:
        """A new signing key, published in /jwks; ``drop_old`` removes the others."""
        key = SigningKey(f"key-{len(self.keys) + 1}-{secrets.token_hex(3)}")
        with self._lock:
            self.keys = [key] if drop_old else [*self.keys, key]
            self.signing_kid = key.kid
        return key

    def key(self, kid: str) -> SigningKey:
        return next(k for k in self.keys if k.kid == kid)

    def id_token(self, grant: Grant, **changes: Any) -> str:
        """An ID token for ``grant`` as this provider makes it (``changes`` applied)."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + self.token_lifetime,
            "auth_time": now,
            "nonce": grant.nonce,
            **grant.claims,
        }
        for name, value in changes.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        signer = self.sign_next_with or self.key(self.signing_kid)
        return signer.sign(claims)

    # --- the HTTP API ----------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        base = self.base_url
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks",
            "userinfo_endpoint": f"{base}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name"],
        }

    def authorize(self, query: dict[str, str]) -> str:
        """Where /authorize sends the browser: back with a code (or an OAuth error)."""
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            raise ValueError("unknown client or no redirect_uri")
        back: dict[str, str] = {"state": query.get("state", "")}
        if (
            query.get("response_type") != "code"
            or "openid" not in query.get("scope", "").split()
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
            or not query.get("nonce")
        ):
            back["error"] = "invalid_request"
        else:
            code = secrets.token_urlsafe(24)
            self.grants[code] = Grant(
                client_id=self.client_id,
                redirect_uri=redirect_uri,
                nonce=query["nonce"],
                challenge=query["code_challenge"],
                challenge_method=query["code_challenge_method"],
                claims=dict(self.user),
            )
            back["code"] = code
        return f"{redirect_uri}?{urlencode(back)}"

    def _client_authenticated(self, request: Received) -> bool:
        basic = request.basic_auth
        if basic is not None:
            return basic == (self.client_id, self.client_secret)
        return (request.form.get("client_id"), request.form.get("client_secret")) == (
            self.client_id,
            self.client_secret,
        )

    def token(self, request: Received) -> tuple[int, dict[str, Any]]:
        form = request.form
        if not self._client_authenticated(request):
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        grant = self.grants.get(form.get("code", ""))
        if grant is None or grant.used:
            return 400, {"error": "invalid_grant", "error_description": "unknown or used code"}
        grant.used = True
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        if s256(form.get("code_verifier", "")) != grant.challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verifier"}
        id_token = self.id_token(grant, **self.next_token)
        self.next_token, self.sign_next_with = {}, None
        self.issued.append(id_token)
        return 200, {
            "access_token": secrets.token_urlsafe(24),
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": "openid email profile",
            "id_token": id_token,
        }

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        path = urlsplit(request.path).path
        if request.method == "GET" and path == "/.well-known/openid-configuration":
            return 200, self.discovery()
        if request.method == "GET" and path == "/jwks":
            return 200, {"keys": [key.public_jwk() for key in self.keys]}
        if request.method == "POST" and path == "/token":
            return self.token(request)
        return 404, {"error": "not_found"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        base = super()._handler()
        fake = self

        class Handler(base):  # type: ignore[valid-type,misc]
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != "/authorize" or fake._failure is not None:
                    super().do_GET()
                    return
                with fake._lock:
                    fake.requests.append(
                        Received(
                            "GET", self.path, {k.lower(): v for k, v in self.headers.items()}, {}
                        )
                    )
                    try:
                        location = fake.authorize(dict(parse_qsl(parts.query)))
                    except ValueError:
                        location = ""
                if not location:
                    self._send(400, b'{"error": "invalid_request"}', "application/json")
                    return
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler
