"""The catalog API's OpenAPI examples: the repair shop's vehicles, services and prices."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample

from backend.core.api_examples import page_example

VEHICLE_TYPE: dict[str, Any] = {"id": 1, "name": "Scooter"}
VEHICLE_BRAND: dict[str, Any] = {"id": 3, "name": "Honda", "vehicle_type": 1}
VEHICLE_MODEL: dict[str, Any] = {"id": 7, "name": "Activa 6G", "brand": 3, "vehicle_type": 1}
SERVICE_CATEGORY: dict[str, Any] = {"id": 2, "name": "Periodic service"}
SERVICE: dict[str, Any] = {
    "id": 11,
    "name": "General service",
    "description": "Oil change, filter clean, brakes adjusted, 20-point check.",
    "category": 2,
    "duration_minutes": 90,
    "base_price": "899.00",
}
PRICING: dict[str, Any] = {
    "ok": True,
    "vehicle_model": 7,
    "currency": "INR",
    "services": [
        {
            "id": 11,
            "name": "General service",
            "category": 2,
            "duration_minutes": 90,
            "price": "749.00",
            "base_price": "899.00",
        },
        {
            "id": 12,
            "name": "Engine oil change",
            "category": 2,
            "duration_minutes": 30,
            "price": "399.00",
            "base_price": "399.00",
        },
    ],
}

NOT_FOUND = OpenApiExample(
    "No such event",
    value={
        "ok": False,
        "error": {"code": "not_found", "message": "There is no service event 'repair-sho'."},
    },
    response_only=True,
    status_codes=["404"],
)
BAD_QUERY = OpenApiExample(
    "A bad id",
    value={
        "ok": False,
        "error": {
            "code": "validation_error",
            "message": "Some fields are not valid.",
            "fields": {"vehicle_type": ["A valid integer is required."]},
        },
    },
    response_only=True,
    status_codes=["400"],
)
ERRORS = [BAD_QUERY, NOT_FOUND]

VEHICLE_TYPES = [page_example(VEHICLE_TYPE), *ERRORS]
VEHICLE_BRANDS = [page_example(VEHICLE_BRAND), *ERRORS]
VEHICLE_MODELS = [page_example(VEHICLE_MODEL), *ERRORS]
SERVICE_CATEGORIES = [page_example(SERVICE_CATEGORY), *ERRORS]
SERVICES = [page_example(SERVICE), *ERRORS]
MODEL_PRICING = [
    OpenApiExample("Prices for a scooter", value=PRICING, response_only=True),
    *ERRORS,
]
