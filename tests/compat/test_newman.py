"""Every generated Postman collection runs green in newman against a live server.

The server is the real one (``python -m backend.serve``, daphne) in the embedded mode, with the
demo data (``manage.py demo``), its SMS sent through a fake Twilio whose inbox the collections
read (``{{smsOutbox}}/last?to={{phone}}`` → ``{"code"}``, tests/support/fake_sms_inbox.py), and
Razorpay and Stripe through their fakes. One test per flow (``backend/compat/collections.py``
finds them: each ``backend/compat/<package>/flow.py`` FLOW, and the native flow); each runs
``frontend/node_modules/.bin/newman run`` on the collection and its environment and asserts,
from newman's JSON report, that every request got an answer and every assertion passed.

To run YOUR flow through newman (after writing ``backend/compat/<package>/flow.py``; the test
generates the collection from the flow itself)::

    cd /work/main && env -u DATABASE_URL -u REDIS_URL .venv/bin/pytest -p no:randomly -q \
        tests/compat/test_newman.py -k <system>       # e.g. -k lodore-villa; -k native

then ``.venv/bin/python manage.py compat_collections`` and commit ``collections/<system>.*``
with the flow (tests/compat/test_collections.py fails when they differ). A failure prints
one line per request (method, URL, status), each failed assertion under it, the body of
each 4xx/5xx answer, and the end of newman's own report.
Secrets a flow needs for a webhook signature are the ``variables`` of ``newman_server`` below
(``{{razorpayWebhookSecret}}``, ``{{razorpayKeySecret}}``, ``{{stripeWebhookSecret}}``,
``{{calendlySigningKey}}``, ``{{calendlyWebhookSecret}}``): declare the ones you use in your
flow's ``variables`` with any placeholder value; the test passes the real ones with
``--env-var``. Needs node (``npm ci`` in frontend/ installs newman); skipped only where node
itself is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from backend.compat import collections
from backend.compat.flows import Flow, Step
from tests.support.fake_razorpay import FakeRazorpay
from tests.support.fake_sms_inbox import FakeSmsInbox
from tests.support.fake_stripe import FakeStripe
from tests.support.live import ROOT, LiveServer, embedded_env, live_server

NEWMAN = ROOT / "frontend" / "node_modules" / ".bin" / "newman"
CALENDLY_SIGNING_KEY = "newman-calendly-signing-key"
CALENDLY_SECRET = "newman-calendly-shared-secret"  # X-Webhook-Secret (vip-villa.md)
RUN_TIMEOUT = 120  # seconds for one collection, requests included

pytestmark = [pytest.mark.slow]

FLOWS = {flow.system: flow for flow in collections.flows()}


@dataclass
class NewmanServer:
    server: LiveServer
    inbox: FakeSmsInbox
    variables: dict[str, str] = field(default_factory=dict)  # --env-var for every run


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, f"manage.py {args}:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def newman_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewmanServer]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: newman runs on node (CI and `make test` have it)")
    assert NEWMAN.is_file(), f"{NEWMAN} is missing: run `npm ci` in frontend/ (make test does)"
    var_dir = tmp_path_factory.mktemp("newman")
    with FakeSmsInbox() as inbox, FakeRazorpay() as razorpay, FakeStripe() as stripe:
        env = embedded_env(var_dir)
        env |= inbox.server_env()
        env |= {
            "RAZORPAY_API_BASE": razorpay.base_url,
            "RAZORPAY_KEY_ID": razorpay.key_id,
            "RAZORPAY_KEY_SECRET": razorpay.key_secret,
            "RAZORPAY_WEBHOOK_SECRET": razorpay.webhook_secret,
            "STRIPE_API_BASE": stripe.base_url,
            "STRIPE_SECRET_KEY": stripe.secret_key,
            "STRIPE_PUBLISHABLE_KEY": stripe.publishable_key,
            "STRIPE_WEBHOOK_SECRET": stripe.webhook_secret,
            "CALENDLY_WEBHOOK_SIGNING_KEY": CALENDLY_SIGNING_KEY,
            "CALENDLY_WEBHOOK_SECRET": CALENDLY_SECRET,
            "PAYMENT_TIMEOUT_SECONDS": "5",
            # Every request comes from 127.0.0.1: the per-IP limits would stop the runs
            # (the per-phone limits stay; each flow signs in with its own phone).
            "OTP_REQUESTS_PER_IP": "1000",
            "OTP_VERIFIES_PER_IP": "1000",
            "LOGIN_FAILURES_PER_IP": "1000",
        }
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "demo")
        with live_server(env, var_dir, timeout=60) as server:
            yield NewmanServer(
                server,
                inbox,
                {
                    "smsOutbox": inbox.base_url,
                    "razorpayKeyId": razorpay.key_id,
                    "razorpayKeySecret": razorpay.key_secret,
                    "razorpayWebhookSecret": razorpay.webhook_secret,
                    "stripeWebhookSecret": stripe.webhook_secret,
                    "calendlySigningKey": CALENDLY_SIGNING_KEY,
                    "calendlyWebhookSecret": CALENDLY_SECRET,
                },
            )


def newman_run(flow: Flow, site_url: str, variables: dict[str, str], out: Path) -> dict[str, Any]:
    """Run one flow's collection with newman; its JSON report."""
    collection = out / collections.collection_name(flow)
    environment = out / collections.environment_name(flow)
    collection.write_text(collections.render(collections.collection(flow)))
    environment.write_text(collections.render(collections.environment(flow)))
    report = out / f"{flow.system}.report.json"
    overrides = {"baseUrl": collections.base_url(flow, site_url), **variables}
    command = [
        str(NEWMAN), "run", str(collection), "-e", str(environment),
        "--reporters", "cli,json", "--reporter-json-export", str(report),
        "--timeout", str(RUN_TIMEOUT * 1000), "--timeout-request", "20000",
        "--color", "off", "--disable-unicode",
    ]  # fmt: skip
    for name, value in overrides.items():
        command += ["--env-var", f"{name}={value}"]
    result = subprocess.run(
        command, cwd=out, capture_output=True, text=True, timeout=RUN_TIMEOUT + 30
    )
    assert report.is_file(), f"newman wrote no report:\n{result.stdout}\n{result.stderr}"
    answer: dict[str, Any] = json.loads(report.read_text())
    answer["_output"] = result.stdout + result.stderr
    answer["_returncode"] = result.returncode
    return answer


