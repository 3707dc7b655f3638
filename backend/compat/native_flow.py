"""The native API's main journey (PROTOCOL.md) as a flow: a guest signs in by SMS code, finds
the demo festival, holds a ticket, books it, pays with the test provider (the embedded mode's:
its page's Pay button sends the signed webhook a real provider would), and reads the booking
and the ticket it issued. ``baseUrl`` is the site root; the demo data (``manage.py demo``)
holds the event.
"""

from __future__ import annotations

from backend.compat.flows import Flow, Raw, Step

AUTH = {"Authorization": "Bearer {{accessToken}}"}

FLOW = Flow(
    system="native",
    name="Gatehouse API: sign in, book and pay a festival ticket",
    description=(
        "The native API's main journey (PROTOCOL.md): OTP sign-in, events, availability, a "
        "hold, a booking, paying with the test provider, my bookings and my tickets. Set "
        '`smsOutbox` to an SMS inbox that answers `GET /last?to=<phone>` with `{"code"}`.'
    ),
    variables={"phone": "+966555000101", "event": "summer-fest", "holderName": "Sara Newman"},
    steps=(
        Step(
            name="Request a sign-in code",
            method="POST",
            path="/api/auth/otp/request/",
            body={"phone": "{{phone}}", "event": "{{event}}"},
            expect=("ok", "expires_in", "resend_in"),
            save={"requestId": "request_id"},
        ),
        Step(
            name="Read the code from the SMS",
            method="GET",
            path="{{smsOutbox}}/last?to={{phone}}",
            save={"otp": "code"},
        ),
        Step(
            name="Verify the code",
            method="POST",
            path="/api/auth/otp/verify/",
            body={"phone": "{{phone}}", "request_id": "{{requestId}}", "code": "{{otp}}"},
            save={"accessToken": "access", "refreshToken": "refresh"},
        ),
        Step(
            name="Refresh the tokens",
            method="POST",
            path="/api/auth/token/refresh/",
            body={"refresh": "{{refreshToken}}"},
            save={"accessToken": "access", "refreshToken": "refresh"},
        ),
        Step(
            name="Who am I",
            method="GET",
            path="/api/auth/me/",
            headers=AUTH,
            expect=("id", "phone", "roles"),
            tests=(
                "pm.test('signed in as the phone', function () {",
                "  pm.expect(body.phone).to.eql(pm.environment.get('phone'));",
                "});",
            ),
        ),
        Step(
            name="List the events",
            method="GET",
            path="/api/events/",
            expect=("events.0.slug",),
            tests=(
                "pm.test('the event is listed', function () {",
                "  var slugs = body.events.map(function (e) { return e.slug; });",
                "  pm.expect(slugs).to.include(pm.environment.get('event'));",
                "});",
            ),
        ),
        Step(
            name="Read the event",
            method="GET",
            path="/api/events/{{event}}/",
            expect=("slug", "resources"),
        ),
        Step(
            name="Availability",
            method="GET",
            path="/api/events/{{event}}/availability/",
            expect=("seq", "slots.0.id", "slots.0.available"),
            tests=(
                "pm.test('a slot is open', function () {",
                "  var open = body.slots.filter(function (s) { return s.available > 0; });",
                "  pm.expect(open.length).to.be.above(0);",
                "  pm.environment.set('slotId', open[0].id);",
                "});",
            ),
        ),
        Step(
            name="Hold a ticket",
            method="POST",
            path="/api/holds/",
            headers=AUTH,
            body={"event": "{{event}}", "items": [{"slot": Raw("{{slotId}}"), "quantity": 1}]},
            status=201,
            expect=("expires_at", "server_time", "items"),
            save={"holdId": "id"},
            tests=(
                "pm.test('the hold is active', function () {",
                "  pm.expect(body.status).to.eql('active');",
                "});",
            ),
        ),
        Step(
            name="Read the hold",
            method="GET",
            path="/api/holds/{{holdId}}/",
            headers=AUTH,
            expect=("status", "expires_at"),
        ),
        Step(
            name="Book the hold",
            method="POST",
            path="/api/bookings/",
            headers=AUTH,
            body={"hold": "{{holdId}}", "details": {"holders": ["{{holderName}}"]}},
            status=201,
            expect=("amount", "currency"),
            save={"bookingId": "id"},
            tests=(
                "pm.test('the booking waits for payment', function () {",
                "  pm.expect(body.status).to.eql('pending_payment');",
                "});",
            ),
        ),
        Step(
            name="Pay with the test provider",
            method="POST",
            path="/api/bookings/{{bookingId}}/pay/",
            headers=AUTH,
            body={"provider": "test"},
            expect=("payment", "amount", "currency"),
            save={"payUrl": "client.url"},
        ),
        Step(
            name="Open the test provider's page",
            method="GET",
            path="{{baseUrl}}{{payUrl}}",
            description="The page a guest would see; its form needs the CSRF cookie it sets.",
            tests=(
                "pm.test('the page sets the CSRF cookie', function () {",
                "  pm.expect(pm.cookies.has('csrftoken')).to.be.true;",
                "  pm.environment.set('csrfToken', pm.cookies.get('csrftoken'));",
                "});",
            ),
        ),
        Step(
            name="Press Pay",
            method="POST",
            path="{{baseUrl}}{{payUrl}}",
            headers={"X-CSRFToken": "{{csrfToken}}"},
            form={"outcome": "pay"},
            description="Sends the signed payment.succeeded webhook the test provider makes.",
        ),
        Step(
            name="The booking is confirmed",
            method="GET",
            path="/api/bookings/{{bookingId}}/",
            headers=AUTH,
            expect=("status", "payment_status"),
            tests=(
                "pm.test('confirmed and paid', function () {",
                "  pm.expect(body.status).to.eql('confirmed');",
                "  pm.expect(body.payment_status).to.eql('paid');",
                "});",
            ),
        ),
        Step(
            name="How paying went",
            method="GET",
            path="/api/bookings/{{bookingId}}/payment/",
            headers=AUTH,
            tests=(
                "pm.test('the payment succeeded', function () {",
                "  pm.expect(body.status).to.eql('succeeded');",
                "});",
            ),
        ),
        Step(
            name="My bookings",
            method="GET",
            path="/api/bookings/",
            headers=AUTH,
            expect=("results.0.id",),
            tests=(
                "pm.test('the booking is mine', function () {",
                "  var ids = body.results.map(function (b) { return b.id; });",
                "  pm.expect(ids).to.include(pm.environment.get('bookingId'));",
                "});",
            ),
        ),
        Step(
            name="My tickets",
            method="GET",
            path="/api/tickets/",
            headers=AUTH,
            expect=("results.0.qr_payload",),
            save={"ticketId": "results.0.id"},
        ),
        Step(
            name="A ticket",
            method="GET",
            path="/api/tickets/{{ticketId}}/",
            headers=AUTH,
            expect=("id", "qr_payload"),
        ),
        Step(
            name="The ticket's QR code",
            method="GET",
            path="/api/tickets/{{ticketId}}/qr.svg",
            headers=AUTH,
            tests=(
                "pm.test('an SVG', function () {",
                "  pm.expect(pm.response.headers.get('Content-Type')).to.include('svg');",
                "});",
            ),
        ),
    ),
)
