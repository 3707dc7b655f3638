from django.urls import path

from backend.bookings.api import bookings, calendar, policy, staff, waitlist

urlpatterns = [
    path(
        "events/<slug:slug>/booking-policy/",
        policy.EventPolicyApi.as_view(),
        name="event-booking-policy",
    ),
    path("bookings/", bookings.BookingListCreateApi.as_view(), name="bookings"),
    path("bookings/lookup/", bookings.BookingLookupApi.as_view(), name="booking-lookup"),
    path("bookings/<uuid:booking_id>/", bookings.BookingDetailApi.as_view(), name="booking"),
    path(
        "bookings/<uuid:booking_id>/calendar.ics",
        calendar.BookingCalendarApi.as_view(),
        name="booking-calendar",
    ),
    # bookings/<id>/cancel/, changes/ and reschedule/: the tickets app (they need check-in).
    path("staff/bookings/", staff.StaffBookingListApi.as_view(), name="staff-bookings"),
    path(
        "staff/bookings/<uuid:booking_id>/",
        staff.StaffBookingDetailApi.as_view(),
        name="staff-booking",
    ),
    path(
        "staff/bookings/<uuid:booking_id>/status/",
        staff.StaffBookingStatusApi.as_view(),
        name="staff-booking-status",
    ),
    path(
        "staff/bookings/<uuid:booking_id>/no-show/",
        staff.StaffNoShowApi.as_view(),
        name="staff-booking-no-show",
    ),
    path(
        "staff/bookings/<uuid:booking_id>/services/",
        staff.StaffAddServiceApi.as_view(),
        name="staff-booking-add-service",
    ),
    path("staff/stats/", staff.StaffStatsApi.as_view(), name="staff-stats"),
    path("events/<slug:slug>/waitlist/", waitlist.WaitlistJoinApi.as_view(), name="waitlist-join"),
    path("waitlist/", waitlist.WaitlistMineApi.as_view(), name="waitlist"),
    path("waitlist/<id:entry_id>/", waitlist.WaitlistDetailApi.as_view(), name="waitlist-entry"),
    path("staff/waitlist/", waitlist.StaffWaitlistApi.as_view(), name="staff-waitlist"),
]
