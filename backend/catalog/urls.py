from django.urls import path

from backend.catalog.api import catalog

urlpatterns = [
    path(
        "catalog/vehicle-types/", catalog.VehicleTypeListApi.as_view(), name="catalog-vehicle-types"
    ),
    path(
        "catalog/vehicle-brands/",
        catalog.VehicleBrandListApi.as_view(),
        name="catalog-vehicle-brands",
    ),
    path(
        "catalog/vehicle-models/",
        catalog.VehicleModelListApi.as_view(),
        name="catalog-vehicle-models",
    ),
    path(
        "catalog/service-categories/",
        catalog.ServiceCategoryListApi.as_view(),
        name="catalog-service-categories",
    ),
    path("catalog/services/", catalog.ServiceListApi.as_view(), name="catalog-services"),
    path("catalog/pricing/", catalog.PricingApi.as_view(), name="catalog-pricing"),
]
