from django.urls import path

from backend.core.api import HealthApi

urlpatterns = [
    path("health/", HealthApi.as_view(), name="health"),
]
