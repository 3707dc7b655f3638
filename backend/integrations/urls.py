from django.urls import path

from backend.integrations.calendly import api as calendly

urlpatterns = [
    path("integrations/calendly/link/", calendly.CalendlyLinkApi.as_view(), name="calendly-link"),
]
