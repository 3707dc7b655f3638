from django.contrib import admin

from backend.wallet.models import AppleDevice, AppleRegistration, WalletPass


@admin.register(WalletPass)
class WalletPassAdmin(admin.ModelAdmin):
    list_display = ["serial_number", "ticket", "holder", "version", "updated_at"]
    search_fields = ["serial_number"]
    raw_id_fields = ["ticket", "holder"]
    readonly_fields = ["serial_number", "ticket", "holder", "version", "updated_at", "created_at"]


@admin.register(AppleDevice)
class AppleDeviceAdmin(admin.ModelAdmin):
    list_display = ["library_id", "created_at"]
    readonly_fields = ["library_id", "push_token", "created_at"]


@admin.register(AppleRegistration)
class AppleRegistrationAdmin(admin.ModelAdmin):
    list_display = ["device", "wallet_pass", "created_at"]
    raw_id_fields = ["device", "wallet_pass"]
