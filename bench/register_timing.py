"""Does registering a taken address answer measurably faster or slower than a new one?

Interleaves POST /api/auth/register/ for fresh addresses (an account is made, a verification
e-mail queued) and taken ones (nothing changes, the owner's e-mail queued) through the whole
HTTP stack in process (DRF, the service, the real password hasher, PostgreSQL, the Redis
broker), then prints both latency distributions (median, p95) and Welch's t for the
difference of the means. Usage: ``python bench/register_timing.py [rounds]`` (default 60).
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time

from common import describe_ms, percentile, setup_django

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 60
WARM_UP = 5


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client

    from backend.accounts.models import User
    from backend.celery import app

    settings.REGISTER_PER_IP = settings.REGISTER_PER_EMAIL = 10**6
    run = f"{random.randrange(16**6):06x}"
    fresh = [f"bench-new-{run}-{n}@example.com" for n in range(ROUNDS)]
    taken = [f"bench-taken-{run}-{n}@example.com" for n in range(ROUNDS)]
    User.objects.bulk_create(
        User(email=email, password="!", verified_email=email) for email in taken
    )

    client = Client()
    timings: dict[str, list[float]] = {"new (201)": [], "taken (201)": []}
    bodies: dict[str, set[bytes]] = {"new (201)": set(), "taken (201)": set()}
    for n in range(ROUNDS):
        pairs = [("new (201)", fresh[n]), ("taken (201)", taken[n])]
        random.shuffle(pairs)
        for label, email in pairs:
            start = time.perf_counter()
            response = client.post(
                "/api/auth/register/",
                {"email": email, "password": "a long pass phrase for the bench"},
                content_type="application/json",
                REMOTE_ADDR=f"10.{n // 250}.{n % 250}.2",
            )
            timings[label].append(time.perf_counter() - start)
            assert response.status_code == 201, response.content
            bodies[label].add(response.content.replace(email.encode(), b"<email>"))

    new, old = timings["new (201)"][WARM_UP:], timings["taken (201)"][WARM_UP:]
    for label, values in (("new (201)", new), ("taken (201)", old)):
        ms = [v * 1000 for v in values]
        print(f"{label:12} median={percentile(ms, 50):.2f} ms p95={percentile(ms, 95):.2f} ms")
        print(f"{'':12} {describe_ms(values)}")
    diff = statistics.fmean(new) - statistics.fmean(old)
    se = math.sqrt(statistics.variance(new) / len(new) + statistics.variance(old) / len(old))
    print(f"mean(new) - mean(taken) = {diff * 1000:+.3f} ms, Welch t = {diff / se:+.2f}")
    print(f"bodies identical but for the address: {bodies['new (201)'] == bodies['taken (201)']}")
    print(f"password hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}, "
          f"mode: {settings.GATEHOUSE_MODE}")  # fmt: skip

    User.objects.filter(email__in=fresh + taken).delete()
    app.control.purge()  # no worker runs here: drop the queued e-mails


if __name__ == "__main__":
    main()
