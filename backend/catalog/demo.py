"""The demo repair shop's catalog (the ``repair-shop`` event inventory's demo loads): scooters
and motorcycles of the brands a Bengaluru bike shop sees, fourteen services in six
categories, and prices by model, in rupees.

Idempotent: rows are found by name before anything is created, and a price already there is
left as it is (staff may have changed it in the admin); only what is missing is added.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from backend.catalog.cache import catalog_cache
from backend.catalog.models import (
    Service,
    ServiceCategory,
    ServicePrice,
    VehicleBrand,
    VehicleModel,
    VehicleType,
)
from backend.inventory.models import Event

EVENT_SLUG = "repair-shop"

# type → brand → [(model, price tier)]; a tier scales the work that grows with the engine.
SMALL, STANDARD, MID, BIG, LARGE, ELECTRIC = "small", "standard", "mid", "big", "large", "electric"
VEHICLES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "Scooter": {
        "Honda": [("Activa 6G", SMALL), ("Dio", SMALL), ("Activa 125", STANDARD)],
        "TVS": [("Jupiter", SMALL), ("Ntorq 125", STANDARD)],
        "Suzuki": [("Access 125", STANDARD), ("Burgman Street", STANDARD)],
        "Ather": [("450X", ELECTRIC), ("Rizta", ELECTRIC)],
    },
    "Motorcycle": {
        "Hero": [("Splendor Plus", SMALL), ("Xpulse 200 4V", MID)],
        "Bajaj": [("Pulsar 150", STANDARD), ("Pulsar NS200", MID), ("Dominar 400", BIG)],
        "Yamaha": [("FZ-S V3", STANDARD), ("R15 V4", MID), ("MT-15 V2", MID)],
        "Royal Enfield": [
            ("Classic 350", BIG),
            ("Bullet 350", BIG),
            ("Himalayan 450", LARGE),
            ("Interceptor 650", LARGE),
        ],
        "KTM": [("200 Duke", MID), ("390 Duke", LARGE)],
    },
}

# category → [(service, minutes, base price, description)]
SERVICES: dict[str, list[tuple[str, int, str, str]]] = {
    "Periodic service": [
        (
            "General service",
            90,
            "899",
            "Engine oil and filter, air filter cleaned, brakes and "
            "chain adjusted, 20-point check, wash.",
        ),
        ("Engine oil change", 30, "399", "Drain and refill with the grade the maker specifies."),
        ("Air filter replacement", 20, "249", "A new air filter element."),
    ],
    "Brakes": [
        ("Brake pad replacement", 45, "599", "Front or rear pads, discs cleaned."),
        ("Brake fluid flush", 30, "349", "Old fluid bled out, DOT 4 in."),
    ],
    "Electrical": [
        (
            "Battery check and fitting",
            20,
            "199",
            "Load test; a new battery fitted if needed (battery charged separately).",
        ),
        ("Headlight and wiring repair", 60, "449", "Lights, horn, indicators and switchgear."),
    ],
    "Tyres and wheels": [
        ("Puncture repair", 20, "99", "Tubeless plug or tube patch, per tyre."),
        ("Tyre replacement fitting", 30, "249", "Fitting and balancing of a tyre you buy."),
        ("Wheel alignment and balancing", 45, "399", "Both wheels."),
    ],
    "Engine and transmission": [
        ("Chain clean and lube", 20, "149", "Chain cleaned, lubricated and tensioned."),
        ("Clutch plate replacement", 90, "1299", "Friction plates and springs."),
        ("Throttle body cleaning", 60, "549", "Carburettor or throttle body, with idle set."),
    ],
    "Wash and care": [
        ("Foam wash and polish", 45, "299", "Foam wash, dry, polish and tyre shine."),
    ],
}

# How much of the base price each tier pays, for the work that grows with the machine.
TIER_FACTOR = {
    SMALL: Decimal("0.85"),
    STANDARD: Decimal("1.00"),
    MID: Decimal("1.25"),
    BIG: Decimal("1.60"),
    LARGE: Decimal("2.00"),
    ELECTRIC: Decimal("1.00"),
}
SCALED = {
    "General service", "Engine oil change", "Air filter replacement", "Brake pad replacement",
    "Clutch plate replacement", "Throttle body cleaning", "Tyre replacement fitting",
    "Foam wash and polish",
}  # fmt: skip
NO_CHAIN_OR_CLUTCH = {"Chain clean and lube", "Clutch plate replacement"}  # scooters: CVT
NO_ENGINE = {"Engine oil change", "Air filter replacement", "Throttle body cleaning"}
ELECTRIC_SERVICE_PRICE = Decimal("699")  # an EV's general service: no oil, but the software


def _model_price(service: str, base: Decimal, vehicle_type: str, tier: str) -> Decimal | None:
    """The model's own price, or None where the service is not offered; the base price
    comes back where it applies unchanged."""
    if vehicle_type == "Scooter" and service in NO_CHAIN_OR_CLUTCH:
        return None
    if tier == ELECTRIC:
        if service in NO_ENGINE:
            return None
        if service == "General service":
            return ELECTRIC_SERVICE_PRICE
    if service not in SCALED:
        return base
    # Rounded to the shop's x49 / x99 style: up to the next 50, less one.
    scaled = base * TIER_FACTOR[tier]
    return ((scaled / 50).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 50 - 1).max(Decimal(49))


def load_repair_catalog() -> str:
    event = Event.objects.filter(slug=EVENT_SLUG).first()
    if event is None:
        return f"Repair shop catalog: no {EVENT_SLUG!r} event, nothing loaded"

    models: list[tuple[VehicleModel, str, str]] = []  # model, type name, tier
    for type_order, (type_name, brands) in enumerate(VEHICLES.items(), start=1):
        vehicle_type, _ = VehicleType.objects.get_or_create(
            event=event, name=type_name, defaults={"sort_order": type_order}
        )
        for brand_name, brand_models in brands.items():
            brand, _ = VehicleBrand.objects.get_or_create(
                vehicle_type=vehicle_type, name=brand_name
            )
            for model_name, tier in brand_models:
                model, _ = VehicleModel.objects.get_or_create(brand=brand, name=model_name)
                models.append((model, type_name, tier))

    services: list[Service] = []
    for category_order, (category_name, items) in enumerate(SERVICES.items(), start=1):
        category, _ = ServiceCategory.objects.get_or_create(
            event=event, name=category_name, defaults={"sort_order": category_order}
        )
        for order, (name, minutes, base, description) in enumerate(items, start=1):
            service, _ = Service.objects.get_or_create(
                category=category,
                name=name,
                defaults={
                    "duration_minutes": minutes,
                    "base_price": Decimal(base),
                    "description": description,
                    "sort_order": order,
                },
            )
            services.append(service)

    existing = set(
        ServicePrice.objects.filter(service__in=services).values_list(
            "service_id", "vehicle_model_id"
        )
    )
    missing: list[ServicePrice] = []
    for model, type_name, tier in models:
        for service in services:
            price = _model_price(service.name, service.base_price, type_name, tier)
            if price == service.base_price or (service.pk, model.pk) in existing:
                continue
            missing.append(
                ServicePrice(
                    service=service, vehicle_model=model, offered=price is not None, price=price
                )
            )
    if missing:
        ServicePrice.objects.bulk_create(missing, ignore_conflicts=True)
        catalog_cache.bump_on_commit()
    prices = ServicePrice.objects.filter(service__in=services).count()
    return (
        f"Repair shop catalog /api/catalog/vehicle-models/?event={EVENT_SLUG}: "
        f"{len(models)} models of {sum(len(b) for b in VEHICLES.values())} brands, "
        f"{len(services)} services in {len(SERVICES)} categories, {prices} per-model prices"
    )


# The Arabic guests read (django-modeltranslation's name_ar); brands and models are names.
CATALOG_AR: dict[str, str] = {
    "Scooter": "سكوتر",
    "Motorcycle": "دراجة نارية",
    "Periodic service": "الصيانة الدورية",
    "General service": "صيانة عامة",
    "Engine oil change": "تغيير زيت المحرك",
    "Air filter replacement": "تغيير فلتر الهواء",
    "Brakes": "المكابح",
    "Brake pad replacement": "تغيير فحمات المكابح",
    "Brake fluid flush": "تغيير سائل المكابح",
    "Electrical": "الكهرباء",
    "Battery check and fitting": "فحص البطارية وتركيبها",
    "Headlight and wiring repair": "إصلاح المصباح الأمامي والأسلاك",
    "Tyres and wheels": "الإطارات والعجلات",
    "Puncture repair": "إصلاح ثقب الإطار",
    "Tyre replacement fitting": "تركيب إطار بديل",
    "Wheel alignment and balancing": "ضبط زوايا العجلات وموازنتها",
    "Engine and transmission": "المحرك وناقل الحركة",
    "Chain clean and lube": "تنظيف السلسلة وتشحيمها",
    "Clutch plate replacement": "تغيير أقراص القابض",
    "Throttle body cleaning": "تنظيف بوابة الخانق",
    "Wash and care": "الغسيل والعناية",
    "Foam wash and polish": "غسيل بالرغوة وتلميع",
}


def load_catalog_arabic() -> str:
    """Arabic names for the repair shop's vehicle types, categories and services (only
    where none was given)."""
    filled = 0
    for model in (VehicleType, ServiceCategory, Service):
        for english, arabic in CATALOG_AR.items():
            filled += model.objects.filter(name_en=english, name_ar__isnull=True).update(
                name_ar=arabic
            )
    if filled:
        catalog_cache.bump_on_commit()
    return f"Repair shop catalog in Arabic: {filled} names filled in"


LOADERS = [load_repair_catalog, load_catalog_arabic]
