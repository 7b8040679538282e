"""The dataset checker's table of finding codes, generated from its catalogue.

A plain function with no MkDocs import (the hook in ``mkdocs_hooks.py`` calls it): the page holds
the marker, the catalogue in ``checker/dataset/codes.py`` holds the words.
"""

from __future__ import annotations

from checker.dataset.codes import CATALOGUE, Code

FINDING_CODES_MARKER = "<!-- finding-codes -->"
_SCOPES = {"file": "file", "line": "line", "example": "example", "dataset": "across examples"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def finding_codes_table(catalogue: dict[str, Code] = CATALOGUE) -> str:
    """A Markdown table of every code: code, severity, where it applies, meaning, what to do.
    Errors first, then warnings, each in catalogue order."""
    rows = [
        "| Code | Severity | Applies to | What it means | What to do |",
        "|---|---|---|---|---|",
    ]
    ordered = sorted(catalogue.items(), key=lambda item: item[1].severity != "error")
    for code, entry in ordered:
        rows.append(
            f"| `{code}` | {entry.severity} | {_SCOPES[entry.scope]} | "
            f"{_cell(entry.description)} | {_cell(entry.action)} |"
        )
    return "\n".join(rows)


def insert_finding_codes(markdown: str) -> str:
    return markdown.replace(FINDING_CODES_MARKER, finding_codes_table())
