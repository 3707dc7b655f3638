"""Read answers cached in Django's cache under a version that any write bumps.

A reader's key names the namespace's current version (``<namespace>:v<version>:<key>``); a
write bumps the version once its transaction commits, so from then on every process (they
share Redis in the full stack) reads under the new version and builds a fresh answer. Old
entries are never deleted one by one: they expire. Nothing here is per-process state.

Bumping on commit keeps a reader from caching what a rolled-back write did, and a reader
that read the old version just before the commit stores its answer under the old version,
which nobody asks for any more. A version that is missing (evicted, Redis restarted) starts
again from the clock, not from 1, so it never meets an entry cached under an earlier life.

Each answer carries an ``ETag`` (a hash of its JSON): :func:`conditional_response` answers
304 to a client that already has it. If the cache is unreachable, answers are built from
the database every time, and a failed bump is logged (entries then expire on their own).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.http import parse_etags
from rest_framework.request import Request
from rest_framework.response import Response

logger = logging.getLogger(__name__)

# Revalidate every time: a 304 is cheap, and a changed price must show at once.
NO_STALE = "public, no-cache"


@dataclass(frozen=True)
class CachedAnswer:
    data: Any
    etag: str  # quoted, as the header carries it


def etag_of(data: Any) -> str:
    body = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
    return '"' + hashlib.blake2b(body.encode(), digest_size=16).hexdigest() + '"'


class VersionedCache:
    def __init__(self, namespace: str, *, timeout: int = 3600, alias: str = "default") -> None:
        self.namespace, self.timeout, self.alias = namespace, timeout, alias
        self.version_key = f"{namespace}:version"

    @property
    def _cache(self) -> Any:
        return caches[self.alias]

    def version(self) -> int:
        cache = self._cache
        version = cache.get(self.version_key)
        if version is None:
            cache.add(self.version_key, time.time_ns(), timeout=None)
            version = cache.get(self.version_key)
        return int(version)

    def bump(self) -> None:
        """Every process reads a new version from now on."""
        cache = self._cache
        try:
            try:
                cache.incr(self.version_key)
            except ValueError:  # missing: a new life starts from the clock
                cache.add(self.version_key, time.time_ns(), timeout=None)
        except Exception:
            logger.exception("Could not bump the cache version of %s", self.namespace)

    def bump_on_commit(self, using: str | None = None) -> None:
        """Bump when the current transaction commits (at once outside a transaction); once
        per transaction however many rows it changed."""
        connection = transaction.get_connection(using)
        if connection.in_atomic_block and any(
            func == self.bump for _, func, _ in connection.run_on_commit
        ):
            return
        transaction.on_commit(self.bump, using=using)

    def get_or_build(self, key: str, build: Callable[[], Any]) -> CachedAnswer:
        """The cached answer for ``key`` under the current version, or ``build()``'s."""
        try:
            full_key = f"{self.namespace}:v{self.version()}:{key}"
            cached = self._cache.get(full_key)
        except Exception:
            logger.warning("Cache unreachable; answering %s from the database", self.namespace)
            data = build()
            return CachedAnswer(data, etag_of(data))
        if cached is not None:
            return CachedAnswer(*cached)
        data = build()
        answer = CachedAnswer(data, etag_of(data))
        try:
            self._cache.set(full_key, (answer.data, answer.etag), timeout=self.timeout)
        except Exception:
            logger.warning("Could not store %s in the cache", full_key)
        return answer


def _weak(tag: str) -> str:
    return tag.removeprefix("W/")


def conditional_response(
    request: Request, answer: CachedAnswer, *, cache_control: str = NO_STALE
) -> Response:
    """200 with the answer, or 304 when ``If-None-Match`` names its ETag (weakly)."""
    headers = {"ETag": answer.etag, "Cache-Control": cache_control}
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = {_weak(tag) for tag in parse_etags(if_none_match)}
        if "*" in tags or answer.etag in tags:
            return Response(status=304, headers=headers)
    return Response(answer.data, headers=headers)
