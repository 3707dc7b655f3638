# ruff: noqa: RUF001  (Arabic-Indic digits on purpose)
"""Content in English and Arabic (issue 18, item 9; stay search of item 10): names, cities
and addresses in the request's language, stay search and suggestions in both languages, the
admin with both fields, the catalog's cache per language, and the folding search relies on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.utils import translation

from backend.catalog.models import ServiceCategory, VehicleType
from backend.core.text_search import matches_prefix, matches_word, search_key
from backend.inventory.models import Event, Resource
from tests.factories import EventFactory, VenueFactory
from tests.inventory.test_stays import D10, D13, NOW, room, search, stays

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def arena() -> Event:
    venue = VenueFactory(
        name="Corniche Arena", name_ar="ساحة الكورنيش", city="Jeddah", city_ar="جدة",
        address="North Corniche, Jeddah", address_ar="الكورنيش الشمالي، جدة",
    )  # fmt: skip
    event = EventFactory(
        slug="fest", venue=venue, name="Summer Fest", name_ar="المهرجان الصيفي",
        status=Event.Status.ON_SALE,
    )  # fmt: skip
    Resource.objects.create(
        event=event, kind=Resource.Kind.TICKET, name="General Admission", name_ar="دخول عام"
    )
    Resource.objects.create(event=event, kind=Resource.Kind.TICKET, name="Early Bird")
    return event


class TestSearchKey:
    @pytest.mark.parametrize(
        ("typed", "key"),
        [
            ("  North   GOA ", "north goa"),
            ("Pondichéry", "pondichery"),
            ("جُدَّة", "جده"),  # tashkeel, taa marbuta
            ("أبها", "ابها"),
            ("إربد", "اربد"),
            ("آل", "ال"),
            ("مكـــة", "مكه"),  # tatweel
            ("مستشفى", "مستشفي"),  # alef maksura
            ("غرفة ١٠١", "غرفه 101"),
            ("North-Corniche, Jeddah", "north corniche jeddah"),
        ],
    )
    def test_folds_what_people_type_differently(self, typed: str, key: str) -> None:
        assert search_key(typed) == key

    def test_a_city_is_matched_from_its_start_with_or_without_the_article(self) -> None:
        assert matches_prefix("جده", "جدة")
        assert matches_prefix("مدينه", "المدينة المنورة")
        assert matches_prefix("Riy", "Riyadh")
        assert not matches_prefix("goa", "North Goa")
        assert not matches_prefix("", "Goa")

    def test_a_name_is_matched_from_the_start_of_any_word(self) -> None:
        assert matches_word("corn", "North Corniche Resort")
        assert matches_word("كورنيش", "ساحة الكورنيش")
        assert not matches_word("orniche", "North Corniche Resort")


class TestApiLanguage:
    def test_arabic_is_answered_in_arabic(self, api: Any) -> None:
        arena()

        body = api.get("/api/events/fest/", HTTP_ACCEPT_LANGUAGE="ar").json()

        assert body["name"] == "المهرجان الصيفي"
        assert body["venue"]["name"] == "ساحة الكورنيش"
        assert body["venue"]["city"] == "جدة"
        assert body["venue"]["address"] == "الكورنيش الشمالي، جدة"
        names = [r["name"] for r in body["resources"]]
        # No Arabic given: the English one.
        assert names == ["دخول عام", "Early Bird"]

    def test_english_is_the_default_and_answered_in_english(self, api: Any) -> None:
        arena()

        for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}):
            body = api.get("/api/events/fest/", **headers).json()
            assert body["name"] == "Summer Fest"
            assert body["venue"]["city"] == "Jeddah"
            assert [r["name"] for r in body["resources"]] == ["General Admission", "Early Bird"]

    def test_the_answer_says_its_language_and_varies_by_it(self, api: Any) -> None:
        arena()

        response = api.get("/api/events/", HTTP_ACCEPT_LANGUAGE="ar")

        assert response["Content-Language"] == "ar"
        assert "Accept-Language" in response["Vary"]
        assert response.json()["events"][0]["name"] == "المهرجان الصيفي"

    def test_code_outside_a_request_reads_english_and_override_reads_arabic(self) -> None:
        event = arena()
        event.refresh_from_db()

        assert event.name == "Summer Fest"
        with translation.override("ar"):
            assert event.name == "المهرجان الصيفي"
            assert event.venue.city == "جدة"


class TestCatalogCache:
    def test_each_language_has_its_own_cached_answer(self, api: Any) -> None:
        event = EventFactory(slug="shop", kind=Event.Kind.SERVICE, status=Event.Status.ON_SALE)
        VehicleType.objects.create(event=event, name="Scooter", name_ar="سكوتر")
        ServiceCategory.objects.create(event=event, name="Brakes")
        url = "/api/catalog/vehicle-types/?event=shop"

        english = api.get(url).json()
        arabic = api.get(url, HTTP_ACCEPT_LANGUAGE="ar").json()
        again = api.get(url).json()

        assert [t["name"] for t in english["results"]] == ["Scooter"]
        assert [t["name"] for t in arabic["results"]] == ["سكوتر"]
        assert again == english


def arabic_stays(city: str = "Jeddah", city_ar: str = "جدة", **names: str) -> Event:
    event = stays(city, name=names.get("name", "Corniche Beach Resort"), time_zone="Asia/Riyadh")
    venue = event.venue
    venue.city_ar = city_ar
    venue.name_ar = names.get("name_ar", "منتجع شاطئ الكورنيش")
    venue.save()
    return event


class TestStaySearchLanguages:
    @pytest.mark.parametrize(
        "location", ["جدة", "جده", "جُدَّة", "جد", "Jeddah", "jed", "JEDDAH", "corn", "كورنيش"]
    )
    def test_finds_the_stay_by_city_or_name_in_either_language(self, location: str) -> None:
        room(arabic_stays())

        assert [v.event for v in search(location)] == [Event.objects.get().slug]

    def test_other_places_are_not_found(self) -> None:
        room(arabic_stays())

        assert search("الرياض") == []
        assert search("orniche") == []
        assert search("ده") == []

    def test_answers_in_arabic_when_asked(self, api: Any) -> None:
        event = arabic_stays()
        room(event, "Sea View 1")
        Resource.objects.filter(event=event).update(name_ar="إطلالة بحرية 1")

        body = api.get(
            "/api/search/stays/",
            {"location": "جدة", "check_in": D10, "check_out": D13},
            HTTP_ACCEPT_LANGUAGE="ar",
        ).json()

        [venue] = body["venues"]
        assert (venue["name"], venue["city"]) == ("منتجع شاطئ الكورنيش", "جدة")
        assert [r["name"] for r in venue["rooms"]] == ["إطلالة بحرية 1"]


class TestSuggestions:
    URL = "/api/search/stays/suggestions/"

    def test_partial_name_suggests_the_city_and_the_resort(self, api: Any) -> None:
        room(arabic_stays())
        room(stays("Goa", name="Palm Grove"))

        body = api.get(self.URL, {"q": "j"}).json()

        assert body["ok"] is True
        assert [(s["kind"], s["label"], s["location"]) for s in body["suggestions"]] == [
            ("city", "Jeddah", "Jeddah")
        ]
        body = api.get(self.URL, {"q": "corn"}).json()
        assert [(s["kind"], s["label"], s["city"]) for s in body["suggestions"]] == [
            ("venue", "Corniche Beach Resort", "Jeddah")
        ]

    def test_arabic_typed_any_way_suggests_in_the_request_language(self, api: Any) -> None:
        room(arabic_stays())

        arabic = api.get(self.URL, {"q": "جده"}, HTTP_ACCEPT_LANGUAGE="ar").json()
        english = api.get(self.URL, {"q": "جده"}).json()

        assert [(s["kind"], s["label"]) for s in arabic["suggestions"]] == [("city", "جدة")]
        assert [(s["kind"], s["label"]) for s in english["suggestions"]] == [("city", "Jeddah")]

    def test_stays_not_on_sale_are_not_suggested(self, api: Any) -> None:
        room(arabic_stays())
        Event.objects.update(status=Event.Status.DRAFT)

        assert api.get(self.URL, {"q": "jed"}).json()["suggestions"] == []

    @pytest.mark.parametrize("query", [{}, {"q": "  "}, {"q": "x" * 101}, {"q": "a", "limit": 0}])
    def test_bad_input_is_a_validation_error(self, api: Any, query: dict[str, Any]) -> None:
        response = api.get(self.URL, query)

        assert response.status_code == 400
        assert response.json()["error"]["code"] == "validation_error"


class TestAdmin:
    def test_the_venue_page_edits_english_and_arabic(self, admin_browser: Any) -> None:
        venue = arena().venue

        page = admin_browser.get(f"/admin/inventory/venue/{venue.pk}/change/").content.decode()

        for field in ("name_en", "name_ar", "city_en", "city_ar", "address_en", "address_ar"):
            assert f'name="{field}"' in page
        assert 'value="ساحة الكورنيش"' in page

    @pytest.mark.parametrize(
        "path", ["inventory/event/add/", "inventory/resource/add/", "checkin/gate/add/"]
    )
    def test_other_content_pages_edit_both_languages(self, admin_browser: Any, path: str) -> None:
        page = admin_browser.get(f"/admin/{path}").content.decode()

        assert 'name="name_en"' in page
        assert 'name="name_ar"' in page


def test_the_demo_has_arabic_names() -> None:
    from backend.core.demo import load_demo

    load_demo(lambda line: None)

    with translation.override("ar"):
        assert Event.objects.get(slug="summer-fest").venue.city == "جدة"
        assert Event.objects.get(slug="goa-palm-grove").name == "منتجع بالم جروف الشاطئي"
        assert Resource.objects.get(event__slug="repair-shop").name == "أماكن الخدمة"
