"""A CSV import page for a ModelAdmin: "Import CSV" on its changelist, a form with the file
and a dry-run box, and the import's report (every invalid row with its line) on the page.

    class ServicePriceAdmin(CsvImportAdminMixin, AuditedAdmin):
        import_form_class = PriceListImportForm   # a CsvImportForm with more fields
        import_title = "Import a price list"

        def run_import(self, request, data): return price_list_import(...)

``run_import`` returns a report (:class:`CsvImportReport`) or raises an ApplicationError; a
:class:`~backend.core.csv_import.CsvFileError` may carry the report of the rows it refused.
The page is open to staff who may add the model's rows (URL name
``admin:<app>_<model>_import``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from backend.core.csv_import import CsvFileError
from backend.core.errors import ApplicationError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

    _AdminBase = ModelAdmin
else:
    _AdminBase = object


class CsvImportReport(Protocol):
    applied: bool  # written (False: a dry run, or refused)
    invalid: list[tuple[int, str, str]]  # line, the row as written, the problem

    @property
    def title(self) -> str: ...  # what was imported into ("Prices of Bike service (…)")

    @property
    def ok(self) -> bool: ...

    def summary(self) -> list[str]: ...

    def outcome(self) -> str: ...  # one sentence for the admin's message


class CsvImportForm(forms.Form):
    file = forms.FileField(label="CSV file")
    dry_run = forms.BooleanField(
        required=False, label="Dry run", help_text="Show what would change; write nothing."
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
            )
        return upload


class CsvImportAdminMixin(_AdminBase):
    change_list_template = "admin/core/csv_import/change_list.html"
    import_template = "admin/core/csv_import/import.html"
    import_form_class: type[CsvImportForm] = CsvImportForm
    import_title = "Import CSV"

    def run_import(self, request: HttpRequest, data: dict[str, Any]) -> CsvImportReport:
        raise NotImplementedError

    def import_initial(self, request: HttpRequest) -> dict[str, Any]:
        """The form's initial values (e.g. from the changelist's filter)."""
        return {}

    def import_query(self, request: HttpRequest) -> str:
        """What the changelist's "Import CSV" link carries to the import page (its filter)."""
        return request.GET.urlencode()

    def get_urls(self) -> list[URLPattern]:
        urls = super().get_urls()
        # Before the model admin's own patterns, whose "<path:object_id>/" matches anything.
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=self._import_url_name()), *urls]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        if self.has_add_permission(request):
            url = reverse(f"admin:{self._import_url_name()}", current_app=self.admin_site.name)
            query = self.import_query(request)
            extra_context["csv_import_url"] = f"{url}?{query}" if query else url
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        report: CsvImportReport | None = None
        if request.method == "POST":
            form = self.import_form_class(request.POST, request.FILES)
            if form.is_valid():
                report = self._run(request, form.cleaned_data)
        else:
            form = self.import_form_class(initial=self.import_initial(request))
        context = {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "opts": self.opts,
            "form": form,
            "report": report,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, self.import_template, context)

    def _run(self, request: HttpRequest, data: dict[str, Any]) -> CsvImportReport | None:
        try:
            report = self.run_import(request, data)
        except CsvFileError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return exc.report
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return None
        self.message_user(
            request, report.outcome(), messages.SUCCESS if report.applied else messages.INFO
        )
        return report

    def _import_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_import"
