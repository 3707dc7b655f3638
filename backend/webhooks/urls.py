from django.urls import path

from backend.webhooks import api
from backend.webhooks.receivers import EXPECTED

app_name = "webhooks"

# One path per expected sender (the OpenAPI schema names each); a sender that is expected
# but not registered, or not taking deliveries now, is answered 404 by the view.
urlpatterns = [
    path(f"webhooks/{sender}/", api.WebhookApi.as_view(sender=sender), name=sender)
    for sender in EXPECTED
]
