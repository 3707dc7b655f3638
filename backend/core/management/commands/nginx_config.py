from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from backend.core import nginx


class Command(BaseCommand):
    help = (
        "Write nginx/nginx.conf for this machine into GATEHOUSE_VAR_DIR/nginx/ (make stack): "
        "listening on HOST:PORT, proxying to daphne on 127.0.0.1:WEB_PORT, serving "
        "FRONTEND_DIST and STATIC_ROOT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--web-port", type=int, default=8001, help="daphne's port")

    def handle(self, *args: Any, **options: Any) -> None:
        conf = nginx.write(
            settings.VAR_DIR / "nginx",
            listen=nginx.listen_address(options["host"], options["port"]),
            upstream=f"127.0.0.1:{options['web_port']}",
            web_root=settings.FRONTEND_DIST,
            static_root=settings.STATIC_ROOT,
        )
        self.stdout.write(str(conf))
