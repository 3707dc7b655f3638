"""The allowlist CSV import in the Django admin: an "Import CSV" page on the entries' list.

Use it first in the bases of the ``AllowlistEntry`` admin::

    class AllowlistEntryAdmin(AllowlistImportAdminMixin, admin.ModelAdmin): ...

It adds ``import/`` under the changelist (URL name ``admin:accounts_allowlistentry_import``),
open to staff who may add entries, and the "Import CSV" button on the changelist. The page
shows the report of each import: what was (or would be) created, renamed, reset, and every
duplicate and invalid row with its line number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from backend.accounts.models import AllowlistEntry
from backend.accounts.services.allowlist_import import (
    AllowlistFileError,
    ImportReport,
    allowlist_import,
)
from backend.core.errors import ApplicationError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

    _AdminBase = ModelAdmin
else:
    _AdminBase = object


class AllowlistImportForm(forms.Form):
    # The events (inventory's, above this app), through the entries' foreign key.
    event = forms.ModelChoiceField(
        queryset=AllowlistEntry.event.field.related_model._default_manager.order_by(
            "-allowlist_only", "-starts_at"
        ),
        help_text="Allowlist-only events are listed first.",
    )
    file = forms.FileField(
        label="CSV file",
    )
    dry_run = forms.BooleanField(
        required=False, label="Dry run", help_text="Show what would change; write nothing."
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

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
            )
        return upload


class AllowlistImportAdminMixin(_AdminBase):
    """Adds the CSV import page to a ``ModelAdmin`` of ``AllowlistEntry``."""

    change_list_template = "admin/accounts/allowlistentry/change_list.html"
    import_template = "admin/accounts/allowlistentry/import.html"

    def get_urls(self) -> list[URLPattern]:
        urls = super().get_urls()
        # Before the model admin's own patterns, whose "<path:object_id>/" matches anything.
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=self._import_url_name(),
            ),
            *urls,
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        if self.has_add_permission(request):
            url = reverse(f"admin:{self._import_url_name()}", current_app=self.admin_site.name)
            event = request.GET.get("event__id__exact")
            extra_context["allowlist_import_url"] = f"{url}?event={event}" if event else url
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        report: ImportReport | None = None
        if request.method == "POST":
            form = AllowlistImportForm(request.POST, request.FILES)
            if form.is_valid():
                report = self._run_import(request, form.cleaned_data)
        else:
            form = AllowlistImportForm(initial={"event": request.GET.get("event")})
        context = {
            **self.admin_site.each_context(request),
            "title": "Import allowlist CSV",
            "opts": self.opts,
            "form": form,
            "report": report,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, self.import_template, context)

    def _run_import(self, request: HttpRequest, data: dict[str, Any]) -> ImportReport | None:
        try:
            report = allowlist_import(
                event=data["event"],
                data=data["file"].read(),
                dry_run=data["dry_run"],
                reset_booked=data["reset_booked"],
                actor=request.user,
            )
        except AllowlistFileError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return exc.report
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return None
        if report.applied:
            message = (
                f"Imported: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged."
            )
            self.message_user(request, message, messages.SUCCESS)
        else:
            message = (
                f"Dry run, nothing was written: {report.created} would be created, "
                f"{report.updated} updated, {report.unchanged} unchanged."
            )
            self.message_user(request, message, messages.INFO)
        return report

    def _import_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_import"
