"""The web app runs under its Content-Security-Policy, and a violation would not go unseen:
every page of the browser tests reports what the policy blocked (conftest.watch_csp)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import WebApp, watch_csp

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_the_app_is_served_under_its_policy_and_runs(new_page: object) -> None:
    page = new_page()

    response = page.goto("/")  # type: ignore[attr-defined]

    policy = response.headers["content-security-policy"]
    assert "script-src 'self' https://js.stripe.com" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    page.locator("#root *").first.wait_for()  # type: ignore[attr-defined]


def test_an_injected_inline_script_is_blocked_and_reported(
    browser: object, web_app: WebApp
) -> None:
    context = browser.new_context(base_url=web_app.url)  # type: ignore[attr-defined]
    violations: list[str] = []
    watch_csp(context, violations)
    try:
        page = context.new_page()
        page.goto("/")
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true";
                document.head.append(script);
            }"""
        )
        page.wait_for_timeout(200)
        ran = page.evaluate("() => window.injected === true")
    finally:
        context.close()

    assert ran is False
    assert violations, "the violation went unseen"
    assert violations[0].startswith("script-src")
