"""Browser tests: Debian's Chromium, driven by Playwright, against the product as `make run`
serves it (daphne in the embedded mode, demo data, the built web app).

The web app must be built first (`make test` does it; or `npm run build` in frontend/).
FRONTEND_DIST points elsewhere when set. CHROMIUM names the browser (default: Debian's
/usr/bin/chromium; Playwright's own browser download does not work here).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from django.conf import settings

from tests.support.live import ROOT, LiveServer, embedded_env, live_server

SCREENSHOTS = ROOT / "var" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return os.environ.get("CHROMIUM") or found


def frontend_dist() -> Path:
    value = os.environ.get("FRONTEND_DIST")
    return Path(value).resolve() if value else ROOT / "frontend" / "dist"


def _missing_or_skip(reason: str) -> None:
    if settings.GATEHOUSE_REQUIRE_SERVICES:
        pytest.fail(f"GATEHOUSE_REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@dataclass
class WebApp:
    """The running product, with what the demo printed once and the server's console."""

    server: LiveServer
    var_dir: Path
    demo_output: str
    device_token: str = ""
    staff_email: str = "staff@gatehouse.local"
    staff_password: str = ""
    used_phones: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return self.server.url

    def otp_for(self, phone: str, *, after: int = 0, timeout: float = 10) -> str:
        """The newest code the console SMS provider printed for a phone (after log offset)."""
        deadline = time.monotonic() + timeout
        pattern = re.compile(rf"OTP {re.escape(phone)} (\d+)")
        while time.monotonic() < deadline:
            codes = pattern.findall(self.server.log()[after:])
            if codes:
                return codes[-1]
            time.sleep(0.1)
        raise AssertionError(f"no OTP for {phone} in the server log")

    def log_offset(self) -> int:
        return len(self.server.log())

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        """Run SQL on the server's SQLite database (to move time: expire a hold now)."""
        with sqlite3.connect(self.var_dir / "gatehouse.sqlite3", timeout=10) as connection:
            rows = connection.execute(query, params).fetchall()
            connection.commit()
        return rows

    def client(self, token: str | None = None, scheme: str = "Bearer") -> httpx.Client:
        """An API client, signed in when given a token (``scheme="Device"`` for a station)."""
        headers = {"Authorization": f"{scheme} {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=20)

    def guest_api(self, phone: str, *, event: str | None = None) -> httpx.Client:
        """An API client signed in as a guest by OTP, the code read from the server's console."""
        offset = self.log_offset()
        asking = {"phone": phone, **({"event": event} if event else {})}
        with self.client() as anonymous:
            asked = anonymous.post("/api/auth/otp/request/", json=asking)
            assert asked.status_code == 200, asked.text
            code = self.otp_for(phone, after=offset)
            verified = anonymous.post(
                "/api/auth/otp/verify/",
                json={"phone": phone, "request_id": asked.json()["request_id"], "code": code},
            )
            assert verified.status_code == 200, verified.text
        return self.client(verified.json()["access"])

    def staff_api(self) -> httpx.Client:
        """An API client signed in as the demo's staff member."""
        with self.client() as anonymous:
            answer = anonymous.post(
                "/api/auth/login/",
                json={"email": self.staff_email, "password": self.staff_password},
            )
            assert answer.status_code == 200, answer.text
        return self.client(answer.json()["access"])

    def station_api(self, token: str | None = None) -> httpx.Client:
        """An API client signed in as a scanning station (the demo's, unless given a token)."""
        return self.client(token or self.device_token, scheme="Device")

    def fresh_phone(self, prefix: str = "+9665512") -> str:
        """A phone no other test used (limits are per phone)."""
        number = f"{prefix}{len(self.used_phones) + 10000:05d}"
        self.used_phones.add(number)
        return number


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def web_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    dist = frontend_dist()
    if not (dist / "index.html").is_file():
        _missing_or_skip(f"the web app is not built ({dist}/index.html); run `make test`")
    var_dir = tmp_path_factory.mktemp("web-app")
    env = embedded_env(var_dir)
    env["FRONTEND_DIST"] = str(dist)
    env["DJANGO_DEBUG"] = "1"
    # Every browser here comes from 127.0.0.1: the per-IP OTP limits would stop the suite
    # (per-phone limits stay as they are; each test uses its own phones).
    env["OTP_REQUESTS_PER_IP"] = env["OTP_VERIFIES_PER_IP"] = env["LOGIN_FAILURES_PER_IP"] = "1000"
    _manage(env, "migrate", "--noinput", "-v0")
    demo = _manage(env, "demo")
    with live_server(env, var_dir, timeout=60) as server:
        app = WebApp(server=server, var_dir=var_dir, demo_output=demo)
        token = re.search(r"station token created: (\S+)", demo)
        staff = re.search(r"Staff sign-in created: (\S+) / (\S+)", demo)
        app.device_token = token.group(1) if token else ""
        if staff:
            app.staff_email, app.staff_password = staff.group(1), staff.group(2)
        yield app


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium, per test module: Playwright's own event loop is gone before the suite's
    asyncio tests of other folders run."""
    executable = chromium_path()
    if not executable:
        _missing_or_skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream"],
        )
        yield chromium
        chromium.close()


# Every page reports what its Content-Security-Policy blocked (tests/e2e/test_csp.py shows
# that a violation is caught): a test whose pages break the policy fails.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__ghCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`
    + ` (${event.sourceFile}:${event.lineNumber})`,
  );
});
"""


def watch_csp(context: object, violations: list[str]) -> None:
    """Collect the CSP violations of every page of a browser context into ``violations``."""

    def report(violation: str) -> None:
        violations.append(violation)

    context.expose_function("__ghCspViolation", report)  # type: ignore[attr-defined]
    context.add_init_script(REPORT_CSP_VIOLATIONS)  # type: ignore[attr-defined]


@pytest.fixture
def new_page(browser: object, web_app: WebApp) -> Iterator[object]:
    """Make pages in fresh browser contexts (separate cookies and storage, like two people).

    ``new_page(width=390, lang="ar")`` — width 390 is a phone, 1280 a laptop.
    """
    contexts = []
    violations: list[str] = []

    def make(width: int = 1280, *, lang: str | None = None, height: int | None = None):
        context = browser.new_context(  # type: ignore[attr-defined]
            base_url=web_app.url,
            viewport={"width": width, "height": height or (844 if width < 700 else 900)},
            locale="ar-SA" if lang == "ar" else "en-GB",
            device_scale_factor=1,
        )
        context.set_default_timeout(15_000)
        watch_csp(context, violations)
        if lang:
            context.add_init_script(f"localStorage.setItem('gh.language', '{lang}')")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not violations, f"the Content-Security-Policy blocked: {violations}"


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot under var/screenshots/ (named with the page's width)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]  # type: ignore[attr-defined]
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
