"""The receiver registry: the senders declared in one table, registered by the apps it names,
and nothing else reaches the inbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from backend.integrations.calendly.webhooks import CalendlyReceiver
from backend.payments.services.webhooks import PaymentReceiver
from backend.webhooks import receivers
from backend.webhooks.models import WebhookDelivery


def test_after_setup_the_registry_holds_exactly_the_expected_senders() -> None:
    assert set(receivers.registered()) == set(receivers.EXPECTED)
    assert set(receivers.EXPECTED) == {"stripe", "razorpay", "calendly", "test"}


def test_each_sender_is_registered_by_the_app_the_table_names() -> None:
    for sender, receiver in receivers.registered().items():
        module = type(receiver).__module__
        assert module.startswith(receivers.EXPECTED[sender] + "."), (sender, module)
    kinds = {sender: type(r) for sender, r in receivers.registered().items()}
    assert kinds == {
        "stripe": PaymentReceiver,
        "razorpay": PaymentReceiver,
        "test": PaymentReceiver,
        "calendly": CalendlyReceiver,
    }


def test_a_sender_the_table_does_not_list_is_refused() -> None:
    with pytest.raises(ValueError, match="add it to EXPECTED"):
        receivers.register("paypal", CalendlyReceiver())


def test_a_sender_registered_by_another_app_than_the_table_names_is_refused() -> None:
    with pytest.raises(ValueError, match=r"registered by backend\.payments"):
        receivers.register("stripe", CalendlyReceiver())
    assert isinstance(receivers.registered()["stripe"], PaymentReceiver)


@pytest.mark.django_db
def test_an_unknown_sender_is_a_json_404() -> None:
    answer = Client().post("/api/webhooks/paypal/", b"{}", content_type="application/json")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_an_expected_sender_nobody_registered_is_a_json_404(monkeypatch: Any) -> None:
    monkeypatch.delitem(receivers._receivers, "calendly")

    answer = Client().post("/api/webhooks/calendly/", b"{}", content_type="application/json")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
    assert not WebhookDelivery.objects.exists()


def test_the_test_provider_takes_deliveries_only_while_it_is_on(settings: Any) -> None:
    test = receivers.registered()["test"]
    settings.PAYMENTS_TEST_PROVIDER = True
    assert test.accepts()
    settings.PAYMENTS_TEST_PROVIDER = False
    assert not test.accepts()
    # Stripe and Razorpay answer unconfigured too (and refuse every signature).
    settings.STRIPE_WEBHOOK_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert receivers.registered()["stripe"].accepts()
    assert receivers.registered()["razorpay"].accepts()
