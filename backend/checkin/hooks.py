"""What scanning asks of the apps above it (``backend.core.hooks``; a test checks the lists)."""

from __future__ import annotations

from backend.core.hooks import Hook

setup_code_scanned = Hook(
    "setup_code_scanned",
    "A vendor's setup code was read at a gate: the vendors app judges it (the vendor still "
    "approved and the code's version current, a load-in gate, inside the event's setup "
    "window, a crew place left) and, when ``commit``, counts one crew member in (or out, at "
    "an entry-and-exit gate) in the scan's transaction. Asked with ``code``, ``gate``, "
    "``direction``, ``now`` and ``commit``; answers the scan's answer (``status``, "
    "``message``, ``vendor``, ``crew``).",
    subscribers=["backend.vendors.services.setup_codes.setup_code_scan"],
)
