"""Gatehouse settings: one module, two modes, driven by environment variables.

With no variable set this is the *embedded default*: SQLite under ``var/``, the in-process
channel layer, local-memory cache, Celery tasks run in process, console SMS and e-mail,
DEBUG on, the test payment provider and a generated secret key kept in ``var/``.
``DATABASE_URL``, ``REDIS_URL`` and ``CELERY_BROKER_URL`` switch the matching parts to the
*full stack*, and any of them makes this a deployment: production (DEBUG off, no test
provider) unless asked otherwise.  Every variable is documented in ``.env.example`` and the
README's configuration table.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from corsheaders.defaults import default_headers as cors_default_headers
from django.core.exceptions import ImproperlyConfigured

from backend.accounts.services.oidc_config import parse_providers
from backend.core.logs import FORMATS, logging_config
from backend.core.proxies import parse_networks
from backend.core.sentry import init as init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
_env_file = BASE_DIR / ".env"
if _env_file.is_file():
    env.read_env(str(_env_file), overwrite=False)


def _path(name: str, default: Path) -> Path:
    """A path variable; empty means the default, relative means relative to the checkout."""
    value = env.str(name, default="").strip()
    return (BASE_DIR / value).resolve() if value else default


def _list(name: str, default: list[str]) -> list[str]:
    value = env.str(name, default="")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


VAR_DIR = _path("GATEHOUSE_VAR_DIR", BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

# The embedded mode is the one with none of the service variables set (GATEHOUSE_MODE below).
# Only there is DEBUG on by default: anything else is a deployment, which gets production
# unless it asks for DEBUG explicitly (DJANGO_DEBUG=1).
_embedded = not any(
    env.str(name, default="") for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")
)
DEBUG = env.bool("DJANGO_DEBUG", default=_embedded)


def _require(name: str, why: str) -> str:
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG=0 ({why}); see .env.example."
        )
    return value


def _generated_secret_key() -> str:
    """A key made once per checkout and kept in var/, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or _generated_secret_key()
    ALLOWED_HOSTS = _list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
else:
    SECRET_KEY = _require("DJANGO_SECRET_KEY", "it signs sessions and tokens")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long.")
    ALLOWED_HOSTS = [
        h.strip()
        for h in _require("DJANGO_ALLOWED_HOSTS", "the host names this site answers to").split(",")
        if h.strip()
    ]

CSRF_TRUSTED_ORIGINS = _list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# --- applications -----------------------------------------------------------------------

INSTALLED_APPS = [
    "daphne",
    "modeltranslation",  # before the admin: content fields in English and Arabic
    "backend.accounts.apps.GatehouseAdminConfig",  # django.contrib.admin, sign-ins limited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "backend.core",
    "backend.accounts",
    "backend.inventory",
    "backend.catalog",
    "backend.bookings",
    "backend.webhooks",
    "backend.payments",
    "backend.invoices",
    "backend.tickets",
    "backend.wallet",
    "backend.checkin",
    "backend.vendors",
    "backend.content",
    "backend.notifications",
    "backend.integrations",
    "backend.compat",
    "corsheaders",
]

