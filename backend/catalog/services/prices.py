"""Importing a price list: the price of services for vehicle models, from a CSV file.

Columns (names matched without case; ``;`` and tab delimiters work too):

    brand, model, service, price      required
    vehicle_type, category            optional, to tell apart a brand or service name that
                                      two types or categories share

``price`` is a number (``1299`` or ``1299.50``: the model's own price, in the event's
currency), ``base`` (back to the service's base price: the model's row is removed) or
``not offered`` (also ``-``). Models and services must exist in the event's catalog; the
import sets prices, it creates no vehicles or services.

All or nothing, like the allowlist import: any invalid row (unknown or ambiguous name, bad
price, the same model and service twice) and nothing is written; :class:`PriceListFileError`
carries the report with each invalid row's line. A dry run reports and writes nothing. An
applied import is audited and the catalog's cache bumped on commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction

from backend.catalog.cache import catalog_cache
from backend.catalog.models import (
    PRICE_DECIMAL_PLACES,
    PRICE_MAX_DIGITS,
    Service,
    ServicePrice,
    VehicleModel,
)
from backend.core.audit import audit
from backend.core.csv_import import CsvFileError, CsvRow, invalid_rows_message, read_csv
from backend.core.locks import transaction_lock

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event

COLUMNS = {
    "vehicle_type": ("vehicle_type", "vehicle type", "type"),
    "brand": ("brand", "vehicle_brand"),
    "model": ("model", "vehicle_model"),
    "category": ("category", "service_category"),
    "service": ("service", "service_name"),
    "price": ("price", "amount"),
}
REQUIRED = ("brand", "model", "service", "price")
BASE_WORDS = {"base", "base price", "default"}
NOT_OFFERED_WORDS = {"not offered", "-", "n/a", "none", "no"}
PRICE_MAX = Decimal(10 ** (PRICE_MAX_DIGITS - PRICE_DECIMAL_PLACES)) - Decimal("0.01")


class PriceListFileError(CsvFileError):
    code, message = "invalid_price_list", "The price list cannot be imported."


@dataclass
class PriceListReport:
    """What an import did, or would do (``dry_run``, or ``applied`` False)."""

    title: str
    currency: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    to_base: int = 0
    unchanged: int = 0
    invalid: list[tuple[int, str, str]] = field(default_factory=list)  # line, raw, message
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.invalid

    def summary(self) -> list[str]:
        verbs = (
            ("Created", "Updated", "Back to the base price")
            if self.applied
            else ("Would create", "Would update", "Would return to the base price")
        )
        lines = [
            f"Rows read: {self.rows}",
            f"{verbs[0]}: {self.created}",
            f"{verbs[1]}: {self.updated}",
            f"{verbs[2]}: {self.to_base}",
            f"Unchanged: {self.unchanged}",
            f"Invalid rows: {len(self.invalid)}",
        ]
        lines += [f"  line {line}: {raw!r}: {message}" for line, raw, message in self.invalid]
        return lines

    def outcome(self) -> str:
        counts = (
            f"{self.created} created, {self.updated} updated, {self.to_base} back to base, "
            f"{self.unchanged} unchanged"
        )
        if self.applied:
            return f"Imported: {counts}."
        return f"Dry run, nothing was written: {counts}."


@dataclass(frozen=True)
class _Wanted:
    offered: bool
    price: Decimal | None  # None and offered: the base price


def price_list_import(
    *, event: Event, data: bytes, dry_run: bool = False, actor: Principal | None = None
) -> PriceListReport:
    """Import ``data`` (CSV bytes) into ``event``'s prices; see the module docstring."""
    report = PriceListReport(
        title=f"Prices of {event.name} ({event.slug}), in {event.currency}",
        currency=event.currency,
        dry_run=dry_run,
    )
    try:
        rows = read_csv(data, columns=COLUMNS, required=REQUIRED)
    except CsvFileError as exc:
        raise PriceListFileError(exc.message) from None
    report.rows = len(rows)

    with transaction.atomic():
        transaction_lock(f"catalog-price-import:{event.pk}")
        wanted = _resolve(event, rows, report)
        existing = {
            (price.service_id, price.vehicle_model_id): price
            for price in ServicePrice.objects.filter(
                service__category__event=event, vehicle_model__brand__vehicle_type__event=event
            )
        }
        to_create: list[ServicePrice] = []
        to_update: list[ServicePrice] = []
        to_delete: list[int] = []
        for (service_id, model_id), want in wanted.items():
            row = existing.get((service_id, model_id))
            if want.offered and want.price is None:  # back to base
                if row is None:
                    report.unchanged += 1
                else:
                    to_delete.append(row.pk)
                continue
            if row is None:
                to_create.append(
                    ServicePrice(
                        service_id=service_id,
                        vehicle_model_id=model_id,
                        offered=want.offered,
                        price=want.price,
                    )
                )
            elif row.offered == want.offered and row.price == want.price:
                report.unchanged += 1
            else:
                row.offered, row.price = want.offered, want.price
                to_update.append(row)
        report.created, report.updated, report.to_base = (
            len(to_create), len(to_update), len(to_delete),
        )  # fmt: skip

        if not report.ok:
            raise PriceListFileError(
                invalid_rows_message([line for line, _, _ in report.invalid]), report=report
            )
        if dry_run:
            return report

        ServicePrice.objects.bulk_create(to_create)
        ServicePrice.objects.bulk_update(to_update, ["offered", "price"])
        ServicePrice.objects.filter(pk__in=to_delete).delete()
        report.applied = True
        audit(
            actor=actor,
            action="catalog.price_import",
            obj=event,
            event=event,
            after={
                "created": report.created,
                "updated": report.updated,
                "to_base": report.to_base,
            },
        )
        catalog_cache.bump_on_commit()
    return report


