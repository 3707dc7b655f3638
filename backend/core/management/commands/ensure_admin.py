import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from backend.core.logins import login_remember


class Command(BaseCommand):
    help = (
        "Create an admin account if none exists, and print its login; it is kept in "
        "var/logins.json for `manage.py logins` to show again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default="admin@gatehouse.local")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(options["email"], password, name="Admin")
        login_remember("admin", email=options["email"], password=password)
        self.stdout.write(
            self.style.SUCCESS("\nAn admin account was created:\n")
            + f"  {options['url']}\n  e-mail:   {options['email']}\n  password: {password}\n"
            + "  (kept in var/logins.json; forgot it? python manage.py changepassword "
            + options["email"]
            + ")\n"
        )
