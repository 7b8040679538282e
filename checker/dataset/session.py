"""The incremental checker: feed a file's bytes in chunks of any size, get a report at the end.

Protocol::

    session = DatasetSession(model="gpt-4o-mini")
    session.begin("train", name="train.jsonl", size=total_bytes)   # size is optional
    for chunk in chunks: session.feed(chunk)                         # bytes; lines may be split
    session.end()
    session.begin("validation", name="valid.jsonl")                 # optional, after training
    ...
    report = session.finish()                                        # ends an open file too

``validate_dataset`` drives this same class, so the browser and the CLI share one code path.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from json.scanner import make_scanner
from typing import Literal

from checker.dataset import filechecks
from checker.dataset.examples import CHECKERS, Checker
from checker.dataset.findings import CODES, FindingLog
from checker.dataset.formats import FORMAT_CODES, Format, classify, decide
from checker.dataset.models import Model, resolve_model
from checker.dataset.reader import DEFAULT_MAX_LINE_BYTES, LineSplitter, sniff_binary
from checker.dataset.report import DatasetReport, FileSummary
from checker.dataset.stats import FileStats
from checker.jsonlimits import check_depth, too_deep

Role = Literal["train", "validation"]
SAMPLE_LINES = 50  # the format is decided by the majority of the first non-blank lines...
SAMPLE_BYTES = 4 * 1024 * 1024  # ...or of as many as fit in this many bytes
_SKIP = ("binary", "csv", "json-array")  # formats whose lines are not worth reading one by one
# CPython's JSON scanner raises RecursionError on deep nesting, and the slow path then reports it;
# under Pyodide the scanner can overflow the WebAssembly stack and kill the interpreter first, so
# there the fast path checks depth before scanning (it costs about 1 us a line).
_GUARD_DEPTH = sys.platform == "emscripten"
# json.loads without its Python-level wrapper (the C scanner, as JSONDecoder.raw_decode uses it)
_scan: Callable[[str, int], tuple[object, int]] = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


class _Sink:
    """Reports findings for the line being checked; counts errors so bad examples are known."""

    __slots__ = ("errors", "file", "line", "log")

    def __init__(self, log: FindingLog, file: str) -> None:
        self.log = log
        self.file = file
        self.line: int | None = None
        self.errors = 0

    def add(self, code: str, message: str, offending: object = "") -> None:
        self.log.add(code, self.file, self.line, message, offending)
        if CODES[code] == "error":
            self.errors += 1


class _File:
    def __init__(self, role: Role, name: str, size: int | None, log: FindingLog, max_line: int):
        self.role = role
        self.name = name
        self.size = size
        self.bytes_read = 0
        self.line = 0
        self.examples = 0
        self.invalid = 0  # examples with at least one error
        self.splitter = LineSplitter(max_line)
        self.sample: list[tuple[int, bytes | int]] = []
        self.sample_bytes = 0
        self.first_line: bytes | None = None
        self.format: Format | None = None
        self.checker: Checker | None = None
        self.stats = FileStats()
        self.sink = _Sink(log, role)


class DatasetSession:
    def __init__(self, model: str | None = None, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES):
        self.model: Model | None = resolve_model(model) if model else None
        self.log = FindingLog()
        self.max_line_bytes = max_line_bytes
        self._current: _File | None = None
        self._done: dict[str, FileSummary] = {}
        self._train: _File | None = None

    # the protocol -------------------------------------------------------------------------

    def begin(self, role: Role = "train", name: str | None = None, size: int | None = None) -> None:
        if role not in ("train", "validation"):
            raise ValueError(f"role must be 'train' or 'validation', not {role!r}")
        if self._current is not None:
            raise RuntimeError(f"end() the {self._current.role} file before beginning another")
        if role in self._done:
            raise RuntimeError(f"the {role} file was already checked")
        if role == "validation" and "train" not in self._done:
            raise RuntimeError("check the training file before the validation file")
        self._current = _File(role, name or role, size, self.log, self.max_line_bytes)

    def feed(self, chunk: bytes) -> None:
        current = self._open()
        current.bytes_read += len(chunk)
        self._lines(current, current.splitter.feed(bytes(chunk)))

    def end(self) -> None:
        current = self._open()
        self._lines(current, current.splitter.close())
        if current.format is None:
            self._decide(current)
        self._current = None
        train = self._train if current.role == "validation" else None
        self._done[current.role] = filechecks.finish_file(
            current, self.log, self.model, train, self._done.get("train")
        )
        if current.role == "train":
            self._train = current
        else:
            current.stats.release()

    def progress(self) -> dict[str, object]:
        current = self._current
        if current is None:
            return {"file": None, "bytes_read": 0, "size": None, "examples": 0, "fraction": None}
        size = current.size
        fraction = min(1.0, current.bytes_read / size) if size else None
        return {
            "file": current.role,
            "name": current.name,
            "bytes_read": current.bytes_read,
            "size": size,
            "examples": current.examples,
            "fraction": fraction,
        }

    def finish(self) -> DatasetReport:
        if self._current is not None:
            self.end()
        if "train" not in self._done:
            raise RuntimeError("no training file was checked")
        if self._train is not None:
            self._train.stats.release()
            self._train = None
        return DatasetReport.build(self._done, self.log, self.model)

    # the line loop --------------------------------------------------------------------------

    def _open(self) -> _File:
        if self._current is None:
            raise RuntimeError("begin() a file first")
        return self._current

    def _lines(self, current: _File, lines: list[bytes | int]) -> None:
        index = 0
        while current.format is None and index < len(lines):
            raw = lines[index]
            index += 1
            current.line += 1
            if isinstance(raw, bytes):
                if not raw.strip():
                    continue
                if current.first_line is None:
                    current.first_line = raw
                current.sample_bytes += len(raw)
            else:
                current.sample_bytes += raw
            current.sample.append((current.line, raw))
            if len(current.sample) >= SAMPLE_LINES or current.sample_bytes > SAMPLE_BYTES:
                self._decide(current)
        if index:
            lines = lines[index:]
        if current.format is None or not lines:
            return
        if current.format.name in _SKIP:
            current.line += len(lines)
            return
        if current.checker is None:
            line = current.line
            for raw in lines:
                line += 1
                self._check(current, line, raw)
            current.line = line
        else:
            self._check_fast(current, lines)

    def _decide(self, current: _File) -> None:
        """Name the file's format from the sampled lines, then check those lines."""
        kinds = [_kind(raw) for _, raw in current.sample]
        head = current.splitter.head
        binary = sniff_binary(head)
        first = current.first_line
        if binary is None and first is not None and b"\x00" in first and kinds[0] == "invalid":
            binary = sniff_binary(b"\x00")  # NUL bytes in a first line that is not JSON
        current.format = fmt = decide(kinds, current.first_line, binary)
        current.checker = CHECKERS.get(fmt.name)
        code = FORMAT_CODES.get(fmt.name)
        if code:
            current.sink.line = None
            current.sink.add(code, f"this file is {fmt.description}", current.first_line or head)
        sample, current.sample = current.sample, []
        if fmt.name not in _SKIP:
            for line, raw in sample:
                self._check(current, line, raw)

    def _check_fast(self, current: _File, lines: list[bytes | int]) -> None:
        """The per-line loop once the format is known: ``_check`` with the common case inlined
        (a line that parses to an object); any other line goes through ``_check``."""
        sink, checker, record_stats = current.sink, current.checker, current.stats.add
        assert checker is not None
        limit = self.model.token_limit if self.model else None
        line, examples, invalid, scan, guard_depth = current.line, 0, 0, _scan, _GUARD_DEPTH
        for raw in lines:
            line += 1
            try:
                text = raw.decode("utf-8")  # type: ignore[union-attr]
                if guard_depth and too_deep(text):  # see _GUARD_DEPTH
                    raise RecursionError
                record, end = scan(text, 0)
                parsed = end == len(text) and type(record) is dict
            except Exception:  # not bytes (an over-long line), not UTF-8, not JSON: see _check
                parsed = False
            if not parsed:
                self._check(current, line, raw)  # blank lines, CRLF, errors, and counting them
                continue
            examples += 1
            errors = sink.errors
            sink.line = line
            try:
                conv = checker(record, sink)  # type: ignore[arg-type]
                if conv is not None:
                    record_stats(line, raw, conv)  # type: ignore[arg-type]
                    if limit is not None and conv.tokens > limit:
                        self._over_limit(sink, conv.tokens)
            except Exception as error:  # never raise on input
                self._failed(sink, error, raw)
            if sink.errors != errors:
                invalid += 1
        current.line = line
        current.examples += examples
        current.invalid += invalid

    def _over_limit(self, sink: _Sink, tokens: int) -> None:
        assert self.model is not None
        sink.add(
            "over-token-limit",
            f"about {tokens:,} tokens, over the {self.model.token_limit:,} "
            f"a {self.model.name} example can hold: it will be cut",
        )

    @staticmethod
    def _failed(sink: _Sink, error: Exception, raw: object) -> None:
        sink.add(
            "checker-error", f"the checker failed on this line ({error!r}); please report it", raw
        )

    def _check(self, current: _File, line: int, raw: bytes | int) -> None:
        """One line: decode, parse, check as the file's format, record its fingerprints."""
        sink = current.sink
        sink.line = line
        try:
            if type(raw) is int:
                current.examples += 1
                current.invalid += 1
                sink.add(
                    "line-too-long",
                    f"the line is {raw:,} bytes; lines over {self.max_line_bytes:,} bytes "
                    "are not read",
                )
                return
            assert type(raw) is bytes
            raw = raw.strip()
            if not raw:
                return
            current.examples += 1
            errors = sink.errors
            record = _parse(raw, sink)
            if type(record) is dict and current.checker is not None:
                conv = current.checker(record, sink)
                if conv is not None:
                    current.stats.add(line, raw, conv)
                    if self.model and conv.tokens > self.model.token_limit:
                        self._over_limit(sink, conv.tokens)
            if sink.errors != errors:
                current.invalid += 1
        except Exception as error:  # never raise on input: a line the checker fails on is a finding
            self._failed(sink, error, raw)
            current.invalid += 1