# Django's own middleware, with hooks that run inline under ASGI (see core/middleware.py).
MIDDLEWARE = [
    # First: the request id (X-Request-ID) for every log line, task and error after it.
    "backend.core.request_id.request_id_middleware",
    # Times the rest of the stack, per route (Prometheus, backend/core/metrics.py).
    "backend.core.metrics.http_metrics_middleware",
    # Cross-origin answers for /compat/ only (COMPAT_CORS_ORIGINS), before anything answers.
    "corsheaders.middleware.CorsMiddleware",
    "backend.core.middleware.SecurityMiddleware",
    "backend.core.middleware.static_files_middleware",
    "backend.core.middleware.SessionMiddleware",
    "backend.core.middleware.LocaleMiddleware",
    "backend.core.middleware.CommonMiddleware",
    "backend.core.middleware.CsrfViewMiddleware",
    "backend.core.middleware.AuthenticationMiddleware",
    "backend.core.middleware.MessageMiddleware",
    "backend.core.middleware.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "backend.urls"
ASGI_APPLICATION = "backend.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------------------

if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    DATABASE_POOL_SIZE = env.int("DATABASE_POOL_SIZE", default=20)
    if DATABASE_POOL_SIZE and DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Under ASGI every request runs in a thread of its own: without a pool each one
        # would open (and pay for) its own connection, and a burst would exhaust the
        # server's max_connections. The pool bounds and reuses them; a request waits for a
        # free connection up to DATABASE_POOL_TIMEOUT seconds.
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "pool": {
                "min_size": 2,
                "max_size": DATABASE_POOL_SIZE,
                "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
            },
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # In a web process (backend.serve sets GATEHOUSE_WEB_PROCESS), a statement waits for a
    # row lock at most DATABASE_LOCK_TIMEOUT_MS and runs at most DATABASE_STATEMENT_TIMEOUT_MS
    # (0: no bound); past that PostgreSQL cancels it, its transaction rolls back whole, and
    # the request gets a 503 with Retry-After instead of hanging (backend/core/errors.py,
    # DatabaseUnavailable). Connection startup parameters (the rush pool's too): they cost no
    # statement. Workers, beat and manage.py wait as long as it takes: a webhook or a
    # migration that gives up would have to be retried by hand.
    if DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool(
        "GATEHOUSE_WEB_PROCESS", default=False
    ):
        _db_options = DATABASES["default"].setdefault("OPTIONS", {})
        _db_options["options"] = " ".join(
            part
            for part in (
                _db_options.get("options", ""),
                f"-c lock_timeout={env.int('DATABASE_LOCK_TIMEOUT_MS', default=5000)}",
                f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT_MS', default=30000)}",
            )
            if part
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "gatehouse.sqlite3",
            "OPTIONS": {
                # IMMEDIATE transactions take the write lock up front, so two writers queue
                # instead of failing with "database is locked" when one upgrades its lock.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# PostgreSQL takes a hold in one statement (inventory_hold_take, inventory migration 0010);
# off, it takes the plain ORM path the embedded SQLite mode always takes (the test suite runs
# the hold tests both ways).
HOLDS_ONE_STATEMENT = True
# A hold that is a transaction of its own commits without waiting for PostgreSQL to flush the
# WAL to disk: a PostgreSQL crash may lose the holds of its last moment (never half of one,
# never an oversold unit); bookings, payments and scans always wait. docs/performance.md
HOLDS_ASYNC_COMMIT = env.bool("HOLDS_ASYNC_COMMIT", default=True)
# Waiting room (docs/waiting-room.md): queue tokens one client address may take per event
# (429 past it), and how long a waiting client may go unseen before its place is dropped.
WAITING_ROOM_TOKENS_PER_ADDRESS = env.int("WAITING_ROOM_TOKENS_PER_ADDRESS", default=5)
WAITING_ROOM_IDLE_SECONDS = env.int("WAITING_ROOM_IDLE_SECONDS", default=120)
# Waitlists: how long an offer (a hold in the next person's name) lasts before it lapses.
WAITLIST_OFFER_MINUTES = env.int("WAITLIST_OFFER_MINUTES", default=10)
# Rush routes (backend/core/rush.py): on PostgreSQL, POST /api/holds/ is answered on the event
# loop beside Django, on a pool of its own of RUSH_DATABASE_POOL_SIZE connections per process.
RUSH_ROUTES = env.bool("RUSH_ROUTES", default=True)
RUSH_DATABASE_POOL_SIZE = env.int("RUSH_DATABASE_POOL_SIZE", default=8)
# A slot the database just found sold out is refused without asking it again for this long
# (per process; never used to grant: backend/inventory/services/sold_out_hints.py). 0: off.
RUSH_SOLD_OUT_HINT_SECONDS = env.float("RUSH_SOLD_OUT_HINT_SECONDS", default=0.25)
DATABASE_POOL_TIMEOUT = env.float("DATABASE_POOL_TIMEOUT", default=10.0)

# HTTP requests Django handles at once per process (the rest wait on the event loop): the
# database pool's size, so a request in Django never waits for a connection.
HTTP_CONCURRENCY = env.int("HTTP_CONCURRENCY", default=env.int("DATABASE_POOL_SIZE", default=20))

# --- redis: cache, channel layer, broker ------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
REDIS_MAX_CONNECTIONS = env.int("REDIS_MAX_CONNECTIONS", default=2000)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "backend.core.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gh",
            "OPTIONS": {"max_connections": REDIS_MAX_CONNECTIONS},
        }
    }
    CHANNELS_REDIS_LAYER = env.str("CHANNELS_REDIS_LAYER", default="pubsub")
    _layer_backends = {
        "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "core": "channels_redis.core.RedisChannelLayer",
    }
    if CHANNELS_REDIS_LAYER not in _layer_backends:
        raise ImproperlyConfigured("CHANNELS_REDIS_LAYER must be 'pubsub' or 'core'.")
    # The channel layer's Redis servers (CHANNEL_REDIS_URLS, comma-separated; REDIS_URL by
    # default): with several, channels-redis shards its groups and channels over them by a
    # hash of the name. Topic frames (the store and hubs), the cache and the broker stay on
    # REDIS_URL (docs/operations.md, "Nodes and shutdown").
    CHANNEL_REDIS_URLS = _list("CHANNEL_REDIS_URLS", [REDIS_URL])
    # redis-py's default pool of 100 connections fails a burst of websocket connects in
    # group_add; the pool is sized by REDIS_MAX_CONNECTIONS instead.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": _layer_backends[CHANNELS_REDIS_LAYER],
            "CONFIG": {
                "hosts": [
                    {"address": url, "max_connections": REDIS_MAX_CONNECTIONS}
                    for url in CHANNEL_REDIS_URLS
                ],
                "prefix": "gh-asgi",
                **({"capacity": 1000, "expiry": 30} if CHANNELS_REDIS_LAYER == "core" else {}),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNELS_REDIS_LAYER = ""
    CHANNEL_REDIS_URLS = []
    CHANNEL_LAYERS = {"default": {"BACKEND": "backend.realtime.layers.LocalChannelLayer"}}

# --- celery -----------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# No broker: the embedded mode runs every task in process, and the periodic jobs run on a
# timer inside the serving process (backend.periodic) instead of in celery beat.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 4
# The webhook worker claims up to this many waiting deliveries per transaction (FOR UPDATE
# SKIP LOCKED): one commit and one recording UPDATE for the lot. docs/payments.md
WEBHOOK_BATCH = env.int("WEBHOOK_BATCH", default=20)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker killed mid-task never acks it (late acks): the task is delivered again, so every
# task is written to run twice safely. A pool process killed under a living worker (the OOM
# killer, kill -9) has its task requeued at once; a whole worker killed leaves it unacked in
# Redis until CELERY_VISIBILITY_TIMEOUT seconds after it was delivered, when a worker takes
# it again (kombu's default is an hour). Longer than any task runs, prefetch wait included.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=900)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 5,
    "socket_connect_timeout": 5,
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Running workers look for such tasks every 10 s at most (kombu's own sweep runs only
    # about every 100 s: interval 10 times throttle 10), not just when a worker starts.
    "unacked_restore_interval": min(10, CELERY_VISIBILITY_TIMEOUT),
    "unacked_restore_throttle": 1,
}
CELERY_TIMEZONE = "UTC"
# E-mails wait in their own queue, so a burst of them never delays payment confirmations
# (a worker takes from both queues in turn: `celery worker -Q celery,email`).
CELERY_TASK_ROUTES = {"notifications.send_booking_email": {"queue": "email"}}

# --- realtime ---------------------------------------------------------------------------

REALTIME = {
    # Per-topic history kept for `since` recovery: at least this many frames, and every
    # frame younger than HISTORY_SECONDS, up to HISTORY_MAX frames.
    "HISTORY_SIZE": env.int("REALTIME_HISTORY_SIZE", default=300),
    "HISTORY_SECONDS": env.int("REALTIME_HISTORY_SECONDS", default=120),
    "HISTORY_MAX": env.int("REALTIME_HISTORY_MAX", default=2000),
    # One websocket connection: the largest frame it may send, its frame rate limit,
    # how many topics it may hold, and how many frames may wait for a slow client.
    "MAX_FRAME_BYTES": env.int("REALTIME_MAX_FRAME_BYTES", default=64 * 1024),
    "FRAMES_PER_SECOND": env.float("REALTIME_FRAMES_PER_SECOND", default=20.0),
    "FRAME_BURST": env.int("REALTIME_FRAME_BURST", default=60),
    "MAX_SUBSCRIPTIONS": env.int("REALTIME_MAX_SUBSCRIPTIONS", default=50),
    "OUTBOX_SIZE": env.int("REALTIME_OUTBOX_SIZE", default=512),
}
# Serialize each frame inside publish() as well as on the dispatcher's thread, so that a
# payload that cannot be sent fails where it is made. The test suite turns it on.
REALTIME_SERIALIZE_AT_PUBLISH = False

# --- accounts: phones, codes, tokens ------------------------------------------------------

PHONE_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="SA")

# --- payments and webhooks --------------------------------------------------------------
# A provider is offered to guests only when it is configured. The test provider (a page with
# Pay and Fail buttons that posts a signed webhook to us) confirms bookings without money: it
# is on by default only in the embedded mode, elsewhere only by PAYMENTS_TEST_PROVIDER=1
# (DEBUG has no say). Off, its page and its webhook answer 404.
PAYMENTS_TEST_PROVIDER = env.bool("PAYMENTS_TEST_PROVIDER", default=_embedded)
PAYMENT_TIMEOUT_SECONDS = env.float("PAYMENT_TIMEOUT_SECONDS", default=10.0)
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="https://api.stripe.com")
RAZORPAY_KEY_ID = env.str("RAZORPAY_KEY_ID", default="")
RAZORPAY_KEY_SECRET = env.str("RAZORPAY_KEY_SECRET", default="")
RAZORPAY_WEBHOOK_SECRET = env.str("RAZORPAY_WEBHOOK_SECRET", default="")
RAZORPAY_API_BASE = env.str("RAZORPAY_API_BASE", default="https://api.razorpay.com")
CALENDLY_WEBHOOK_SIGNING_KEY = env.str("CALENDLY_WEBHOOK_SIGNING_KEY", default="")
# A shared secret a relay may send as X-Webhook-Secret instead of Calendly's signature
# (unset: only signed deliveries are taken).
CALENDLY_WEBHOOK_SECRET = env.str("CALENDLY_WEBHOOK_SECRET", default="")
# The service event /compat/repairmybike/ serves (the repair shop's own API).
REPAIRMYBIKE_EVENT = env.str("REPAIRMYBIKE_EVENT", default="repair-shop")
# The replaced systems' web clients may run on their own origins (their READMEs restrict CORS
# to the front end's origin): those origins, exactly, may call /compat/ from a browser, with
# credentials (booking-service's refresh cookie). The native API stays same-origin.
CORS_ALLOWED_ORIGINS = env.list("COMPAT_CORS_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/compat/"
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = (*cors_default_headers, "x-api-key", "x-request-id")
CORS_EXPOSE_HEADERS = ["x-request-id", "retry-after"]
# The allowlist-only event whose invitees book through Calendly.
CALENDLY_EVENT = env.str("CALENDLY_EVENT", default="vip-evening")
# The event type's Calendly page (unset: no scheduling links are given out), the prefilled
# answer that carries each invitation's signed value (a1: the first invitee question), and
# how long a link lasts.
CALENDLY_SCHEDULING_URL = env.str("CALENDLY_SCHEDULING_URL", default="").rstrip("/")
CALENDLY_INVITATION_FIELD = env.str("CALENDLY_INVITATION_FIELD", default="a1")
CALENDLY_LINK_MAX_AGE_DAYS = env.int("CALENDLY_LINK_MAX_AGE_DAYS", default=30)
WEBHOOK_TOLERANCE_SECONDS = {"stripe": 300, "calendly": 180, "test": 300}

# --- tickets ----------------------------------------------------------------------------
# Ed25519 keys that sign ticket QR codes: "<id>:<base64 32-byte seed>" pairs, comma-separated;
# the one named by TICKET_SIGNING_KEY_ID signs, the others still verify. Unset: key 1 is
# derived from the secret key.
TICKET_SIGNING_KEYS = env.str("TICKET_SIGNING_KEYS", default="")
TICKET_SIGNING_KEY_ID = env.int("TICKET_SIGNING_KEY_ID", default=1)
# How long the signed link to a booking's tickets (sent by SMS) keeps working.
TICKET_LINK_MAX_AGE_DAYS = env.int("TICKET_LINK_MAX_AGE_DAYS", default=30)
# Sending a booking's tickets again (e-mail, and SMS to the account's proved mobile): at
# most this many per booking and per caller within the window.
TICKETS_RESEND_PER_BOOKING = env.int("TICKETS_RESEND_PER_BOOKING", default=3)
TICKETS_RESEND_PER_USER = env.int("TICKETS_RESEND_PER_USER", default=10)
TICKETS_RESEND_WINDOW_SECONDS = env.int("TICKETS_RESEND_WINDOW_SECONDS", default=3600)

SMS_PROVIDER = env.str("SMS_PROVIDER", default="console")
if SMS_PROVIDER not in {"console", "twilio", "unifonic"}:
    raise ImproperlyConfigured("SMS_PROVIDER must be console, twilio or unifonic.")
SMS_TIMEOUT_SECONDS = env.float("SMS_TIMEOUT_SECONDS", default=5.0)
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_VERIFY_SERVICE_SID = env.str("TWILIO_VERIFY_SERVICE_SID", default="")
TWILIO_VERIFY_API_BASE = env.str("TWILIO_VERIFY_API_BASE", default="https://verify.twilio.com")
TWILIO_API_BASE = env.str("TWILIO_API_BASE", default="https://api.twilio.com")
TWILIO_FROM_NUMBER = env.str("TWILIO_FROM_NUMBER", default="")
UNIFONIC_APP_ID = env.str("UNIFONIC_APP_ID", default="")
UNIFONIC_AUTH_TOKEN = env.str("UNIFONIC_AUTH_TOKEN", default="")
UNIFONIC_API_BASE = env.str(
    "UNIFONIC_API_BASE", default="https://authenticate.cloud.api.unifonic.com"
)
UNIFONIC_MESSAGES_API_BASE = env.str(
    "UNIFONIC_MESSAGES_API_BASE", default="https://el.cloud.unifonic.com"
)
UNIFONIC_SENDER_ID = env.str("UNIFONIC_SENDER_ID", default="")

OTP_LENGTH = env.int("OTP_LENGTH", default=6)
if not 4 <= OTP_LENGTH <= 8:
    raise ImproperlyConfigured("OTP_LENGTH must be between 4 and 8.")
OTP_TTL_SECONDS = env.int("OTP_TTL_SECONDS", default=300)
OTP_MAX_CHECKS = env.int("OTP_MAX_CHECKS", default=5)
# Codes per phone per window from one address, and per phone from every address together.
OTP_SENDS_PER_WINDOW = env.int("OTP_SENDS_PER_WINDOW", default=3)
OTP_SENDS_PER_PHONE = env.int("OTP_SENDS_PER_PHONE", default=10)
# Checks one address may send to a provider that makes the codes (Twilio Verify, Unifonic:
# one verification per number, whose checks every request shares) per phone per window.
OTP_PROVIDER_CHECKS_PER_ADDRESS = env.int("OTP_PROVIDER_CHECKS_PER_ADDRESS", default=3)

# An event page's contact form: messages accepted per sender e-mail address and per client
# address (an IPv6 client's /64) within the window (docs/content.md).
CONTACT_MESSAGES_PER_EMAIL = env.int("CONTACT_MESSAGES_PER_EMAIL", default=3)
CONTACT_MESSAGES_PER_IP = env.int("CONTACT_MESSAGES_PER_IP", default=10)
CONTACT_WINDOW_SECONDS = env.int("CONTACT_WINDOW_SECONDS", default=3600)
OTP_SEND_WINDOW_SECONDS = env.int("OTP_SEND_WINDOW_SECONDS", default=600)
OTP_RESEND_COOLDOWN_SECONDS = env.int("OTP_RESEND_COOLDOWN_SECONDS", default=60)
OTP_REQUESTS_PER_IP = env.int("OTP_REQUESTS_PER_IP", default=30)
OTP_VERIFIES_PER_IP = env.int("OTP_VERIFIES_PER_IP", default=60)
OTP_IP_WINDOW_SECONDS = env.int("OTP_IP_WINDOW_SECONDS", default=600)

PASSWORD_RESET_PER_IP = env.int("PASSWORD_RESET_PER_IP", default=10)
PASSWORD_RESET_PER_EMAIL = env.int("PASSWORD_RESET_PER_EMAIL", default=3)
# Registering with e-mail and password: attempts per address and per client address within
# the window (429 beyond), how long a verification link lasts, and links re-sent per account.
REGISTER_PER_EMAIL = env.int("REGISTER_PER_EMAIL", default=3)
REGISTER_PER_IP = env.int("REGISTER_PER_IP", default=10)
REGISTER_WINDOW_SECONDS = env.int("REGISTER_WINDOW_SECONDS", default=3600)
EMAIL_VERIFY_MAX_AGE_HOURS = env.int("EMAIL_VERIFY_MAX_AGE_HOURS", default=48)
EMAIL_VERIFY_RESENDS_PER_USER = env.int("EMAIL_VERIFY_RESENDS_PER_USER", default=3)
# Where password-reset links point (the web app's page), and what e-mails call the site.
FRONTEND_URL = env.str("FRONTEND_URL", default="http://127.0.0.1:8000").rstrip("/")

SIMPLE_JWT: dict[str, Any] = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    # Rotation and reuse detection are Gatehouse's own (accounts/services/sessions.py),
    # which stores no token; simplejwt's blacklist app would keep every one in plain text.
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": False,
    "UPDATE_LAST_LOGIN": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_CLAIM": "user_id",
}
# A refresh token rotated this many seconds ago may come back once more without ending the
# session: the answer carrying its successor was lost (a reload cut the request short).
JWT_REFRESH_REUSE_SECONDS = env.int("JWT_REFRESH_REUSE_SECONDS", default=10)
# The browser keeps its refresh token in this HttpOnly cookie, sent only to /api/auth/.
REFRESH_COOKIE_NAME = "gh_refresh"
REFRESH_COOKIE_PATH = "/api/auth/"

