"""`make bench-locust`: bench/locustfile.py, headless, against make stack's topology.

Prepares the bench database (migrated, the demo data, a signed-in token per simulated user
and business, the VIP users invited, a scanning station at the festival's gates), starts
nginx + WEB_PROCESSES web servers + a Celery worker (the test payment provider's webhooks) on
it (bench/stack.py), runs locust for --run-time with --users, and prints locust's summary,
the servers' CPU per request and locust's own CPU share.

Run: .venv/bin/python bench/locust_run.py [--users 20] [--run-time 30s] [--processes N]
(DATABASE_URL / REDIS_URL: the bench database and Redis; locust from the bench extra.)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, setup_django
from stack import running_stack

LOCUSTFILE = Path(ROOT) / "bench" / "locustfile.py"
BUSINESSES = ("festival", "resort", "rooms", "repair", "vip")


def prepare(users: int) -> dict[str, object]:
    from django.core.management import call_command

    from backend.accounts.models import AllowlistEntry, User
    from backend.accounts.services.devices import device_create
    from backend.accounts.services.sessions import session_start
    from backend.checkin.models import Gate
    from backend.inventory.models import Event, Resource

    call_command("demo", verbosity=0)
    tokens: dict[str, list[str]] = {}
    vip = Event.objects.get(slug="vip-evening")
    # Fresh users each run: an earlier run's live holds count against the per-user limits.
    run = random.randint(10, 99)
    for number, business in enumerate(BUSINESSES):
        tokens[business] = []
        for n in range(users):
            phone = f"+9665{run}{number}{n:05d}"
            user, _ = User.objects.get_or_create(phone=phone)
            if business == "vip":
                AllowlistEntry.objects.get_or_create(event=vip, phone=phone)
            tokens[business].append(session_start(user=user, method="otp").access)
    festival = Event.objects.get(slug="summer-fest")
    gates = list(Gate.objects.filter(event=festival))
    device, device_token = device_create(label="Locust lane", event=festival)
    for gate in gates:
        gate.devices.add(device)
    tickets = Resource.objects.filter(event=festival, kind="ticket").values_list("id", flat=True)
    return {
        "tokens": tokens,
        "device": device_token,
        "gates": [gate.pk for gate in gates],
        "ticket_resources": list(tickets),
    }


def locust_summary(output: str) -> str:
    """locust's final table (Type Name # reqs # fails …) and its percentiles."""
    start = output.find("Type     Name")
    return output[start:] if start >= 0 else output[-4000:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--run-time", default="30s")
    parser.add_argument("--processes", type=int, default=None)
    options = parser.parse_args()
    setup_django()
    config = prepare(options.users)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(config, file)
    env = {"PAYMENTS_TEST_PROVIDER": "1", "GATEHOUSE_LOCUST_CONFIG": file.name}
    try:
        with running_stack(processes=options.processes, worker=True, env=env) as stack:
            print(
                f"locust: {options.users} users for {options.run_time} through nginx + "
                f"{stack.processes} {stack.server} processes + a worker, {os.cpu_count()} cores"
            )
            before = stack.cpu()
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "locust", "-f", str(LOCUSTFILE),
                    "--headless", "--users", str(options.users),
                    "--spawn-rate", str(options.users), "--run-time", options.run_time,
                    "--host", stack.url, "--only-summary", "--stop-timeout", "20",
                ],
                env={**os.environ, "GATEHOUSE_LOCUST_CONFIG": file.name},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            assert process.stdout is not None
            output = process.stdout.read().decode(errors="replace")
            _pid, _status, usage = os.wait4(process.pid, 0)
            used = stack.cpu() - before
    finally:
        os.unlink(file.name)
    print(locust_summary(output))
    total = re.search(r"Aggregated\s+(\d+)\s+(\d+)", output)
    requests = int(total.group(1)) if total else 0
    client = usage.ru_utime + usage.ru_stime
    print(f"CPU: {used.describe(requests)}")
    print(f"locust's own CPU: {client / max(used.wall, 1e-9):.0%} of a core")


if __name__ == "__main__":
    main()
