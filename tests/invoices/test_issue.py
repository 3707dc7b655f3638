"""Invoices are issued in the transaction that confirms a paid booking (or that records what
was paid at the venue), numbered without gaps, with net, tax and total per line at the
event's rate; comps get none."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from backend.bookings.models import Booking
from backend.core.money import line_amounts, shares
from backend.invoices.models import Invoice, SellerSettings
from backend.invoices.services.numbering import invoice_number_take
from backend.payments.services.payments import booking_comp
from tests.factories import UserFactory
from tests.invoices.conftest import documents, pay, set_tax
from tests.support.appointments import Garage
from tests.support.bookings import Shop, client_of, desk_staff, mark_paid

pytestmark = pytest.mark.django_db
YEAR = timezone.localtime().year
D = Decimal


class TestAmounts:
    @pytest.mark.parametrize(
        ("price", "rate", "gross", "expected"),
        [
            ("300.00", "15.00", True, ("260.87", "39.13", "300.00")),
            ("150.00", "15.00", True, ("130.43", "19.57", "150.00")),
            ("100.00", "15.00", False, ("100.00", "15.00", "115.00")),
            ("649.00", "18.00", False, ("649.00", "116.82", "765.82")),
            ("0.05", "15.00", False, ("0.05", "0.01", "0.06")),  # 0.0075 rounds half up
            ("99.99", "0.00", True, ("99.99", "0.00", "99.99")),
        ],
    )
    def test_each_line_is_rounded_half_up_to_the_minor_unit(
        self, price: str, rate: str, gross: bool, expected: tuple[str, str, str]
    ) -> None:
        amounts = line_amounts(
            price=D(price), rate=D(rate), prices_include_tax=gross, currency="SAR"
        )
        assert (amounts.net, amounts.tax, amounts.total) == tuple(D(e) for e in expected)

    def test_a_zero_decimal_currency_rounds_to_whole_units(self) -> None:
        amounts = line_amounts(price=D(1000), rate=D(10), prices_include_tax=True, currency="JPY")
        assert (amounts.net, amounts.tax, amounts.total) == (D(909), D(91), D(1000))

    def test_shares_sum_to_the_whole_with_the_last_taking_the_remainder(self) -> None:
        parts = shares(D("100.00"), [D(1), D(1), D(1)], "SAR")
        assert parts == [D("33.33"), D("33.33"), D("33.34")]
        assert sum(parts) == D("100.00")


class TestIssued:
    def test_a_paid_booking_gets_one_invoice_in_its_confirming_transaction(
        self, taxed: Shop
    ) -> None:
        SellerSettings.objects.create(
            legal_name="Gatehouse Events LLC", address="King Fahd Rd\nRiyadh",
            tax_number="300000000000003",
        )  # fmt: skip
        booking = taxed.book(UserFactory(email="sara@example.com"), 2)

        pay(booking)

        [invoice] = documents(booking)
        assert invoice.number == f"GH-{YEAR}-000001"
        assert (invoice.kind, invoice.cites, invoice.currency) == ("invoice", None, "SAR")
        assert (invoice.net, invoice.tax, invoice.total) == (D("260.87"), D("39.13"), D("300"))
        [line] = invoice.lines.all()
        assert (line.description, line.quantity, line.unit_amount) == (
            taxed.slot.resource.name, 2, D("150.00"),
        )  # fmt: skip
        assert (line.net, line.tax_rate, line.tax, line.total) == (
            D("260.87"), D("15.00"), D("39.13"), D("300.00"),
        )  # fmt: skip
        assert invoice.seller["tax_number"] == "300000000000003"
        assert invoice.buyer["reference"] == booking.reference
        assert invoice.buyer["email"] == "sara@example.com"

    def test_net_prices_add_the_tax_on_top(self, shop: Shop) -> None:
        set_tax(shop, "15.00", gross=False)
        booking = shop.book(UserFactory(), 1)
        assert booking.amount == D("172.50")  # charged with its tax
        pay(booking)
        [invoice] = documents(booking)
        assert (invoice.net, invoice.tax, invoice.total) == (D("150"), D("22.50"), D("172.50"))

    def test_an_event_without_tax_settings_is_taxed_at_zero_gross(self, shop: Shop) -> None:
        booking = shop.book(UserFactory(), 1)
        with transaction.atomic():
            mark_paid(booking=booking)  # cash at the desk confirms it
        [invoice] = documents(booking)
        assert (invoice.net, invoice.tax, invoice.total) == (D("150"), D("0"), D("150"))

    def test_numbers_follow_each_other_and_the_prefix_is_the_sellers(self, shop: Shop) -> None:
        SellerSettings.objects.create(legal_name="Gatehouse", invoice_prefix="RUH")
        for _ in range(3):
            pay(shop.book(UserFactory(), 1))
        assert list(Invoice.objects.order_by("number").values_list("number", flat=True)) == [
            f"RUH-{YEAR}-000001", f"RUH-{YEAR}-000002", f"RUH-{YEAR}-000003",
        ]  # fmt: skip

    def test_a_rollback_gives_the_number_back(self, shop: Shop) -> None:
        taken = []

        def confirm_then_fail() -> None:
            with transaction.atomic():
                taken.append(invoice_number_take(prefix="GH", year=YEAR))
                raise RuntimeError("the confirmation failed")

        with pytest.raises(RuntimeError):
            confirm_then_fail()
        assert taken == [f"GH-{YEAR}-000001"]
        with transaction.atomic():
            assert invoice_number_take(prefix="GH", year=YEAR) == f"GH-{YEAR}-000001"

    def test_a_comp_is_not_invoiced(self, shop: Shop) -> None:
        booking = shop.book(UserFactory(), 1)
        booking_comp(booking=booking, actor=desk_staff(shop.event))
        assert Booking.objects.get(pk=booking.pk).status == "confirmed"
        assert documents(booking) == []


class TestPaidAtTheVenue:
    def test_invoiced_when_staff_mark_it_paid_not_when_it_is_booked(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        booking = garage.book(guest)
        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/pay/", {"provider": "pay_at_venue"}, format="json"
        )
        assert answer.status_code in (200, 201), answer.json()
        assert documents(booking) == []

        desk = client_of(desk_staff(garage.event))
        paid = desk.post(
            f"/api/staff/bookings/{booking.pk}/mark-paid/", {"method": "card"}, format="json"
        )

        assert paid.status_code == 200, paid.json()
        [invoice] = documents(booking)
        assert invoice.total == D("649.00")
        assert [line.description for line in invoice.lines.all()] == [
            line.name for line in booking.lines.all()
        ]
