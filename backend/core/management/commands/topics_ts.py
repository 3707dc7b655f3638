from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.realtime import typescript


class Command(BaseCommand):
    help = (
        "Write frontend/src/realtime/topics.ts, the web app's topic builders, from the topic "
        "table in backend/realtime/topics.py (--check: fail if the file is out of date)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.BASE_DIR) / typescript.TYPESCRIPT_PATH
        text = typescript.render()
        if options["check"]:
            if not path.exists() or path.read_text() != text:
                raise CommandError(f"{path} is out of date: run `python manage.py topics_ts`")
            return
        path.write_text(text)
        self.stdout.write(str(path))
