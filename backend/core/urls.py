from django.urls import path

from backend.core.api import HealthApi, LiveApi, ReadyApi

urlpatterns = [
    path("health/", HealthApi.as_view(), name="health"),
    path("health/live/", LiveApi.as_view(), name="health-live"),
    path("health/ready/", ReadyApi.as_view(), name="health-ready"),
]
