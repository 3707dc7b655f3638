"""The invoices API: a booking's documents for its guest or staff of its event (anyone else:
404), each as a PDF, and resending them by e-mail, limited per caller."""

from __future__ import annotations

import subprocess
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from backend.bookings.models import Booking
from backend.core import ratelimit
from backend.core.models import AuditEntry
from backend.invoices.models import SellerSettings
from backend.invoices.services.resend import RESEND_LIMIT
from tests.conftest import require_binary
from tests.factories import StaffFactory, UserFactory
from tests.invoices.conftest import documents, pay, refund, set_tax
from tests.support.bookings import Shop, client_of

pytestmark = pytest.mark.django_db
YEAR = timezone.localtime().year


def text_of(document: bytes) -> str:
    assert document.startswith(b"%PDF-")
    result = subprocess.run(
        [require_binary("pdftotext"), "-layout", "-", "-"],
        input=document, capture_output=True, check=True,
    )  # fmt: skip
    return result.stdout.decode()


@pytest.fixture
def paid(taxed: Shop, guest: Any) -> Booking:
    booking = taxed.book(guest, 2)
    payment = pay(booking)
    refund(payment, Decimal("100.00"))
    return booking


class TestList:
    def test_the_guest_sees_the_invoice_and_its_credit_note(
        self, paid: Booking, guest_api: Any
    ) -> None:
        answer = guest_api.get(f"/api/bookings/{paid.pk}/invoices/")

        assert answer.status_code == 200
        invoice, note = answer.json()
        assert invoice["number"] == f"GH-{YEAR}-000001"
        assert (invoice["kind"], invoice["cites"], invoice["currency"]) == ("invoice", None, "SAR")
        assert (invoice["net"], invoice["tax"], invoice["total"]) == ("260.87", "39.13", "300.00")
        assert invoice["lines"][0]["tax_rate"] == "15.00"
        assert (note["kind"], note["cites"], note["total"]) == (
            "credit_note", invoice["number"], "-100.00",
        )  # fmt: skip

    def test_staff_of_the_event_see_them_and_others_get_404(
        self, paid: Booking, taxed: Shop
    ) -> None:
        staff = client_of(StaffFactory(grant__event=taxed.event))
        stranger = client_of(UserFactory())
        staff_elsewhere = client_of(StaffFactory(grant__event=_other_event()))

        assert staff.get(f"/api/bookings/{paid.pk}/invoices/").status_code == 200
        for caller in (stranger, staff_elsewhere):
            assert caller.get(f"/api/bookings/{paid.pk}/invoices/").status_code == 404
            number = documents(paid)[0].number
            assert caller.get(f"/api/invoices/{number}.pdf").status_code == 404

    def test_nobody_signed_in_gets_401(self, paid: Booking, api: Any) -> None:
        assert api.get(f"/api/bookings/{paid.pk}/invoices/").status_code == 401


def _other_event() -> Any:
    from tests.factories import EventFactory

    return EventFactory(slug="elsewhere")


