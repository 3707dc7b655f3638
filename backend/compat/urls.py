"""``/compat/<system>/``: each replaced system's own API, one URL module per system."""

from django.urls import URLPattern, URLResolver, include, path, re_path

from backend.compat.errors import compat_not_found

# The prefix of each system (PROTOCOL.md) → the package that serves it.
SYSTEMS = {
    "lodore-villa": "lodore_villa",
    "dandeli": "dandeli",
    "booking-service": "booking_service",
    "oc-mena": "oc_mena",
    "repairmybike": "repairmybike",
}

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{prefix}/", include(f"backend.compat.{package}.urls"))
    for prefix, package in SYSTEMS.items()
]
urlpatterns.append(re_path(r"^", compat_not_found))
