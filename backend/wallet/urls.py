"""The wallet API: which wallets are offered, a ticket's passes (beside the tickets API, and
through the tickets link) and Apple's PassKit web service."""

from django.urls import path

from backend.wallet.api import links, offered, passes, webservice

PASSKIT = "wallet/apple/v1/"

urlpatterns = [
    path("wallet/", offered.WalletsApi.as_view(), name="wallet-offered"),
    path(
        "tickets/<id:ticket_id>/wallet/apple.pkpass",
        passes.TicketApplePassApi.as_view(),
        name="ticket-wallet-apple",
    ),
    path(
        "tickets/<id:ticket_id>/wallet/google/",
        passes.TicketGooglePassApi.as_view(),
        name="ticket-wallet-google",
    ),
    # Through the signed tickets link (the tickets SMS), without signing in
    path(
        "tickets/links/<str:token>/<id:ticket_id>/wallet/apple.pkpass",
        links.TicketLinkApplePassApi.as_view(),
        name="ticket-link-wallet-apple",
    ),
    path(
        "tickets/links/<str:token>/<id:ticket_id>/wallet/google/",
        links.TicketLinkGooglePassApi.as_view(),
        name="ticket-link-wallet-google",
    ),
    path(
        PASSKIT + "devices/<str:device>/registrations/<str:pass_type>/<str:serial>",
        webservice.RegistrationApi.as_view(),
        name="wallet-apple-registration",
    ),
    path(
        PASSKIT + "devices/<str:device>/registrations/<str:pass_type>",
        webservice.SerialsApi.as_view(),
        name="wallet-apple-serials",
    ),
    path(
        PASSKIT + "passes/<str:pass_type>/<str:serial>",
        webservice.LatestPassApi.as_view(),
        name="wallet-apple-pass",
    ),
    path(PASSKIT + "log", webservice.LogApi.as_view(), name="wallet-apple-log"),
]
