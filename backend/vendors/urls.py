from django.urls import URLPattern, URLResolver, path

from backend.vendors.api import booths, vendors

urlpatterns: list[URLPattern | URLResolver] = [
    path("events/<slug:slug>/vendors/", vendors.EventVendorsApi.as_view(), name="event-vendors"),
    path("vendor/profile/", vendors.VendorProfileApi.as_view(), name="vendor-profile"),
    path("vendor/dashboard/", vendors.VendorDashboardApi.as_view(), name="vendor-dashboard"),
    path("vendor/setup-qr/", vendors.VendorSetupCodeApi.as_view(), name="vendor-setup-qr"),
    path("staff/vendors/", vendors.StaffVendorListApi.as_view(), name="staff-vendors"),
    path(
        "staff/vendors/<id:vendor_id>/approve/",
        vendors.StaffVendorApproveApi.as_view(),
        name="staff-vendor-approve",
    ),
    path(
        "staff/vendors/<id:vendor_id>/reject/",
        vendors.StaffVendorRejectApi.as_view(),
        name="staff-vendor-reject",
    ),
    path(
        "staff/vendors/<id:vendor_id>/revoke/",
        vendors.StaffVendorRevokeApi.as_view(),
        name="staff-vendor-revoke",
    ),
    path("staff/booths/", booths.StaffBoothListApi.as_view(), name="staff-booths"),
    path(
        "staff/booths/<id:booth_id>/assign/",
        booths.StaffBoothAssignApi.as_view(),
        name="staff-booth-assign",
    ),
    path(
        "staff/booths/<id:booth_id>/unassign/",
        booths.StaffBoothUnassignApi.as_view(),
        name="staff-booth-unassign",
    ),
]
