"""Reading an uploaded CSV file for an all-or-nothing import (the pieces every import shares).

:func:`read_csv` decodes the bytes (UTF-8, with or without the spreadsheet's BOM), finds the
delimiter (``,``, ``;`` or a tab) and the columns by their header names, and returns the
non-blank rows with the line each starts on, so a report can name lines as the user sees
them in an editor. A file that cannot be read at all raises :class:`CsvFileError` (a 400)
with a message that says what to do; problems with single rows are the importer's to report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from backend.core.errors import ValidationError

DELIMITERS = (",", ";", "\t")  # spreadsheets in some locales save with ";" or tabs


class CsvFileError(ValidationError):
    """The file cannot be imported; ``report`` holds the rows' report when it was readable."""

    code, message = "invalid_csv_file", "The file cannot be imported."

    def __init__(self, message: str | None = None, *, report: Any = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line the record starts on (1 is the header)
    values: Mapping[str, str]  # column → stripped cell ("" when the row is short)
    raw: str  # the record as written, for reports


def read_csv(
    data: bytes,
    *,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
    example: str | None = None,
) -> list[CsvRow]:
    """The file's rows. ``columns`` maps each column to the header names it may have, in
    order of preference (matched without case); the ``required`` ones must be there
    (``example``: a header line to suggest when they are not, the required names by
    default)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError(
            "The file is not UTF-8 text. Save it from the spreadsheet as "
            "'CSV UTF-8 (comma delimited)' and try again."
        ) from None
    if not text.strip():
        raise CsvFileError("The file is empty.")
    try:
        delimiter, positions = _columns(text, columns, required, example)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        next(reader)  # the header
        rows: list[CsvRow] = []
        line = reader.line_num + 1  # the line the next record starts on
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue  # blank lines are not rows
            values = {
                name: record[at].strip() if at is not None and at < len(record) else ""
                for name, at in positions.items()
            }
            rows.append(CsvRow(line=start, values=values, raw=delimiter.join(record)))
    except csv.Error as exc:
        raise CsvFileError(f"The file is not readable as CSV: {exc}.") from None
    if not rows:
        raise CsvFileError("The file has a header but no rows below it.")
    return rows


def _columns(
    text: str, columns: Mapping[str, Sequence[str]], required: Sequence[str], example: str | None
) -> tuple[str, dict[str, int | None]]:
    best: tuple[int, str, dict[str, int | None]] | None = None
    for delimiter in DELIMITERS:
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        header = [cell.strip().lower() for cell in first]
        positions = {
            name: next((header.index(h) for h in names if h in header), None)
            for name, names in columns.items()
        }
        found = sum(1 for name in required if positions[name] is not None)
        if found == len(required):
            return delimiter, positions
        if best is None or found > best[0]:
            best = (found, delimiter, positions)
    assert best is not None
    missing = [name for name in required if best[2][name] is None]
    names = ", ".join(f"'{name}'" for name in missing)
    example = example or ",".join(required)
    raise CsvFileError(
        f"The file has no {names} column{'s' if len(missing) > 1 else ''}. Its first line "
        f"must name the columns, e.g. '{example}'."
    )


def plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def invalid_rows_message(lines: Sequence[int]) -> str:
    """'2 invalid rows (line 3, 7); nothing was written.'"""
    shown = ", ".join(str(line) for line in lines[:10])
    more = "…" if len(lines) > 10 else ""
    count = len(lines)
    return f"{count} invalid {plural(count, 'row')} (line {shown}{more}); nothing was written."
