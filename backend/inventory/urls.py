from django.urls import path

from backend.inventory.api import events, holds, seats, stays, venues, waiting_room

urlpatterns = [
    path("events/", events.EventListApi.as_view(), name="events"),
    path("events/<slug:slug>/", events.EventDetailApi.as_view(), name="event"),
    path(
        "events/<slug:slug>/availability/",
        events.AvailabilityApi.as_view(),
        name="event-availability",
    ),
    path(
        "events/<slug:slug>/best-available/",
        seats.BestAvailableApi.as_view(),
        name="event-best-available",
    ),
    path("events/<slug:slug>/queue/", waiting_room.QueueJoinApi.as_view(), name="event-queue"),
    path(
        "events/<slug:slug>/queue/<slug:token>/",
        waiting_room.QueueEntryApi.as_view(),
        name="event-queue-entry",
    ),
    path(
        "staff/events/<slug:slug>/waiting-room/",
        waiting_room.StaffWaitingRoomApi.as_view(),
        name="staff-waiting-room",
    ),
    path("holds/", holds.HoldCreateApi.as_view(), name="holds"),
    path("holds/<uuid:hold_id>/", holds.HoldDetailApi.as_view(), name="hold"),
    path("holds/<uuid:hold_id>/extend/", holds.HoldExtendApi.as_view(), name="hold-extend"),
    path("search/stays/", stays.StaySearchApi.as_view(), name="stay-search"),
    path(
        "search/stays/suggestions/",
        stays.StaySuggestionsApi.as_view(),
        name="stay-suggestions",
    ),
    path("venues/<int:venue_id>/", venues.VenueDetailApi.as_view(), name="venue"),
]
