"""The Booking Service's documented flow (reference/time-slot-rooms.md): register, log in
(the refresh token stays in the HttpOnly cookie, which newman's cookie jar keeps), refresh
through the cookie, list the rooms, book two 30-minute slots, read the booking, create the
Stripe PaymentIntent, Stripe's ``payment_intent.succeeded`` webhook signed with the webhook
secret, the booking confirmed, the staff-only list refused to a guest, and log out.

The rooms are the demo's meeting rooms (``manage.py demo``: 09:00 to 18:00 in 30-minute
slots for the next 14 days); the booking is three days ahead, 14:00 to 15:00.
"""

from __future__ import annotations

from backend.compat.flows import Flow, Raw, Step

BEARER = {"Authorization": "Bearer {{access_token}}"}

BOOKING_DATE = (
    "var day = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);",
    "pm.environment.set('booking_date', day.toISOString().slice(0, 10));",
)

# Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>.
SIGN_STRIPE = (
    "pm.environment.set('stripeEventId', 'evt_' + Date.now());",
    "var t = Math.floor(Date.now() / 1000);",
    "var raw = pm.variables.replaceIn(pm.request.body.raw);",
    "var secret = pm.environment.get('stripeWebhookSecret');",
    "var digest = CryptoJS.HmacSHA256(t + '.' + raw, secret).toString(CryptoJS.enc.Hex);",
    "pm.environment.set('stripeSignature', 't=' + t + ',v1=' + digest);",
)

FLOW = Flow(
    system="booking-service",
    name="Booking Service",
    description=(
        "The time-slot rooms booking API (time-slot-rooms.md), served by Gatehouse under "
        "/compat/booking-service. `email` and `password` are the account the flow registers "
        "(registering it again answers the same; the login then works); "
        "`stripeWebhookSecret` is the server's STRIPE_WEBHOOK_SECRET (the webhook is "
        "Stripe's, signed with it)."
    ),
    variables={
        "email": "newman.booker@example.com",
        "password": "a long passphrase 42",
        "stripeWebhookSecret": "set-me",
    },
    steps=(
        Step(
            name="Register User",
            method="POST",
            path="/api/register/",
            body={
                "email": "{{email}}",
                "password": "{{password}}",
                "confirm_password": "{{password}}",
            },
            status=201,
            expect=("message",),
        ),
        Step(
            name="Login",
            method="POST",
            path="/api/login/",
            body={"email": "{{email}}", "password": "{{password}}"},
            expect=("message", "user_id", "email", "is_staff", "is_superuser", "access"),
            save={"access_token": "access", "user_id": "user_id"},
            tests=(
                "pm.test('the refresh token is an HttpOnly cookie, not in the body', function () {",
                "  pm.expect(body.refresh).to.be.undefined;",
                "  pm.expect(pm.response.headers.get('Set-Cookie')).to.match(/HttpOnly/i);",
                "});",
            ),
            description="Refresh token is set as HTTP-only cookie automatically.",
        ),
        Step(
            name="Refresh Access Token",
            method="POST",
            path="/api/token/refresh-cookie/",
            expect=("access", "message"),
            save={"access_token": "access"},
            description="No body: the refresh token comes from the cookie.",
        ),
        Step(
            name="List Available Rooms",
            method="GET",
            path="/api/rooms/",
            headers=BEARER,
            expect=(
                "count",
                "rooms.0.id",
                "rooms.0.slot_duration_minutes",
                "rooms.0.opening_time",
                "rooms.0.closing_time",
            ),
            save={"room_id": "rooms.0.id"},
        ),
        Step(
            name="Create Booking",
            method="POST",
            path="/api/bookings/",
            headers=BEARER,
            body={
                "user_id": Raw("{{user_id}}"),
                "room_id": Raw("{{room_id}}"),
                "booking_date": "{{booking_date}}",
                "start_time": "14:00:00",
                "end_time": "15:00:00",
                "guest_count": 2,
                "special_requests": "Need projector setup",
            },
            prerequest=BOOKING_DATE,
            status=201,
            expect=("id", "number_of_slots", "total_amount", "status", "hold_expires_at"),
            save={
                "booking_id": "id",
                "total_amount": "total_amount",
                "booking_currency": "currency",
            },
            tests=(
                "pm.test('two slots, held while pending', function () {",
                "  pm.expect(body.number_of_slots).to.eql(2);",
                "  pm.expect(body.status).to.eql('pending');",
                "});",
            ),
            description="A 30-minute hold is placed on the slots.",
        ),
        Step(
            name="Get Specific Booking",
            method="GET",
            path="/api/bookings/{{booking_id}}/",
            headers=BEARER,
            expect=("id", "room_name", "start_time", "end_time"),
        ),
        Step(
            name="Create Payment Intent",
            method="POST",
            path="/api/payment-intent/",
            headers=BEARER,
            body={
                "booking_id": "{{booking_id}}",
                "amount": Raw("{{total_amount}}"),
                "currency": "{{booking_currency}}",
            },
            expect=("payment_intent_id", "client_secret", "amount", "currency", "status"),
            save={"payment_intent_id": "payment_intent_id", "intent_currency": "currency"},
            tests=("pm.environment.set('amount_minor', Math.round(body.amount * 100));",),
        ),
        Step(
            name="Stripe Webhook (payment_intent.succeeded)",
            method="POST",
            path="/api/stripe-webhook/",
            headers={"Stripe-Signature": "{{stripeSignature}}"},
            body={
                "id": "{{stripeEventId}}",
                "object": "event",
                "type": "payment_intent.succeeded",
                "data": {
                    "object": {
                        "id": "{{payment_intent_id}}",
                        "object": "payment_intent",
                        "amount": Raw("{{amount_minor}}"),
                        "amount_received": Raw("{{amount_minor}}"),
                        "currency": "{{intent_currency}}",
                        "status": "succeeded",
                        "metadata": {"booking": "{{booking_id}}"},
                    }
                },
            },
            prerequest=SIGN_STRIPE,
            expect=("received",),
            description="Confirms the booking.",
        ),
        Step(
            name="The booking is confirmed",
            method="GET",
            path="/api/bookings/{{booking_id}}/",
            headers=BEARER,
            expect=("status", "payment_status"),
            tests=(
                "pm.test('confirmed and paid', function () {",
                "  pm.expect(body.status).to.eql('confirmed');",
                "  pm.expect(body.payment_status).to.eql('succeeded');",
                "});",
            ),
        ),
        Step(
            name="Get All Bookings (Admin Only)",
            method="GET",
            path="/api/bookings/all/",
            headers=BEARER,
            status=403,
            description="Returns 403 Forbidden if user is not staff.",
        ),
        Step(
            name="Logout",
            method="POST",
            path="/api/logout/",
            headers=BEARER,
            expect=("message",),
        ),
    ),
)
