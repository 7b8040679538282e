"""Unicode character classes for ``re``, built from ``unicodedata``.

The reference tokenizer's pre-tokenisation pattern is written for the Rust ``regex`` crate and
uses ``\\p{L}``, ``\\p{N}``, ``\\p{Lu}`` ... and a Unicode ``\\s``; Python's ``re`` has none of
the ``\\p`` classes, and its ``\\s`` differs. This module builds each class as compact code point
ranges (a ``[...]`` body) from the running Python's ``unicodedata``, once, on first use.

Where the two can disagree:

- ``\\p{...}`` classes follow the Unicode version of the running Python (``unidata_version``:
  14.0 on CPython 3.11, 15.0 on 3.12, 15.1 on 3.13, 16.0 on 3.14, the Pyodide the site ships).
  A code point assigned in a later version than that (a new script, say) is unassigned here,
  so it is neither a letter nor a number, and text containing it may split differently from the
  reference. The reference (tiktoken 0.14's Rust ``regex``) uses Unicode 16.0: measured with
  scripts/unicode_differences.py on CPython 3.11, exactly the 9,485 code points assigned in
  Unicode 15.0, 15.1 and 16.0 (49 ranges, e.g. U+10D40..U+10D85 Garay, U+13460..U+143FA
  Egyptian hieroglyphs extended-A, U+2EBF0..U+2EE5D and U+31350..U+323AF CJK extensions I
  and H, U+0CF3, U+A7CB..U+A7CD) split differently there, and no other code point does. On
  Pyodide (Python 3.14, Unicode 16.0), the site's runtime, the tables are the reference's.
  Text in those scripts counted on an older CPython may be off by a few tokens; the 8,000-text
  test corpus avoids them and agrees on both.
- Only the Basic Multilingual Plane goes into the classes: ``re`` tests a character against
  ranges above U+FFFF one by one, which made the pattern 18 times slower. Before matching, each
  character above U+FFFF is replaced by a stand-in from the BMP in exactly the same classes
  (``stand_in``: an uppercase letter by ``A``, a mark by U+0300, a digit by ``0`` ...); the
  replacement keeps every offset, so the pieces are cut from the original text.
- ``\\s`` is Unicode's ``White_Space`` property, a fixed list of 25 code points (unchanged since
  Unicode 6). Python's own ``\\s`` also matches U+001C..U+001F (information separators), which
  are not white space for the reference: we never use Python's ``\\s``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from itertools import groupby

# The White_Space property (PropList.txt), stable since Unicode 6.0.
WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

UNICODE_VERSION = unicodedata.unidata_version
_BMP_END = 0xFFFF


@cache
def _categories() -> dict[str, list[tuple[int, int]]]:
    """General category → sorted, merged code point ranges, within the BMP (the classes need no
    more: characters above it are matched through stand-ins)."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    start = 0
    # map and groupby run in C: four times faster than a loop over 65,536 code points, which
    # was the largest single cost of a small file's check
    for category, run in groupby(map(unicodedata.category, map(chr, range(_BMP_END + 1)))):
        end = start + len(list(run))
        ranges.setdefault(category, []).append((start, end - 1))
        start = end
    return ranges


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


# Characters with a meaning inside ``[...]`` (or, doubled, a future one). The classes are written
# with literal characters, not ``\uXXXX`` escapes: the same parsed pattern, compiled in two
# thirds of the time (re's parser reads an escape in Python, a literal in one step).
_SPECIAL_IN_CLASS = frozenset("\\]^-[&~|")


def _literal(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in _SPECIAL_IN_CLASS else char


def ranges_of(*names: str) -> list[tuple[int, int]]:
    """Code point ranges of general categories, by full name (``Lu``) or one letter (``L``)."""
    table = _categories()
    wanted = [cat for cat in table if any(cat == n or (len(n) == 1 and cat[0] == n) for n in names)]
    return _merged(r for cat in wanted for r in table[cat])


# Stand-ins from the BMP for characters above it, by general category (see the module doc).
_STAND_INS = {"Lu": "A", "Ll": "a", "Lt": "\u01c5", "Lm": "\u02b0", "Lo": "\u00aa", "M": "\u0300"}
_STAND_INS |= {"N": "0"}
_OTHER = "#"  # in none of the classes, and not a character the pattern names


def stand_in(char: str) -> str:
    """A BMP character in exactly the same pattern classes as ``char``."""
    category = unicodedata.category(char)
    return _STAND_INS.get(category) or _STAND_INS.get(category[0]) or _OTHER


@cache
def class_body(*names: str) -> str:
    """The inside of a ``[...]`` that matches the union of the named classes within the BMP.
    Names are general categories (``L``, ``Lu``, ``M``, ``N`` ...) or ``s`` for white space."""
    ranges: list[tuple[int, int]] = []
    for name in names:
        if name == "s":
            ranges.extend((ord(c), ord(c)) for c in WHITE_SPACE)
        else:
            ranges.extend(ranges_of(name))
    parts = []
    for low, high in _merged((low, min(high, 0xFFFF)) for low, high in ranges if low <= 0xFFFF):
        parts.append(_literal(low) if low == high else f"{_literal(low)}-{_literal(high)}")
    return "".join(parts)
