"""Findings: one problem at one place, with a stable code; a log that keeps a few of each; the
``Sink`` through which the checks report them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

from checker.dataset.codes import CATALOGUE, CODES, Severity

__all__ = ["CATALOGUE", "CODES", "Finding", "FindingLog", "LineSink", "Severity", "Sink"]

EXCERPT_CHARS = 80
SHOWN_PER_CODE = 20
FIRST_LINES = 5  # lines named in a finding that stands for many (one per unknown key)


def scrub(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udXXX`` escapes, so every output can encode
    it (a JSON file may hold ``"\\ud800"``, which Python decodes into a lone surrogate)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    line: int | None
    file: str
    message: str
    excerpt: str


def excerpt(value: object) -> str:
    """A short one-line view of ``value`` (text as is, anything else as compact JSON)."""
    try:
        if isinstance(value, bytes):
            text = value[: EXCERPT_CHARS * 4].decode("utf-8", "replace")
        elif isinstance(value, str):
            text = value[: EXCERPT_CHARS * 4]
        else:
            text = json.dumps(value, ensure_ascii=False)[: EXCERPT_CHARS * 4]
    except Exception:  # e.g. an object nested too deeply to print: show its type only
        text = f"<{type(value).__name__}>"
    text = " ".join(scrub(text).split())
    if len(text) > EXCERPT_CHARS:
        text = text[: EXCERPT_CHARS - 1] + "…"
    return text


class Sink(Protocol):
    """Where the checks of one example report, bound to the current file and line."""

    def add(self, code: str, message: str, offending: object = "") -> None: ...

    def tally(self, code: str, subject: str, message: str) -> None:
        """Count one occurrence of ``subject`` (e.g. an unknown key): the file gets one finding
        per subject, with the count and the first lines, instead of one per line."""


class FindingLog:
    """Counts every finding per code, keeps the first ``SHOWN_PER_CODE`` of each."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.shown: dict[str, list[Finding]] = {}
        self.by_file: dict[tuple[str, Severity], int] = {}

    def add(
        self, code: str, file: str, line: int | None, message: str, offending: object = ""
    ) -> None:
        severity = CODES[code]
        count = self.counts.get(code, 0)
        self.counts[code] = count + 1
        key = (file, severity)
        self.by_file[key] = self.by_file.get(key, 0) + 1
        if count < SHOWN_PER_CODE:
            item = Finding(code, severity, line, file, scrub(message), excerpt(offending))
            self.shown.setdefault(code, []).append(item)

    def count_more(self, code: str, file: str, extra: int) -> None:
        """Count ``extra`` more findings of ``code`` without listing them."""
        if extra > 0:
            self.counts[code] = self.counts.get(code, 0) + extra
            key = (file, CODES[code])
            self.by_file[key] = self.by_file.get(key, 0) + extra

    def total(self, severity: Severity, file: str | None = None) -> int:
        return sum(n for (f, s), n in self.by_file.items() if s == severity and file in (None, f))


class _Tally:
    __slots__ = ("count", "lines", "message")

    def __init__(self, message: str) -> None:
        self.count = 0
        self.lines: list[int] = []
        self.message = message


class LineSink:
    """The ``Sink`` of one file: reports at the current line and counts errors, so the session
    knows which examples are invalid."""

    __slots__ = ("errors", "file", "line", "log", "tallies")

    def __init__(self, log: FindingLog, file: str) -> None:
        self.log = log
        self.file = file
        self.line: int | None = None
        self.errors = 0
        self.tallies: dict[tuple[str, str], _Tally] = {}

    def add(self, code: str, message: str, offending: object = "") -> None:
        self.log.add(code, self.file, self.line, message, offending)
        if CODES[code] == "error":
            self.errors += 1

    def tally(self, code: str, subject: str, message: str) -> None:
        entry = self.tallies.get((code, subject))
        if entry is None:
            if len(self.tallies) >= 1000:  # bounded: a file with a new key on every line
                self.log.count_more(code, self.file, 1)
                return
            entry = self.tallies[code, subject] = _Tally(message)
        entry.count += 1
        if len(entry.lines) < FIRST_LINES and self.line is not None:
            entry.lines.append(self.line)
        if CODES[code] == "error":
            self.errors += 1

    def flush_tallies(self) -> None:
        """One finding per tallied subject, at its first line."""
        for (code, _), entry in self.tallies.items():
            lines = ", ".join(map(str, entry.lines))
            more = ", ..." if entry.count > len(entry.lines) else ""
            where = f"on {entry.count:,} line{'s' if entry.count != 1 else ''} ({lines}{more})"
            first = entry.lines[0] if entry.lines else None
            self.log.add(code, self.file, first, f"{entry.message} {where}")
        self.tallies.clear()


def describe(code: str) -> str:
    """The catalogue's sentence for ``code``."""
    return CATALOGUE[code].description
