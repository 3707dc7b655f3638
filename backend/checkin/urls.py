from django.urls import path

from backend.checkin import api
from backend.checkin.reports import api as reports

urlpatterns = [
    path("events/<slug:slug>/gates/", api.EventGatesApi.as_view(), name="event-gates"),
    path("scan/validate/", api.ScanValidateApi.as_view(), name="scan-validate"),
    path("scan/commit/", api.ScanCommitApi.as_view(), name="scan-commit"),
    path("scan/logs/", api.ScanLogApi.as_view(), name="scan-logs"),
    path("scan/stats/", api.ScanStatsApi.as_view(), name="scan-stats"),
    path(
        "scan/gates/<id:gate_id>/offline-bundle/",
        api.OfflineBundleApi.as_view(),
        name="scan-offline-bundle",
    ),
    path("scan/sync/", api.SyncApi.as_view(), name="scan-sync"),
    path("staff/dashboard/", reports.StaffDashboardApi.as_view(), name="staff-dashboard"),
    path(
        "staff/bookings/export.csv",
        reports.StaffBookingsExportApi.as_view(),
        name="staff-bookings-export",
    ),
    path("staff/devices/<id:device_id>/gates/", api.DeviceGatesApi.as_view(), name="device-gates"),
]