class TestPdf:
    def test_the_pdf_shows_seller_number_lines_rate_and_totals(
        self, paid: Booking, guest_api: Any
    ) -> None:
        SellerSettings.objects.create(legal_name="Gatehouse Events LLC", tax_number="3001")
        pay_second = documents(paid)[0]

        answer = guest_api.get(f"/api/invoices/{pay_second.number}.pdf")

        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/pdf"
        assert f'filename="{pay_second.number}.pdf"' in answer["Content-Disposition"]
        text = text_of(answer.content)
        for expected in (pay_second.number, "Tax invoice", "260.87", "39.13", "300.00 SAR",
                         "15.00%", "Gatehouse", paid.reference):  # fmt: skip
            assert expected in text, expected

    def test_a_credit_note_cites_its_invoice(self, paid: Booking, guest_api: Any) -> None:
        invoice, note = documents(paid)
        text = text_of(guest_api.get(f"/api/invoices/{note.number}.pdf").content)
        assert "Credit note" in text
        assert invoice.number in text
        assert "-100.00 SAR" in text

    def test_an_arabic_event_has_bilingual_headings(self, taxed: Shop, guest: Any) -> None:
        taxed.event.language = "ar"
        taxed.event.save(update_fields=["language"])
        SellerSettings.objects.create(legal_name="Gatehouse", legal_name_ar="بوابة")
        booking = taxed.book(guest, 1)
        pay(booking)
        [invoice] = documents(booking)

        text = text_of(client_of(guest).get(f"/api/invoices/{invoice.number}.pdf").content)

        assert invoice.number in text
        assert "Tax invoice" in text
        assert "150.00 SAR" in text
        assert "15.00%" in text
        # Shaped (presentation forms, which NFKC folds back) and in reading order.
        assert "فاتورة ضريبية" in unicodedata.normalize("NFKC", text)
        assert "بوابة" in unicodedata.normalize("NFKC", text)

    def test_an_unknown_number_is_404(self, guest_api: Any) -> None:
        assert guest_api.get(f"/api/invoices/GH-{YEAR}-999999.pdf").status_code == 404


class TestResend:
    def test_the_invoices_go_to_the_contact_email_as_pdfs(
        self, paid: Booking, guest_api: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            answer = guest_api.post(f"/api/bookings/{paid.pk}/invoices/resend/")

        assert answer.status_code == 202
        assert answer.json() == {"ok": True, "queued": True}
        [message] = mail.outbox
        assert message.to == ["guest@example.com"]
        names = [attachment[0] for attachment in message.attachments]
        assert names == [f"{d.number}.pdf" for d in documents(paid)]

    def test_the_nth_resend_passes_and_the_next_is_429(
        self, paid: Booking, guest_api: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # A store of this test's own: parallel test workers sharing Redis clear its limits
        # after each of their tests, which would reset the count halfway (same edge either way).
        own = ratelimit.MemoryStore()
        monkeypatch.setattr(ratelimit, "_store", lambda: own)
        url = f"/api/bookings/{paid.pk}/invoices/resend/"
        codes = [guest_api.post(url).status_code for _ in range(RESEND_LIMIT.count)]
        refused = guest_api.post(url)

        assert codes == [202] * RESEND_LIMIT.count
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "rate_limited"
        assert refused.json()["error"]["retry_after"] > 0

    def test_a_booking_without_invoices_is_409(self, taxed: Shop, guest: Any) -> None:
        booking = taxed.book(guest, 1)
        answer = client_of(guest).post(f"/api/bookings/{booking.pk}/invoices/resend/")
        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "no_invoices"

    def test_staff_of_the_event_may_resend_and_it_is_audited(
        self, paid: Booking, taxed: Shop, guest_api: Any
    ) -> None:
        staff = client_of(StaffFactory(grant__event=taxed.event))

        assert staff.post(f"/api/bookings/{paid.pk}/invoices/resend/").status_code == 202
        assert guest_api.post(f"/api/bookings/{paid.pk}/invoices/resend/").status_code == 202

        [entry] = AuditEntry.objects.filter(action="invoices.resend")
        assert entry.after == {"to": "guest@example.com"}

    def test_staff_elsewhere_get_404(self, paid: Booking) -> None:
        staff = client_of(StaffFactory(grant__event=_other_event()))
        assert staff.post(f"/api/bookings/{paid.pk}/invoices/resend/").status_code == 404


def test_an_event_with_net_prices_invoices_tax_on_top(taxed: Shop, guest: Any) -> None:
    set_tax(taxed, "15.00", gross=False)
    booking = taxed.book(guest, 1)
    assert booking.amount == Decimal("172.50")  # what the guest is charged
    pay(booking)
    body = client_of(guest).get(f"/api/bookings/{booking.pk}/invoices/").json()
    assert (body[0]["net"], body[0]["tax"], body[0]["total"]) == ("150.00", "22.50", "172.50")
