from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "backend.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Imported for what they register: the OpenAPI extensions, the deletion receivers.
        from backend.accounts import schema, signals  # noqa: F401


class GatehouseAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` whose ``admin.site`` has the sign-in limits on its login
    and password change (``backend.accounts.admin_site``)."""

    default = False  # named in INSTALLED_APPS; not the accounts app's own config
    default_site = "backend.accounts.admin_site.GatehouseAdminSite"
