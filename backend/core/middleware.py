"""Django's middleware, run without needless thread hops under ASGI.

Under ASGI, Django's ``MiddlewareMixin`` runs every ``process_request`` and
``process_response`` through ``sync_to_async``: a hop to a worker thread and back, twice per
middleware per request, in case the hook blocks. WhiteNoise's middleware is sync-only and
moves the whole rest of the chain to a thread. Measured on this project's two cores: a
trivial view answered ~400 requests/s with the stock chain and ~5,700 without Django at all.

None of the hooks below block: they read cookies and headers and set attributes (the
session and the user are lazy). So they run inline on the event loop. The one exception is
saving a modified session, which still goes to a thread. Static files are served by
WhiteNoise only for paths it knows; every other request passes straight through.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessages
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessions
from django.http import HttpRequest, HttpResponseBase
from django.middleware.clickjacking import XFrameOptionsMiddleware as DjangoXFrameOptions
from django.middleware.common import CommonMiddleware as DjangoCommon
from django.middleware.csrf import CsrfViewMiddleware as DjangoCsrf
from django.middleware.locale import LocaleMiddleware as DjangoLocale
from django.middleware.security import SecurityMiddleware as DjangoSecurity
from django.utils import translation
from django.utils.decorators import sync_and_async_middleware
from django.utils.deprecation import MiddlewareMixin

from backend.core.spa import StaticFiles

# In async mode Django hands each middleware a coroutine function.
_AsyncGetResponse = Callable[[HttpRequest], Awaitable[HttpResponseBase]]


class InlineHooks(MiddlewareMixin):  # first in the MRO of each class below, as before
    """Run ``process_request`` / ``process_response`` inline in async mode."""

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        response = None
        if hasattr(self, "process_request"):
            response = self.process_request(request)
        response = response or await cast(_AsyncGetResponse, self.get_response)(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response


class SecurityMiddleware(InlineHooks, DjangoSecurity):
    pass


class CommonMiddleware(InlineHooks, DjangoCommon):
    pass


class CsrfViewMiddleware(InlineHooks, DjangoCsrf):
    async def process_view(  # type: ignore[override]  # a coroutine on purpose
        self, request: HttpRequest, *args: Any
    ) -> HttpResponseBase | None:
        # A coroutine here keeps the handler from wrapping the check in sync_to_async.
        return DjangoCsrf.process_view(self, request, *args)


class AuthenticationMiddleware(InlineHooks, DjangoAuthentication):
    pass


class LocaleMiddleware(InlineHooks, DjangoLocale):
    """The request's language from its Accept-Language (the web app sends its own): API
    answers give translated content fields (names, cities, addresses) in it. The language
    is let go once the response is made, so nothing after it (the next test, a signal
    handler on the same thread) reads or writes content in a language it did not ask for."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        try:
            return super().process_response(request, response)
        finally:
            translation.deactivate()


class MessageMiddleware(InlineHooks, DjangoMessages):
    pass


class XFrameOptionsMiddleware(InlineHooks, DjangoXFrameOptions):
    pass


class SessionMiddleware(InlineHooks, DjangoSessions):
    """Inline unless the session must be saved (a database or cache write)."""

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        self.process_request(request)
        response = await cast(_AsyncGetResponse, self.get_response)(request)
        session = request.session
        if session.modified or settings.SESSION_SAVE_EVERY_REQUEST:
            return await sync_to_async(self.process_response, thread_sensitive=True)(
                request,
                response,  # type: ignore[arg-type]  # django-stubs: only HttpResponse; any will do
            )
        return self.process_response(request, response)  # type: ignore[arg-type]  # (the same)


@sync_and_async_middleware
def static_files_middleware(get_response: Any) -> Any:
    """WhiteNoise for the static files it knows; nothing at all for other paths."""
    whitenoise = StaticFiles(get_response)

    def find(request: HttpRequest) -> Any:
        if whitenoise.autorefresh:  # DEBUG: files may appear while the server runs
            return whitenoise.find_file(request.path_info)
        return whitenoise.files.get(request.path_info)

    if not iscoroutinefunction(get_response):
        return whitenoise

    async def middleware(request: HttpRequest) -> HttpResponseBase:
        static_file = find(request)
        if static_file is not None:
            return await sync_to_async(whitenoise.serve)(static_file, request)
        return await get_response(request)

    return middleware
