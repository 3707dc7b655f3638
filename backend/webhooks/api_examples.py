"""The webhook inbox's OpenAPI examples."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

WEBHOOK = [
    OpenApiExample("Received", value={"received": True}, response_only=True),
    OpenApiExample(
        "Stripe",
        value={
            "id": "evt_1",
            "type": "payment_intent.succeeded",
            "data": {"object": {"id": "pi_3Q", "amount_received": 30000}},
        },
        request_only=True,
    ),
]
