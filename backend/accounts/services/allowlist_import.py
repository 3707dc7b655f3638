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

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import phonenumbers
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import AllowlistEntry
from backend.accounts.phones import InvalidPhone, normalize_phone
from backend.core.audit import audit
from backend.core.errors import ValidationError
from backend.core.locks import transaction_lock

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal
    from backend.inventory.models import Event

PHONE_HEADERS = ("phone",)
NAME_HEADERS = ("full_name", "name")  # in order of preference
DELIMITERS = (",", ";", "\t")  # spreadsheets in some locales save with ";" or tabs
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
                    f"Nothing was written: {count} invalid {_plural(count, 'row')}; "
                    f"fix {'it' if count == 1 else 'them'} and import the file again."
                )
            verbs = ("Would create", "Would update (name changed)", "Would clear booked")
        lines = [f"Allowlist of {self.event}: {outcome}"]
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


class AllowlistFileError(ValidationError):
    """The file cannot be imported; ``report`` holds the rows' report when it was readable."""

    code, message = "invalid_allowlist_file", "The allowlist file cannot be imported."

    def __init__(self, message: str | None = None, *, report: ImportReport | None = None) -> None:
        super().__init__(message)
        self.report = report


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
            raise AllowlistFileError(_invalid_message(report), report=report)
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
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AllowlistFileError(
            "The file is not UTF-8 text. Save it from the spreadsheet as "
            "'CSV UTF-8 (comma delimited)' and try again."
        ) from None
    if not text.strip():
        raise AllowlistFileError("The file is empty.")

    try:
        delimiter, phone_col, name_col = _columns(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        next(reader)  # the header
        rows: list[_Row] = []
        first_line: dict[str, int] = {}
        line = reader.line_num + 1  # the line the next record starts on
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue  # blank lines are not rows
            report.rows += 1
            raw = record[phone_col] if phone_col < len(record) else ""
            name = (
                record[name_col].strip() if name_col is not None and name_col < len(record) else ""
            )
            try:
                phone = normalize_phone(raw, region=region)
            except InvalidPhone as exc:
                report.invalid.append((start, raw, str(exc)))
                continue
            if len(name) > NAME_MAX_LENGTH:
                report.invalid.append(
                    (start, raw, f"The name is longer than {NAME_MAX_LENGTH} characters.")
                )
                continue
            if phone in first_line:
                report.duplicates.append((start, phone, first_line[phone]))
                continue
            first_line[phone] = start
            rows.append(_Row(phone=phone, name=name))
    except csv.Error as exc:
        raise AllowlistFileError(f"The file is not readable as CSV: {exc}.") from None
    if not report.rows:
        raise AllowlistFileError("The file has a header but no rows below it.")
    return rows


def _columns(text: str) -> tuple[str, int, int | None]:
    """The delimiter, and the positions of the phone and (optional) name columns."""
    for delimiter in DELIMITERS:
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        header = [cell.strip().lower() for cell in first]
        phone_col = next((header.index(h) for h in PHONE_HEADERS if h in header), None)
        if phone_col is not None:
            name_col = next((header.index(h) for h in NAME_HEADERS if h in header), None)
            return delimiter, phone_col, name_col
    raise AllowlistFileError(
        "The file has no 'phone' column. Its first line must name the columns, "
        "e.g. 'phone,full_name'."
    )


def _invalid_message(report: ImportReport) -> str:
    lines = ", ".join(str(line) for line, _, _ in report.invalid[:10])
    more = "…" if len(report.invalid) > 10 else ""
    count = len(report.invalid)
    return f"{count} invalid {_plural(count, 'row')} (line {lines}{more}); nothing was written."


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"
