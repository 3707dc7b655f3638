from tests.support.bookings import guest, guest_api, shop  # noqa: F401
