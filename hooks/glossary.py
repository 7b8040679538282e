"""The glossary: one file of abbreviations (``docs/includes/abbreviations.md``) that
pymdownx.snippets appends to every page, so each term shows its meaning on hover, and that
``render_glossary`` turns into the glossary section of the key-terms page.

Plain functions with no MkDocs import; the MkDocs glue is ``mkdocs_hooks.py`` beside this file.
"""

from __future__ import annotations

import re
from pathlib import Path

GLOSSARY_MARKER = "<!-- glossary -->"
ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$")


def glossary_entries(text: str) -> list[tuple[str, str]]:
    """(headword, meaning) pairs in file order; spellings that share a meaning (``epoch``,
    ``epochs``) are listed once, under the first."""
    entries: dict[str, str] = {}
    for line in text.splitlines():
        match = ENTRY.match(line)
        if match and match["meaning"] not in entries.values():
            entries[match["term"]] = match["meaning"]
    return list(entries.items())


def render_glossary(path: Path) -> str:
    """A Markdown definition list of the glossary, sorted without regard to case."""
    entries = sorted(glossary_entries(path.read_text(encoding="utf-8")), key=lambda e: e[0].lower())
    return "\n\n".join(f"{term}\n:   {meaning}" for term, meaning in entries) + "\n"
