"""Dandeli's documented flow (reference/resort-stays.md): sign in with a code, update the
profile, then the booking flow's five steps: search, select rooms, add guests, initiate
payment, and Razorpay's ``payment.captured`` webhook signed with the webhook secret.

The rooms are the demo's Goa resort (``manage.py demo``: Palm Grove Beach Resort, rooms for
the next 90 nights); the stay is 30 to 32 days from the day the collection runs.
"""

from __future__ import annotations

from backend.compat.flows import Flow, Raw, Step

BEARER = {"Authorization": "Bearer {{access_token}}"}

# The stay's dates, from today (the demo's rooms are bookable for the next 90 nights).
STAY_DATES = (
    "var day = 24 * 60 * 60 * 1000;",
    "function iso(offset) {",
    "  return new Date(Date.now() + offset * day).toISOString().slice(0, 10);",
    "}",
    "pm.environment.set('checkIn', iso(30));",
    "pm.environment.set('checkOut', iso(32));",
)

# Razorpay's webhook signature: the hex HMAC-SHA256 of the raw body with the webhook secret.
SIGN_RAZORPAY = (
    "pm.environment.set('razorpayEventId', 'evt_' + Date.now());",
    "pm.environment.set('razorpayPaymentId', 'pay_' + Date.now());",
    "var raw = pm.variables.replaceIn(pm.request.body.raw);",
    "var secret = pm.environment.get('razorpayWebhookSecret');",
    "pm.environment.set('razorpaySignature',"
    " CryptoJS.HmacSHA256(raw, secret).toString(CryptoJS.enc.Hex));",
)

GUESTS = [
    {"room_id": Raw("{{room_id}}"), "name": "Alice", "age": 30},
    {"room_id": Raw("{{room_id}}"), "name": "Bob", "age": 32},
]

FLOW = Flow(
    system="dandeli",
    name="Dandeli Vintage Resorts",
    description=(
        "The resort booking API of Dandeli Vintage Resorts (resort-stays.md), served by "
        "Gatehouse under /compat/dandeli. `phone` is the guest's mobile (Indian numbers may "
        'omit +91); `smsOutbox` is an SMS inbox answering `GET /last?to=<phone>` with `{"code"}`; '
        "`razorpayWebhookSecret` is the server's RAZORPAY_WEBHOOK_SECRET (the callback is "
        "Razorpay's webhook, signed with it)."
    ),
    variables={"phone": "9999988888", "razorpayWebhookSecret": "set-me"},
    steps=(
        Step(
            name="Request OTP",
            method="POST",
            path="/api/auth/otp/request/",
            body={"phone_number": "{{phone}}"},
            expect=("message",),
            description="Sends an OTP to the phone number.",
        ),
        Step(
            name="Read the OTP from the SMS",
            method="GET",
            path="{{smsOutbox}}/last?to={{phone}}",
            save={"otp": "code"},
        ),
        Step(
            name="Verify OTP",
            method="POST",
            path="/api/auth/otp/verify/",
            body={"phone_number": "{{phone}}", "otp": "{{otp}}"},
            expect=("access", "refresh"),
            save={"access_token": "access", "refresh_token": "refresh"},
            description="Returns JWT access and refresh tokens; a new user is created.",
        ),
        Step(
            name="Update profile",
            method="POST",
            path="/api/auth/profile/update/",
            headers=BEARER,
            body={
                "name": "John Doe",
                "email": "john.doe@example.com",
                "date_of_birth": "1990-01-15",
                "gender": "Male",
            },
            expect=("message", "user.name"),
        ),
        Step(
            name="Search rooms",
            method="GET",
            path=(
                "/api/rooms/search/?location=Goa&check_in_date={{checkIn}}"
                "&check_out_date={{checkOut}}&guests=2"
            ),
            prerequest=STAY_DATES,
            expect=("0.resort_id", "0.available_rooms.0.id", "0.available_rooms.0.images"),
            save={"resort_id": "0.resort_id", "room_id": "0.available_rooms.0.id"},
            description="Resorts in Goa with the rooms free for every night of the stay.",
        ),
        Step(
            name="Select rooms",
            method="POST",
            path="/api/booking/select-rooms/",
            headers=BEARER,
            body={
                "resort_id": Raw("{{resort_id}}"),
                "room_ids": [Raw("{{room_id}}")],
                "check_in_date": "{{checkIn}}",
                "check_out_date": "{{checkOut}}",
                "guests": 2,
            },
            status=201,
            expect=("message", "booking_attempt_id"),
            save={"booking_attempt_id": "booking_attempt_id"},
            description="Creates a booking attempt: every night of the rooms is held.",
        ),
        Step(
            name="Add guests",
            method="POST",
            path="/api/booking/add-guests/",
            headers=BEARER,
            body={"booking_attempt_id": "{{booking_attempt_id}}", "guests": GUESTS},
            expect=("message",),
        ),
        Step(
            name="Initiate payment",
            method="POST",
            path="/api/booking/initiate-payment/",
            headers=BEARER,
            body={"booking_attempt_id": "{{booking_attempt_id}}"},
            expect=("payment_id", "razorpay_order_id", "razorpay_key", "amount"),
            save={"razorpay_order_id": "razorpay_order_id"},
            tests=("pm.environment.set('amount_paise', Math.round(body.amount * 100));",),
            description="Creates the Razorpay order the checkout opens.",
        ),
        Step(
            name="Payment callback (Razorpay webhook)",
            method="POST",
            path="/api/booking/payment-callback/",
            headers={
                "X-Razorpay-Signature": "{{razorpaySignature}}",
                "X-Razorpay-Event-Id": "{{razorpayEventId}}",
            },
            body={
                "entity": "event",
                "event": "payment.captured",
                "contains": ["payment"],
                "payload": {
                    "payment": {
                        "entity": {
                            "id": "{{razorpayPaymentId}}",
                            "entity": "payment",
                            "amount": Raw("{{amount_paise}}"),
                            "currency": "INR",
                            "status": "captured",
                            "order_id": "{{razorpay_order_id}}",
                            "captured": True,
                        }
                    }
                },
            },
            prerequest=SIGN_RAZORPAY,
            expect=("received",),
            description="Razorpay's payment.captured: the booking is confirmed.",
        ),
    ),
)
