"""Reading what users hand the checker: files and JSON text, with one-line errors.

Every problem becomes an InputError that names the file (and line and column where there is
one), which the CLI prints as a single line with exit code 2.

The line reader here (``lines_of`` for files, ``text_lines`` for text in memory) serves
``compare`` and ``split``: it splits on ``\\n`` only (U+2028, U+0085 and a lone ``\\r`` are valid
inside a JSON Lines record), decodes each line as strict UTF-8, drops a leading byte-order mark,
bounds the length of a line, reads ``-`` as standard input, and names the formats people hand us
by mistake (compressed files, UTF-16 text) for what they are. ``validate``, ``convert`` and
``fix`` read chunks instead (the page feeds a file piece by piece) and split them into lines
themselves: ``checker.dataset.reader`` for ``validate``, ``checker.convert.common.split_lines``
for ``convert`` and ``fix``, which keep or reject each line rather than stop at the first bad one.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from checker.errors import InputError
from checker.jsonlimits import loads
from checker.textsafe import display_path

STDIN = "-"
MAX_LINE_BYTES = 64 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
_SIGNATURES = (
    (b"\x1f\x8b", "gzip-compressed: decompress it first"),
    (b"BZh", "bzip2-compressed: decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed: decompress it first"),
    (b"PK\x03\x04", "a zip archive: extract it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed: decompress it first"),
    (b"\xff\xfe", "UTF-16 text: save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text: save it as UTF-8"),
)


def name_of(path: str | os.PathLike[str]) -> str:
    """How a source is named in messages: ``standard input`` for ``-``, else its escaped path."""
    name = os.fspath(path)
    return "standard input" if name == STDIN else display_path(name)


def check_path(label: str, value: object) -> str | os.PathLike[str]:
    """``value`` if it is a path a public function can read or write, else a TypeError naming
    the parameter (bytes and file objects are refused, not guessed at)."""
    if not isinstance(value, str | os.PathLike) or isinstance(os.fspath(value), bytes):
        raise TypeError(f"{label} must be a path (str or os.PathLike), not {type(value).__name__}")
    return value


def sniff(head: bytes) -> str | None:
    """What a file that is not UTF-8 text is, from its first bytes, or None if nothing known."""
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    if len(head) >= 4:
        odd, even = head[1:4:2], head[0:4:2]
        if (odd == b"\x00\x00" and all(even)) or (even == b"\x00\x00" and all(odd)):
            return "UTF-16 text: save it as UTF-8"
    if b"\x00" in head:
        return "a binary file (it holds NUL bytes), not text"
    return None


@contextmanager
def reading(path: str | os.PathLike[str], kind: str = "file") -> Iterator[None]:
    """Turn the OS's reasons for not reading ``path`` into InputErrors."""
    name = name_of(path)
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a {kind}") from None
    except PermissionError:
        raise InputError(f"{name}: cannot read: permission denied") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None


@contextmanager
def open_binary(path: str | os.PathLike[str], kind: str = "file") -> Iterator[BinaryIO]:
    """``path`` opened for reading bytes (``-`` is standard input), with one-line errors."""
    if os.fspath(path) == STDIN:
        with reading(path, kind):
            yield sys.stdin.buffer
        return
    with reading(path, kind), Path(path).open("rb") as handle:
        yield handle


def _check_head(head: bytes, name: str) -> None:
    what = sniff(head)
    if what:
        raise InputError(f"{name}: {what}")


def lines_of(
    stream: BinaryIO, name: str, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line of ``stream``, split on ``\\n`` only, without the line
    ending (a ``\\r`` before it is dropped too) and without a leading byte-order mark."""
    peek = getattr(stream, "peek", None)
    if peek is not None:  # before reading a first "line" that may be megabytes of binary
        _check_head(peek(8)[:8], name)
    number = 0
    while True:
        raw = stream.readline(max_line_bytes + 1)
        if not raw:
            return
        number += 1
        if number == 1:
            _check_head(raw[:8], name)
            raw = raw.removeprefix(BOM)
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            raise InputError(
                f"{name}: line {number} is longer than {max_line_bytes // (1024 * 1024)} MiB; "
                "is this a JSON Lines file?"
            )
        if raw.endswith(b"\n"):
            raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name}: line {number}: not UTF-8 text (byte {error.start + 1} of the line)"
            ) from None


def text_lines(text: str) -> Iterator[tuple[int, str]]:
    """The same lines as ``lines_of``, from text already in memory (the browser's case)."""
    text = text.removeprefix("\ufeff")
    start = 0
    number = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        number += 1
        line = text[start:end]
        yield number, line.removesuffix("\r")
        start = end + 1


def read_text(
    path: str | os.PathLike[str], kind: str = "file", max_bytes: int | None = None
) -> str:
    """A UTF-8 file's text (``-`` is standard input), without a byte-order mark. Compressed and
    UTF-16 files are named as such; ``max_bytes`` refuses a longer file without reading it all."""
    name = name_of(path)
    with open_binary(path, kind) as stream:
        peek = getattr(stream, "peek", None)
        if peek is not None:
            _check_head(peek(8)[:8], name)
        data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes:,} bytes; is this the right file?")
    _check_head(data[:8], name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"{name}: line {line}: not UTF-8 text (byte {error.start + 1})") from None


def parse_json(text: str, source: str, line: int | None = None) -> Any:
    """Parse strict JSON, or raise an InputError naming ``source`` and the line (``line`` when the
    text is one line of a JSON Lines file) and column. ``source`` is printed as given."""
    try:
        return loads(text)
    except json.JSONDecodeError as error:
        position = f"line {line or error.lineno}, column {error.colno}"
        raise InputError(f"{source}: {position}: invalid JSON: {error.msg}") from None
    except RecursionError:
        where = f"{source}: line {line}" if line else source
        raise InputError(f"{where}: JSON nested too deeply") from None
