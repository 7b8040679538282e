"""Pieces shared by ``convert`` and ``fix``: numbered lines from byte chunks, the change log, the
rejects file, and the output buffer that also feeds the dataset checker.

Memory stays bounded: lines are read one chunk at a time (a line longer than ``max_line_bytes``
is counted, not kept), the change log keeps line numbers as ranges up to a fixed number of
ranges per kind of change, and output is written in chunks of about a megabyte.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from hashlib import blake2b
from json.scanner import make_scanner
from typing import Any, BinaryIO, Protocol

from checker.errors import InputError
from checker.jsonlimits import loads, strict_decoder, too_deep
from checker.userfiles import STDIN, reading

BOM = b"\xef\xbb\xbf"
MAX_LINE_BYTES = 32 * 1024 * 1024
FLUSH_BYTES = 1024 * 1024
MAX_RANGES = 1000  # line ranges listed per kind of change; the count always covers every line
_WHITESPACE = b" \t\r\n\f\v"
_WHITESPACE_CODES = frozenset(_WHITESPACE)

# What each kind of change means, in the order the log lists them.
CHANGES = {
    "bom-removed": "byte-order mark removed",
    "line-end-normalised": "CRLF line end changed to LF",
    "blank-line-dropped": "blank line dropped",
    "header-row": "header row read as column names",
    "converted": "converted to a chat example",
    "system-added": "system message added (--system)",
    "system-kept": "already had a system message; --system not added",
    "legacy-stripped": "legacy separator, stop sequence or leading space removed (--strip-legacy)",
    "duplicate-dropped": "exact duplicate of an earlier line dropped (the first is kept)",
    "near-duplicate-dropped": (
        "near-duplicate of an earlier example dropped (same prompt once case and spacing are "
        "ignored)"
    ),
    "overlap-dropped": (
        "validation example with the prompt of a training example dropped from validation "
        "(answers may differ; the dropped file names the training line)"
    ),
    "conflicting-labels": (
        "the same prompt word for word as an earlier example, with another answer: kept, "
        "decide which is right"
    ),
    "rejected": "could not be used: written to the rejects file with the reason",
}
WIDE_HASH = sys.hash_info.width >= 64
# CPython reports deep nesting as a RecursionError, which the readers catch; under Pyodide the
# scanner can overflow the WebAssembly stack first, so there every line is measured before.
GUARD_DEPTH = sys.platform == "emscripten"


def digest(data: bytes | str) -> int:
    """A 64-bit fingerprint for duplicate sets, compared only within one process: Python's own
    hash where it is 64 bits wide, BLAKE2b cut to 8 bytes where it is narrower (Pyodide)."""
    if WIDE_HASH:
        return hash(data)
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return int.from_bytes(blake2b(raw, digest_size=8).digest(), "little")


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


class Feedable(Protocol):
    def feed(self, chunk: bytes) -> None: ...


def split_lines(
    chunks: Iterable[bytes], max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[bytes | int]:
    """Each line's bytes without its ``\\n``; for a line longer than ``max_line_bytes``, its
    length instead (its bytes are dropped as they arrive)."""
    pending: list[bytes] = []
    size = 0
    skipping = False
    limit = max_line_bytes
    for chunk in chunks:
        parts = bytes(chunk).split(b"\n")
        last = parts.pop()
        if parts:
            first = parts[0]
            if pending or skipping:
                total = size + len(first)
                yield total if skipping or total > limit else b"".join(pending) + first
                pending, size, skipping = [], 0, False
            else:
                yield first if len(first) <= limit else len(first)
            for part in parts[1:]:
                yield part if len(part) <= limit else len(part)
        if last:
            size += len(last)
            if skipping:
                continue
            if size > limit:
                skipping, pending = True, []
            else:
                pending.append(last)
    if pending or skipping:
        yield size if skipping else b"".join(pending)


def _ranges_text(ranges: list[list[int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


class Change:
    __slots__ = ("count", "ranges", "unlisted")

    def __init__(self) -> None:
        self.count = 0
        self.ranges: list[list[int]] = []
        self.unlisted = 0

    def add(self, line: int) -> None:
        self.count += 1
        ranges = self.ranges
        if ranges and ranges[-1][1] == line - 1:
            ranges[-1][1] = line
        elif ranges and ranges[-1][1] == line:
            return
        elif len(ranges) < MAX_RANGES:
            ranges.append([line, line])
        else:
            self.unlisted += 1


class ChangeLog:
    """What was changed, on which lines (as ranges), and how many, per file and kind."""

    def __init__(self) -> None:
        self.changes: dict[tuple[str, str], Change] = {}
        self.notes: list[str] = []

    def add(self, file: str, kind: str, line: int) -> None:
        self.change(file, kind).add(line)

    def change(self, file: str, kind: str) -> Change:
        change = self.changes.get((file, kind))
        if change is None:
            change = self.changes[(file, kind)] = Change()
        return change

    def count(self, kind: str, file: str | None = None) -> int:
        return sum(c.count for (f, k), c in self.changes.items() if k == kind and file in (None, f))

    def to_dict(self) -> list[dict[str, Any]]:
        order = list(CHANGES)
        # A change bound ahead of the loop (for speed) but never made is not listed.
        made = [key for key, change in self.changes.items() if change.count]
        keys = sorted(made, key=lambda key: (key[0] != "train", order.index(key[1])))
        return [
            {
                "file": file,
                "change": kind,
                "what": CHANGES[kind],
                "count": self.changes[(file, kind)].count,
                "lines": self.changes[(file, kind)].ranges,
                "lines_not_listed": self.changes[(file, kind)].unlisted,
            }
            for file, kind in keys
        ]

    def text(self) -> list[str]:
        out = []
        for item in self.to_dict():
            lines = _ranges_text(item["lines"])
            more = item["lines_not_listed"]
            suffix = f", and {more:,} more" if more else ""
            out.append(
                f"  {item['file']}: {item['what']}: {item['count']:,} "
                f"(line{'s' if item['count'] > 1 else ''} {lines}{suffix})"
            )
        return out


class Rejects:
    """The rejects file: one JSON object per line with the file, line, reason and the text."""

    def __init__(self, stream: Writable, log: ChangeLog) -> None:
        self.stream = stream
        self.log = log
        self.count = 0
        self.first: str | None = None  # "line N: reason" of the first reject, for messages

    def add(self, file: str, line: int, reason: str, source: bytes | str | None) -> None:
        if isinstance(source, bytes):
            source = source.decode("utf-8", "backslashreplace")
        item = {"file": file, "line": line, "reason": reason, "text": source}
        self.stream.write(json.dumps(item, ensure_ascii=False).encode("utf-8", "backslashreplace"))
        self.stream.write(b"\n")
        self.count += 1
        self.log.add(file, "rejected", line)
        if self.first is None:
            self.first = f"line {line}: {reason}"


class Output:
    """Output lines written in chunks to a stream, and fed to a dataset session if one is given
    (so the result is checked as it is written, without reading it back)."""

    def __init__(self, stream: Writable, session: Feedable | None = None) -> None:
        self.stream = stream
        self.session = session
        self.buffer: list[bytes] = []
        self.size = 0
        self.lines = 0

    def add(self, line: bytes) -> None:
        self.buffer.append(line)
        self.size += len(line) + 1
        self.lines += 1
        if self.size >= FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        data = b"\n".join(self.buffer) + b"\n"
        self.buffer, self.size = [], 0
        self.stream.write(data)
        if self.session is not None:
            self.session.feed(data)


# json.loads without its Python-level wrappers: the C scanner, as JSONDecoder.raw_decode uses it
_scan: Callable[[str, int], tuple[Any, int]] = make_scanner(strict_decoder())  # type: ignore[arg-type]


def parse(text: str) -> Any:
    """``json.loads`` of one line (with the depth guard of jsonlimits), faster for the common
    line that starts with its value; any other line takes json.loads for its exact error."""
    if not (GUARD_DEPTH and too_deep(text)):
        try:
            value, end = _scan(text, 0)
        except (StopIteration, ValueError):  # loads below gives the positioned message
            pass
        else:
            if end == len(text) or not text[end:].strip(" \t\r\n"):
                return value
    return loads(text)


def read_json_lines(
    chunks: Iterable[bytes], file: str, log: ChangeLog, rejects: Rejects
) -> Iterator[tuple[int, bytes, Any]]:
    """Each usable line of a JSON Lines stream: (line number, its bytes, the parsed value).

    A leading BOM (on any line) and a CR before the LF are removed and logged; blank lines are
    logged and skipped; lines that are too long, not UTF-8 or not JSON go to the rejects file.
    """
    for number, line in enumerate(split_lines(chunks), start=1):
        if isinstance(line, int):
            reason = f"the line is {line:,} bytes long, over the limit of {MAX_LINE_BYTES:,}"
            rejects.add(file, number, reason, None)
            continue
        if line.startswith(BOM):
            line = line[3:]
            log.add(file, "bom-removed", number)
        if line.endswith(b"\r"):
            line = line[:-1]
            log.add(file, "line-end-normalised", number)
        if not line or (line[0] in _WHITESPACE_CODES and not line.strip(_WHITESPACE)):
            log.add(file, "blank-line-dropped", number)
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            rejects.add(file, number, f"not UTF-8 text (byte {error.start + 1})", line)
            continue
        try:
            value = parse(text)
        except json.JSONDecodeError as error:
            rejects.add(file, number, f"invalid JSON at column {error.colno}: {error.msg}", line)
            continue
        except RecursionError:
            rejects.add(file, number, "JSON nested too deeply", line)
            continue
        yield number, line, value


def refuse_binary(head: bytes, name: str) -> None:
    """An InputError when a file is plainly not UTF-8 text (an archive, UTF-16, NUL bytes)."""
    magic = (
        (b"PK\x03\x04", "a ZIP archive (or an .xlsx/.docx file)"),
        (b"\x1f\x8b", "a gzip-compressed file"),
        (b"%PDF", "a PDF document"),
        (b"PAR1", "a Parquet file"),
        (b"SQLite format 3", "an SQLite database"),
        (b"\xff\xfe", "UTF-16 text; save it as UTF-8"),
        (b"\xfe\xff", "UTF-16 text; save it as UTF-8"),
    )
    for prefix, what in magic:
        if head.startswith(prefix):
            raise InputError(f"{name}: {what}, not a text file we can convert")
    if b"\x00" in head[:4096]:
        raise InputError(f"{name}: a binary file (it contains NUL bytes)")


def path_chunks(path: str | os.PathLike[str], size: int = FLUSH_BYTES) -> Iterator[bytes]:
    """A file's bytes in chunks (``-`` is standard input), read once from one open, so a pipe, a
    FIFO or process substitution gives the same bytes as a file; a failure to read is an
    InputError naming the file (and only reading is guarded here, so a failure to write elsewhere
    is never blamed on the input)."""
    if os.fspath(path) == STDIN:
        stream: BinaryIO = sys.stdin.buffer
        close = False
    else:
        with reading(path, "file"):
            stream = open(path, "rb")  # noqa: SIM115 (closed below, around the yields)
        close = True
    try:
        while True:
            with reading(path, "file"):
                chunk = stream.read(size)
            if not chunk:
                return
            yield chunk
    finally:
        if close:
            stream.close()


def split_head(chunks: Iterable[bytes], size: int) -> tuple[bytes, Iterator[bytes]]:
    """The first ``size`` bytes of a stream (fewer only when the stream is shorter) and every
    chunk of it, head included: what a command sniffs is read once, from the same stream it then
    converts (a pipe cannot be opened twice). A read from a pipe may return fewer bytes than
    asked, so chunks are gathered until the head is complete."""
    source = iter(chunks)
    gathered: list[bytes] = []
    have = 0
    for chunk in source:
        gathered.append(chunk)
        have += len(chunk)
        if have >= size:
            break
    head = b"".join(gathered)
    return head[:size], itertools.chain([head] if head else [], source)
