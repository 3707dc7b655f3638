"""Seat sections and "best available N together": adjacency, aisles, ranks, ties, the API,
and two guests asking at once on PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from backend.core.errors import ValidationError
from backend.inventory.models import Hold, Resource, SeatSection, Slot
from backend.inventory.selectors.seats import seat_blocks
from backend.inventory.services.holds import HoldLimit, ItemRequest, hold_create
from backend.inventory.services.seats import (
    NoSeatsTogether,
    hold_best_available,
    seat_section_set,
)
from backend.inventory.services.slots import seats_generate
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, UserFactory
from tests.support.concurrency import run_together


def arena(**event_fields: Any) -> Any:
    """A gold floor of 2 rows of 10 with an aisle after 5, and a silver stand of 3 rows of 8."""
    event = EventFactory(max_quantity_per_hold=10, **event_fields)
    seat_section_set(event=event, name="Floor", tier="Gold", price=Decimal(400), rank=1,
                     aisles_after=[5])  # fmt: skip
    seat_section_set(event=event, name="Stand", tier="Silver", price=Decimal(200), rank=2,
                     map_row=1)  # fmt: skip
    seats_generate(event, section="Floor", rows="AB", seats_per_row=10, price=Decimal(400),
                   whole_event=True)  # fmt: skip
    seats_generate(event, section="Stand", rows="ABC", seats_per_row=8, price=Decimal(200),
                   whole_event=True)  # fmt: skip
    return event


def seat_slot(event: Any, section: str, row: str, number: int) -> Slot:
    return Slot.objects.get(
        resource__event=event, resource__section=section, resource__row=row,
        resource__number=number,
    )  # fmt: skip


def take(event: Any, section: str, row: str, *numbers: int) -> Hold:
    return hold_create(
        user=UserFactory(),
        event=event,
        items=[ItemRequest(seat_slot(event, section, row, n).pk, 1) for n in numbers],
    )


def places(hold: Hold) -> list[tuple[str, str, int]]:
    seats = Resource.objects.filter(slots__hold_items__hold=hold).order_by("number")
    return [(seat.section, seat.row, seat.number) for seat in seats]


@pytest.mark.django_db
class TestBlocks:
    def test_the_best_block_is_in_the_best_section_front_row_centre(self) -> None:
        event = arena()

        blocks = seat_blocks(event=event, quantity=2, now=timezone.now())

        assert (blocks[0].section, blocks[0].row) == ("Floor", "A")
        # The row's middle is 5.5, but the aisle after 5 keeps 5 and 6 apart.
        assert {blocks[0].numbers, blocks[1].numbers} == {(4, 5), (6, 7)}

    def test_no_block_crosses_an_aisle_or_a_gap_in_the_numbering(self) -> None:
        event = arena()
        Resource.objects.filter(event=event, section="Stand", row="A", number=4).delete()

        blocks = seat_blocks(event=event, quantity=2, now=timezone.now())

        floor = [b.numbers for b in blocks if (b.section, b.row) == ("Floor", "A")]
        stand = [b.numbers for b in blocks if (b.section, b.row) == ("Stand", "A")]
        assert (5, 6) not in floor
        assert len(floor) == 8
        assert (3, 5) not in stand
        assert (4, 5) not in stand
        assert (3, 4) not in stand
        assert len(stand) == 2 + 3  # 1-3: two pairs, 5-8: three pairs

    def test_ties_are_broken_by_the_lower_seat_number(self) -> None:
        event = arena()

        first, second = seat_blocks(event=event, quantity=4, now=timezone.now())[:2]

        # Floor A: the runs 1-5 and 6-10 hold (1-4, 2-5) and (6-9, 7-10); 2-5 and 6-9 are
        # equally far from the middle (5.5): the lower numbers come first, every time.
        assert (first.numbers, second.numbers) == ((2, 3, 4, 5), (6, 7, 8, 9))

    def test_taken_seats_break_a_block_and_a_too_big_party_goes_to_a_wider_row(self) -> None:
        event = arena()
        take(event, "Floor", "A", 3)
        take(event, "Floor", "B", 8)

        blocks = seat_blocks(event=event, quantity=6, now=timezone.now())

        # No run of the floor holds 6 (aisle after 5): the stand's rows of 8 do.
        assert blocks[0].section == "Stand"
        assert blocks[0].row == "A"
        assert blocks[0].numbers == (2, 3, 4, 5, 6, 7)
        floor_a = seat_blocks(event=event, quantity=2, now=timezone.now(), section="Floor")
        assert all(3 not in b.numbers for b in floor_a if b.row == "A")

    def test_an_expired_hold_does_not_count(self) -> None:
        event = arena()
        hold = take(event, "Floor", "A", 4, 5)
        Hold.objects.filter(pk=hold.pk).update(expires_at=timezone.now())

        best = seat_blocks(event=event, quantity=2, now=timezone.now())[0]

        assert best.numbers == (4, 5)

    def test_sections_without_a_description_rank_last(self) -> None:
        event = arena()
        seats_generate(event, section="Annex", rows="A", seats_per_row=4, price=Decimal(50),
                       whole_event=True)  # fmt: skip

        sections = [b.section for b in seat_blocks(event=event, quantity=2, now=timezone.now())]

        assert sections.index("Annex") > max(
            i for i, name in enumerate(sections) if name == "Stand"
        )


@pytest.mark.django_db
class TestHold:
    def test_four_together_are_held_adjacent_in_one_row(self) -> None:
        event = arena()

        hold = hold_best_available(user=UserFactory(), event=event, quantity=4)

        assert places(hold) == [("Floor", "A", n) for n in (2, 3, 4, 5)]
        assert hold.status == "active"

    def test_the_next_guest_gets_the_next_best_block(self) -> None:
        event = arena()
        hold_best_available(user=UserFactory(), event=event, quantity=4)

        second = hold_best_available(user=UserFactory(), event=event, quantity=4)

        assert places(second) == [("Floor", "A", n) for n in (6, 7, 8, 9)]

    def test_a_section_can_be_asked_for(self) -> None:
        event = arena()

        hold = hold_best_available(user=UserFactory(), event=event, quantity=3, section="Stand")

        assert places(hold) == [("Stand", "A", n) for n in (3, 4, 5)]

    def test_no_block_that_large_is_a_sold_out_conflict(self) -> None:
        event = arena()

        with pytest.raises(NoSeatsTogether) as raised:
            hold_best_available(user=UserFactory(), event=event, quantity=9)

        assert raised.value.status == 409
        assert raised.value.code == "sold_out"
        assert not Hold.objects.exists()

    def test_bad_quantities_and_sections_are_refused(self) -> None:
        event = arena()

        with pytest.raises(ValidationError):
            hold_best_available(user=UserFactory(), event=event, quantity=0)
        with pytest.raises(HoldLimit):
            hold_best_available(user=UserFactory(), event=event, quantity=11)
        with pytest.raises(ValidationError):
            hold_best_available(user=UserFactory(), event=event, quantity=2, section="Roof")

    def test_a_tier_price_is_written_to_its_seats(self) -> None:
        event = arena()

        seat_section_set(event=event, name="Stand", tier="Silver", price=Decimal("180.00"))

        prices = set(
            Resource.objects.filter(event=event, section="Stand").values_list("price", flat=True)
        )
        assert prices == {Decimal("180.00")}
        assert SeatSection.objects.get(event=event, name="Stand").tier == "Silver"


@pytest.mark.django_db(transaction=True)
class TestApi:
    def test_best_available_answers_a_hold(self, api: Any) -> None:
        event = arena(slug="arena")
        pair = sign_in(UserFactory())

        answer = api.post("/api/events/arena/best-available/", {"quantity": 2}, format="json",
                          **bearer(pair))  # fmt: skip

        assert answer.status_code == 201, answer.json()
        body = answer.json()
        assert body["status"] == "active"
        assert body["total"] == "800.00"
        assert [i["resource_name"] for i in body["items"]] == [
            "Floor row A seat 4",
            "Floor row A seat 5",
        ]
        assert Hold.objects.get(pk=body["id"]).event == event

    def test_errors_are_in_the_one_shape(self, api: Any) -> None:
        arena(slug="arena")
        pair = sign_in(UserFactory())
        post = lambda body, slug="arena": api.post(  # noqa: E731
            f"/api/events/{slug}/best-available/", body, format="json", **bearer(pair)
        )

        assert api.post("/api/events/arena/best-available/", {"quantity": 2},
                        format="json").status_code == 401  # fmt: skip
        bad = post({"quantity": "two"})
        assert bad.status_code == 400
        assert bad.json()["error"]["code"] == "validation_error"
        assert post({"quantity": 2, "section": "Roof"}).json()["error"]["fields"] == {
            "section": ["This event has no such section."]
        }
        assert post({"quantity": 2}, slug="nope").status_code == 404
        big = post({"quantity": 9})
        assert big.status_code == 409
        assert big.json()["error"]["code"] == "sold_out"

    def test_the_event_lists_its_sections_in_the_request_language(self, api: Any) -> None:
        event = arena(slug="arena")
        SeatSection.objects.filter(event=event, name="Floor").update(
            name_ar="الأرضية", tier_ar="ذهبية"
        )

        english = api.get("/api/events/arena/").json()["sections"]
        arabic = api.get("/api/events/arena/", HTTP_ACCEPT_LANGUAGE="ar").json()["sections"]

        assert [(s["name"], s["tier"], s["price"], s["rank"], s["aisles_after"])
                for s in english] == [
            ("Floor", "Gold", "400.00", 1, [5]),
            ("Stand", "Silver", "200.00", 2, []),
        ]  # fmt: skip
        assert english[0]["label"] == "Floor"
        assert (arabic[0]["name"], arabic[0]["label"], arabic[0]["tier"]) == (
            "Floor",
            "الأرضية",
            "ذهبية",
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_guests_asking_at_once_get_different_seats_and_nothing_is_oversold() -> None:
    event = arena()
    users = [UserFactory() for _ in range(12)]

    def job(user: Any) -> Any:
        def run() -> str:
            try:
                hold = hold_best_available(user=user, event=event, quantity=4)
            except NoSeatsTogether:
                return "none"
            return ",".join(f"{s}/{r}/{n}" for s, r, n in places(hold))

        return run

    outcomes = run_together([job(user) for user in users])

    assert not [key for key in outcomes if key.startswith("error")], outcomes
    held = [key for key in outcomes if key != "none"]
    assert all(outcomes[key] == 1 for key in held), outcomes  # nobody got the same block
    seats = [seat for key in held for seat in key.split(",")]
    assert len(seats) == len(set(seats)) == 4 * len(held)  # nor shares a seat
    for key in held:  # four side by side in one row, never across the floor's aisle
        parts = [seat.split("/") for seat in key.split(",")]
        section_rows = {(section, row) for section, row, _ in parts}
        numbers = [int(number) for _, _, number in parts]
        assert len(section_rows) == 1
        assert numbers == list(range(numbers[0], numbers[0] + 4))
        assert not (key.startswith("Floor") and numbers[0] <= 5 < numbers[-1])
    # Each floor run of 5 holds one block; each stand row of 8 one or two (the centre first).
    assert 4 + 3 <= len(held) <= 4 + 6
    assert outcomes["none"] == 12 - len(held)
    assert Slot.objects.filter(resource__event=event, held__gt=0).count() == len(seats)
