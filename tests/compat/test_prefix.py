"""/compat/: each system's prefix routes to its package; anything unknown is a JSON 404."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.compat.urls import SYSTEMS


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
@pytest.mark.parametrize("path", ["/compat/", "/compat/nowhere/x", "/compat/dandeli/not-a-path/"])
def test_an_unknown_compat_path_is_a_json_404_for_any_method(method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)

    if method == "get":
        response = client.get(path)
    else:
        response = getattr(client, method)(path, data="{}", content_type="application/json")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_the_five_systems_of_the_protocol_have_a_prefix() -> None:
    assert set(SYSTEMS) == {
        "lodore-villa",
        "dandeli",
        "booking-service",
        "oc-mena",
        "repairmybike",
    }
