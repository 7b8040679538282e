"""List code points where this Python's character classes split text differently from the
reference tokenizer (host only: needs tiktoken from the test extra).

Run: .venv/bin/python scripts/unicode_differences.py [--all]

checker.tokens builds \\p{L}, \\p{N}, \\p{M} ... from ``unicodedata``, whose Unicode version is
the running Python's; the reference (tiktoken's Rust regex) has its own. For every code point
(by default those this Python leaves unassigned or that are above U+FFFF, where versions differ;
--all for every one) this counts a few probe strings with both and prints the code points where
any count differs, as ranges, with their category in this Python.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.tokens import count_tokens  # noqa: E402
from tests.checker.tokens.oracle import oracle  # noqa: E402

PROBES = ("a{}'s", "{}111", "A{}a", " {}b", "{}{}'S")


def differs(char: str, reference: object) -> bool:
    encode = reference.encode_ordinary  # type: ignore[attr-defined]
    for probe in PROBES:
        text = probe.format(char, char)
        if count_tokens(text) != len(encode(text)):
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    reference = oracle()
    found: list[int] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if not args.all and code <= 0xFFFF and unicodedata.category(char) != "Cn":
            continue
        if differs(char, reference):
            found.append(code)
    ranges: list[list[int]] = []
    for code in found:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    print(f"Python {sys.version.split()[0]}, Unicode {unicodedata.unidata_version}: "
          f"{len(found)} code points in {len(ranges)} ranges split differently")  # fmt: skip
    for low, high in ranges:
        print(f"U+{low:04X}..U+{high:04X} ({unicodedata.category(chr(low))} here)")


if __name__ == "__main__":
    main()
