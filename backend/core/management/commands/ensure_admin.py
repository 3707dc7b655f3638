import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Create an admin account if none exists, and print its login (only that once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default="admin@gatehouse.local")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(options["email"], password, name="Admin")
        self.stdout.write(
            self.style.SUCCESS("\nAn admin account was created. Its login, shown only now:\n")
            + f"  {options['url']}\n  e-mail:   {options['email']}\n  password: {password}\n"
            + "  (forgot it? python manage.py changepassword "
            + options["email"]
            + ")\n"
        )
