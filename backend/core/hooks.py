"""Named hooks: how a lower app lets the apps above it act, without importing them.

A hook is declared once, in its app's ``hooks`` module, with what it means, when it runs
and the subscribers it expects (by dotted name). A subscriber connects in its app's
``ready()``; connecting a function the declaration does not list is an error, and a test
checks that every hook has exactly its listed subscribers, so the declaration is always
the complete answer to "what happens when ...".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Receiver = Callable[..., Any]

_hooks: list[Hook] = []


def dotted_name(receiver: Receiver) -> str:
    return f"{receiver.__module__}.{receiver.__qualname__}"


class Hook:
    """Subscribers run in the order they are listed, with the keyword arguments of
    :meth:`send`; an exception stops the caller (in a transaction, it rolls back)."""

    def __init__(self, name: str, about: str, *, subscribers: Sequence[str]) -> None:
        self.name = name
        self.about = about
        self.subscribers = tuple(subscribers)
        self._receivers: dict[str, Receiver] = {}
        _hooks.append(self)

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"

    def connect(self, receiver: Receiver) -> Receiver:
        """Subscribe ``receiver`` (listed in the declaration; connecting twice is a no-op)."""
        name = dotted_name(receiver)
        if name not in self.subscribers:
            raise ValueError(f"{name} is not a declared subscriber of the {self.name} hook")
        self._receivers[name] = receiver
        return receiver

    @property
    def connected(self) -> tuple[str, ...]:
        return tuple(name for name in self.subscribers if name in self._receivers)

    def send(self, **kwargs: Any) -> None:
        for name in self.subscribers:
            receiver = self._receivers.get(name)
            if receiver is not None:
                receiver(**kwargs)

    def ask(self, **kwargs: Any) -> Any:
        """A hook with one subscriber that answers a question (what a lower app needs to
        know from a higher one): its answer."""
        if len(self.subscribers) != 1 or self.subscribers[0] not in self._receivers:
            raise LookupError(f"the {self.name} hook has no one to answer")
        return self._receivers[self.subscribers[0]](**kwargs)


def all_hooks() -> list[Hook]:
    return list(_hooks)