def _key(*names: str) -> tuple[str, ...]:
    return tuple(" ".join(name.split()).casefold() for name in names)


def _resolve(
    event: Event, rows: list[CsvRow], report: PriceListReport
) -> dict[tuple[int, int], _Wanted]:
    """The (service, model) pairs the valid rows name, and what each wants."""
    models_by: dict[tuple[str, ...], list[int]] = {}
    for model in VehicleModel.objects.filter(brand__vehicle_type__event=event).values(
        "id", "name", "brand__name", "brand__vehicle_type__name"
    ):
        brand, name, kind = model["brand__name"], model["name"], model["brand__vehicle_type__name"]
        models_by.setdefault(_key(brand, name), []).append(model["id"])
        models_by.setdefault(_key(kind, brand, name), []).append(model["id"])
    services_by: dict[tuple[str, ...], list[int]] = {}
    for service in Service.objects.filter(category__event=event).values(
        "id", "name", "category__name"
    ):
        services_by.setdefault(_key(service["name"]), []).append(service["id"])
        services_by.setdefault(_key(service["category__name"], service["name"]), []).append(
            service["id"]
        )

    wanted: dict[tuple[int, int], _Wanted] = {}
    first_line: dict[tuple[int, int], int] = {}
    for row in rows:
        values = row.values
        problems: list[str] = []
        missing = [name for name in REQUIRED if not values[name]]
        if missing:
            report.invalid.append((row.line, row.raw, f"Empty {', '.join(missing)}."))
            continue
        model_key = (
            _key(values["vehicle_type"], values["brand"], values["model"])
            if values["vehicle_type"]
            else _key(values["brand"], values["model"])
        )
        model_ids = models_by.get(model_key, [])
        vehicle = " ".join(
            v for v in (values["vehicle_type"], values["brand"], values["model"]) if v
        )
        if not model_ids:
            problems.append(f"No model '{vehicle}' in this catalog.")
        elif len(model_ids) > 1:
            problems.append(f"'{vehicle}' names several models; add a vehicle_type column.")
        service_key = (
            _key(values["category"], values["service"])
            if values["category"]
            else _key(values["service"])
        )
        service_ids = services_by.get(service_key, [])
        if not service_ids:
            problems.append(f"No service '{values['service']}' in this catalog.")
        elif len(service_ids) > 1:
            problems.append(f"'{values['service']}' names several services; add a category column.")
        want, price_problem = _price(values["price"])
        if price_problem:
            problems.append(price_problem)
        if problems:
            report.invalid.append((row.line, row.raw, " ".join(problems)))
            continue
        assert want is not None
        pair = (service_ids[0], model_ids[0])
        if pair in first_line:
            report.invalid.append(
                (
                    row.line,
                    row.raw,
                    f"This model and service are priced on line {first_line[pair]} too.",
                )
            )
            continue
        first_line[pair] = row.line
        wanted[pair] = want
    return wanted


def _price(text: str) -> tuple[_Wanted | None, str]:
    word = " ".join(text.split()).casefold()
    if word in BASE_WORDS:
        return _Wanted(offered=True, price=None), ""
    if word in NOT_OFFERED_WORDS:
        return _Wanted(offered=False, price=None), ""
    problem = (
        f"The price {text!r} is not a number such as 1299 or 1299.50 (or 'base', or 'not offered')."
    )
    try:
        price = Decimal(text)
    except InvalidOperation:
        return None, problem
    if not price.is_finite() or price.as_tuple().exponent < -PRICE_DECIMAL_PLACES:  # type: ignore[operator]
        return None, problem
    if price < 0:
        return None, "A price cannot be negative."
    if price > PRICE_MAX:
        return None, f"A price cannot be more than {PRICE_MAX}."
    return _Wanted(offered=True, price=price.quantize(Decimal("0.01"))), ""
