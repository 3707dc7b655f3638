"""Service appointments (the repair shop): the server prices a vehicle model's services (and
the home visit), the hold must be consecutive bay-slots long enough for the work, and every
bad field is a 400 naming it."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.bookings.models import Booking, BookingLine
from backend.bookings.services.bookings import booking_create
from backend.core.errors import ValidationError
from backend.inventory.models import Resource
from tests.factories import ResourceFactory, UserFactory, VehicleModelFactory
from tests.support.appointments import Garage, hourly_slots, make_garage

pytestmark = pytest.mark.django_db


def book(api: Any, hold: Any, details: Any, **body: Any) -> Any:
    return api.post(
        "/api/bookings/", {"hold": str(hold.pk), "details": details, **body}, format="json"
    )


def field_errors(answer: Any) -> dict[str, Any]:
    assert answer.status_code == 400, answer.json()
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    return error["fields"]


class TestPricing:
    def test_the_server_prices_the_models_services_and_ignores_the_client(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        details = garage.details(garage.general, garage.brakes, notes="Squeaks", amount="1.00")

        answer = book(guest_api, garage.hold(guest, hours=2), details, amount="1.00")

        assert answer.status_code == 201, answer.json()
        body = answer.json()
        assert body["amount"] == "948.00"  # the Activa's own 649, brakes at base 299
        assert body["payment_status"] == "unpaid"
        assert [(line["kind"], line["service"], line["name"], line["amount"])
                for line in body["lines"]] == [
            ("service", garage.general.pk, "General service", "649.00"),
            ("service", garage.brakes.pk, "Brake pads", "299.00"),
        ]  # fmt: skip
        assert body["details"]["vehicle"] == {
            "type": "Scooter",
            "brand": "Honda",
            "model": "Activa 6G",
        }
        assert body["details"]["notes"] == "Squeaks"
        assert "amount" not in body["details"]
        assert Booking.objects.get().amount == Decimal("948.00")
        # The bay-hours held are the time it takes, with no price of their own.
        assert [(item["quantity"], item["unit_price"]) for item in body["items"]] == [
            (1, "0.00"),
            (1, "0.00"),
        ]

    def test_at_home_the_fee_is_a_line_and_travel_takes_time(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        # 60 minutes of work and 30 of travel: two bay-hours.
        answer = book(guest_api, garage.hold(guest, hours=2), garage.details(**garage.home()))

        assert answer.status_code == 201, answer.json()
        assert answer.json()["amount"] == "848.00"
        assert answer.json()["lines"][-1] == {
            "id": answer.json()["lines"][-1]["id"],
            "kind": "home_visit",
            "service": None,
            "name": "Home visit",
            "amount": "199.00",
        }

    def test_other_kinds_of_events_have_no_lines(
        self, shop: Any, guest: Any, guest_api: Any
    ) -> None:
        answer = guest_api.post(
            "/api/bookings/",
            {"hold": str(shop.hold(guest).pk), "details": {"holders": ["A"]}},
            format="json",
        )

        assert answer.json()["lines"] == []
        assert answer.json()["amount"] == "150.00"


# The garage's prices, written out independently of the catalog's code.
PRICES = {
    "activa": {"general": "649.00", "brakes": "299.00", "chain": "149.00"},  # no oil
    "classic": {"general": "1399.00", "oil": "399.00", "brakes": "299.00", "chain": "149.00"},
}
MINUTES = {"general": 60, "oil": 30, "brakes": 45, "chain": 20}
SERVICES = ("general", "oil", "brakes", "chain")


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    model=st.sampled_from(["activa", "classic"]),
    chosen=st.lists(st.sampled_from(SERVICES), min_size=1, max_size=4, unique=True),
    home=st.booleans(),
    client_amount=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2)),
)
def test_the_price_is_always_the_independent_calculation(
    garage: Garage, model: str, chosen: list[str], home: bool, client_amount: Any
) -> None:
    user = UserFactory()
    services = [getattr(garage, name) for name in chosen]
    extra = garage.home() if home else {}
    if client_amount is not None:
        extra["amount"] = str(client_amount)
    details = garage.details(*services, model=getattr(garage, model), **extra)
    offered = all(name in PRICES[model] for name in chosen)
    expected = sum((Decimal(PRICES[model][n]) for n in chosen if n in PRICES[model]), Decimal(0))
    expected += Decimal("199.00") if home else 0
    minutes = sum(MINUTES[n] for n in chosen) + (30 if home else 0)
    hours = -(-minutes // 60)

    with transaction.atomic():
        hold = garage.hold(user, hours=hours)
        if not offered:
            with pytest.raises(ValidationError) as refused:
                booking_create(user=user, hold_id=hold.pk, details=details)
            assert "services" in refused.value.fields["details"]
        else:
            booking = booking_create(user=user, hold_id=hold.pk, details=details)
            assert booking.amount == expected
            assert sum(line.amount for line in booking.lines.all()) == expected
            kinds = sorted(booking.lines.values_list("kind", flat=True))
            assert kinds == sorted(["service"] * len(chosen) + (["home_visit"] if home else []))
        transaction.set_rollback(True)


def test_every_subset_of_services_fits_exactly_enough_slots(garage: Garage) -> None:
    """One bay-hour short of the work is refused; exactly enough is booked."""
    user = UserFactory()
    for size in (1, 2, 3):
        for names in combinations(("general", "brakes", "chain"), size):
            minutes = sum(MINUTES[n] for n in names)
            hours = -(-minutes // 60)
            details = garage.details(*(getattr(garage, n) for n in names))
            with transaction.atomic():
                if hours > 1:
                    short = garage.hold(user, hours=hours - 1)
                    with pytest.raises(ValidationError) as refused:
                        booking_create(user=user, hold_id=short.pk, details=details)
                    assert "hold" in refused.value.fields
                    transaction.set_rollback(True)
            with transaction.atomic():
                booking = booking_create(
                    user=user, hold_id=garage.hold(user, hours=hours).pk, details=details
                )
                assert booking.lines.count() == size
                transaction.set_rollback(True)


class TestRefusals:
    @pytest.mark.parametrize("which", ["unknown", "other_event", "inactive"])
    def test_a_bad_vehicle_model(
        self, garage: Garage, guest: Any, guest_api: Any, which: str
    ) -> None:
        model = {
            "unknown": lambda: 987654,
            "other_event": lambda: make_garage("elsewhere").activa.pk,
            "inactive": lambda: VehicleModelFactory(brand=garage.activa.brand, active=False).pk,
        }[which]()

        answer = book(guest_api, garage.hold(guest), {**garage.details(), "vehicle_model": model})

        assert list(field_errors(answer)["details"]) == ["vehicle_model"]
        assert not Booking.objects.exists()

    @pytest.mark.parametrize(
        "services",
        ["unknown", "not_offered", "empty", "repeated", "not_a_list", "strings"],
    )
    def test_bad_services(self, garage: Garage, guest: Any, guest_api: Any, services: str) -> None:
        value = {
            "unknown": [garage.general.pk, 987654],
            "not_offered": [garage.oil.pk],  # not for the Activa
            "empty": [],
            "repeated": [garage.general.pk, garage.general.pk],
            "not_a_list": garage.general.pk,
            "strings": [str(garage.general.pk)],
        }[services]

        answer = book(guest_api, garage.hold(guest, hours=3), {**garage.details(),
                                                               "services": value})  # fmt: skip

        assert list(field_errors(answer)["details"]) == ["services"]

    def test_a_service_of_another_event_is_unknown(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        other = make_garage("elsewhere")
        details = {**garage.details(), "services": [other.general.pk]}

        answer = book(guest_api, garage.hold(guest), details)

        assert "no service" in field_errors(answer)["details"]["services"][0]

    def test_home_where_the_shop_does_not_visit(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        garage.event.home_visit_fee = None
        garage.event.save()

        answer = book(guest_api, garage.hold(guest, hours=2), garage.details(**garage.home()))

        assert list(field_errors(answer)["details"]) == ["location"]

    @pytest.mark.parametrize("missing", ["address", "city", "postcode"])
    def test_home_needs_the_whole_address(
        self, garage: Garage, guest: Any, guest_api: Any, missing: str
    ) -> None:
        details = garage.details(**{**garage.home(), missing: "   "})

        answer = book(guest_api, garage.hold(guest, hours=2), details)

        assert list(field_errors(answer)["details"]) == [missing]

    def test_home_names_every_part_of_the_address_it_lacks(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        details = garage.details(location="home")

        answer = book(guest_api, garage.hold(guest, hours=2), details)

        assert field_errors(answer)["details"] == {
            "address": ["An address is needed for a visit at home."],
            "city": ["A city is needed for a visit at home."],
            "postcode": ["A postcode is needed for a visit at home."],
        }

    @pytest.mark.parametrize(
        ("city", "postcode", "served"),
        [
            ("Bengaluru", "999999", True),
            ("  bengaluru ", "", False),  # blank postcode: refused before the area
            ("bengaluru", "1", True),
            ("Mysuru", "560038", True),
            ("Mysuru", "560 038", True),
            ("Mysuru", " 5600 38 ", True),
            ("Mysuru", "570001", False),
            ("Benga luru", "570001", True),
        ],
    )
    def test_the_service_area_by_city_or_postcode(
        self, garage: Garage, guest: Any, guest_api: Any, city: str, postcode: str, served: bool
    ) -> None:
        details = garage.details(**garage.home(city=city, postcode=postcode))

        answer = book(guest_api, garage.hold(guest, hours=2), details)

        if served:
            assert answer.status_code == 201, answer.json()
        elif not postcode:
            assert list(field_errors(answer)["details"]) == ["postcode"]
        else:
            assert sorted(field_errors(answer)["details"]) == ["city", "postcode"]

    def test_an_empty_service_area_serves_everywhere(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        garage.event.service_area = []
        garage.event.save()
        details = garage.details(**garage.home(city="Anywhere", postcode="1"))

        assert book(guest_api, garage.hold(guest, hours=2), details).status_code == 201

    def test_too_short_says_how_long(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        details = garage.details(garage.general, garage.brakes, **garage.home())

        answer = book(guest_api, garage.hold(guest, hours=2), details)

        [message] = field_errors(answer)["hold"]
        assert message == "This appointment needs 135 minutes; the hold has 120."
        assert answer.json()["error"]["needed_minutes"] == 135
        assert answer.json()["error"]["held_minutes"] == 120

    def test_slots_with_a_gap(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        from backend.inventory.services.holds import ItemRequest, hold_create

        items = [ItemRequest(garage.slots[0].pk, 1), ItemRequest(garage.slots[2].pk, 1)]
        hold = hold_create(user=guest, event=garage.event, items=items)

        answer = book(guest_api, hold, garage.details())

        assert "consecutive" in field_errors(answer)["hold"][0]

    def test_slots_of_two_bays(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        from backend.inventory.services.holds import ItemRequest, hold_create

        other = ResourceFactory(event=garage.event, kind=Resource.Kind.SERVICE, units=1,
                                price="0.00")  # fmt: skip
        second = hourly_slots(other, garage.slots[1].starts_at, hours=1)[0]
        items = [ItemRequest(garage.slots[0].pk, 1), ItemRequest(second.pk, 1)]
        hold = hold_create(user=guest, event=garage.event, items=items)

        answer = book(guest_api, hold, garage.details())

        assert "one bay" in field_errors(answer)["hold"][0]

    def test_two_places_in_a_slot(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        from backend.inventory.services.holds import ItemRequest, hold_create

        hold = hold_create(
            user=guest, event=garage.event, items=[ItemRequest(garage.slots[0].pk, 2)]
        )

        answer = book(guest_api, hold, garage.details())

        assert "one place" in field_errors(answer)["hold"][0]
        assert not BookingLine.objects.exists()


def test_the_event_says_how_it_takes_appointments(garage: Garage) -> None:
    from rest_framework.test import APIClient

    detail = APIClient().get(f"/api/events/{garage.event.slug}/").json()

    assert detail["pay_at_venue"] is True
    assert detail["home_visit_fee"] == "199.00"
    assert detail["home_visit_travel_minutes"] == 30
    assert detail["service_area"] == ["Bengaluru", "560 038"]
