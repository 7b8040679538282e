"""Reading what users hand the checker: files and JSON text, with one-line errors.

Every problem becomes an InputError that names the file (and line and column where there is
one), which the CLI prints as a single line with exit code 2.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.jsonlimits import loads


@contextmanager
def reading(path: str | os.PathLike[str], kind: str = "file") -> Iterator[None]:
    """Turn the OS's reasons for not reading ``path`` into InputErrors."""
    name = os.fspath(path)
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a {kind}") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None


def read_text(path: str | os.PathLike[str], kind: str = "file") -> str:
    """A UTF-8 file's text, without a byte-order mark."""
    with reading(path, kind):
        return Path(path).read_text(encoding="utf-8-sig")


def parse_json(text: str, source: str, line: int | None = None) -> Any:
    """Parse JSON, or raise an InputError naming ``source`` and the line (``line`` when the text
    is one line of a JSON Lines file) and column."""
    try:
        return loads(text)
    except json.JSONDecodeError as error:
        position = f"line {line or error.lineno}, column {error.colno}"
        raise InputError(f"{source}: {position}: invalid JSON: {error.msg}") from None
    except RecursionError:
        where = f"{source}: line {line}" if line else source
        raise InputError(f"{where}: JSON nested too deeply") from None
