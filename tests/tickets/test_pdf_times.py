"""A ticket PDF says when the whole booking is: a meeting of two slots 09:00-10:00, a stay
from check-in to check-out with its nights, in the venue's time zone (read with pdftotext);
the holder downloads it through the API."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from backend.tickets.models import Ticket
from backend.tickets.pdf import tickets_pdf
from tests.conftest import require_binary
from tests.factories import UserFactory
from tests.support.bookings import client_of
from tests.support.spans import meeting, pass_of, repair, stay

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"


def text_of(document: bytes) -> str:
    assert document.startswith(b"%PDF-")
    result = subprocess.run(
        [require_binary("pdftotext"), "-", "-"], input=document, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def user() -> Any:
    return UserFactory(email="guest@example.com")


def test_a_meetings_pdf_shows_both_slots(user: Any) -> None:
    ticket = pass_of(meeting(user))
    text = text_of(tickets_pdf([ticket]))
    assert f"Mon 21 Dec 2026, 09:00{DASH}10:00 (Asia/Riyadh)" in text
    assert "09:30" not in text


def test_a_stays_pdf_shows_check_in_to_check_out_and_the_nights(user: Any) -> None:
    ticket = pass_of(stay(user))
    text = text_of(tickets_pdf([ticket]))
    assert f"Sun 20 Dec 2026, 15:00{DASH}Wed 23 Dec 2026, 11:00 (Asia/Kolkata), 3 nights" in text
    assert "21 Dec" not in text


def test_the_downloaded_pdf_of_a_repair_appointment_shows_its_hours(user: Any) -> None:
    ticket: Ticket = pass_of(repair(user))
    answer = client_of(user).get(f"/api/tickets/{ticket.pk}/pdf/")
    assert answer.status_code == 200, answer.content[:200]
    assert f"Tue 08 Dec 2026, 10:00{DASH}13:00 (Asia/Kolkata)" in text_of(answer.content)
