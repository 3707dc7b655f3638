"""The settings switch: each case boots Django in a fresh process with a given environment
and reports what the live objects are (connection, layer, cache, Celery), not strings."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.settings import TEST_DEFAULTS
from tests.support.live import ROOT, SERVICE_VARIABLES, embedded_env

PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from channels.layers import get_channel_layer
from backend.celery import app
from backend.core.health import check_channel_layer
from backend.realtime.store import frame_store

with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
layer = get_channel_layer()
cache = caches["default"]
cache.set("settings-probe", "value", 30)
with app.connection_for_write() as broker:
    transport = broker.transport.driver_type
report = {
    "db_vendor": connection.vendor,
    "db_name": str(connection.settings_dict["NAME"]),
    "layer": type(layer).__module__ + "." + type(layer).__name__,
    "layer_round_trip": check_channel_layer(),
    "cache": type(cache).__name__,
    "cache_round_trip": cache.get("settings-probe"),
    "eager": app.conf.task_always_eager,
    "broker_transport": transport,
    "frame_store": type(frame_store()).__name__,
    "debug": settings.DEBUG,
    "mode": settings.GATEHOUSE_MODE,
}
if settings.REDIS_URL:
    report["cache_client"] = type(cache._cache.get_client()).__module__
print(json.dumps(report))
"""


def boot(env: dict[str, str], script: str = PROBE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def probe(env: dict[str, str]) -> dict[str, object]:
    result = boot(env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def bare_env(tmp_path: Path) -> dict[str, str]:
    """No service variable, and none of the test suite's own defaults (tests/settings.py)."""
    return {k: v for k, v in embedded_env(tmp_path).items() if k not in TEST_DEFAULTS}


def test_no_variables_is_the_embedded_default(tmp_path: Path) -> None:
    report = probe(bare_env(tmp_path))

    assert report["db_vendor"] == "sqlite"
    assert report["db_name"] == str(tmp_path / "gatehouse.sqlite3")
    assert report["layer"] == "backend.realtime.layers.LocalChannelLayer"
    assert report["layer_round_trip"] == "ok"
    assert report["cache"] == "LocMemCache"
    assert report["cache_round_trip"] == "value"
    assert report["eager"] is True
    assert report["broker_transport"] == "memory"
    assert report["frame_store"] == "MemoryFrameStore"
    assert report["debug"] is True
    assert report["mode"] == "embedded"


def test_embedded_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    script = (
        "import django; django.setup(); from django.conf import settings as s; print(s.SECRET_KEY)"
    )
    first = boot(embedded_env(tmp_path), script)
    second = boot(embedded_env(tmp_path), script)

    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first.stdout.strip() == second.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


@pytest.mark.postgres
@pytest.mark.redis
def test_service_variables_switch_to_the_full_stack(tmp_path: Path) -> None:
    env = embedded_env(tmp_path)
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env["REDIS_URL"] = os.environ["REDIS_URL"]

    report = probe(env)

    assert report["db_vendor"] == "postgresql"
    # The database DATABASE_URL names (the tests' own is pytest-django's copy of it).
    assert report["db_name"] == urlsplit(env["DATABASE_URL"]).path.lstrip("/")
    assert report["layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert report["layer_round_trip"] == "ok"
    assert report["cache"] == "SharedClientRedisCache"
    assert report["cache_client"] == "redis.client"
    assert report["cache_round_trip"] == "value"
    assert report["eager"] is False
    assert report["broker_transport"] == "redis"
    assert report["frame_store"] == "RedisFrameStore"
    assert report["mode"] == "full"


@pytest.mark.redis
def test_the_core_redis_layer_can_be_chosen(tmp_path: Path) -> None:
    env = embedded_env(tmp_path)
    env["REDIS_URL"] = os.environ["REDIS_URL"]
    env["CHANNELS_REDIS_LAYER"] = "core"

    report = probe(env)

    assert report["layer"] == "channels_redis.core.RedisChannelLayer"
    assert report["layer_round_trip"] == "ok"
    assert report["mode"] == "mixed"  # Redis without a database URL


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 60}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "a.example"}, "50 characters"),
    ],
)
def test_production_refuses_an_unsafe_configuration(
    tmp_path: Path, extra: dict[str, str], named: str
) -> None:
    env = {**embedded_env(tmp_path), "DJANGO_DEBUG": "0", **extra}

    result = boot(env, "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in embedded_env(tmp_path).items() if k not in SERVICE_VARIABLES}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="gatehouse.example.com",
    )
    return env


