"""OC MENA Festival's Postman flow (reference/festival-ticketing.md, "API Endpoints"), a guest's
journey: the festival's configuration, sponsors, schedule and ticket types; register, sign in,
refresh; pay for a ticket with Stripe (the intent, then Stripe's signed webhook at the
README's webhook path, then confirm); the order, its invoice, the ticket; a transfer offered
and cancelled; wallet passes; sign out. The festival is the demo's ``summer-fest``
(``manage.py demo``); staff, scanning and vendor endpoints need the demo's staff password and
are exercised by tests/compat/test_oc_mena.py instead.
"""

from __future__ import annotations

from backend.compat.flows import Flow, Raw, Step

BEARER = {"Authorization": "Bearer {{access_token}}"}

# Stripe's webhook signature of the raw body: t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>,
# over an event for the intent the checkout made (amount in minor units, currency lower case).
SIGN_STRIPE = (
    "pm.environment.set('stripeEventId', 'evt_' + Date.now());",
    "var amount = Math.round(parseFloat(pm.environment.get('amount')) * 100);",
    "pm.environment.set('amountMinor', String(amount));",
    "pm.environment.set('currencyLower', pm.environment.get('currency').toLowerCase());",
    "var t = Math.floor(Date.now() / 1000);",
    "var raw = pm.variables.replaceIn(pm.request.body.raw);",
    "var secret = pm.environment.get('stripeWebhookSecret');",
    "var digest = CryptoJS.HmacSHA256(t + '.' + raw, secret).toString(CryptoJS.enc.Hex);",
    "pm.environment.set('stripeSignature', 't=' + t + ',v1=' + digest);",
)

