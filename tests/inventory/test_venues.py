"""A venue's page: the public answer, its opening hours checked as a whole, the admin."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from backend.core.errors import ValidationError
from backend.core.models import AuditEntry
from backend.inventory.models import Event, OpeningHours, Venue, VenueImage
from backend.inventory.services.venues import venue_opening_hours_set
from tests.factories import EventFactory, VenueFactory

pytestmark = pytest.mark.django_db

LUNCH_BREAK = [(0, time(9), time(13)), (0, time(14), time(18)), (5, time(10), time(14))]


@pytest.fixture
def shop() -> Venue:
    venue = VenueFactory(
        name="RepairMyBike",
        city="Bengaluru",
        address="100 Feet Road",
        time_zone="Asia/Kolkata",
        country="IN",
        contact_phone="+91 80 4000 1234",
        contact_email="service@example.com",
    )
    EventFactory(venue=venue, slug="repair-shop", name="Appointments", kind=Event.Kind.SERVICE)
    EventFactory(venue=venue, slug="secret-launch", status=Event.Status.DRAFT)
    venue_opening_hours_set(venue=venue, ranges=LUNCH_BREAK)
    VenueImage.objects.create(venue=venue, url="/static/b.svg", alt="Bay", sort_order=2)
    VenueImage.objects.create(
        venue=venue, url="https://cdn.example.com/a.jpg", alt="Front", alt_ar="الواجهة",
        sort_order=1,
    )  # fmt: skip
    return venue


class TestTheAnswer:
    def test_a_venue_with_its_hours_images_and_events(
        self, api: Any, shop: Venue, django_assert_num_queries: Any
    ) -> None:
        # the venue, its hours, images, amenities and listed events
        with django_assert_num_queries(5):
            answer = api.get(f"/api/venues/{shop.pk}/")

        assert answer.status_code == 200
        assert answer.json() == {
            "ok": True,
            "id": shop.pk,
            "name": "RepairMyBike",
            "address": "100 Feet Road",
            "city": "Bengaluru",
            "time_zone": "Asia/Kolkata",
            "country": "IN",
            "contact_phone": "+91 80 4000 1234",
            "contact_email": "service@example.com",
            "opening_hours": [
                {"weekday": 0, "opens": "09:00", "closes": "13:00"},
                {"weekday": 0, "opens": "14:00", "closes": "18:00"},
                {"weekday": 5, "opens": "10:00", "closes": "14:00"},
            ],
            "images": [
                {
                    "url": "https://cdn.example.com/a.jpg",
                    "alt": "Front",
                    "alt_ar": "الواجهة",
                    "width": None,
                    "height": None,
                    "srcset": "",
                    "renditions": [],
                },
                {
                    "url": "/static/b.svg",
                    "alt": "Bay",
                    "alt_ar": "Bay",
                    "width": None,
                    "height": None,
                    "srcset": "",
                    "renditions": [],
                },
            ],
            "amenities": [],
            "check_in_time": None,
            "check_out_time": None,
            "events": [{"slug": "repair-shop", "name": "Appointments", "kind": "service"}],
        }

    def test_a_venue_with_nothing_set_is_closed_every_day(self, api: Any) -> None:
        venue = EventFactory().venue

        answer = api.get(f"/api/venues/{venue.pk}/").json()

        assert (answer["opening_hours"], answer["images"], answer["contact_phone"]) == ([], [], "")

    def test_unknown_and_draft_only_venues_are_not_found(self, api: Any) -> None:
        draft_only = EventFactory(status=Event.Status.DRAFT).venue
        unused = VenueFactory()

        for venue_id in (draft_only.pk, unused.pk, 999_999):
            answer = api.get(f"/api/venues/{venue_id}/")
            assert answer.status_code == 404
            assert answer.json()["ok"] is False
            assert answer.json()["error"]["code"] == "not_found"
        assert api.get("/api/venues/nope/").json()["error"]["code"] == "not_found"

    def test_a_closed_event_still_shows_its_venue(self, api: Any) -> None:
        venue = EventFactory(status=Event.Status.CLOSED).venue

        assert api.get(f"/api/venues/{venue.pk}/").status_code == 200

    def test_events_name_their_venue_for_its_page(self, api: Any, shop: Venue) -> None:
        detail = api.get("/api/events/repair-shop/").json()
        listed = api.get("/api/events/").json()["events"]

        assert detail["venue"]["id"] == shop.pk
        assert detail["venue"]["name"] == "RepairMyBike"
        assert [e["venue"]["id"] for e in listed] == [shop.pk]


class TestOpeningHours:
    def test_setting_the_same_hours_again_changes_nothing(self, shop: Venue) -> None:
        before = list(shop.opening_hours.values_list("pk", flat=True))

        venue_opening_hours_set(venue=shop, ranges=reversed(LUNCH_BREAK))

        assert list(shop.opening_hours.values_list("pk", flat=True)) == before

    def test_new_hours_replace_the_old(self, shop: Venue) -> None:
        venue_opening_hours_set(venue=shop, ranges=[(2, time(8), time(12))])

        assert [str(h) for h in shop.opening_hours.all()] == ["Wednesday 08:00-12:00"]

    @pytest.mark.parametrize(
        ("ranges", "says"),
        [
            ([(0, time(9), time(13)), (0, time(12), time(18))], "overlap"),
            ([(0, time(9), time(18)), (0, time(10), time(11))], "overlap"),
            ([(3, time(9), time(13)), (3, time(9), time(13, 30))], "overlap"),
            ([(1, time(18), time(9))], "closes before it opens"),
            ([(1, time(9), time(9))], "closes before it opens"),
            ([(7, time(9), time(10))], "not a weekday"),
        ],
    )
    def test_backwards_or_overlapping_ranges_are_refused(
        self, shop: Venue, ranges: Any, says: str
    ) -> None:
        before = list(shop.opening_hours.values_list("weekday", "opens", "closes"))

        with pytest.raises(ValidationError) as refused:
            venue_opening_hours_set(venue=shop, ranges=ranges)

        assert says in refused.value.fields["opening_hours"][0]  # type: ignore[index]
        assert list(shop.opening_hours.values_list("weekday", "opens", "closes")) == before

    def test_ranges_may_touch_and_other_days_may_repeat_them(self, shop: Venue) -> None:
        ranges = [(0, time(9), time(13)), (0, time(13), time(18)), (1, time(9), time(13))]

        venue_opening_hours_set(venue=shop, ranges=ranges)

        assert shop.opening_hours.count() == 3

    def test_the_model_refuses_a_range_closing_before_it_opens(self, shop: Venue) -> None:
        backwards = OpeningHours(venue=shop, weekday=2, opens=time(18), closes=time(9))

        with pytest.raises(DjangoValidationError) as refused:
            backwards.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            backwards.save()

        assert "closes" in refused.value.message_dict

    @pytest.mark.parametrize("url", ["http://example.com/a.jpg", "//evil.example/a.jpg", "a.jpg"])
    def test_an_image_is_an_https_url_or_a_path_here(self, shop: Venue, url: str) -> None:
        with pytest.raises(DjangoValidationError):
            VenueImage(venue=shop, url=url, alt="x").full_clean()


def venue_form(browser: Client, venue: Venue, hours: list[dict[str, Any]]) -> dict[str, Any]:
    """The POST data of ``venue``'s change page with ``hours`` as its opening-hours inline."""
    data: dict[str, Any] = {
        "name": venue.name, "city": venue.city, "address": venue.address,
        # The translated fields as the admin shows them (django-modeltranslation).
        "name_en": venue.name, "city_en": venue.city, "address_en": venue.address,
        "time_zone": venue.time_zone, "contact_phone": venue.contact_phone,
        "contact_email": venue.contact_email,
        "opening_hours-TOTAL_FORMS": str(len(hours)),
        "opening_hours-INITIAL_FORMS": str(sum(1 for h in hours if "id" in h)),
        "opening_hours-MIN_NUM_FORMS": "0", "opening_hours-MAX_NUM_FORMS": "1000",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for n, row in enumerate(hours):
        for key, value in row.items():
            data[f"opening_hours-{n}-{key}"] = "on" if value is True else str(value)
        data[f"opening_hours-{n}-venue"] = str(venue.pk)
    return data


class TestAdmin:
    def test_hours_are_edited_inline_and_audited(self, admin_browser: Client) -> None:
        venue = VenueFactory()
        url = f"/admin/inventory/venue/{venue.pk}/change/"
        hours = [
            {"weekday": 0, "opens": "09:00", "closes": "13:00"},
            {"weekday": 0, "opens": "14:00", "closes": "18:00"},
        ]

        page = admin_browser.get(url)
        saved = admin_browser.post(url, venue_form(admin_browser, venue, hours))

        assert page.status_code == 200
        assert saved.status_code == 302
        assert [str(h) for h in venue.opening_hours.all()] == [
            "Monday 09:00-13:00",
            "Monday 14:00-18:00",
        ]
        actions = AuditEntry.objects.values_list("action", "after")
        assert [a for a, _ in actions] == ["openinghours.add", "openinghours.add"]
        assert sorted(after["opens"] for _, after in actions) == ["09:00:00", "14:00:00"]

    def test_a_change_that_moves_one_range_into_another_is_fine_when_the_other_moves(
        self, admin_browser: Client
    ) -> None:
        venue = VenueFactory()
        venue_opening_hours_set(
            venue=venue, ranges=[(0, time(9), time(13)), (0, time(14), time(18))]
        )
        morning, afternoon = venue.opening_hours.all()
        hours = [
            {"id": morning.pk, "weekday": 0, "opens": "09:00", "closes": "12:00"},
            {"id": afternoon.pk, "weekday": 0, "opens": "12:00", "closes": "18:00"},
        ]

        saved = admin_browser.post(
            f"/admin/inventory/venue/{venue.pk}/change/", venue_form(admin_browser, venue, hours)
        )

        assert saved.status_code == 302
        assert [str(h) for h in venue.opening_hours.all()] == [
            "Monday 09:00-12:00",
            "Monday 12:00-18:00",
        ]
        assert AuditEntry.objects.filter(action="openinghours.change").count() == 2

    @pytest.mark.parametrize(
        ("hours", "says"),
        [
            (
                [
                    {"weekday": 4, "opens": "09:00", "closes": "13:00"},
                    {"weekday": 4, "opens": "12:30", "closes": "18:00"},
                ],
                "Friday: 09:00-13:00 and 12:30-18:00 overlap.",
            ),
            ([{"weekday": 4, "opens": "18:00", "closes": "09:00"}], "Closes after it opens"),
        ],
    )
    def test_overlapping_or_backwards_hours_show_the_form_again(
        self, admin_browser: Client, hours: Any, says: str
    ) -> None:
        venue = VenueFactory()

        answer = admin_browser.post(
            f"/admin/inventory/venue/{venue.pk}/change/", venue_form(admin_browser, venue, hours)
        )

        assert answer.status_code == 200
        assert says in answer.content.decode()
        assert not venue.opening_hours.exists()
        assert not AuditEntry.objects.exists()

    def test_deleting_a_range_inline_is_audited(self, admin_browser: Client) -> None:
        venue = VenueFactory()
        venue_opening_hours_set(venue=venue, ranges=[(6, time(10), time(14))])
        sunday = venue.opening_hours.get()
        hours = [{"id": sunday.pk, "weekday": 6, "opens": "10:00", "closes": "14:00",
                  "DELETE": True}]  # fmt: skip

        saved = admin_browser.post(
            f"/admin/inventory/venue/{venue.pk}/change/", venue_form(admin_browser, venue, hours)
        )

        assert saved.status_code == 302
        assert not venue.opening_hours.exists()
        entry = AuditEntry.objects.get()
        assert (entry.action, entry.before["weekday"]) == ("openinghours.delete", 6)
