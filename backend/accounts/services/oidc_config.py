"""The OpenID Connect providers of ``OIDC_PROVIDERS``, read and checked when settings load.

Import-safe for ``backend/settings.py``: standard library only. A wrong entry stops the
server at startup (``ImproperlyConfigured`` naming the provider and the key), never at the
first sign-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")  # fits ExternalIdentity.provider and a URL
KEYS = {"issuer", "client_id", "client_secret", "scopes", "label"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
DEFAULT_SCOPES = "openid email profile"


@dataclass(frozen=True)
class OidcProvider:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    label: str

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def _text(name: str, entry: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"provider {name!r}: {key} must be a string")
    value = value.strip()
    if required and not value:
        raise ValueError(f"provider {name!r}: {key} is required")
    return value


def _issuer(name: str, value: str) -> str:
    parts = urlsplit(value)
    local = parts.hostname in LOCAL_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValueError(
            f"provider {name!r}: issuer must be an https:// URL (http:// only on this machine)"
        )
    if not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"provider {name!r}: issuer must be a URL with a host, no query")
    return value


def parse_providers(raw: object) -> dict[str, OidcProvider]:
    """``{"<name>": {"issuer", "client_id", "client_secret", "scopes"?, "label"?}}`` (the
    JSON of ``OIDC_PROVIDERS``) as providers by name, or ValueError saying what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError('must be a JSON object: {"<name>": {"issuer", "client_id", ...}}')
    providers: dict[str, OidcProvider] = {}
    for name, entry in raw.items():
        if not isinstance(name, str) or not NAME.match(name):
            raise ValueError(
                f"provider name {name!r} must be 1-32 lower-case letters, digits, - or _"
            )
        if not isinstance(entry, dict):
            raise ValueError(f"provider {name!r} must be a JSON object")
        unknown = set(entry) - KEYS
        if unknown:
            raise ValueError(f"provider {name!r}: unknown keys {', '.join(sorted(unknown))}")
        scopes = _text(name, entry, "scopes", required=False) or DEFAULT_SCOPES
        if "openid" not in scopes.split():
            raise ValueError(f"provider {name!r}: scopes must include openid")
        providers[name] = OidcProvider(
            name=name,
            issuer=_issuer(name, _text(name, entry, "issuer")),
            client_id=_text(name, entry, "client_id"),
            client_secret=_text(name, entry, "client_secret"),
            scopes=" ".join(scopes.split()),
            label=_text(name, entry, "label", required=False) or name.capitalize(),
        )
    return providers
