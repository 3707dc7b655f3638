"""Lodore Villa's Postman flow (reference/vip-villa.md, "Test Flow (in order)"): request a
code for a VIP phone, read it from the SMS, verify it, who am I, refresh, then Calendly's
webhook signed with its HMAC. The phone is one of the demo's invited VIPs of ``vip-evening``
(``manage.py demo``; ``CALENDLY_EVENT``), in the local form the README uses.
"""

from __future__ import annotations

from backend.compat.flows import Flow, Step

# Calendly's signature of the raw body: t=<unix>,v1=<hex HMAC-SHA256(key, "t.body")>.
SIGN_CALENDLY = (
    "var t = Math.floor(Date.now() / 1000);",
    "var raw = pm.variables.replaceIn(pm.request.body.raw);",
    "var key = pm.environment.get('calendlySigningKey');",
    "var digest = CryptoJS.HmacSHA256(t + '.' + raw, key).toString(CryptoJS.enc.Hex);",
    "pm.environment.set('calendlySignature', 't=' + t + ',v1=' + digest);",
)

FLOW = Flow(
    system="lodore-villa",
    name="Lodore Villa",
    description=(
        "The VIP phone verification and Calendly booking API of Lodore Villa, served by "
        "Gatehouse under /compat/lodore-villa. Set `phone` to an invited VIP (the demo's "
        "`vip-evening` invites 0500000001 to 0500000004) and `smsOutbox` to an SMS inbox "
        'answering `GET /last?to=<phone>` with `{"code"}`; `calendlySigningKey` is the '
        "server's CALENDLY_WEBHOOK_SIGNING_KEY."
    ),
    variables={"phone": "0500000001", "calendlySigningKey": "set-me"},
    steps=(
        Step(
            name="Request OTP",
            method="POST",
            path="/api/auth/request-otp",
            body={"phone": "{{phone}}"},
            expect=("ok", "requestId"),
            save={"requestId": "requestId"},
            description="A VIP who has not booked gets a code; requestId is saved.",
        ),
        Step(
            name="Read the code from the SMS",
            method="GET",
            path="{{smsOutbox}}/last?to={{phone}}",
            save={"otp_code": "code"},
        ),
        Step(
            name="Verify OTP",
            method="POST",
            path="/api/auth/verify-otp",
            body={"phone": "{{phone}}", "requestId": "{{requestId}}", "code": "{{otp_code}}"},
            expect=("ok", "access", "refresh"),
            save={"access_token": "access", "refresh_token": "refresh"},
        ),
        Step(
            name="Me (Protected)",
            method="GET",
            path="/api/auth/me",
            headers={"Authorization": "Bearer {{access_token}}"},
            expect=("ok", "phone"),
            tests=(
                "pm.test('the phone in its local form', function () {",
                "  pm.expect(body.phone).to.eql(pm.environment.get('phone'));",
                "});",
            ),
        ),
        Step(
            name="Refresh Token",
            method="POST",
            path="/api/auth/token/refresh",
            body={"refresh": "{{refresh_token}}"},
            expect=("ok", "access", "refresh"),
            save={"access_token": "access", "refresh_token": "refresh"},
        ),
        Step(
            name="Calendly Webhook",
            method="POST",
            path="/api/calendly/webhook",
            headers={"Calendly-Webhook-Signature": "{{calendlySignature}}"},
            body={
                "event": "invitee.created",
                "payload": {
                    "uri": "https://api.calendly.com/scheduled_events/POSTMAN/invitees/1",
                    "name": "VIP Guest",
                    "email": "vip@example.com",
                    "questions_and_answers": [],
                },
            },
            expect=("received",),
            prerequest=SIGN_CALENDLY,
            description=(
                "A booking as Calendly signs it. Only a booking made through the VIP's own "
                "Gatehouse scheduling link marks the invitation booked (docs/compat.md)."
            ),
        ),
    ),
)
