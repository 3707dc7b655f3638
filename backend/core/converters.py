"""Path converters: ``<id:name>`` is an ``<int:name>`` that fits the database's ids.

Django's ``int`` converter takes any run of digits, so ``/api/tickets/99999999999999999999/``
handed its view an id past the bigint range: harmless in an ORM ``pk=`` lookup (it matches
nothing), an overflow (a 500) wherever the id goes into raw SQL or a write on SQLite. An id
no row can have is a 404 here, before any view: the path names nothing, and says so in the
JSON 404 of unknown ``/api/`` paths. The schema shows these parameters as bounded integers
(``PATH_CONVERTER_OVERRIDES`` in settings).
"""

from __future__ import annotations

from django.urls import register_converter

from backend.core.fields import parse_id


class IdConverter:
    """A database id: 1 to the bigint maximum (anything else: no match, so a 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"{value} is no id")  # to Django: this route does not match
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
