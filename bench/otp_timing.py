"""Are refusals measurably faster than sends? OTP requests on an allowlist-only event.

Interleaves requests for invited phones (a code is sent) and uninvited ones (the one 403)
through the whole HTTP stack in process (DRF, the service, PostgreSQL, the Redis broker),
then prints both latency distributions and Welch's t for the difference of the means.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from datetime import timedelta

from common import describe_ms, setup_django

ROUNDS = 400


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from backend.accounts.models import AllowlistEntry, OtpRequest
    from backend.celery import app
    from backend.inventory.models import Event, Venue

    settings.OTP_REQUESTS_PER_IP = 10**6
    venue, _ = Venue.objects.get_or_create(name="Bench venue", city="Riyadh")
    event, _ = Event.objects.update_or_create(
        slug="bench-vip",
        defaults={
            "name": "Bench VIP",
            "kind": Event.Kind.VIP,
            "venue": venue,
            "starts_at": timezone.now() + timedelta(days=1),
            "ends_at": timezone.now() + timedelta(days=1, hours=3),
            "allowlist_only": True,
        },
    )
    run = random.randrange(1000, 9998, 2)  # fresh phones each run: no cooldown carries over
    invited = [f"+96650{run:04d}{n:03d}" for n in range(ROUNDS)]
    strangers = [f"+96650{run + 1:04d}{n:03d}" for n in range(ROUNDS)]
    AllowlistEntry.objects.bulk_create(AllowlistEntry(event=event, phone=p) for p in invited)

    client = Client()
    timings: dict[str, list[float]] = {"sent (200)": [], "refused (403)": []}
    for n in range(ROUNDS):
        pairs = [("sent (200)", invited[n]), ("refused (403)", strangers[n])]
        random.shuffle(pairs)
        for label, phone in pairs:
            start = time.perf_counter()
            response = client.post(
                "/api/auth/otp/request/",
                {"phone": phone, "event": event.slug},
                content_type="application/json",
                REMOTE_ADDR=f"10.{n // 250}.{n % 250}.1",
            )
            timings[label].append(time.perf_counter() - start)
            expected = 200 if label.startswith("sent") else 403
            assert response.status_code == expected, response.content

    sent, refused = timings["sent (200)"][20:], timings["refused (403)"][20:]  # skip warm-up
    for label, values in (("sent (200)", sent), ("refused (403)", refused)):
        print(f"{label:14} {describe_ms(values)}")
    diff = statistics.fmean(sent) - statistics.fmean(refused)
    se = math.sqrt(
        statistics.variance(sent) / len(sent) + statistics.variance(refused) / len(refused)
    )
    print(f"mean(sent) - mean(refused) = {diff * 1000:+.3f} ms, Welch t = {diff / se:+.2f}")
    print(f"mode: {settings.GATEHOUSE_MODE}, SMS provider: {settings.SMS_PROVIDER}")

    OtpRequest.objects.filter(event=event).delete()
    AllowlistEntry.objects.filter(event=event).delete()
    app.control.purge()  # no worker runs here: drop the queued deliveries


if __name__ == "__main__":
    main()
