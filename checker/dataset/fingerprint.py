"""Small fixed-size fingerprints of examples, for duplicate and overlap checks.

One 8-byte value per example: Python's own string hash where it is 64 bits wide (fast, and only
compared within one process), BLAKE2b cut to 8 bytes where it is narrower (32-bit builds such as
Pyodide), where a 32-bit hash would collide too often on large files.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterable
from hashlib import blake2b

FINGERPRINT_TYPE = "q"  # array typecode: signed 64 bits


def _blake_hash(value: bytes) -> int:
    return int.from_bytes(blake2b(value, digest_size=8).digest(), "little", signed=True)


def _blake_text_hash(value: str) -> int:
    return _blake_hash(value.encode("utf-8", "surrogatepass"))


# Python's hash of bytes and of str is SipHash: 64 bits on 64-bit builds, and fast.
fingerprint: Callable[[bytes], int] = hash if sys.hash_info.width >= 64 else _blake_hash
text_fingerprint: Callable[[str], int] = hash if sys.hash_info.width >= 64 else _blake_text_hash


def repeated(values: array[int]) -> set[int]:
    """The values that occur more than once. One pass with a set of the values seen: twice as
    fast as sorting a copy, for about 60% more memory at its peak (measured, 1M values: 0.3 s
    and 64 MB against 0.7 s and 40 MB)."""
    seen: set[int] = set()
    again: set[int] = set()
    see = seen.add
    for value in values:
        if value in seen:
            again.add(value)
        else:
            see(value)
    return again


def first_lines(values: array[int], lines: array[int], wanted: Iterable[int]) -> dict[int, int]:
    """The line of the first example holding each wanted value."""
    wanted = set(wanted)
    found: dict[int, int] = {}
    if wanted:
        for value, line in zip(values, lines, strict=True):
            if value in wanted and value not in found:
                found[value] = line
    return found
