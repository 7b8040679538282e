"""Findings: one problem at one place, with a stable code; a log that keeps a few of each."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

EXCERPT_CHARS = 80
SHOWN_PER_CODE = 20

# Every code the checker can report, with its severity. Codes are stable: tools may match on them.
CODES: dict[str, Severity] = {
    # the file as a whole
    "empty-file": "error",
    "file-too-large": "error",
    "file-over-upload-limit": "warning",
    "binary-file": "error",
    "json-array-file": "error",
    "csv-file": "error",
    "prompt-completion-format": "error",
    "question-answer-format": "error",
    "unknown-format": "error",
    "format-mismatch": "error",
    "too-few-examples": "error",
    "few-examples": "warning",
    # one line
    "invalid-utf8": "error",
    "invalid-json": "error",
    "nested-too-deeply": "error",
    "line-too-long": "error",
    "not-an-object": "error",
    # one chat example
    "missing-messages": "error",
    "empty-messages": "error",
    "bad-message": "error",
    "missing-role": "error",
    "unknown-role": "error",
    "unknown-key": "error",
    "unknown-top-level-key": "warning",
    "missing-content": "error",
    "bad-content": "error",
    "empty-assistant-reply": "warning",
    "missing-assistant": "error",
    "bad-weight": "error",
    "no-trained-turn": "warning",
    "bad-tool-call": "error",
    "tool-arguments-not-json": "warning",
    "missing-tool-call-id": "error",
    "unmatched-tool-call-id": "warning",
    "bad-tools": "error",
    "image-in-assistant": "error",
    "too-many-images": "error",
    "bad-image": "error",
    # preference (DPO) and reinforcement examples
    "bad-preference-input": "error",
    "bad-preference-output": "error",
    "identical-preference-outputs": "warning",
    "reinforcement-last-turn": "error",
    "system-message-in-reinforcement": "error",
    # across examples and files
    "duplicate-example": "warning",
    "near-duplicate-example": "warning",
    "train-validation-overlap": "warning",
    "missing-system-message": "warning",
    "inconsistent-system-message": "warning",
    "length-outlier": "warning",
    "over-token-limit": "warning",
    # a bug in the checker itself, reported rather than raised
    "checker-error": "error",
}


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
            text = json.dumps(value, ensure_ascii=False)
    except Exception:  # e.g. an object nested too deeply to print: show its type only
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    if len(text) > EXCERPT_CHARS:
        text = text[: EXCERPT_CHARS - 1] + "…"
    return text


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
            item = Finding(code, severity, line, file, message, excerpt(offending))
            self.shown.setdefault(code, []).append(item)

    def count_more(self, code: str, file: str, extra: int) -> None:
        """Count ``extra`` more findings of ``code`` without listing them."""
        if extra > 0:
            self.counts[code] = self.counts.get(code, 0) + extra
            key = (file, CODES[code])
            self.by_file[key] = self.by_file.get(key, 0) + extra

    def total(self, severity: Severity, file: str | None = None) -> int:
        return sum(n for (f, s), n in self.by_file.items() if s == severity and file in (None, f))
