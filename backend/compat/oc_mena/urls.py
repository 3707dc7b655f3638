"""OC MENA Festival's API (reference/festival-ticketing.md, "API Endpoints"), in its order."""

from django.urls import URLPattern, URLResolver, path

import backend.core.converters  # noqa: F401  (registers the "id" converter)
from backend.compat.oc_mena import views as v
from backend.webhooks.api import WebhookApi


class StripeWebhook(WebhookApi):
    schema = None


urlpatterns: list[URLPattern | URLResolver] = [
    # Public
    path("api/health/", v.Health.as_view()),
    path("api/config/public/", v.ConfigPublic.as_view()),
    path("api/config/sponsors/", v.Sponsors.as_view()),
    path("api/config/schedule/", v.Schedule.as_view()),
    path("api/config/contact/", v.Contact.as_view()),
    path("api/tickets/types/", v.TicketTypes.as_view()),
    # Authentication
    path("api/auth/register/", v.Register.as_view()),
    path("api/auth/login/", v.Login.as_view()),
    path("api/auth/logout/", v.Logout.as_view()),
    path("api/auth/token/refresh/", v.TokenRefresh.as_view()),
    path("api/auth/me/", v.Me.as_view()),
    path("api/auth/password/change/", v.PasswordChange.as_view()),
    path("api/auth/password/reset/", v.PasswordReset.as_view()),
    path("api/auth/password/reset/confirm/", v.PasswordResetConfirm.as_view()),
    # Tickets
    path("api/tickets/my/", v.MyTickets.as_view()),
    path("api/tickets/transfers/", v.Transfers.as_view()),
    path("api/tickets/transfers/create/", v.TransferCreate.as_view()),
    path("api/tickets/transfers/<uuid:transfer_id>/cancel/", v.TransferCancel.as_view()),
    path("api/tickets/transfers/accept/", v.TransferAccept.as_view()),
    path("api/tickets/upgrades/", v.Upgrades.as_view()),
    path("api/tickets/upgrades/create/", v.UpgradeCreate.as_view()),
    path("api/tickets/<id:ticket_id>/", v.TicketDetail.as_view()),
    path("api/tickets/<id:ticket_id>/qr/", v.TicketQr.as_view()),
    # Payments
    path("api/payments/checkout/create-intent/", v.CheckoutCreateIntent.as_view()),
    path("api/payments/checkout/confirm/", v.CheckoutConfirm.as_view()),
    path("api/payments/orders/", v.Orders.as_view()),
    path("api/payments/orders/<uuid:booking_id>/", v.OrderDetail.as_view()),
    path("api/payments/orders/<uuid:booking_id>/invoice/", v.OrderInvoice.as_view()),
    path("api/payments/webhook/stripe/", StripeWebhook.as_view(sender="stripe")),
    # Scanning
    path("api/scan/validate/", v.ScanValidate.as_view()),
    path("api/scan/commit/", v.ScanCommit.as_view()),
    path("api/scan/logs/", v.ScanLogs.as_view()),
    path("api/scan/stats/", v.ScanStats.as_view()),
    # Staff actions
    path("api/tickets/staff/comp/", v.StaffComp.as_view()),
    path("api/tickets/staff/refund/", v.StaffRefund.as_view()),
    path("api/tickets/staff/upgrade/", v.StaffUpgrade.as_view()),
    path("api/tickets/staff/resend-tickets/", v.StaffResendTickets.as_view()),
    path("api/tickets/staff/resend-invoice/", v.StaffResendInvoice.as_view()),
    path("api/tickets/staff/orders/", v.StaffOrders.as_view()),
    path("api/tickets/staff/orders/<uuid:booking_id>/", v.StaffOrderDetail.as_view()),
    # Vendors
    path("api/vendors/list/", v.VendorList.as_view()),
    path("api/vendors/profile/", v.VendorProfile.as_view()),
    path("api/vendors/dashboard/", v.VendorDashboard.as_view()),
    path("api/vendors/setup-qr/", v.VendorSetupQr.as_view()),
    # Admin
    path("api/vendors/admin/booths/", v.AdminBooths.as_view()),
    path("api/vendors/admin/booths/assign/", v.AdminBoothAssign.as_view()),
    path("api/vendors/admin/vendors/", v.AdminVendors.as_view()),
    # Wallet
    path("api/wallet/apple/create-pass/", v.AppleCreatePass.as_view()),
    path("api/wallet/google/create-pass/", v.GoogleCreatePass.as_view()),
    path("api/wallet/passes/", v.WalletPasses.as_view()),
]
