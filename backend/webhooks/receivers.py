"""Who takes webhooks from whom: the receiver registry, and what a receiver gives back.

The inbox (``backend.webhooks.services``) knows no sender. The apps above it register a
``Receiver`` per sender, in their ``AppConfig.ready()``, and the inbox asks the registry.
Which senders exist, and which app registers each, is declared here and nowhere else:

============  =========================  ==============================================
sender        registered by              receiver
============  =========================  ==============================================
``stripe``    ``backend.payments``       ``PaymentReceiver`` (payments.services.webhooks)
``razorpay``  ``backend.payments``       ``PaymentReceiver``
``test``      ``backend.payments``       ``PaymentReceiver``, taking deliveries only
                                         while the test provider is on
``calendly``  ``backend.integrations``   ``CalendlyReceiver`` (integrations.calendly.webhooks)
============  =========================  ==============================================

``EXPECTED`` is that table; ``register`` refuses a sender it does not list, or a receiver from
another app than the one it names, and a test checks that after Django is set up the
registry holds exactly these senders. The URLs (``POST /api/webhooks/<sender>/``) are made
from it too. A sender that is not registered, or whose receiver does not accept deliveries
now, is answered 404, as a sender we never heard of.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from backend.core.errors import NotFound

if TYPE_CHECKING:
    from backend.webhooks.models import WebhookDelivery

# sender -> the app that registers its receiver (in that app's ``AppConfig.ready``).
EXPECTED: Mapping[str, str] = {
    "stripe": "backend.payments",
    "razorpay": "backend.payments",
    "calendly": "backend.integrations",
    "test": "backend.payments",
}


class Identified(NamedTuple):
    """A delivery's own id at its sender (stored once per sender) and its event type."""

    event_id: str
    event_type: str


class Handled(NamedTuple):
    """What handling a delivery did: ``changed`` is whether anything changed (the delivery
    is recorded ``applied``) or not (``ignored``); ``detail`` is a short note for people,
    never read by code. (A named tuple, so a caller may still unpack ``changed, detail``.)"""

    changed: bool
    detail: str


def applied(detail: str) -> Handled:
    return Handled(changed=True, detail=detail)


def ignored(detail: str) -> Handled:
    return Handled(changed=False, detail=detail)


class Receiver(Protocol):
    """One sender's side of the inbox."""

    def accepts(self) -> bool:
        """Whether the sender's deliveries are taken now (False: its endpoint answers 404).
        Stored deliveries are handled whatever this says."""

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        """Raise ``BadSignature`` (400 ``bad_signature``) unless the raw body is the sender's.
        Headers are keyed in lower case."""

    def identify(self, payload: dict[str, Any], headers: Mapping[str, str]) -> Identified:
        """The delivery's event id (empty: the delivery is refused, 400) and event type."""

    def handle(self, delivery: WebhookDelivery) -> Handled:
        """Apply a stored delivery (in a transaction of the inbox's). An ``ApplicationError``
        or any other exception records it ``failed``, to be tried again.

        A receiver may also have ``lock_batch(deliveries)``: the worker calls it before
        handling a batch of its deliveries in one transaction, to lock up front, in one
        global order, the rows handling them will lock (the payment receivers lock the
        bookings), so that batches never deadlock with each other or with requests."""


_receivers: dict[str, Receiver] = {}


def register(sender: str, receiver: Receiver) -> None:
    """Make ``receiver`` the one for ``sender`` (again: it replaces the last one). Only for
    a sender ``EXPECTED`` lists, and from the app it names."""
    if sender not in EXPECTED:
        raise ValueError(f"no webhook sender {sender!r} is expected: add it to EXPECTED first")
    module = type(receiver).__module__
    if module != EXPECTED[sender] and not module.startswith(EXPECTED[sender] + "."):
        raise ValueError(f"{sender!r} is registered by {EXPECTED[sender]}, not {module}")
    _receivers[sender] = receiver


def registered() -> dict[str, Receiver]:
    """The registry as it is now: sender -> receiver."""
    return dict(_receivers)


def receiver_for(sender: str) -> Receiver:
    """The sender's receiver; 404 for a sender nobody registered."""
    try:
        return _receivers[sender]
    except KeyError:
        raise NotFound("We take no webhooks from this sender.") from None


def accepting_receiver_for(sender: str) -> Receiver:
    """The sender's receiver if it takes deliveries now; 404 otherwise."""
    receiver = receiver_for(sender)
    if not receiver.accepts():
        raise NotFound("We take no webhooks from this sender.")
    return receiver
