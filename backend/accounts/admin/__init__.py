"""Admin for accounts: users and their roles, sessions, codes sent, scanning stations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.accounts.admin.allowlist import AllowlistImportAdminMixin
from backend.accounts.models import (
    AllowlistEntry,
    AuthSession,
    OtpRequest,
    Role,
    RoleGrant,
    ScannerDevice,
    StaffApiKey,
    User,
)
from backend.accounts.roles import may
from backend.accounts.services.api_keys import api_key_create, api_key_revoke
from backend.accounts.services.devices import device_create, device_revoke
from backend.accounts.services.grants import grants_changed, grants_of
from backend.accounts.services.sessions import session_revoke, sessions_revoke_all
from backend.core.admin import AuditedAdmin
from backend.core.audit import audit
from backend.realtime import identity_changed


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["event"]


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "phone", "name")


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    """Users and their roles. A change of roles is audited per event and reaches the
    user's live websockets, and so does a change of superuser; switching an account off,
    or setting its password here, ends its sessions."""

    audited_fields = ("email", "phone", "name", "is_active", "is_staff", "is_superuser",
                      "verified_email", "verified_phone")  # fmt: skip

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        request._roles_before = grants_of(obj) if change else []  # type: ignore[attr-defined]
        if not change and obj.email and not obj.verified_email:
            obj.verified_email = obj.email  # an administrator typed it, for a staff member
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_audit_before", None) or {}
        user = form.instance
        regranted = grants_changed(
            actor=request.user, user=user, before=getattr(request, "_roles_before", [])
        )
        if before.get("is_active") and not user.is_active:
            sessions_revoke_all(user=user)
        elif not regranted and before.get("is_superuser") != user.is_superuser and change:
            identity_changed("user", user.pk)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """Setting someone's password here ends every session they have (and is audited):
        a password reset for a compromised account must lock the intruder out."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            user = self.get_object(request, id)
            if request.method == "POST" and response.status_code == 302 and user is not None:
                ended = sessions_revoke_all(user=user)
                audit(actor=request.user, action="user.password", obj=user,
                      after={"sessions_ended": ended})  # fmt: skip
        return response

    add_form = UserCreationForm
    ordering = ["-date_joined"]
    list_display = ["email", "phone", "name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "role_grants__role"]
    search_fields = ["email", "phone", "name"]
    inlines = [RoleGrantInline]
    fieldsets = (
        (None, {"fields": ("email", "phone", "password")}),
        (
            "Verified",
            {
                "fields": ("verified_email", "verified_phone"),
                "description": "An address or number counts as verified only while it "
                "equals the one here (proved by its link or code).",
            },
        ),
        (
            "Profile",
            {
                "fields": (
                    "name",
                    "first_name",
                    "last_name",
                    "picture",
                    "date_of_birth",
                    "gender",
                    "language",
                )
            },
        ),
        (
            "Admin site access",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "phone", "name", "password1", "password2"),
            },
        ),
    )


@admin.register(AuthSession)
class AuthSessionAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "method",
        "user_agent",
        "ip",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["method", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "user__phone", "ip"]
    readonly_fields = [f.name for f in AuthSession._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="End the selected sessions now")
    def revoke(self, request: HttpRequest, queryset: QuerySet[AuthSession]) -> None:
        for session in queryset:
            session_revoke(session=session, actor=request.user)
        self.message_user(request, f"{queryset.count()} sessions ended.")


