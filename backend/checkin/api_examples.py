"""The checkin API's OpenAPI examples: scans, gates, logs, figures and the offline bundle."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

ADMITTED = {
    "ok": True,
    "status": "admitted",
    "message": "Welcome in.",
    "ticket": {"id": 812, "label": "General Admission", "holder_name": "Sara", "event": 4},
    "gate": 3,
    "scanned_at": "2026-12-21T16:02:11.120Z",
}

ALREADY_USED = {
    "ok": True,
    "status": "already_used",
    "message": "This ticket has already been used.",
    "ticket": {"id": 812, "label": "General Admission", "holder_name": "Sara", "event": 4},
    "first_admitted_at": "2026-12-21T16:02:11.120Z",
    "first_gate": {"id": 3, "name": "North gate"},
    "gate": 3,
    "scanned_at": "2026-12-21T16:05:40.002Z",
}

SCAN_COMMIT = [
    OpenApiExample(
        "A ticket", value={"qr": "GH1AEAQ…", "gate": 3, "request_id": "st1-000042"},
        request_only=True,
    ),
    OpenApiExample("Admitted", value=ADMITTED, response_only=True),
    OpenApiExample("Already used", value=ALREADY_USED, response_only=True),
]  # fmt: skip

EVENT_GATES = [
    OpenApiExample(
        "Gates",
        value={
            "ok": True,
            "gates": [
                {"id": 3, "name": "North gate", "mode": "single", "load_in": False, "resources": [],
                 "topic": "gate:3"}
            ],
        },
        response_only=True,
    )
]  # fmt: skip

DEVICE_GATES = [
    OpenApiExample("Bind", value={"gates": [3, 4]}, request_only=True),
    OpenApiExample(
        "Bound",
        value={"ok": True, "device": 7, "gates": [{"id": 3, "name": "North gate"}]},
        response_only=True,
    ),
]

SCAN_VALIDATE = [  # what a commit would answer, without where and when it was logged
    SCAN_COMMIT[0],
    OpenApiExample(
        "Admitted",
        value={k: v for k, v in ADMITTED.items() if k not in ("gate", "scanned_at")},
        response_only=True,
    ),
    OpenApiExample(
        "Already used",
        value={k: v for k, v in ALREADY_USED.items() if k not in ("gate", "scanned_at")},
        response_only=True,
    ),
]

SCAN_LOG = [
    OpenApiExample(
        "A page",
        value={
            "ok": True, "count": 1, "page": 1, "page_size": 20, "pages": 1,
            "results": [
                {"id": 91, "gate": 3, "gate_name": "North gate", "device": "Lane 1",
                 "ticket": 812, "status": "admitted", "request_id": "st1-000042",
                 "scanned_at": "2026-12-21T16:02:11.120Z"}
            ],
        },
        response_only=True,
    )
]  # fmt: skip

SCAN_STATS = [
    OpenApiExample(
        "Figures",
        value={
            "ok": True,
            "gates": [{"id": 3, "name": "North gate", "admitted": 412, "rejected": 9}],
            "scans_per_minute": [{"minute": "2026-12-21T16:02:00Z", "scans": 38}],
        },
        response_only=True,
    )
]

OFFLINE_BUNDLE = [
    OpenApiExample(
        "Bundle",
        value={
            "ok": True,
            "gate": {"id": 3, "name": "North gate", "mode": "single", "event": 4},
            "public_keys": {"1": "Kx3q…="},
            "tickets": [{"id": 812, "version": 1, "status": "valid", "admitted": False}],
            "revoked": [790],
        },
        response_only=True,
    )
]

SYNC = [
    OpenApiExample(
        "Queue",
        value={"gate": 3, "scans": [{"qr": "GH1AEAQ…", "scanned_at":
               "2026-12-21T16:02:11Z", "request_id": "st1-000043"}]},
        request_only=True,
    ),
    OpenApiExample(
        "Answers",
        value={"ok": True, "results": [ALREADY_USED | {"conflict": True}]},
        response_only=True,
    ),
]  # fmt: skip
