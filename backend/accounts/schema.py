"""OpenAPI: how the accounts authentication classes appear in the schema."""

from __future__ import annotations

from typing import Any

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SessionJWTScheme(SimpleJWTScheme):
    target_class = "backend.accounts.authentication.SessionJWTAuthentication"
    name = "jwt"


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "backend.accounts.authentication.DeviceAuthentication"
    name = "device"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A scanning station's token: `Authorization: Device <token>`.",
        }
