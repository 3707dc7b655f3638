"""Importing an event's VIP allowlist from a CSV file (the management command and the admin).

The file has a ``phone`` column and, optionally, ``full_name`` or ``name``. Each phone is
normalized to E.164; a phone repeated in the file is reported and its first row wins.

All or nothing: when any row is invalid nothing is written and :class:`AllowlistFileError`
is raised with the full report in ``exc.report``; a file that cannot be read at all (not
UTF-8, empty, no ``phone`` column) raises it with ``exc.report`` set to ``None``. A dry run
computes the same report, raises the same way, and writes nothing.

The import adds and renames entries; it never removes entries missing from the file, and a
blank name never erases a name already stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import phonenumbers
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import AllowlistEntry
from backend.accounts.phones import InvalidPhone, normalize_phone
from backend.core.audit import audit
from backend.core.csv_import import CsvFileError, invalid_rows_message, plural, read_csv
from backend.core.errors import ValidationError
from backend.core.locks import transaction_lock

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event

PHONE_HEADERS = ("phone",)
NAME_HEADERS = ("full_name", "name")  # in order of preference
NAME_MAX_LENGTH = cast(int, AllowlistEntry._meta.get_field("name").max_length)  # a CharField's


@dataclass
class ImportReport:
    """What an import did, or would do (``dry_run``, or ``applied`` False)."""

    event: str
    dry_run: bool = False
    reset_booked: bool = False
    allowlist_only: bool = True
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    reset: int = 0
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)  # line, phone, first
    invalid: list[tuple[int, str, str]] = field(default_factory=list)  # line, raw, message
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.invalid

    @property
    def title(self) -> str:
        return f"Allowlist of {self.event}"

    def outcome(self) -> str:
        """One sentence for the admin's message."""
        if self.applied:
            return (
                f"Imported: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged."
            )
        return (
            f"Dry run, nothing was written: {self.created} would be created, "
            f"{self.updated} updated, {self.unchanged} unchanged."
        )

    def summary(self) -> list[str]:
        """The report as lines of text, invalid rows and duplicates one per line."""
        if self.applied:
            outcome = "Imported."
            verbs = ("Created", "Updated (name changed)", "Booked cleared")
        else:
            if self.dry_run and self.ok:
                outcome = "Dry run: nothing was written."
            else:
                count = len(self.invalid)
                outcome = (
                    f"Nothing was written: {count} invalid {plural(count, 'row')}; "
                    f"fix {'it' if count == 1 else 'them'} and import the file again."
                )
            verbs = ("Would create", "Would update (name changed)", "Would clear booked")
        lines = [f"{self.title}: {outcome}"]
        if not self.allowlist_only:
            lines.append(
                "Note: this event is not allowlist-only, so the list has no effect until it is."
            )
        lines += [
            f"Rows read: {self.rows}",
            f"{verbs[0]}: {self.created}",
            f"{verbs[1]}: {self.updated}",
            f"Unchanged: {self.unchanged}",
        ]
        if self.reset_booked:
            lines.append(f"{verbs[2]}: {self.reset}")
        lines.append(f"Duplicates (first row kept): {len(self.duplicates)}")
        lines += [
            f"  line {line}: {phone} repeats line {first}" for line, phone, first in self.duplicates
        ]
        lines.append(f"Invalid rows: {len(self.invalid)}")
        lines += [f"  line {line}: {raw!r}: {message}" for line, raw, message in self.invalid]
        return lines


class AllowlistFileError(CsvFileError):
    """The file cannot be imported; ``report`` holds the rows' report when it was readable."""

    code, message = "invalid_allowlist_file", "The allowlist file cannot be imported."


@dataclass
class _Row:
    phone: str
    name: str


def allowlist_import(
    *,
    event: Event,
    data: bytes,
    dry_run: bool = False,
    reset_booked: bool = False,
    region: str | None = None,
    actor: Principal | None = None,
) -> ImportReport:
    """Import ``data`` (CSV bytes) into ``event``'s allowlist; see the module docstring. An
    applied import is audited (``actor``: who ran it; none from the command line)."""
    region = _region(region)
    report = ImportReport(
        event=f"{event.name} ({event.slug})",
        dry_run=dry_run,
        reset_booked=reset_booked,
        allowlist_only=event.allowlist_only,
    )
    rows = _parse(data, region=region, report=report)

    with transaction.atomic():
        # Imports of one event run one at a time (a no-op on SQLite).
        transaction_lock(f"allowlist-import:{event.pk}")
        existing = {
            entry.phone: entry
            for entry in AllowlistEntry.objects.filter(
                event=event, phone__in=[row.phone for row in rows]
            ).only("id", "phone", "name", "booked_at")
        }
        now = timezone.now()
        to_create: list[AllowlistEntry] = []
        to_update: list[AllowlistEntry] = []
        for row in rows:
            entry = existing.get(row.phone)
            if entry is None:
                to_create.append(
                    AllowlistEntry(
                        event=event, phone=row.phone, name=row.name, created_at=now, updated_at=now
                    )
                )
            elif row.name and row.name != entry.name:
                entry.name, entry.updated_at = row.name, now
                to_update.append(entry)
            else:
                report.unchanged += 1
        report.created, report.updated = len(to_create), len(to_update)
        booked = [entry.phone for entry in existing.values() if entry.booked_at is not None]
        report.reset = len(booked) if reset_booked else 0

        if not report.ok:
            lines = [line for line, _, _ in report.invalid]
            raise AllowlistFileError(invalid_rows_message(lines), report=report)
        if dry_run:
            return report

        AllowlistEntry.objects.bulk_create(to_create)
        # Only the name: a booking marked meanwhile keeps its booked_at.
        AllowlistEntry.objects.bulk_update(to_update, ["name", "updated_at"])
        if reset_booked and booked:
            report.reset = AllowlistEntry.objects.filter(
                event=event, phone__in=booked, booked_at__isnull=False
            ).update(
                booked_at=None, booked_via="", calendly_invitee="", calendly_nonce="",
                updated_at=now,
            )  # fmt: skip
        report.applied = True
        audit(
            actor=actor,
            action="allowlist.import",
            obj=event,
            event=event,
            after={"created": report.created, "updated": report.updated, "reset": report.reset},
        )
    return report


def _region(region: str | None) -> str:
    region = (region or settings.PHONE_DEFAULT_REGION).strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(f"{region!r} is not a region code such as 'SA'.")
    return region


def _parse(data: bytes, *, region: str, report: ImportReport) -> list[_Row]:
    """The file's valid rows, first occurrence of each phone only; the rest go in the report."""
    try:
        records = read_csv(
            data,
            columns={"phone": PHONE_HEADERS, "name": NAME_HEADERS},
            required=["phone"],
            example="phone,full_name",
        )
    except CsvFileError as error:
        raise AllowlistFileError(error.message) from None
    rows: list[_Row] = []
    first_line: dict[str, int] = {}
    for record in records:
        report.rows += 1
        raw, name = record.values["phone"], record.values["name"]
        try:
            phone = normalize_phone(raw, region=region)
        except InvalidPhone as exc:
            report.invalid.append((record.line, raw, str(exc)))
            continue
        if len(name) > NAME_MAX_LENGTH:
            report.invalid.append(
                (record.line, raw, f"The name is longer than {NAME_MAX_LENGTH} characters.")
            )
            continue
        if phone in first_line:
            report.duplicates.append((record.line, phone, first_line[phone]))
            continue
        first_line[phone] = record.line
        rows.append(_Row(phone=phone, name=name))
    return rows
