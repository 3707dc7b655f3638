from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.compat import collections


class Command(BaseCommand):
    help = (
        "Write a Postman v2.1 collection and environment per documented flow (each system's "
        "backend/compat/<package>/flow.py, and the native API's) to collections/ (--out), "
        "removing the ones no flow makes any more; --check fails if the files differ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "collections"))
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        wanted = dict(collections.files())
        present = {path.name for path in out.glob("*.postman_*.json")} if out.is_dir() else set()
        if options["check"]:
            stale = sorted(
                name
                for name, text in wanted.items()
                if not (out / name).is_file() or (out / name).read_text() != text
            )
            stale += sorted(present - set(wanted))
            if stale:
                raise CommandError(
                    f"{out} is out of date ({', '.join(stale)}): "
                    "run `python manage.py compat_collections`"
                )
            return
        out.mkdir(parents=True, exist_ok=True)
        for name in sorted(present - set(wanted)):
            (out / name).unlink()
        for name, text in wanted.items():
            path = out / name
            if not path.is_file() or path.read_text() != text:
                path.write_text(text)
            self.stdout.write(str(path))
