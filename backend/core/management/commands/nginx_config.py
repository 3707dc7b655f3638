import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from backend.core import nginx
from backend.core.processes import process_count


class Command(BaseCommand):
    help = (
        "Write nginx/nginx.conf for this machine into GATEHOUSE_VAR_DIR/nginx/ (make stack): "
        "listening on HOST:PORT, proxying to the web processes on 127.0.0.1:WEB_PORT, "
        "WEB_PORT + 1, … (WEB_PROCESSES of them), serving FRONTEND_DIST and STATIC_ROOT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--web-port", type=int, default=8001, help="the first web port")
        parser.add_argument(
            "--web-processes",
            default=os.environ.get("WEB_PROCESSES") or "1",
            help="web processes on consecutive ports (a number, or auto: one per core), "
            "as python -m backend.serve --processes counts them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        shared = bool(settings.REDIS_URL)  # the channel layer and cache every process shares
        processes = process_count(options["web_processes"], shared_layer=shared)
        conf = nginx.write(
            settings.VAR_DIR / "nginx",
            listen=nginx.listen_address(options["host"], options["port"]),
            upstream=nginx.web_servers("127.0.0.1", options["web_port"], processes),
            web_root=settings.FRONTEND_DIST,
            static_root=settings.STATIC_ROOT,
        )
        self.stdout.write(str(conf))
