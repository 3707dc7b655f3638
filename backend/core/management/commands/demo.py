from typing import Any

from django.core.management.base import BaseCommand

from backend.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data of every scenario (idempotent: safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = load_demo(lambda line: self.stdout.write(f"  {line}"))
        if count == 0:
            self.stdout.write("Demo data: no scenario has demo data yet.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Demo data ready ({count} loaders ran)."))