# Failed password attempts per window: per account from one address, per account from
# every address, and per address.
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURES_PER_ACCOUNT_TOTAL = env.int("LOGIN_FAILURES_PER_ACCOUNT_TOTAL", default=20)
LOGIN_FAILURES_PER_IP = env.int("LOGIN_FAILURES_PER_IP", default=30)
LOGIN_WINDOW_SECONDS = env.int("LOGIN_WINDOW_SECONDS", default=900)

# --- OpenID Connect sign-in (docs/oidc.md) ----------------------------------------------
# Providers as JSON: {"<name>": {"issuer", "client_id", "client_secret", "scopes"?, "label"?}};
# checked here, so a wrong entry stops the server at startup. Register the redirect URI
# {PUBLIC_URL}/api/auth/oidc/<name>/callback/ with each provider.
try:  # blank: none
    OIDC_PROVIDERS = parse_providers(json.loads(env.str("OIDC_PROVIDERS", default="") or "{}"))
except ValueError as error:  # json.JSONDecodeError is one
    raise ImproperlyConfigured(f"OIDC_PROVIDERS: {error}.") from None
# Where this site is reached from outside (scheme and host, e.g. https://tickets.example.com):
# the base of the redirect URIs. Unset: the request's own scheme and host.
PUBLIC_URL = env.str("PUBLIC_URL", default="").rstrip("/")
# Each call to a provider (discovery, keys, the code exchange) gives up after this long.
OIDC_HTTP_TIMEOUT_SECONDS = env.float("OIDC_HTTP_TIMEOUT_SECONDS", default=5.0)
# How long a provider's discovery document and keys are cached (a token signed by a key not
# in the cached set refetches the keys once).
OIDC_DISCOVERY_TTL_SECONDS = env.int("OIDC_DISCOVERY_TTL_SECONDS", default=3600)
# How long a started sign-in (its state, nonce and PKCE verifier) may take to come back.
OIDC_FLOW_TTL_SECONDS = env.int("OIDC_FLOW_TTL_SECONDS", default=600)
# Sign-ins one client address may start within OIDC_FLOW_TTL_SECONDS.
OIDC_STARTS_PER_IP = env.int("OIDC_STARTS_PER_IP", default=30)
# Clock difference tolerated on an ID token's exp, iat and nbf.
OIDC_CLOCK_SKEW_SECONDS = env.int("OIDC_CLOCK_SKEW_SECONDS", default=60)

