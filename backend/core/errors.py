"""The one error shape of the API, and the exceptions services raise to produce it.

Every 4xx/5xx body is ``{"ok": false, "error": {"code", "message", "fields"?, ...}}``.
Extra facts a client acts on (``retry_after``, ``attempts_remaining``, the slots a hold was
short of) travel inside ``error`` and are repeated at the top level for convenience.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.response import Response

logger = logging.getLogger(__name__)


class ApplicationError(Exception):
    """Base for every error a service raises on purpose; the API renders it as is."""

    status: int = 400
    code: str = "bad_request"
    message: str = "The request could not be processed."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        fields: dict[str, Any] | None = None,
        **extra: Any,
    ) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.status = status or self.status
        self.fields = fields
        self.extra = extra
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, fields=self.fields, **self.extra)


class BadRequest(ApplicationError):
    status, code, message = 400, "bad_request", "The request is malformed."


class ValidationError(ApplicationError):
    status, code, message = 400, "validation_error", "Some fields are not valid."


class NotAuthenticated(ApplicationError):
    status, code, message = 401, "not_authenticated", "Sign in to do this."


class Forbidden(ApplicationError):
    status, code, message = 403, "forbidden", "You may not do this."


class NotFound(ApplicationError):
    status, code, message = 404, "not_found", "Not found."


class Conflict(ApplicationError):
    status, code, message = 409, "conflict", "This conflicts with the current state."


class RateLimited(ApplicationError):
    status, code, message = 429, "rate_limited", "Too many requests; try again later."

    def __init__(self, retry_after: float, message: str | None = None, **extra: Any) -> None:
        super().__init__(message, retry_after=max(1, math.ceil(retry_after)), **extra)


class ServiceUnavailable(ApplicationError):
    status, code, message = 503, "service_unavailable", "A service we depend on is unavailable."


class DatabaseUnavailable(ServiceUnavailable):
    """PostgreSQL did not answer in time: restarting, unreachable, or a lock or statement
    over its bound (DATABASE_LOCK_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS). The
    transaction was rolled back whole, so the request may simply be sent again."""

    message = "The database is unavailable for a moment; nothing was changed. Try again."

    def __init__(self, message: str | None = None, retry_after: int = 1) -> None:
        super().__init__(message, retry_after=retry_after)


def is_database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` is PostgreSQL being away or too slow rather than a bug: a lost or
    refused connection, an administrator's shutdown, a lock or statement timeout, a
    serialization failure (psycopg's OperationalError; Django's wrapper of it; a connection
    already closed). Integrity and programming errors stay bugs."""
    from django.db import utils as django_db

    try:
        import psycopg
    except ImportError:  # pragma: no cover - the embedded mode may lack it
        psycopg_errors: tuple[type[BaseException], ...] = ()
    else:
        psycopg_errors = (psycopg.OperationalError, psycopg.InterfaceError)
    return isinstance(
        exc, (django_db.OperationalError, django_db.InterfaceError, *psycopg_errors)
    ) and not _is_sqlite(exc)


def _is_sqlite(exc: BaseException) -> bool:
    """SQLite's "database is locked" is an OperationalError too, and so is a bad query on it;
    the embedded mode keeps answering those as it did."""
    cause = exc.__cause__ or exc
    return type(cause).__module__.startswith("sqlite3")


def error_body(
    code: str, message: str, *, fields: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    error.update(extra)
    return {"ok": False, "error": error, **extra}


def error_response(exc: ApplicationError) -> Response:
    response = Response(exc.body(), status=exc.status)
    if "retry_after" in exc.extra:
        response["Retry-After"] = str(exc.extra["retry_after"])
    return response


def _flatten_drf_detail(detail: Any) -> Any:
    """DRF's ErrorDetail trees become plain strings and lists."""
    if isinstance(detail, dict):
        return {key: _flatten_drf_detail(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten_drf_detail(item) for item in detail]
    return str(detail)


def _from_drf(exc: drf.APIException) -> ApplicationError:
    if isinstance(exc, drf.ValidationError):
        detail = _flatten_drf_detail(exc.detail)
        if isinstance(detail, dict):
            non_field = detail.pop("non_field_errors", None)
            message = "; ".join(non_field) if non_field else "Some fields are not valid."
            return ValidationError(message, fields=detail or None)
        if isinstance(detail, list):
            return ValidationError("; ".join(map(str, detail)))
        return ValidationError(str(detail))
    if isinstance(exc, drf.NotAuthenticated | drf.AuthenticationFailed):
        # simplejwt's InvalidToken carries a dict (detail, code, messages): say its detail.
        detail = (
            exc.detail.get("detail", exc.detail) if isinstance(exc.detail, dict) else exc.detail
        )
        return NotAuthenticated(str(detail), status=401)
    if isinstance(exc, drf.PermissionDenied):
        return Forbidden(str(exc.detail))
    if isinstance(exc, drf.NotFound):
        return NotFound(str(exc.detail))
    if isinstance(exc, drf.MethodNotAllowed):
        return ApplicationError(str(exc.detail), code="method_not_allowed", status=405)
    if isinstance(exc, drf.NotAcceptable):
        return ApplicationError(str(exc.detail), code="not_acceptable", status=406)
    if isinstance(exc, drf.UnsupportedMediaType):
        return ApplicationError(str(exc.detail), code="unsupported_media_type", status=415)
    if isinstance(exc, drf.Throttled):
        return RateLimited(exc.wait or 1)  # type: ignore[attr-defined]  # set in __init__
    if isinstance(exc, drf.ParseError):
        return BadRequest(f"Malformed request body: {exc.detail}")
    return ApplicationError(str(exc.detail), code=str(exc.default_code), status=exc.status_code)


def as_application_error(exc: Exception) -> ApplicationError | None:
    """The ApplicationError an exception stands for, or None if it is a bug."""
    if isinstance(exc, ApplicationError):
        return exc
    if isinstance(exc, RequestDataTooBig):
        return ApplicationError("The request body is too large.", code="too_large", status=413)
    if isinstance(exc, Http404):
        return NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return Forbidden()
    if isinstance(exc, drf.APIException):
        return _from_drf(exc)
    if is_database_unavailable(exc):
        logger.warning("Database unavailable: %s: %s", type(exc).__name__, exc)
        return DatabaseUnavailable()
    return None


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's EXCEPTION_HANDLER: every error, expected or not, in the one shape."""
    app_error = as_application_error(exc)
    if isinstance(app_error, DatabaseUnavailable):
        from backend.core.db_recovery import check_pools_soon

        check_pools_soon()
    if app_error is None:
        view = context.get("view")
        logger.exception("Unhandled error in %s", type(view).__name__ if view else "API view")
        app_error = ApplicationError(
            "Something went wrong on our side.", code="server_error", status=500
        )
    response = error_response(app_error)
    auth_header = getattr(exc, "auth_header", None)
    if app_error.status == 401 and auth_header:
        response["WWW-Authenticate"] = auth_header
    return response


def json_error(request: HttpRequest, exc: ApplicationError) -> JsonResponse:
    response = JsonResponse(exc.body(), status=exc.status)
    if "retry_after" in exc.extra:
        response["Retry-After"] = str(exc.extra["retry_after"])
    return response
