"""The web app's API types are generated, never written by hand.

frontend/src/api/types.ts is what openapi-typescript (pinned in frontend/package.json) writes
from the backend's OpenAPI schema. This test writes the schema as it is now, runs the same
generator on it and compares the result with the committed file byte for byte, so a backend
change that alters an answer's shape fails here until the types are regenerated:

    python manage.py spectacular --format openapi-json --file var/openapi.json
    cd frontend && npm run api:types      # SCHEMA=<path> to read another file
"""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
COMMITTED = FRONTEND / "src" / "api" / "types.ts"
GENERATOR = FRONTEND / "node_modules" / ".bin" / "openapi-typescript"
TIMEOUT = 120  # seconds; it takes about one


def generated_types(tmp_path: Path) -> bytes:
    schema = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    output = tmp_path / "types.ts"
    result = subprocess.run(
        [str(GENERATOR), str(schema), "--output", str(output)],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, f"openapi-typescript failed:\n{result.stdout}\n{result.stderr}"
    return output.read_bytes()


def test_the_committed_api_types_are_generated_from_the_current_schema(tmp_path: Path) -> None:
    if not GENERATOR.is_file():
        reason = f"{GENERATOR} is missing: run `npm ci` in frontend/"
        if settings.GATEHOUSE_REQUIRE_SERVICES:
            pytest.fail(f"GATEHOUSE_REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)
    expected = generated_types(tmp_path)
    committed = COMMITTED.read_bytes()
    if committed != expected:
        diff = difflib.unified_diff(
            committed.decode().splitlines(),
            expected.decode().splitlines(),
            "frontend/src/api/types.ts (committed)",
            "frontend/src/api/types.ts (from the schema now)",
            lineterm="",
            n=2,
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            "frontend/src/api/types.ts is not what the schema generates; regenerate it "
            "(see this test's docstring) and commit it:\n" + shown
        )
