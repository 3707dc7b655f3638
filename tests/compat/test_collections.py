"""The Postman collections: generated from the flows, deterministic, committed as generated."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from backend.compat import collections
from backend.compat.flows import Flow, Raw, Step
from backend.compat.urls import SYSTEMS
from tests.support.fake_sms_inbox import FakeSmsInbox, same_phone
from tests.support.live import ROOT

FLOW = Flow(
    system="dandeli",
    name="A small flow",
    variables={"phone": "+919800000001"},
    steps=(
        Step(
            name="Ask",
            method="post",
            path="/api/ask",
            body={"phone": "{{phone}}", "slot": Raw("{{slotId}}"), "n": 1},
            status=201,
            expect=("data.id",),
            save={"askId": "data.id"},
            tests=("pm.test('own', function () {});",),
        ),
        Step(
            name="Read the SMS",
            method="GET",
            path="{{smsOutbox}}/last?to={{phone}}",
            headers={"X-Thing": "{{askId}}"},
            prerequest=("pm.environment.set('t', '1');",),
        ),
        Step(name="Form", method="POST", path="/form", form={"outcome": "pay"}),
    ),
)


def test_a_step_becomes_a_request_with_its_test_script() -> None:
    document = collections.collection(FLOW)

    assert document["info"]["schema"] == collections.SCHEMA
    assert document["info"]["name"] == "A small flow"
    ask, sms, form = document["item"]
    assert [ask["name"], sms["name"], form["name"]] == ["Ask", "Read the SMS", "Form"]
    request = ask["request"]
    assert request["method"] == "POST"
    assert request["url"] == "{{baseUrl}}/api/ask"
    assert {"key": "Content-Type", "value": "application/json"} in request["header"]
    # A Raw value goes in unquoted (a number once substituted); a placeholder in a string stays
    # a string.
    assert '"slot": {{slotId}}' in request["body"]["raw"]
    assert json.loads(request["body"]["raw"].replace("{{slotId}}", "7")) == {
        "phone": "{{phone}}",
        "slot": 7,
        "n": 1,
    }
    [test] = ask["event"]
    assert test["listen"] == "test"
    script = "\n".join(test["script"]["exec"])
    assert "pm.response.to.have.status(201);" in script
    assert 'at(body, "data.id")' in script
    assert 'pm.environment.set("askId", value);' in script
    assert script.endswith("pm.test('own', function () {});")
    # A full URL is kept; headers carry placeholders; the prerequest script comes first.
    assert sms["request"]["url"] == "{{smsOutbox}}/last?to={{phone}}"
    assert {"key": "X-Thing", "value": "{{askId}}"} in sms["request"]["header"]
    assert [e["listen"] for e in sms["event"]] == ["prerequest", "test"]
    assert "body" not in sms["request"]
    assert form["request"]["body"] == {
        "mode": "urlencoded",
        "urlencoded": [{"key": "outcome", "value": "pay", "type": "text"}],
    }


def test_ids_are_stable_and_distinct() -> None:
    first, again = collections.collection(FLOW), collections.collection(FLOW)

    assert collections.render(first) == collections.render(again)
    ids = [first["info"]["_postman_id"]] + [item["id"] for item in first["item"]]
    ids += [e["script"]["id"] for item in first["item"] for e in item["event"]]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(value).version == 5 for value in ids)
    renamed = Flow(system=FLOW.system, name="Another name", steps=FLOW.steps)
    assert collections.collection(renamed)["item"][0]["id"] != first["item"][0]["id"]


def test_the_environment_holds_the_base_url_the_inbox_and_the_flow_variables() -> None:
    values = {v["key"]: v["value"] for v in collections.environment(FLOW)["values"]}

    assert values == {
        "baseUrl": "http://127.0.0.1:8000/compat/dandeli",
        "smsOutbox": collections.SMS_OUTBOX,
        "phone": "+919800000001",
    }
    native = Flow(system="native", name="n", steps=())
    assert collections.base_url(native, "http://x:1/") == "http://x:1"


@pytest.mark.parametrize(
    "steps",
    [
        (Step(name="a", method="GET", path="/x"), Step(name="a", method="GET", path="/y")),
        (Step(name="a", method="POST", path="/x", body={}, form={}),),
        (Step(name="a", method="GET", path="relative/path"),),
    ],
    ids=["duplicate names", "body and form", "relative path"],
)
def test_a_malformed_flow_is_refused(steps: tuple[Step, ...]) -> None:
    with pytest.raises(ValueError, match=r"step|flow"):
        collections.collection(Flow(system="dandeli", name="bad", steps=steps))


def test_every_flow_is_found_and_well_formed() -> None:
    found = collections.flows()
    systems = [flow.system for flow in found]

    compat = ROOT / "backend" / "compat"
    with_flow = [p for p, package in SYSTEMS.items() if (compat / package / "flow.py").is_file()]
    assert systems == [*with_flow, "native"]
    for flow in found:
        document = collections.collection(flow)  # refuses duplicate names, relative paths
        assert len(document["item"]) == len(flow.steps) > 0
        for step in flow.steps:
            assert step.method.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"}, step.name
            assert 100 <= step.status < 600, step.name


def test_the_committed_collections_are_what_the_flows_generate() -> None:
    """They cannot drift: after changing a flow, run `python manage.py compat_collections`
    and commit collections/ with it."""
    call_command("compat_collections", "--check", stdout=io.StringIO())


def test_the_command_writes_every_file_and_removes_stale_ones(tmp_path: Path) -> None:
    (tmp_path / "gone.postman_collection.json").write_text("{}")
    call_command("compat_collections", "--out", str(tmp_path), stdout=io.StringIO())

    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == sorted(name for name, _ in collections.files())
    assert "native.postman_collection.json" in names
    call_command("compat_collections", "--out", str(tmp_path), "--check", stdout=io.StringIO())
    (tmp_path / "native.postman_environment.json").write_text("{}\n")
    with pytest.raises(CommandError, match=r"native\.postman_environment\.json"):
        call_command("compat_collections", "--out", str(tmp_path), "--check")


def test_the_lodore_villa_collection_covers_the_one_its_readme_ships() -> None:
    """reference/vip-villa.md, "Testing with Postman": its five requests in order, the
    "Lodore Villa Local" environment, and the variables its test scripts save."""
    flows = {flow.system: flow for flow in collections.flows()}
    if "lodore-villa" not in flows:
        pytest.skip("backend/compat/lodore_villa/flow.py is not written yet")
    flow = flows["lodore-villa"]
    readme = ["Request OTP", "Verify OTP", "Me (Protected)", "Refresh Token", "Calendly Webhook"]

    names = [step.name for step in flow.steps]
    assert [name for name in names if name in readme] == readme
    assert collections.environment(flow)["name"] == "Lodore Villa Local"
    saved = {name for step in flow.steps for name in step.save}
    assert {"requestId", "otp_code", "access_token", "refresh_token"} <= saved
    assert "phone" in flow.variables


@pytest.mark.parametrize(
    ("sent", "asked", "same"),
    [
        ("+966512345678", "+966512345678", True),
        ("+966512345678", "0512345678", True),
        ("+966512345678", "966512345678", True),
        ("+966512345678", "+966512345679", False),
        ("+966512345678", "", False),
        ("+966512345678", "5678", False),
    ],
)
def test_the_inbox_matches_a_phone_in_any_form(sent: str, asked: str, same: bool) -> None:
    assert same_phone(sent, asked) is same


def test_the_inbox_answers_the_last_code_sent() -> None:
    with FakeSmsInbox() as inbox, httpx.Client(base_url=inbox.base_url) as client:
        auth = (inbox.account_sid, inbox.auth_token)
        start = f"/v2/Services/{inbox.service_sid}/Verifications"
        assert client.get("/last?to=+966512345678").status_code == 404
        client.post(start, data={"To": "+966512345678", "Channel": "sms"}, auth=auth)
        code = inbox.code_for("+966512345678")

        for asked in ("+966512345678", "%2B966512345678", "0512345678"):
            answer = client.get(f"/last?to={asked}")
            assert answer.status_code == 200
            assert answer.json()["code"] == code
            assert answer.json()["to"] == "+966512345678"
        assert client.get("/last?to=+966512345670").status_code == 404
