"""Who is on the other end of a websocket connection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Identity:
    """A connection's identity: anonymous until an ``auth`` frame proves otherwise.

    ``user`` is a signed-in account, ``device`` a scanning station; ``expires_at`` (a UNIX
    time) is when the token that proved it stops being valid.
    """

    user: Any = None
    device: Any = None
    expires_at: float | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user is None and self.device is None


ANONYMOUS = Identity()
