"""Named hooks: each declares its subscribers, and after Django has set up every app each
hook has exactly those connected, in that order (the declaration is the whole story)."""

from __future__ import annotations

import pytest

from backend.bookings import hooks as booking_hooks
from backend.core.hooks import Hook, all_hooks


def test_every_hook_has_exactly_its_declared_subscribers() -> None:
    hooks = all_hooks()
    assert {hook.name for hook in hooks} >= {
        "booking_confirmed",
        "booking_released",
        "booking_given_up",
        "booking_changed",
    }
    assert [(h.name, h.connected) for h in hooks] == [(h.name, h.subscribers) for h in hooks]


def test_a_booking_confirmation_invoices_it_then_issues_tickets() -> None:
    assert booking_hooks.booking_confirmed.subscribers == (
        "backend.invoices.services.issue.invoice_for_confirmed",
        "backend.tickets.services.tickets.tickets_issue",
    )


def test_an_undeclared_subscriber_cannot_connect() -> None:
    hook = Hook("test_hook", "A hook for this test.", subscribers=["tests.core.test_hooks.one"])
    with pytest.raises(ValueError, match="not a declared subscriber"):
        hook.connect(two)
    hook.connect(one)
    hook.connect(one)  # twice is once
    calls.clear()
    hook.send(value=3)
    assert calls == [("one", 3)]
    assert hook.ask(value=4) == 4
    all_hooks_now = all_hooks()
    assert hook in all_hooks_now


calls: list[tuple[str, int]] = []


def one(*, value: int) -> int:
    calls.append(("one", value))
    return value


def two(*, value: int) -> int:
    return value