# --- wallet passes ----------------------------------------------------------------------
# Apple Wallet: the pass type and team, and PEM file paths of the pass certificate, its key
# and Apple's WWDR intermediate. Google Wallet: the issuer and a service-account JSON file.
# Unset: the wallet endpoints answer 404 wallet_not_configured.
APPLE_WALLET_PASS_TYPE_ID = env.str("APPLE_WALLET_PASS_TYPE_ID", default="")
APPLE_WALLET_TEAM_ID = env.str("APPLE_WALLET_TEAM_ID", default="")
APPLE_WALLET_CERT = env.str("APPLE_WALLET_CERT", default="")
APPLE_WALLET_KEY = env.str("APPLE_WALLET_KEY", default="")
APPLE_WALLET_WWDR = env.str("APPLE_WALLET_WWDR", default="")
APPLE_APNS_BASE = env.str("APPLE_APNS_BASE", default="https://api.push.apple.com").rstrip("/")
GOOGLE_WALLET_ISSUER_ID = env.str("GOOGLE_WALLET_ISSUER_ID", default="")
GOOGLE_WALLET_SERVICE_ACCOUNT = env.str("GOOGLE_WALLET_SERVICE_ACCOUNT", default="")
GOOGLE_WALLET_API_BASE = env.str(
    "GOOGLE_WALLET_API_BASE", default="https://walletobjects.googleapis.com"
).rstrip("/")

