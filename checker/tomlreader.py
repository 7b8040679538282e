"""One typed reader for the project's own TOML files (criteria.toml, facts.toml).

Each method takes a parsed table, a field and ``where`` (the entry, as a reader of the file would
find it: "questions[2] item 'x'"), returns the field's value with its type checked, and otherwise
raises the file's error type with ``SOURCE: WHERE: what is wrong``, so a broken file stops the
build or the command with a line that names the entry.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from typing import Any

from checker.errors import InputError


class TomlReader:
    """Typed field access that names the entry in every error."""

    def __init__(self, source: str, error: type[InputError] = InputError) -> None:
        self.source = source
        self.error = error

    def fail(self, where: str, message: str) -> InputError:
        return self.error(
            f"{self.source}: {where}: {message}" if where else f"{self.source}: {message}"
        )

    def parse(self, text: str) -> dict[str, Any]:
        """The file's text as tables; a syntax error is one line naming the file."""
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise self.fail("", f"invalid TOML: {error}") from None
        except RecursionError:
            raise self.fail("", "invalid TOML: nested too deeply") from None
        except ValueError as error:  # e.g. an integer over CPython's digit limit
            raise self.fail("", f"invalid TOML: {str(error)[:120]}") from None

    def table(self, raw: Any, field: str, where: str) -> dict[str, Any]:
        value = raw.get(field)
        if not isinstance(value, dict) or not value:
            raise self.fail(where, f"needs a [{field}] table")
        return value

    def tables(self, raw: Any, field: str, where: str, optional: bool = False) -> list[Any]:
        """An array of tables (``[[field]]``): at least one, unless ``optional``."""
        value = raw.get(field)
        if value is None and optional:
            return []
        if not isinstance(value, list) or (not value and not optional):
            raise self.fail(where, f"needs at least one [[{field}]] table")
        return value

    def entry(self, raw: Any, where: str, fields: set[str] | None = None) -> dict[str, Any]:
        """``raw`` as a table, holding only ``fields`` when they are given."""
        if not isinstance(raw, dict):
            raise self.fail(where, "must be a table")
        unknown = sorted(set(raw) - fields) if fields is not None else []
        if unknown:
            raise self.fail(where, f"unknown field {unknown[0]!r}")
        return raw

    def text(self, raw: dict[str, Any], field: str, where: str) -> str:
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"field '{field}' is missing or empty")
        return value

    def optional_text(self, raw: dict[str, Any], field: str, where: str) -> str | None:
        return None if raw.get(field) is None else self.text(raw, field, where)

    def choice(
        self,
        raw: dict[str, Any],
        field: str,
        where: str,
        allowed: Iterable[Any],
        optional: bool = False,
    ) -> Any:
        """One of ``allowed``; None when absent and ``optional``."""
        value = raw.get(field)
        if value is None and optional:
            return None
        allowed = tuple(allowed)
        if value not in allowed:
            shown = ", ".join(str(option) for option in allowed)
            raise self.fail(where, f"{field} {value!r} is not one of {shown}")
        return value

    def integer(self, raw: dict[str, Any], field: str, where: str, optional: bool = False) -> Any:
        value = raw.get(field)
        if value is None and optional:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise self.fail(where, f"field '{field}' must be a positive whole number")
        return value

    def whole(
        self,
        raw: dict[str, Any],
        field: str,
        where: str,
        low: int,
        high: int,
        default: int | None = None,
    ) -> int:
        """A whole number from ``low`` to ``high``, ``default`` when absent (required if None)."""
        value = raw.get(field, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(where, f"{field} must be a whole number from {low} to {high}")
        return value

    def number(self, raw: dict[str, Any], field: str, where: str) -> float:
        value: Any = raw.get(field)
        if not _is_real(value) or not value >= 0:
            raise self.fail(where, f"field '{field}' must be a number of 0 or more")
        return float(value)

    def real(
        self,
        raw: dict[str, Any],
        field: str,
        where: str,
        low: float,
        high: float,
        default: float | None = None,
    ) -> float:
        """A number (whole or not) from ``low`` to ``high``, ``default`` when absent."""
        value: Any = raw.get(field, default)
        if not _is_real(value) or not low <= value <= high:
            raise self.fail(where, f"{field} must be a number from {low:,} to {high:,}")
        return float(value)

    def flag(self, raw: dict[str, Any], field: str, where: str, default: bool = False) -> bool:
        value = raw.get(field, default)
        if not isinstance(value, bool):
            raise self.fail(where, f"field '{field}' must be true or false")
        return value

    def date(self, raw: dict[str, Any], field: str, where: str, optional: bool = False) -> Any:
        value = raw.get(field)
        if value is None and optional:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise self.fail(where, f"field '{field}' must be a date (YYYY-MM-DD, unquoted)")
        return value

    def words(
        self,
        raw: dict[str, Any],
        field: str,
        where: str,
        allowed: tuple[str, ...] = (),
        optional: bool = False,
    ) -> tuple[str, ...]:
        """A list of names, each one of ``allowed`` when given; () when absent and ``optional``."""
        value = raw.get(field)
        if value is None and optional:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(where, f"field '{field}' must be a list of names")
        for word in value:
            if allowed and word not in allowed:
                raise self.fail(where, f"{field} {word!r} is not one of {', '.join(allowed)}")
        return tuple(value)

    def texts(
        self, raw: dict[str, Any], field: str, where: str, optional: bool = False
    ) -> dict[str, str]:
        """An inline table of names to texts (``{ name = "text" }``); {} when absent and
        ``optional``."""
        value = raw.get(field)
        if value is None and optional:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(text, str) and text.strip() for text in value.values()
        ):
            raise self.fail(where, f"field '{field}' must map names to texts")
        return dict(value)


def _is_real(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
