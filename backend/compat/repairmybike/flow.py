"""RepairMyBike's Postman flow (reference/repair-shop.md): the customer's way through the
shop's API, as its app walks it (vehicle, services, prices for the vehicle, the shop, an
appointment paid in cash, history by phone), then the phone sign-in and session endpoints.
The shop is the demo's ``repair-shop`` (``manage.py demo``; ``REPAIRMYBIKE_EVENT``). The staff
API needs a staff API key (made in the admin, shown once), so it is not part of the flow:
tests/compat/test_repairmybike.py exercises it.
"""

from __future__ import annotations

from backend.compat.flows import Flow, Raw, Step

# Tomorrow at the shop (India, UTC+05:30), or Monday when tomorrow is its closed Sunday.
APPOINTMENT_DAY = (
    "var day = new Date(Date.now() + (5.5 + 24) * 3600 * 1000);",
    "if (day.getUTCDay() === 0) { day = new Date(day.getTime() + 24 * 3600 * 1000); }",
    "pm.environment.set('appointmentDate', day.toISOString().slice(0, 10));",
)
AUTH = {"Authorization": "Bearer {{sessionToken}}"}

FLOW = Flow(
    system="repairmybike",
    name="RepairMyBike",
    description=(
        "The vehicle repair service API of RepairMyBike, served by Gatehouse under "
        "/compat/repairmybike. `phone` is the customer's mobile (Indian numbers may omit "
        '+91); `smsOutbox` is an SMS inbox answering `GET /last?to=<phone>` with `{"code"}`.'
    ),
    variables={"phone": "9876543210"},
    steps=(
        Step(
            name="Get Vehicle Types",
            method="GET",
            path="/api/vehicle-types/",
            expect=("0.id", "0.name"),
            save={"vehicleTypeId": "0.id"},
        ),
        Step(
            name="Get Vehicle Brands",
            method="GET",
            path="/api/vehicle-brands/?vehicle_type={{vehicleTypeId}}",
            expect=("0.id", "0.name"),
            save={"vehicleBrandId": "0.id"},
        ),
        Step(
            name="Get Vehicle Models",
            method="GET",
            path="/api/vehicle-models/?vehicle_brand={{vehicleBrandId}}",
            expect=("0.id", "0.name"),
            save={"vehicleModelId": "0.id"},
        ),
        Step(
            name="Get Service Categories",
            method="GET",
            path="/api/service-categories/",
            expect=("0.id",),
            save={"categoryId": "0.id"},
        ),
        Step(
            name="Get Services",
            method="GET",
            path="/api/services/?category_id={{categoryId}}",
            expect=("0.id", "0.base_price"),
        ),
        Step(
            name="Get Service Pricing by Vehicle",
            method="GET",
            path="/api/service-pricing/by-vehicle/?vehicle_model_id={{vehicleModelId}}",
            expect=("vehicle_model.id", "services.0.service_id", "services.0.price"),
            save={"serviceId": "services.0.service_id"},
        ),
        Step(
            name="Get Shop Information",
            method="GET",
            path="/api/shop-info/",
            expect=("name", "address", "timings"),
        ),
        Step(
            name="Create Booking",
            method="POST",
            path="/api/bookings/",
            body={
                "customer_name": "John Doe",
                "customer_phone": "{{phone}}",
                "customer_email": "john@example.com",
                "vehicle_model_id": Raw("{{vehicleModelId}}"),
                "service_ids": [Raw("{{serviceId}}")],
                "service_location": "home",
                "address": "123 Main St",
                "appointment_date": "{{appointmentDate}}",
                "appointment_time": "10:00:00",
                "payment_method": "cash",
                "notes": "Optional notes",
            },
            status=201,
            expect=("id", "status", "total_amount", "payment_status"),
            save={"bookingId": "id"},
            prerequest=APPOINTMENT_DAY,
            tests=(
                "pm.test('paid in cash at the shop', function () {",
                "  pm.expect(body.payment_method).to.eql('cash');",
                "  pm.expect(body.status).to.eql('confirmed');",
                "});",
            ),
        ),
        Step(
            name="Get Booking History",
            method="GET",
            path="/api/bookings/?phone={{phone}}",
            expect=("0.id",),
            tests=(
                "pm.test('the booking is in the history', function () {",
                "  var ids = body.map(function (b) { return b.id; });",
                "  pm.expect(ids).to.include(pm.environment.get('bookingId'));",
                "});",
            ),
        ),
        Step(
            name="Get Booking Details",
            method="GET",
            path="/api/bookings/{{bookingId}}/",
            expect=("id", "services", "appointment_date"),
        ),
        Step(
            name="Request OTP",
            method="POST",
            path="/api/auth/phone/request-otp/",
            body={"phone_number": "{{phone}}"},
            expect=("success",),
        ),
        Step(
            name="Read the code from the SMS",
            method="GET",
            path="{{smsOutbox}}/last?to={{phone}}",
            save={"otpCode": "code"},
        ),
        Step(
            name="Verify OTP and Login",
            method="POST",
            path="/api/auth/phone/verify-otp/",
            body={"phone_number": "{{phone}}", "otp_code": "{{otpCode}}"},
            expect=("session_token", "refresh_token", "user.phone_number"),
            save={"sessionToken": "session_token"},
        ),
        Step(
            name="Get Profile",
            method="GET",
            path="/api/auth/profile/",
            headers=AUTH,
            expect=("id", "phone_number", "is_verified"),
        ),
        Step(
            name="Update Profile",
            method="PATCH",
            path="/api/auth/profile/",
            headers=AUTH,
            body={"first_name": "John", "last_name": "Doe"},
            expect=("first_name",),
        ),
        Step(
            name="Phone Verification Status",
            method="GET",
            path="/api/auth/phone/verification-status/",
            headers=AUTH,
            expect=("phone_number", "is_verified"),
        ),
        Step(
            name="Get Sessions",
            method="GET",
            path="/api/auth/sessions/",
            headers=AUTH,
            expect=("0.id",),
        ),
        Step(
            name="Logout",
            method="POST",
            path="/api/auth/logout/",
            headers=AUTH,
            body={},
            expect=("success",),
        ),
    ),
)