FLOW = Flow(
    system="oc-mena",
    name="OC MENA Festival",
    description=(
        "The OC MENA Festival ticketing API, served by Gatehouse under /compat/oc-mena: "
        "JWT sign-in (Bearer), tickets paid through Stripe, orders, transfers, wallet passes. "
        "`email`/`password` register a new guest; `stripeWebhookSecret` is the server's "
        "STRIPE_WEBHOOK_SECRET; `transferPhone` receives the transfer offer."
    ),
    variables={
        "email": "oc-mena-guest@example.com",
        "password": "festival passphrase 2026",
        "transferPhone": "+966500000099",
        "stripeWebhookSecret": "set-me",
    },
    steps=(
        Step(
            name="Health check",
            method="GET",
            path="/api/health/",
            expect=("ok",),
        ),
        Step(
            name="Event configuration",
            method="GET",
            path="/api/config/public/",
            expect=("ok", "event.slug", "event.name", "event.starts_at"),
        ),
        Step(name="Sponsors list", method="GET", path="/api/config/sponsors/"),
        Step(name="Event schedule", method="GET", path="/api/config/schedule/"),
        Step(
            name="Available ticket types",
            method="GET",
            path="/api/tickets/types/",
            expect=("0.id", "0.name", "0.price", "0.available"),
            save={"ticketTypeId": "0.id"},
        ),
        Step(
            name="Register",
            method="POST",
            path="/api/auth/register/",
            body={"email": "{{email}}", "password": "{{password}}", "name": "Festival Guest"},
            status=201,
            expect=("ok",),
        ),
        Step(
            name="Login",
            method="POST",
            path="/api/auth/login/",
            body={"email": "{{email}}", "password": "{{password}}"},
            expect=("access", "refresh"),
            save={"access_token": "access", "refresh_token": "refresh"},
        ),
        Step(
            name="Get profile",
            method="GET",
            path="/api/auth/me/",
            headers=BEARER,
            expect=("email",),
        ),
        Step(
            name="Update profile",
            method="PATCH",
            path="/api/auth/me/",
            headers=BEARER,
            body={"name": "Festival Guest Jr."},
            expect=("name",),
        ),
        Step(
            name="Refresh token",
            method="POST",
            path="/api/auth/token/refresh/",
            body={"refresh": "{{refresh_token}}"},
            expect=("access", "refresh"),
            save={"access_token": "access", "refresh_token": "refresh"},
        ),
        Step(
            name="Create payment",
            method="POST",
            path="/api/payments/checkout/create-intent/",
            headers=BEARER,
            body={"items": [{"ticket_type": Raw("{{ticketTypeId}}"), "quantity": 1}]},
            status=201,
            expect=("client_secret", "payment_intent_id", "order.id"),
            save={
                "orderId": "order.id",
                "paymentIntentId": "payment_intent_id",
                "amount": "amount",
                "currency": "currency",
            },
            tests=(
                "pm.test('the order waits for payment', function () {",
                "  pm.expect(body.order.status).to.eql('pending');",
                "});",
            ),
        ),
        Step(
            name="Stripe webhook: payment_intent.succeeded",
            method="POST",
            path="/api/payments/webhook/stripe/",
            headers={"Stripe-Signature": "{{stripeSignature}}"},
            body={
                "id": "{{stripeEventId}}",
                "object": "event",
                "type": "payment_intent.succeeded",
                "data": {
                    "object": {
                        "id": "{{paymentIntentId}}",
                        "object": "payment_intent",
                        "status": "succeeded",
                        "amount": Raw("{{amountMinor}}"),
                        "amount_received": Raw("{{amountMinor}}"),
                        "currency": "{{currencyLower}}",
                        "metadata": {"booking": "{{orderId}}"},
                    }
                },
            },
            prerequest=SIGN_STRIPE,
            description="What Stripe sends once the guest paid, signed with the webhook secret.",
        ),
        Step(
            name="Confirm payment",
            method="POST",
            path="/api/payments/checkout/confirm/",
            headers=BEARER,
            body={"order": "{{orderId}}"},
            expect=("order.status", "payment.status"),
            tests=(
                "pm.test('the order is paid', function () {",
                "  pm.expect(body.order.status).to.eql('confirmed');",
                "  pm.expect(body.payment.status).to.eql('succeeded');",
                "});",
            ),
        ),
        Step(
            name="My orders",
            method="GET",
            path="/api/payments/orders/",
            headers=BEARER,
            expect=("results.0.id",),
        ),
        Step(
            name="Order details",
            method="GET",
            path="/api/payments/orders/{{orderId}}/",
            headers=BEARER,
            expect=("id", "status", "amount"),
        ),
        Step(
            name="Order invoice",
            method="GET",
            path="/api/payments/orders/{{orderId}}/invoice/",
            headers=BEARER,
        ),
        Step(
            name="My tickets",
            method="GET",
            path="/api/tickets/my/",
            headers=BEARER,
            expect=("results.0.id",),
            save={"ticketId": "results.0.id"},
        ),
        Step(
            name="Ticket details",
            method="GET",
            path="/api/tickets/{{ticketId}}/",
            headers=BEARER,
            expect=("id", "qr_payload"),
        ),
        Step(
            name="Ticket QR code",
            method="GET",
            path="/api/tickets/{{ticketId}}/qr/",
            headers=BEARER,
            tests=(
                "pm.test('a PNG', function () {",
                "  pm.expect(pm.response.headers.get('Content-Type')).to.eql('image/png');",
                "});",
            ),
        ),
        Step(
            name="Create transfer",
            method="POST",
            path="/api/tickets/transfers/create/",
            headers=BEARER,
            body={"ticket": Raw("{{ticketId}}"), "phone": "{{transferPhone}}"},
            status=201,
            expect=("id", "status"),
            save={"transferId": "id"},
        ),
        Step(
            name="My transfers",
            method="GET",
            path="/api/tickets/transfers/",
            headers=BEARER,
            expect=("results.0.id",),
        ),
        Step(
            name="Cancel transfer",
            method="POST",
            path="/api/tickets/transfers/{{transferId}}/cancel/",
            headers=BEARER,
            tests=(
                "pm.test('cancelled', function () {",
                "  pm.expect(body.status).to.eql('cancelled');",
                "});",
            ),
        ),
        Step(name="My upgrades", method="GET", path="/api/tickets/upgrades/", headers=BEARER),
        Step(name="My wallet passes", method="GET", path="/api/wallet/passes/", headers=BEARER),
        Step(
            name="Logout",
            method="POST",
            path="/api/auth/logout/",
            headers=BEARER,
            body={"refresh": "{{refresh_token}}"},
            expect=("ok",),
        ),
    ),
)
