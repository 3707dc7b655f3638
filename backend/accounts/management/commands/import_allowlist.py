"""``manage.py import_allowlist --event SLUG --file PATH``: load a VIP allowlist from CSV.

Prints the report, every invalid row with its line number. Exits non-zero, writing nothing,
for an unknown event, an unreadable file, or any invalid row (see
:mod:`backend.accounts.services.allowlist_import`).
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from backend.accounts.hooks import event_named
from backend.accounts.services.allowlist_import import (
    AllowlistFileError,
    ImportReport,
    allowlist_import,
)
from backend.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Import an event's VIP allowlist from a CSV file with a 'phone' column."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--event", required=True, metavar="SLUG", help="The event's slug.")
        parser.add_argument("--file", required=True, type=Path, metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--reset-booked",
            action="store_true",
            help="Clear 'booked' for the file's phones, so they may book again.",
        )
        parser.add_argument(
            "--region",
            default=None,
            metavar="SA",
            help="Region of numbers written without a country code (default: "
            "settings.PHONE_DEFAULT_REGION).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        event = event_named(options["event"])
        if event is None:
            raise CommandError(f"No event with the slug {options['event']!r}.")
        try:
            data = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc.strerror}.") from None
        try:
            report = allowlist_import(
                event=event,
                data=data,
                dry_run=options["dry_run"],
                reset_booked=options["reset_booked"],
                region=options["region"],
            )
        except AllowlistFileError as exc:
            if exc.report is not None:
                self._print(exc.report)
            raise CommandError(exc.message) from None
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self._print(report)

    def _print(self, report: ImportReport) -> None:
        first, *rest = report.summary()
        if report.applied:
            style = self.style.SUCCESS
        else:
            style = self.style.NOTICE if report.ok else self.style.ERROR
        self.stdout.write(style(first))
        for line in rest:
            self.stdout.write(line)