def test_check_deploy_passes_with_production_variables(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


MODE_PROBE = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "debug": s.DEBUG,
    "test_provider": s.PAYMENTS_TEST_PROVIDER,
    "browsable_api": "rest_framework.renderers.BrowsableAPIRenderer"
    in s.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"],
    "proxy_ssl_header": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "trusted_proxies": s.TRUSTED_PROXIES,
}))
"""
PRODUCTION = {"DJANGO_SECRET_KEY": "k" * 64, "DJANGO_ALLOWED_HOSTS": "gatehouse.example.com"}
# Never reached: settings only name the services (nothing connects while they load).
DATABASE = {"DATABASE_URL": "postgres://gatehouse@127.0.0.1:1/gatehouse"}
REDIS = {"REDIS_URL": "redis://127.0.0.1:1/0"}
BROKER = {"CELERY_BROKER_URL": "redis://127.0.0.1:1/1"}


@pytest.mark.parametrize(
    ("variables", "debug", "test_provider"),
    [
        pytest.param({}, True, True, id="embedded"),
        pytest.param({**DATABASE, **PRODUCTION}, False, False, id="database"),
        pytest.param({**REDIS, **PRODUCTION}, False, False, id="redis"),
        pytest.param({**BROKER, **PRODUCTION}, False, False, id="broker"),
        pytest.param({**DATABASE, **REDIS, **PRODUCTION}, False, False, id="full"),
        # DEBUG only when asked, and the test provider never follows it...
        pytest.param({**DATABASE, "DJANGO_DEBUG": "1"}, True, False, id="full-debug"),
        # ...but comes when asked for.
        pytest.param(
            {**DATABASE, **PRODUCTION, "PAYMENTS_TEST_PROVIDER": "1"}, False, True, id="asked"
        ),
        # The embedded mode keeps its test provider with DEBUG off.
        pytest.param({**PRODUCTION, "DJANGO_DEBUG": "0"}, False, True, id="embedded-no-debug"),
        pytest.param({"PAYMENTS_TEST_PROVIDER": "0"}, True, False, id="embedded-no-provider"),
    ],
)
def test_debug_and_the_test_provider_by_mode(
    tmp_path: Path, variables: dict[str, str], debug: bool, test_provider: bool
) -> None:
    result = boot({**bare_env(tmp_path), **variables}, MODE_PROBE)

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["debug"] is debug
    assert report["test_provider"] is test_provider
    assert report["browsable_api"] is debug  # the browsable API exists only with DEBUG
    # The scheme comes from core/proxies.py (trusted proxies only), never from a header
    # Django would believe from anyone.
    assert report["proxy_ssl_header"] is None
    assert report["trusted_proxies"] == []


def test_a_deployment_without_production_settings_refuses_to_start(tmp_path: Path) -> None:
    """A service variable alone means production: it wants its secret key."""
    result = boot({**bare_env(tmp_path), **DATABASE}, "import django; django.setup()")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_trusted_proxies_are_addresses_and_networks(tmp_path: Path) -> None:
    env = {**bare_env(tmp_path), "TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8,fd00::/8"}
    result = boot(env, MODE_PROBE)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["trusted_proxies"] == ["127.0.0.1", "10.0.0.0/8", "fd00::/8"]

    env["TRUSTED_PROXIES"] = "127.0.0.1,nginx"
    refused = boot(env, "import django; django.setup()")
    assert refused.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx' is not an IP address or network" in refused.stderr


def test_links_point_at_the_address_served_unless_told_otherwise() -> None:
    from backend.serve import served_url

    assert served_url(["-p", "8123", "backend.asgi:application"]) == "http://127.0.0.1:8123"
    assert served_url(["-b", "0.0.0.0", "--port=9000"]) == "http://127.0.0.1:9000"
    assert served_url(["--bind", "::1", "-p", "81"]) == "http://[::1]:81"
    assert served_url([]) == "http://127.0.0.1:8000"
