"""Fixtures of the scanning tests: a paid festival booking with tickets, a gate, stations
(registered for the whole suite in ``tests/conftest.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.accounts.services.devices import device_create
from backend.checkin.models import Gate
from backend.tickets import codes
from backend.tickets.models import Ticket
from tests.factories import UserFactory
from tests.support.bookings import mark_paid


@dataclass
class Station:
    device: Any
    token: str

    def client(self) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Device {self.token}")
        return client


def qr_of(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


@pytest.fixture
def tickets(shop: Any) -> list[Ticket]:
    booking = shop.book(UserFactory(), 3)
    mark_paid(booking=booking)
    return list(booking.tickets.order_by("id"))


@pytest.fixture
def gate(shop: Any) -> Gate:
    return Gate.objects.create(event=shop.event, name="North gate")


@pytest.fixture
def station(gate: Gate) -> Station:
    device, token = device_create(label="Lane 1", event=gate.event)
    gate.devices.add(device)
    return Station(device, token)


@pytest.fixture
def stations(gate: Gate) -> Any:
    def make(n: int) -> list[Station]:
        made = []
        for number in range(n):
            device, token = device_create(label=f"Lane {number}", event=gate.event)
            gate.devices.add(device)
            made.append(Station(device, token))
        return made

    return make
