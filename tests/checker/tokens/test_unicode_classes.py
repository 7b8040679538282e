"""The character classes of the pre-tokenisation pattern match exactly the code points of their
Unicode categories, on every BMP code point (runs in Pyodide too)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from checker.tokens.unicode_classes import WHITE_SPACE, class_body

BMP = "".join(map(chr, range(0x10000)))


@pytest.mark.parametrize(
    "names",
    [("Lu", "Lt", "Lm", "Lo", "M"), ("Ll", "Lm", "Lo", "M"), ("L", "N"), ("N",), ("s",)],
)
def test_a_class_matches_exactly_its_categories(names: tuple[str, ...]) -> None:
    def member(char: str) -> bool:
        category = unicodedata.category(char)
        if "s" in names and char in WHITE_SPACE:
            return True
        return category in names or category[0] in names

    expected = [char for char in BMP if member(char)]
    assert re.findall(f"[{class_body(*names)}]", BMP) == expected
    negated = re.findall(f"[^\\r\\n{class_body(*names)}]", BMP)
    assert negated == [char for char in BMP if not member(char) and char not in "\r\n"]


def test_characters_special_in_a_class_are_taken_literally() -> None:
    """Written with literal characters, a class must escape what ``[...]`` gives a meaning."""
    from checker.tokens.unicode_classes import _literal

    for char in "\\]^-[&~|":
        assert re.fullmatch(f"[{_literal(ord(char))}]", char)
        assert re.fullmatch(f"[a{_literal(ord(char))}{_literal(ord(char))}]+", char * 2)
