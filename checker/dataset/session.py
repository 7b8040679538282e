"""The incremental checker: feed a file's bytes in chunks of any size, get a report at the end.

Protocol::

    session = DatasetSession(model="gpt-4o-mini", provider="azure")
    session.begin("train", name="train.jsonl", size=total_bytes)   # size is optional
    for chunk in chunks:                                             # bytes; lines may be split
        session.feed(chunk)
        if session.reading_done: break                               # e.g. a binary file
    session.end()
    session.begin("validation", name="valid.jsonl")                 # optional, after training
    ...
    report = session.finish()                                        # ends an open file too

``validate_dataset`` drives this same class, so the browser and the CLI share one code path.
Memory is bounded by the longest line (held whole while it is checked) plus a fixed amount per
example (see ``stats.py``), never by the file's size.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from checker.dataset import filechecks
from checker.dataset.examples import CHECKERS
from checker.dataset.filestate import FileState, Role
from checker.dataset.findings import FindingLog, LineSink
from checker.dataset.formats import FORMAT_CODES, classify, decide, make_format, sniff_format
from checker.dataset.limits import FORMAT_METHODS, METHOD_FORMATS, METHOD_NAMES, resolve_limits
from checker.dataset.report import DatasetReport, FileSummary
from checker.dataset.strictjson import loads_line, scan
from checker.dataset.tokens import TokenCounter, exact_encoding
from checker.facts import DEFAULT_PROVIDER
from checker.jsonlimits import too_deep

__all__ = ["DatasetSession", "Role"]

SAMPLE_LINES = 50  # the format is decided by the majority of the first non-blank lines...
SAMPLE_BYTES = 4 * 1024 * 1024  # ...or of as many as fit in this many bytes
_SKIP = ("binary", "utf-16", "csv", "json-array")  # formats whose lines are not worth reading
_STOP = ("binary", "utf-16")  # formats recognised from the first bytes: reading stops there
# CPython's JSON scanner raises RecursionError on deep nesting, and the slow path then reports it;
# under Pyodide the scanner can overflow the WebAssembly stack and kill the interpreter first, so
# there the fast path checks depth before scanning (it costs about 1 us a line).
_GUARD_DEPTH = sys.platform == "emscripten"
# A line's parse costs memory in proportion to its JSON values, not its bytes: a 31 MB line of
# `[{},{},...]` becomes ten million dicts. Lines over BIG_LINE bytes have their values counted
# first (commas and brackets, a fast C count) and are not parsed beyond MAX_VALUES.
BIG_LINE = 1 << 20
MAX_VALUES = 2_000_000


class LineTooComplex(ValueError):
    pass


class DatasetSession:
    # the test of the fast path turns it off to get the reference result
    _fast_path = True

    def __init__(
        self,
        model: str | None = None,
        max_line_bytes: int | None = None,
        *,
        provider: str = DEFAULT_PROVIDER,
        method: str | None = None,
        today: dt.date | None = None,
        exact_tokens: bool = False,
    ) -> None:
        self.limits = resolve_limits(provider, model, method, today)
        self.exact_tokens = exact_tokens
        self.model = self.limits.model
        self.log = FindingLog()
        if max_line_bytes is None:
            max_line_bytes = self.limits.provider.file_size_limit_bytes
        self.max_line_bytes = max_line_bytes
        self._current: FileState | None = None
        self._done: dict[str, FileSummary] = {}
        self._train: FileState | None = None
        self._token_limit: tuple[int, str] | None = None

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
        self._current = FileState(role, name or role, size, self.log, self.max_line_bytes)

    @property
    def reading_done(self) -> bool:
        """True once the current file is known not to be worth reading further (binary,
        UTF-16): the caller may stop feeding it."""
        return self._current is not None and self._current.stopped

    def feed(self, chunk: bytes) -> None:
        current = self._open()
        current.bytes_read += len(chunk)
        if current.stopped:
            return
        lines = current.splitter.feed(bytes(chunk))
        if current.format is None and not current.splitter.at_start and not current.sniffed:
            current.sniffed = True
            if sniff_format(current.splitter.head) is not None:
                self._decide(current)
                return
        self._lines(current, lines)

    def end(self) -> None:
        current = self._open()
        if not current.stopped:
            self._lines(current, current.splitter.close())
        if current.format is None:
            self._decide(current)
        current.sink.flush_tallies()
        self._current = None
        train = self._train if current.role == "validation" else None
        self._done[current.role] = filechecks.finish_file(
            current, self.limits, train, self._done.get("train")
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
        filechecks.dataset_checks(self._done, self.limits, LineSink(self.log, "train"))
        return DatasetReport.build(self._done, self.log, self.limits)

    # the line loop --------------------------------------------------------------------------

    def _open(self) -> FileState:
        if self._current is None:
            raise RuntimeError("begin() a file first")
        return self._current

    def _lines(self, current: FileState, lines: list[bytes | int]) -> None:
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
                if current.first_line is None:
                    current.first_line = b""
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
        if current.checker is None or not self._fast_path:
            line = current.line
            for raw in lines:
                line += 1
                self._check(current, line, raw)
            current.line = line
        else:
            self._check_fast(current, lines)

    def _decide(self, current: FileState) -> None:
        """Name the file's format from the sampled lines, then check those lines."""
        kinds = [_kind(raw) for _, raw in current.sample]
        head = current.splitter.head
        sniffed = sniff_format(head)
        first = current.first_line
        if sniffed is None and first and b"\x00" in first and kinds[0] == "invalid":
            sniffed = make_format("binary", "it contains NUL bytes")
        detected = decide(kinds, first, sniffed)
        current.detected = current.format = fmt = detected
        sink = current.sink
        sink.line = None
        code = FORMAT_CODES.get(fmt.name)
        if code:
            sink.add(code, f"this file is {fmt.description}", current.first_line or head)
        declared = self.limits.method
        if declared and fmt.checked and FORMAT_METHODS[fmt.name] != declared:
            sink.add(
                "method-mismatch",
                f"declared as {METHOD_NAMES[declared]}, but the lines look like {fmt.description}",
                current.first_line,
            )
            current.format = fmt = make_format(METHOD_FORMATS[declared], "as declared")
        current.checker = CHECKERS.get(fmt.name)
        method = FORMAT_METHODS.get(fmt.name)
        self._token_limit = self.limits.token_limit(method) if fmt.checked else None
        model = self.limits.model
        current.tokens = TokenCounter(
            exact_available=fmt.checked and exact_encoding(self.limits, method) is not None,
            force_exact=self.exact_tokens,
            size=current.size,
            limit=self._token_limit[0] if self._token_limit else None,
            cap=model.token_limit if model else None,
        )
        if fmt.name in _STOP:
            current.stopped = True
        sample, current.sample = current.sample, []
        if fmt.name not in _SKIP:
            for line, raw in sample:
                self._check(current, line, raw)

    def _check_fast(self, current: FileState, lines: list[bytes | int]) -> None:
        """The per-line loop once the format is known: ``_check`` with the common case inlined
        (a short line that parses to an object); any other line goes through ``_check``."""
        sink, checker, record_stats = current.sink, current.checker, current.stats.add
        assert checker is not None
        images = self.limits.provider.images
        limit = self._token_limit[0] if self._token_limit else None
        line, examples, invalid, guard_depth = current.line, 0, 0, _GUARD_DEPTH
        assert current.tokens is not None
        tokens_of = current.tokens.count
        for raw in lines:
            line += 1
            try:
                escaped = b"\\" in raw  # type: ignore[operator]
                if len(raw) > BIG_LINE or (  # type: ignore[arg-type]
                    escaped
                    and b"\\u" in raw  # type: ignore[operator]
                    and (b"\\ud" in raw or b"\\uD" in raw)  # type: ignore[operator]
                ):
                    raise ValueError  # see _parse: value counts and lone surrogates
                text = raw.decode("utf-8")  # type: ignore[union-attr]
                if guard_depth and too_deep(text):  # see _GUARD_DEPTH
                    raise RecursionError
                record, end = scan(text, 0)
                parsed = end == len(text) and type(record) is dict
            except Exception:  # an over-long line, not UTF-8, not JSON...: see _check
                parsed = False
            if not parsed:
                self._check(current, line, raw)  # blank lines, CRLF, errors, and counting them
                continue
            examples += 1
            errors = sink.errors
            sink.line = line
            try:
                conv = checker(record, sink, images)  # type: ignore[arg-type]
                if conv is not None:
                    tokens = tokens_of(record, conv, len(raw))  # type: ignore[arg-type]
                    record_stats(line, raw, conv, record, tokens, escaped)  # type: ignore[arg-type]
                    if limit is not None and tokens[0] > limit:
                        self._over_limit(sink, tokens[0], tokens[2])
            except Exception as error:  # never raise on input
                self._failed(sink, error, raw)
            if sink.errors != errors:
                invalid += 1
        current.line = line
        current.examples += examples
        current.invalid += invalid

    def _over_limit(self, sink: LineSink, tokens: int, exact: bool) -> None:
        assert self._token_limit is not None
        limit, owner = self._token_limit
        count = f"{tokens:,} tokens (counted exactly)" if exact else f"about {tokens:,} tokens"
        sink.add(
            "over-token-limit",
            f"{count}, over the {limit:,}-token limit of {owner}: it will be cut",
        )

    @staticmethod
    def _failed(sink: LineSink, error: Exception, raw: object) -> None:
        sink.add(
            "checker-error", f"the checker failed on this line ({error!r}); please report it", raw
        )

    def _check(self, current: FileState, line: int, raw: bytes | int) -> None:
        """One line: decode, parse, check as the file's format, record its fingerprints."""
        sink = current.sink
        sink.line = line
        try:
            if type(raw) is int:
                current.examples += 1
                current.invalid += 1
                sink.add(
                    "line-too-long",
                    f"the line is {raw:,} bytes, more than the {self.max_line_bytes:,} bytes "
                    f"{self.limits.provider.short_name} accepts for a whole file: not read",
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
                conv = current.checker(record, sink, self.limits.provider.images)
                if conv is not None:
                    assert current.tokens is not None
                    tokens = current.tokens.count(record, conv, len(raw))
                    current.stats.add(line, raw, conv, record, tokens, b"\\" in raw)
                    if self._token_limit and tokens[0] > self._token_limit[0]:
                        self._over_limit(sink, tokens[0], tokens[2])
            if sink.errors != errors:
                current.invalid += 1
        except Exception as error:  # never raise on input: a line the checker fails on is a finding
            self._failed(sink, error, raw)
            current.invalid += 1


def _loads(text: str) -> object:
    """``loads_line``, refusing a long line with more JSON values than any real example."""
    if len(text) > BIG_LINE:
        values = text.count(",") + text.count("{") + text.count("[")
        if values > MAX_VALUES:
            raise LineTooComplex(values)
    return loads_line(text)


def _parse(raw: bytes, sink: LineSink) -> object:
    """The line's JSON value, or None after reporting why it has none."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        sink.add("invalid-utf8", f"not UTF-8 text (byte {error.start + 1} of the line)", raw)
        return None
    try:
        record = _loads(text)
    except LineTooComplex as error:
        sink.add(
            "line-too-complex",
            f"about {error.args[0]:,} JSON values on one line, more than the {MAX_VALUES:,} "
            "the checker parses; a real example holds far fewer",
            text[:200],
        )
        return None
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
    if ("\\ud" in text or "\\uD" in text) and _lone_surrogate(record):
        sink.add(
            "lone-surrogate",
            "a string holds a lone UTF-16 surrogate (an escape such as \\ud800 without its "
            "pair): not valid Unicode",
            text,
        )
    return record


def _lone_surrogate(record: object) -> bool:
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _kind(raw: bytes | int) -> str:
    """The format one sampled line looks like ('invalid' when it does not parse)."""
    if type(raw) is int:
        return "invalid"
    try:
        return classify(_loads(raw.strip().decode("utf-8")))  # type: ignore[union-attr]
    except (ValueError, RecursionError):
        return "invalid"
