"""The topic table: each topic is declared once (backend/realtime/topics.py), the gateway
serves exactly those with the check of their access, the web app's builders are generated
from it, and no other place spells a topic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from backend.realtime import publish, typescript
from backend.realtime.topics import AVAILABILITY, GATE, HOLD, TOPICS, Topic
from consumers.registered import CHECKS, SNAPSHOTS
from consumers.topics import registry

ROOT = Path(settings.BASE_DIR)


def test_the_gateway_serves_every_declared_topic_and_nothing_else() -> None:
    served = {p for p in registry.patterns() if not p.startswith(("test:", "guarded:"))}
    assert served == {topic.pattern for topic in TOPICS}
    for topic in TOPICS:
        spec = registry.match(topic.name(**dict.fromkeys(topic.params, "x1")))
        assert spec is not None
        assert spec.spec.declared is topic
        assert spec.spec.may_subscribe is CHECKS[topic.access]
        assert spec.spec.snapshot is SNAPSHOTS[topic.key]


def test_keys_and_patterns_are_unique() -> None:
    assert len({t.key for t in TOPICS}) == len({t.pattern for t in TOPICS}) == len(TOPICS)


def test_a_name_takes_exactly_the_patterns_parameters() -> None:
    assert AVAILABILITY.name(slug="summer-fest") == "event:summer-fest:availability"
    assert HOLD.match(HOLD.name(hold_id=42)) == {"hold_id": "42"}
    with pytest.raises(TypeError):
        GATE.name()
    with pytest.raises(TypeError):
        GATE.name(gate_id=1, slug="x")
    with pytest.raises(ValueError):
        AVAILABILITY.name(slug="two words")
    assert GATE.match("gate:1:extra") is None


def test_the_committed_web_app_topics_are_generated_from_the_table() -> None:
    call_command("topics_ts", "--check")  # fails when the file is out of date
    text = (ROOT / typescript.TYPESCRIPT_PATH).read_text()
    for topic in TOPICS:
        assert f'pattern: "{topic.pattern}"' in text


def test_the_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "frontend/src/realtime"
    stale.mkdir(parents=True)
    (stale / "topics.ts").write_text("// old\n")
    with override_settings(BASE_DIR=tmp_path), pytest.raises(CommandError):
        call_command("topics_ts", "--check")


def _spellings(topic: Topic) -> re.Pattern[str]:
    """A topic written out by hand: its fixed text around a `${...}` or `{...}`."""
    head = topic.pattern.split("{", 1)[0]
    return re.compile(re.escape(f"`{head}$" + "{") + "|" + re.escape(f'f"{head}' + "{"))


SOURCES = {
    "backend": ("*.py", {"backend/realtime/topics.py"}),
    "consumers": ("*.py", set()),
    "frontend/src": ("*.ts*", {typescript.TYPESCRIPT_PATH}),
}


@pytest.mark.parametrize("folder", sorted(SOURCES))
def test_no_other_place_spells_a_topic(folder: str) -> None:
    glob, allowed = SOURCES[folder]
    found = []
    for path in sorted((ROOT / folder).rglob(glob)):
        relative = str(path.relative_to(ROOT))
        if relative in allowed or ".test." in relative or "node_modules" in relative:
            continue
        text = path.read_text()
        found += [relative for topic in TOPICS if _spellings(topic).search(text)]
    assert found == []


@override_settings(REALTIME_SERIALIZE_AT_PUBLISH=True)
def test_a_payload_that_cannot_be_sent_fails_in_the_publisher() -> None:
    with pytest.raises(TypeError):
        publish("test:bad-payload", "test", {"when": object()})
