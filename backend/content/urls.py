from django.urls import path

from backend.content.api import public, staff

urlpatterns = [
    path("events/<slug:slug>/content/", public.EventContentApi.as_view(), name="event-content"),
    path("events/<slug:slug>/sponsors/", public.SponsorListApi.as_view(), name="event-sponsors"),
    path("events/<slug:slug>/schedule/", public.ScheduleApi.as_view(), name="event-schedule"),
    path("events/<slug:slug>/contact/", public.ContactApi.as_view(), name="event-contact"),
    path("staff/content/", staff.StaffContentApi.as_view(), name="staff-content"),
    path("staff/content/images/", staff.StaffImageListApi.as_view(), name="staff-content-images"),
    path(
        "staff/content/images/<id:image_id>/",
        staff.StaffImageApi.as_view(),
        name="staff-content-image",
    ),
    path("staff/content/map/", staff.StaffMapApi.as_view(), name="staff-content-map"),
    path("staff/stages/", staff.StaffStageListApi.as_view(), name="staff-stages"),
    path("staff/stages/<id:stage_id>/", staff.StaffStageApi.as_view(), name="staff-stage"),
    path("staff/sponsors/", staff.StaffSponsorListApi.as_view(), name="staff-sponsors"),
    path("staff/sponsors/<id:sponsor_id>/", staff.StaffSponsorApi.as_view(), name="staff-sponsor"),
    path("staff/schedule/", staff.StaffScheduleListApi.as_view(), name="staff-schedule"),
    path(
        "staff/schedule/<id:performance_id>/",
        staff.StaffPerformanceApi.as_view(),
        name="staff-performance",
    ),
    path(
        "staff/schedule/<id:performance_id>/delay/",
        staff.StaffPerformanceDelayApi.as_view(),
        name="staff-performance-delay",
    ),
    path("staff/messages/", staff.StaffMessageListApi.as_view(), name="staff-messages"),
    path(
        "staff/messages/<id:message_id>/handled/",
        staff.StaffMessageHandledApi.as_view(),
        name="staff-message-handled",
    ),
]