def _loads(text: str) -> object:
    """``json.loads`` for a line with no surrounding whitespace (the caller strips it)."""
    check_depth(text)
    try:
        value, end = _scan(text, 0)
    except StopIteration as stop:
        raise json.JSONDecodeError("Expecting value", text, stop.value) from None
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def _parse(raw: bytes, sink: _Sink) -> object:
    """The line's JSON value, or None after reporting why it has none."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        sink.add("invalid-utf8", f"not UTF-8 text (byte {error.start + 1} of the line)", raw)
        return None
    try:
        record = _loads(text)
    except ValueError as error:
        detail = getattr(error, "msg", str(error))
        column = getattr(error, "colno", None)
        where = f" at column {column}" if column else ""
        sink.add("invalid-json", f"not valid JSON{where}: {detail}", text)
        return None
    except RecursionError:
        sink.add("nested-too-deeply", "the JSON is nested too deeply to read", text)
        return None
    if type(record) is not dict:
        kind = "a list" if type(record) is list else "not an object"
        sink.add("not-an-object", f"each line must be one JSON object; this is {kind}", text)
        return None
    return record


def _kind(raw: bytes | int) -> str:
    """The format one sampled line looks like ('invalid' when it does not parse)."""
    if type(raw) is int:
        return "invalid"
    try:
        return classify(_loads(raw.strip().decode("utf-8")))  # type: ignore[union-attr]
    except (ValueError, RecursionError):
        return "invalid"
