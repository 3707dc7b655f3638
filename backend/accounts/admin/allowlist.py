"""The allowlist CSV import in the Django admin: an "Import CSV" page on the entries' list
(``backend.core.admin_import``), with the event, the reset-booked box, and a report of what
was (or would be) created, renamed, reset, and every duplicate and invalid row with its line.

Use it first in the bases of the ``AllowlistEntry`` admin::

    class AllowlistEntryAdmin(AllowlistImportAdminMixin, admin.ModelAdmin): ...

URL name ``admin:accounts_allowlistentry_import``, open to staff who may add entries.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.http import urlencode

from backend.accounts.models import AllowlistEntry
from backend.accounts.services.allowlist_import import ImportReport, allowlist_import
from backend.core.admin_import import CsvImportAdminMixin, CsvImportForm


class AllowlistImportForm(CsvImportForm):
    field_order = ["event", "file", "dry_run", "reset_booked"]

    # The events (inventory's, above this app), through the entries' foreign key.
    event = forms.ModelChoiceField(
        queryset=AllowlistEntry.event.field.related_model._default_manager.order_by(
            "-allowlist_only", "-starts_at"
        ),
        help_text="Allowlist-only events are listed first.",
    )
    reset_booked = forms.BooleanField(
        required=False,
        label="Reset booked",
        help_text="Clear 'booked' for the file's phones, so they may book again.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "UTF-8 CSV with a 'phone' column and, optionally, 'full_name' or 'name'. Phones "
            f"without a country code are read as numbers of {settings.PHONE_DEFAULT_REGION}."
        )


class AllowlistImportAdminMixin(CsvImportAdminMixin):
    """Adds the CSV import page to a ``ModelAdmin`` of ``AllowlistEntry``."""

    import_template = "admin/accounts/allowlistentry/import.html"
    import_form_class = AllowlistImportForm
    import_title = "Import allowlist CSV"

    def import_query(self, request: HttpRequest) -> str:
        event = request.GET.get("event__id__exact")
        return urlencode({"event": event}) if event else ""

    def import_initial(self, request: HttpRequest) -> dict[str, Any]:
        return {"event": request.GET.get("event")}

    def run_import(self, request: HttpRequest, data: dict[str, Any]) -> ImportReport:
        return allowlist_import(
            event=data["event"],
            data=data["file"].read(),
            dry_run=data["dry_run"],
            reset_booked=data["reset_booked"],
            actor=request.user,
        )
