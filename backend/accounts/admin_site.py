"""The admin site, with the API's sign-in limits on its login and password change forms
(per account and per address, at the same edges), so that neither is a guessing oracle."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse

from backend.accounts.services.sessions import sessions_revoke_all
from backend.accounts.services.users import (
    InvalidCredentials,
    account_key,
    password_guarded,
    password_login,
)
from backend.core.audit import audit
from backend.core.errors import RateLimited


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _too_many(error: RateLimited) -> forms.ValidationError:
    return forms.ValidationError(
        "Too many failed attempts; try again in %(seconds)s seconds.",
        code="rate_limited",
        params={"seconds": error.extra["retry_after"]},
    )


class LimitedLoginForm(AdminAuthenticationForm):
    """The admin's login, through the same service (and limits) as the API's."""

    def clean(self) -> dict[str, Any]:
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if email and password:
            try:
                self.user_cache = password_login(
                    request=self.request, email=email, password=password,
                    ip=_address(self.request),
                )  # fmt: skip
            except RateLimited as error:
                raise _too_many(error) from None
            except InvalidCredentials:
                raise self.get_invalid_login_error() from None
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LimitedPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's "change my password": a wrong old password is a failed sign-in."""

    def __init__(self, user: Any, *args: Any, request: HttpRequest | None = None, **kw: Any):
        super().__init__(user, *args, **kw)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        try:
            password_guarded(
                account=account_key(self.user),
                ip=_address(self.request),
                attempt=lambda: True if self.user.check_password(old_password) else None,
            )
        except RateLimited as error:
            raise _too_many(error) from None
        except InvalidCredentials:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            ) from None
        return old_password


class LimitedPasswordChangeView(PasswordChangeView):
    """A new password here ends the account's API sessions too (the admin's own session
    lives on), as the API's password change does; audited."""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            ended = sessions_revoke_all(user=form.user)
            audit(actor=form.user, action="user.password", obj=form.user,
                  after={"sessions_ended": ended})  # fmt: skip
        return response


class GatehouseAdminSite(admin.AdminSite):
    site_header = "Gatehouse"
    site_title = "Gatehouse admin"
    login_form = LimitedLoginForm

    def password_change(  # type: ignore[override]  # django-stubs says TemplateResponse; a success redirects
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponseBase:
        request.current_app = self.name
        view = LimitedPasswordChangeView.as_view(
            form_class=LimitedPasswordChangeForm,
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )
        return view(request)