def summary(report: dict[str, Any]) -> str:
    """One line per request (status, URL), the failures under it: what a failure prints."""
    lines = []
    for execution in report["run"]["executions"]:
        request, response = execution.get("request", {}), execution.get("response") or {}
        url = request.get("url", {})
        raw = url if isinstance(url, str) else _url_text(url)
        lines.append(
            f"{execution['item']['name']}: {request.get('method')} {raw} -> "
            f"{response.get('code', execution.get('requestError', {}).get('message', 'no answer'))}"
        )
        for assertion in execution.get("assertions", []):
            if assertion.get("error"):
                lines.append(
                    f"    FAILED {assertion['assertion']}: {assertion['error']['message']}"
                )
        if response and response.get("code", 200) >= 400:
            stream = response.get("stream", {})
            text = bytes(stream.get("data", [])).decode(errors="replace") if stream else ""
            lines.append(f"    answer: {text[:500]}")
    for failure in report["run"]["failures"]:
        error = failure.get("error", {})
        lines.append(f"failure: {error.get('name')}: {error.get('message')}")
    return "\n".join(lines)


def _url_text(url: dict[str, Any]) -> str:
    host = ".".join(url.get("host", []))
    port = f":{url['port']}" if url.get("port") else ""
    query = "&".join(f"{q['key']}={q.get('value')}" for q in url.get("query", []))
    return f"{host}{port}/{'/'.join(url.get('path', []))}" + (f"?{query}" if query else "")


@pytest.mark.parametrize("system", sorted(FLOWS))
def test_the_collection_runs_green_in_newman(
    system: str, newman_server: NewmanServer, tmp_path: Path
) -> None:
    flow = FLOWS[system]
    report = newman_run(flow, newman_server.server.url, newman_server.variables, tmp_path)
    run = report["run"]
    why = summary(report) + "\n--- newman ---\n" + report["_output"][-6000:]

    executions = run["executions"]
    assert [e["item"]["name"] for e in executions] == [s.name for s in flow.steps], why
    unanswered = [
        e["item"]["name"] for e in executions if not e.get("response") or e.get("requestError")
    ]
    assert not unanswered, f"no answer to {unanswered}\n{why}"
    failed = [a for e in executions for a in e.get("assertions", []) if a.get("error")]
    assert not failed, why
    assert run["failures"] == [], why
    stats = run["stats"]
    assert stats["requests"]["failed"] == 0, why
    assert stats["assertions"]["failed"] == 0, why
    assert stats["assertions"]["total"] >= len(flow.steps), why  # a status test per step
    assert report["_returncode"] == 0, why


def test_a_failing_step_fails_the_run(newman_server: NewmanServer, tmp_path: Path) -> None:
    """What the test above reads from the report does see a wrong status, a missing field and
    a request that got no answer."""
    broken = Flow(
        system="native",
        name="Broken on purpose",
        steps=(
            Step(name="Health", method="GET", path="/api/health/", expect=("no.such.field",)),
            Step(name="Nowhere", method="GET", path="/api/nowhere/"),
            Step(name="Closed", method="GET", path="http://127.0.0.1:9/"),
        ),
    )
    report = newman_run(broken, newman_server.server.url, newman_server.variables, tmp_path)

    executions = report["run"]["executions"]
    failed = [
        (e["item"]["name"], a["assertion"])
        for e in executions
        for a in e["assertions"]
        if a.get("error")
    ]
    assert ("Health", "answer has no.such.field") in failed
    assert ("Nowhere", "status 200") in failed
    assert ("Health", "status 200") not in failed
    assert [e["item"]["name"] for e in executions if e.get("requestError")] == ["Closed"]
    assert report["run"]["stats"]["assertions"]["failed"] >= 2
    assert report["_returncode"] != 0
    assert "Nowhere: GET" in summary(report)
