from django.urls import path

from backend.notifications import api

urlpatterns = [
    path("tickets/resend/", api.ResendApi.as_view(), name="tickets-resend"),
]
