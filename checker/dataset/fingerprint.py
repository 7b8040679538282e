"""Small fixed-size fingerprints of examples, for duplicate and overlap checks.

One 8-byte value per example: Python's own string hash where it is 64 bits wide (fast, and only
compared within one process), BLAKE2b cut to 8 bytes where it is narrower (32-bit builds such as
Pyodide), where a 32-bit hash would collide too often on large files.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from hashlib import blake2b
from itertools import islice

_MASK = (1 << 64) - 1
_WHITESPACE = "\n\t\r\f\v"


def _wide_hash(value: str | bytes) -> int:
    return hash(value) & _MASK


def _blake_hash(value: str | bytes) -> int:
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    digest = blake2b(value, digest_size=8).digest()
    return int.from_bytes(digest, "little")


fingerprint = _wide_hash if sys.hash_info.width >= 64 else _blake_hash


def normalise(text: str) -> str:
    """Lowercase, with every run of ASCII whitespace made one space (no regex: this is per line)."""
    text = text.lower()
    for char in _WHITESPACE:
        if char in text:
            text = text.replace(char, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


def repeated(values: array[int]) -> set[int]:
    """The values that occur more than once (sorting a copy: no per-value dict)."""
    ordered = sorted(values)
    return {a for a, b in zip(ordered, islice(ordered, 1, None), strict=False) if a == b}


def first_lines(values: array[int], lines: array[int], wanted: Iterable[int]) -> dict[int, int]:
    """The line of the first example holding each wanted value."""
    wanted = set(wanted)
    found: dict[int, int] = {}
    if wanted:
        for value, line in zip(values, lines, strict=True):
            if value in wanted and value not in found:
                found[value] = line
    return found