# --- auth, i18n, static -----------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
# Translatable content (names, cities, addresses: each app's translation.py) keeps one
# column per language; English is the default and what an empty Arabic value falls back to.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = _path("STATIC_ROOT", VAR_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded images (event pages, sponsors' and vendors' logos): files under MEDIA_ROOT, served
# at MEDIA_URL by Django (and through nginx in the full stack). MEDIA_STORAGE names another
# storage backend (django-storages' S3Storage, say) when the files should live elsewhere.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage")
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve app static files straight from their apps too, so a checkout that never ran
# collectstatic (tests, DJANGO_DEBUG=0 on a laptop) still has the admin's CSS.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = _path("MEDIA_ROOT", VAR_DIR / "media")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=2_000_000)
# Pictures of venues, events and resources are resized to these widths (never enlarged), kept
# as WebP under content-hashed names and served as immutable (srcset in the API).
IMAGE_RENDITION_WIDTHS = tuple(
    env.list("IMAGE_RENDITION_WIDTHS", cast=int, default=[320, 640, 1280])
)

# The web app (frontend/, built by `make run` into frontend/dist): whitenoise serves its files
# at the site's root, Vite's content-hashed assets cached for good; every other path that is
# not the API, the admin or static files answers index.html (client-side routes).
FRONTEND_DIST = _path("FRONTEND_DIST", BASE_DIR / "frontend" / "dist")
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/.+-[0-9A-Za-z_-]{8,}\.\w+$"

