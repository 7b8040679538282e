"""Strict, bounded JSON parsing for everything a user hands us.

Besides nesting depth (below), ``loads`` refuses what Python's ``json`` accepts but JSON does not
(NaN, Infinity), numbers that would silently become ``inf``, and integers past CPython's digit
limit, all as ``json.JSONDecodeError`` so callers report them like any other syntax error.

Nesting depth is refused before parsing.
CPython raises RecursionError on very deep nesting, but under Pyodide the JSON scanner can exhaust
the WebAssembly stack first and kill the whole interpreter (and with it the page's worker). So
every parse of user-supplied JSON checks the depth first; the check costs two ``str.count`` calls
for ordinary lines and a scan of the brackets only for lines that hold hundreds of them.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 500
MAX_INT_DIGITS = 4300  # CPython's default limit on converting digit strings to int
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


class _Refused(ValueError):
    """A value valid JSON grammar allows but strict readers refuse (raised inside a parse hook)."""


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not JSON (write a number or null)")


def finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"number {text[:20]} is too large for a 64-bit float")
    return value


_CONSTANT = re.compile(r"-?Infinity|NaN")
_LONG_INT = re.compile(rf"\d{{{MAX_INT_DIGITS + 1},}}")
_FLOAT = re.compile(r"-?\d+(?:\.\d+)?[eE][+-]?\d{3,}|-?\d{309,}\.")


def _position(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.search(text)
    return match.start() if match else 0


def strict_decoder() -> json.JSONDecoder:
    """A decoder that raises ValueError where ``loads`` refuses (NaN, Infinity, float overflow,
    over-long integers), for callers that drive the scanner themselves; they should fall back to
    ``loads`` on ValueError to get the positioned message."""
    return json.JSONDecoder(parse_constant=_constant, parse_float=finite_float)


def loads(text: str) -> Any:
    """Strict ``json.loads``: raises TooDeep instead of risking the interpreter's stack, and
    ``json.JSONDecodeError`` (with a position) for NaN, Infinity, numbers that overflow a float
    and integers longer than MAX_INT_DIGITS digits, which other JSON readers reject or mangle."""
    check_depth(text)
    try:
        return json.loads(text, parse_constant=_constant, parse_float=finite_float)
    except json.JSONDecodeError:
        raise
    except _Refused as error:
        where = _CONSTANT if "is not JSON" in str(error) else _FLOAT
        raise json.JSONDecodeError(str(error), text, _position(where, text)) from None
    except ValueError:  # CPython's limit on int() of long digit strings
        message = f"integer with more than {MAX_INT_DIGITS} digits"
        raise json.JSONDecodeError(message, text, _position(_LONG_INT, text)) from None
