"""Demo gates for the festival, and a scanning station whose token is kept in var/logins.json
(``manage.py logins`` shows it on every start)."""

from __future__ import annotations

from backend.accounts.models import ScannerDevice
from backend.accounts.services.devices import device_create
from backend.checkin.models import Gate
from backend.core.logins import login_remember
from backend.inventory.models import Event, Resource

DEMO_STATION = "Demo station (North gate)"


def load_festival_gates() -> str:
    event = Event.objects.filter(slug="summer-fest").first()
    if event is None:
        return "Gates: no festival to put them in"
    north, _ = Gate.objects.get_or_create(event=event, name="North gate")
    grandstand, created = Gate.objects.get_or_create(event=event, name="Grandstand gate")
    for gate, arabic in ((north, "البوابة الشمالية"), (grandstand, "بوابة المدرج")):
        Gate.objects.filter(pk=gate.pk, name_ar__isnull=True).update(name_ar=arabic)
    if created:
        grandstand.resources.set(event.resources.filter(kind=Resource.Kind.SEAT))
    device = ScannerDevice.objects.filter(label=DEMO_STATION, event=event).first()
    if device is not None:
        return "Gates: North gate (everyone), Grandstand gate (seats); token: manage.py logins"
    device, token = device_create(label=DEMO_STATION, event=event)
    north.devices.add(device)
    login_remember("station", label=DEMO_STATION, token=token)
    return f"Gates of summer-fest: scanning station token created: {token}"


LOADERS = [load_festival_gates]
