"""Strict JSON for dataset lines: what any strict parser accepts, nothing more.

Python's ``json`` reads ``NaN``, ``Infinity`` and ``-Infinity``, which are not JSON, and turns
``1e400`` into infinity: the services' parsers reject them, so a line holding one (or an integer
longer than CPython converts) is reported as not JSON, with the message and column of
``checker.jsonlimits.loads``. ``scan`` is the C scanner that
``json.loads`` wraps, without the wrapper (the per-line hot path calls it directly).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.scanner import make_scanner
from typing import NoReturn

from checker.jsonlimits import check_depth, finite_float, loads


class NotJSONConstant(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not JSON (JSON has no NaN or Infinity)")
        self.msg = str(self)


def _reject(name: str) -> NoReturn:
    raise NotJSONConstant(name)


_DECODER = json.JSONDecoder(parse_constant=_reject, parse_float=finite_float)
scan: Callable[[str, int], tuple[object, int]] = make_scanner(_DECODER)  # type: ignore[arg-type]


def strict_loads(text: str) -> object:
    """``json.loads`` without NaN/Infinity, refusing nesting deeper than jsonlimits allows."""
    check_depth(text)
    return _DECODER.decode(text)


def loads_line(text: str) -> object:
    """``strict_loads`` for a line with no surrounding whitespace (the caller strips it)."""
    check_depth(text)
    try:
        value, end = scan(text, 0)
    except StopIteration as stop:
        raise json.JSONDecodeError("Expecting value", text, stop.value) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # NaN, Infinity, a float that overflows, an integer too long
        loads(text)  # raises the same refusal with its position
        raise
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value
