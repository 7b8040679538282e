"""Every finding code the checker can report has a catalogue entry, and the docs show them all."""

from __future__ import annotations

import re
from pathlib import Path

from checker.dataset.codes import CATALOGUE
from checker.dataset.formats import FORMAT_CODES
from findingcodes import FINDING_CODES_MARKER, finding_codes_table

PACKAGE = Path(__file__).resolve().parents[3] / "checker" / "dataset"
ROOT = PACKAGE.parents[1]
# a code literal passed to a reporting call: add("code", ...), tally("code", ...), log.add("code"
REPORTED = re.compile(r'\b(?:add|tally|count_more)\(\s*"([a-z0-9-]+)"')


def reported_codes() -> set[str]:
    found: set[str] = set(FORMAT_CODES.values())
    for path in PACKAGE.glob("*.py"):
        found |= set(REPORTED.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_reported_code_has_an_entry() -> None:
    codes = reported_codes()
    assert len(codes) > 40  # the pattern still finds the calls
    missing = sorted(codes - CATALOGUE.keys())
    assert not missing, f"add these codes to checker/dataset/codes.py: {missing}"


def test_every_entry_is_reported_somewhere() -> None:
    unused = sorted(CATALOGUE.keys() - reported_codes())
    assert not unused, f"codes in the catalogue that nothing reports: {unused}"


def test_entries_are_one_sentence_each() -> None:
    for code, entry in CATALOGUE.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        for text in (entry.description, entry.action):
            assert text[0].isupper() and text.endswith("."), (code, text)
            assert len(text) < 160, (code, text)


def test_docs_table_lists_every_code_and_the_page_has_the_marker() -> None:
    table = finding_codes_table()
    for code, entry in CATALOGUE.items():
        assert f"| `{code}` | {entry.severity} |" in table
    page = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    assert FINDING_CODES_MARKER in page
