"""Refuse JSON nested deeper than any real record before parsing it.

CPython raises RecursionError on very deep nesting, but under Pyodide the JSON scanner can exhaust
the WebAssembly stack first and kill the whole interpreter (and with it the page's worker). So
every parse of user-supplied JSON checks the depth first; the check costs two ``str.count`` calls
for ordinary lines and a scan of the brackets only for lines that hold hundreds of them.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 500
_TOKENS = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


class TooDeep(RecursionError):
    """The JSON text nests more than MAX_DEPTH arrays and objects."""


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    in_string = False
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char == '"':
            in_string = not in_string
        elif in_string or len(char) == 2:
            continue
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def check_depth(text: str) -> None:
    """Raise TooDeep (a RecursionError) when ``text`` nests more than MAX_DEPTH levels."""
    if too_deep(text):
        raise TooDeep(f"nested more than {MAX_DEPTH} levels deep")


def loads(text: str) -> Any:
    """``json.loads`` that raises TooDeep instead of risking the interpreter's stack."""
    check_depth(text)
    return json.loads(text)