# --- e-mail -----------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Gatehouse <no-reply@gatehouse.local>")

# --- REST framework and API docs --------------------------------------------------------

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "backend.accounts.authentication.SessionJWTAuthentication",
        "backend.accounts.authentication.DeviceAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["backend.core.parsers.JSONParser"],  # nesting bounded
    "EXCEPTION_HANDLER": "backend.core.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )

SPECTACULAR_SETTINGS = {
    "TITLE": "Gatehouse API",
    "DESCRIPTION": (
        "Bookings and entry for venues and events. Errors always have the shape "
        '`{"ok": false, "error": {"code", "message", "fields"?}}`. The websocket protocol '
        "is described in docs/websocket.md."
    ),
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Operation ids are named from the path after /api/ (left to itself drf-spectacular takes
    # the common prefix of every view, which the /compat/ views, excluded, shorten to "/").
    "SCHEMA_PATH_PREFIX": r"/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # A scan's status appears in two answers (ScanOutput, ScanCommitOutput): one enum, named.
    "ENUM_NAME_OVERRIDES": {
        "ScanOutputStatusEnum": "backend.checkin.models.Scan.Status",
        "VendorStatusEnum": "backend.vendors.models.Vendor.Status",
        "UserLanguageEnum": "backend.accounts.models.User.Language",
        "WaitingRoomModeEnum": "backend.inventory.models.WaitingRoom.Mode",
        "WaitlistStatusEnum": "backend.bookings.models.WaitlistEntry.Status",
        "ModeEnum": ["embedded", "full", "mixed"],
    },
    # <id:...> path parameters (backend/core/converters.py): 1 to the bigint maximum.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    },
    # Swagger UI's files come from the drf-spectacular-sidecar package, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Request bodies larger than this are refused with 413 before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)

# --- security ---------------------------------------------------------------------------

# Django's W001-W003 look for its middleware by dotted path; Gatehouse runs subclasses of
# them, which core/checks.py verifies instead (gatehouse.W001-W003).
SILENCED_SYSTEM_CHECKS = ["security.W001", "security.W002", "security.W003"]

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "backend.core.api.csrf_failure"  # JSON 403 under /api/
# Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: IPs and CIDRs,
# comma-separated (make stack: 127.0.0.1; docker compose: its network). None by default: the
# connection's peer is the client. backend/core/proxies.py sets the client's address and
# scheme in the ASGI scope, so SECURE_PROXY_SSL_HEADER stays unset: with it Django would
# believe X-Forwarded-Proto from anyone who can reach daphne.
TRUSTED_PROXIES = _list("TRUSTED_PROXIES", [])
try:
    parse_networks(TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}.") from None
# /metrics (Prometheus, backend/core/metrics.py): a bearer token and/or the client networks
# that may read it (IPs and CIDRs, comma-separated); each one set must pass. Neither set: 404.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = _list("METRICS_ALLOWED_NETWORKS", [])
try:
    parse_networks(METRICS_ALLOWED_NETWORKS)
except ValueError as error:
    raise ImproperlyConfigured(f"METRICS_ALLOWED_NETWORKS: {error}.") from None
if not DEBUG:
    # Production sits behind nginx, which terminates TLS (X-Forwarded-Proto, trusted hops only).
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^api/health/$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- logging ----------------------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# json: one JSON object per line (timestamp, level, logger, message, request_id, exc_info),
# the default outside DEBUG (make stack, docker compose); text: the developer's console.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json").lower()
if LOG_FORMAT not in FORMATS:
    raise ImproperlyConfigured("LOG_FORMAT must be 'text' or 'json'.")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
# Celery workers and beat keep this configuration (backend/celery.py answers Celery's
# setup_logging signal), so their lines are the same JSON, with the request id of the task.

# Errors to Sentry (backend/core/sentry.py): on when SENTRY_DSN is set, in every process.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production")
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
init_sentry(
    SENTRY_DSN,
    environment=SENTRY_ENVIRONMENT,
    release=SENTRY_RELEASE,
    traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
)

# --- Gatehouse --------------------------------------------------------------------------

_full_parts = [
    bool(env.str("DATABASE_URL", default="")),
    bool(REDIS_URL),
    not CELERY_TASK_ALWAYS_EAGER,
]
GATEHOUSE_MODE = "full" if all(_full_parts) else "mixed" if any(_full_parts) else "embedded"
# daphne's access log (one console line per HTTP request): off by default in the embedded
# mode, so that `make run`'s console stays readable; on elsewhere. ACCESS_LOG=1 turns it on.
ACCESS_LOG = env.bool("ACCESS_LOG", default=GATEHOUSE_MODE != "embedded")

# Tests: fail instead of skipping when PostgreSQL or Redis is missing (CI sets it).
GATEHOUSE_REQUIRE_SERVICES = env.bool("GATEHOUSE_REQUIRE_SERVICES", default=False)