@admin.register(OtpRequest)
class OtpRequestAdmin(admin.ModelAdmin):
    """What was sent to whom and how it ended. Codes are never stored, so never shown."""

    list_display = ["phone", "event", "status", "attempts", "provider", "created_at", "ip"]
    list_filter = ["status", "provider"]
    search_fields = ["phone"]
    exclude = ["code_hash"]
    readonly_fields = [f.name for f in OtpRequest._meta.fields if f.name != "code_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DeviceForm(forms.ModelForm):
    class Meta:
        model = ScannerDevice
        fields = ["label", "event"]


@admin.register(ScannerDevice)
class ScannerDeviceAdmin(admin.ModelAdmin):
    """Made and revoked through the device services (which audit); a label edit is
    audited here. Its event is fixed once made (its gates are that event's)."""

    form = DeviceForm
    list_display = ["label", "event", "token_hint", "created_at", "last_seen_at", "revoked_at"]
    list_filter = ["event", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["label", "token_hint"]
    readonly_fields = ["token_hint", "created_by", "created_at", "last_seen_at", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "event"] if obj is not None else fields

    def save_model(self, request: HttpRequest, obj: ScannerDevice, form: Any, change: bool) -> None:
        if change:
            before = ScannerDevice.objects.values("label").get(pk=obj.pk)
            with transaction.atomic():
                super().save_model(request, obj, form, change)
                if before["label"] != obj.label:
                    audit(actor=request.user, action="device.change", obj=obj, event=obj.event,
                          before=before, after={"label": obj.label})  # fmt: skip
            return
        staff = request.user if isinstance(request.user, User) else None  # the admin's: a User
        device, token = device_create(label=obj.label, event=obj.event, created_by=staff)
        obj.pk, obj.token_hash, obj.token_hint = device.pk, device.token_hash, device.token_hint
        obj.created_at, obj.created_by = device.created_at, device.created_by
        self.message_user(
            request,
            f"The station's token, shown only now — enter it in the station: {token}",
            messages.WARNING,
        )

    @admin.action(description="Revoke the selected stations now")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ScannerDevice]) -> None:
        for device in queryset:
            device_revoke(device=device, actor=request.user)
        self.message_user(request, f"{queryset.count()} stations revoked.")


class StaffApiKeyForm(forms.ModelForm):
    class Meta:
        model = StaffApiKey
        fields = ["label", "user", "event", "requests_per_minute"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user, event = data.get("user"), data.get("event")
        new = self.instance.pk is None and user is not None and event is not None
        if new and not may(user, Role.STAFF, event):
            self.add_error("user", "The key's owner must be staff of its event.")
        return data


@admin.register(StaffApiKey)
class StaffApiKeyAdmin(admin.ModelAdmin):
    """Made and revoked through the key services (which check roles and audit); the key is
    shown once, in the message after saving. Its owner and event are fixed once made."""

    form = StaffApiKeyForm
    list_display = ["label", "user", "event", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["event", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["label", "prefix", "user__email"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    autocomplete_fields = ["user", "event"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "user", "event"] if obj is not None else fields

    def save_model(self, request: HttpRequest, obj: StaffApiKey, form: Any, change: bool) -> None:
        if change:
            before = StaffApiKey.objects.values("label", "requests_per_minute").get(pk=obj.pk)
            with transaction.atomic():
                super().save_model(request, obj, form, change)
                after = {"label": obj.label, "requests_per_minute": obj.requests_per_minute}
                if before != after:
                    audit(actor=request.user, action="api_key.change", obj=obj,
                          event=obj.event, before=before, after=after)  # fmt: skip
            return
        assert isinstance(request.user, User)  # the admin's: a User
        api_key, key = api_key_create(
            label=obj.label,
            user=obj.user,
            event=obj.event,
            created_by=request.user,
            requests_per_minute=obj.requests_per_minute,
        )
        obj.pk, obj.prefix, obj.key_hash = api_key.pk, api_key.prefix, api_key.key_hash
        obj.created_at, obj.created_by = api_key.created_at, api_key.created_by
        self.message_user(
            request, f"The API key, shown only now — copy it into its program: {key}",
            messages.WARNING,
        )  # fmt: skip

    @admin.action(description="Revoke the selected API keys now")
    def revoke(self, request: HttpRequest, queryset: QuerySet[StaffApiKey]) -> None:
        for api_key in queryset:
            api_key_revoke(api_key=api_key, actor=request.user)
        self.message_user(request, f"{queryset.count()} API keys revoked.")


@admin.register(AllowlistEntry)
class AllowlistEntryAdmin(AllowlistImportAdminMixin, AuditedAdmin):
    audited_fields = ("phone", "name", "booked_at")

    list_display = ["phone", "name", "event", "booked_at", "updated_at"]
    list_filter = ["event", ("booked_at", admin.EmptyFieldListFilter)]
    search_fields = ["phone", "name"]
    autocomplete_fields = ["event"]
