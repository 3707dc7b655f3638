"""Who is on the other end of a websocket connection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backend.realtime.topics import identity_group

if TYPE_CHECKING:
    from backend.accounts.models import ScannerDevice, User


@dataclass(frozen=True)
class Identity:
    """A connection's identity: anonymous until an ``auth`` frame proves otherwise.

    ``user`` is a signed-in account (``session`` the sign-in session its token belongs
    to), ``device`` a scanning station; ``expires_at`` (a UNIX time) is when the token that
    proved it stops being valid.
    """

    user: User | None = None
    device: ScannerDevice | None = None
    expires_at: float | None = None
    session: str | None = None

    def same_proof(self, other: Identity) -> bool:
        """Whether both rest on the same token: the same account or station, session and
        expiry (the objects may have been read again since)."""
        return (
            getattr(self.user, "pk", None) == getattr(other.user, "pk", None)
            and getattr(self.device, "pk", None) == getattr(other.device, "pk", None)
            and self.session == other.session
            and self.expires_at == other.expires_at
        )

    @property
    def is_anonymous(self) -> bool:
        return self.user is None and self.device is None

    def groups(self) -> list[str]:
        """The channel-layer groups that reach every connection of this identity (a
        revocation or a change of roles is announced there)."""
        if self.device is not None:
            return [identity_group("device", self.device.pk)]
        if self.user is None:
            return []
        groups = [identity_group("user", self.user.pk)]
        if self.session:
            groups.append(identity_group("session", self.session))
        return groups


ANONYMOUS = Identity()
