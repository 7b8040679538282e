"""Records out of the three containers: JSON Lines, one JSON array, CSV/TSV.

Each reader takes the file's bytes in chunks and yields ``(line, record, source)``: the line the
record starts on, the record (a JSON value, or for CSV a dict of column -> text), and its text
for the rejects file. Problems with one record go to the rejects file; a file that cannot be
read any further raises InputError (or, for a broken JSON array, rejects the rest in one entry).
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from checker.convert.common import (
    BOM,
    GUARD_DEPTH,
    MAX_LINE_BYTES,
    ChangeLog,
    Rejects,
    read_json_lines,
    split_lines,
)
from checker.convert.mapping import Mapping
from checker.errors import InputError
from checker.jsonlimits import loads, strict_decoder, too_deep

Record = tuple[int, Any, "str | bytes | None"]
_DECODER = strict_decoder()  # NaN, Infinity, overflowing floats and huge integers refused
# Only to find where a refused element ends, so that the next one can be read.
_LENIENT = json.JSONDecoder(
    parse_int=lambda _: 0, parse_float=lambda _: 0.0, parse_constant=lambda _: None
)
_REFUSED = object()
_SPACE = " \t\r\n"


def json_lines(chunks: Iterable[bytes], log: ChangeLog, rejects: Rejects) -> Iterator[Record]:
    for number, raw, value in read_json_lines(chunks, "input", log, rejects):
        yield number, value, raw


def json_array(
    chunks: Iterable[bytes], log: ChangeLog, rejects: Rejects, name: str
) -> Iterator[Record]:
    """The elements of one top-level JSON array, decoded one at a time from a sliding buffer.

    Memory is bounded by the largest element (at most MAX_LINE_BYTES characters): the part of
    the buffer already decoded is dropped as the reading moves on."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    source = iter(chunks)
    buffer = ""
    pos = 0
    line = 1  # the line of buffer[pos]
    ended = False
    first = True
    deep = False  # under Pyodide: the unread part of the buffer nests too deeply to decode

    def more() -> bool:
        nonlocal buffer, pos, ended, first, deep
        if ended:
            return False
        chunk = next(source, None)
        try:
            if chunk is None:
                ended = True
                text = decoder.decode(b"", final=True)
            else:
                if first and chunk.startswith(BOM):
                    chunk = chunk[3:]
                    log.add("input", "bom-removed", 1)
                first = False
                text = decoder.decode(bytes(chunk))
        except UnicodeDecodeError:
            raise InputError(f"{name}: near line {line}: not UTF-8 text") from None
        buffer = buffer[pos:] + text
        pos = 0
        # pos is always outside any element here, so depth counts from the array's level
        deep = GUARD_DEPTH and too_deep(buffer)
        return True

    def skip_space() -> bool:
        """Move past whitespace; False at the end of the file."""
        nonlocal pos, line
        while True:
            start = pos
            while pos < len(buffer) and buffer[pos] in _SPACE:
                pos += 1
            line += buffer.count("\n", start, pos)
            if pos < len(buffer):
                return True
            if not more():
                return False

    def rest_rejected(reason: str) -> None:
        rejects.add("input", line, f"{reason}; the rest of the array was not read", None)

    if not skip_space() or buffer[pos] != "[":
        raise InputError(f"{name}: line {line}: not a JSON array (it should start with `[`)")
    pos += 1
    expect_value = True
    while True:
        if not skip_space():
            rest_rejected("the array is not closed with `]`")
            return
        char = buffer[pos]
        if char == "]":  # also after a trailing comma: nothing is lost
            pos += 1
            if skip_space():
                rest_rejected("text after the end of the array")
            return
        if not expect_value:
            if char != ",":
                rest_rejected(f"expected `,` or `]` between elements, found {char!r}")
                return
            pos += 1
            expect_value = True
            continue
        start_line = line
        while True:
            if deep:
                rest_rejected("an element is nested too deeply")
                return
            try:
                value, end = _DECODER.raw_decode(buffer, pos)
                if end < len(buffer) or ended:  # a number at the buffer's end may go on
                    break
                raise json.JSONDecodeError("incomplete", buffer, end)
            except json.JSONDecodeError as error:
                have = len(buffer) - pos
                at = line + buffer.count("\n", pos, error.pos)
                if have > MAX_LINE_BYTES:
                    rest_rejected(f"an element is longer than {MAX_LINE_BYTES:,} characters")
                    return
                while len(buffer) - pos < 2 * have + 1 and more():
                    pass
                if len(buffer) - pos == have:  # nothing more to read: a real syntax error
                    rest_rejected(f"invalid JSON at line {at}: {error.msg}")
                    return
            except RecursionError:
                rest_rejected("an element is nested too deeply")
                return
            except ValueError:  # valid grammar a strict reader refuses: see jsonlimits.loads
                try:
                    _, end = _LENIENT.raw_decode(buffer, pos)
                except (ValueError, RecursionError):
                    end = len(buffer)
                if end == len(buffer) and not ended:  # the element may go on: read more
                    if len(buffer) - pos > MAX_LINE_BYTES:
                        rest_rejected(f"an element is longer than {MAX_LINE_BYTES:,} characters")
                        return
                    more()
                    continue
                value = _REFUSED
                break
        text = buffer[pos:end]
        if value is _REFUSED:
            rejects.add("input", start_line, _refused(text, start_line), text)
        elif too_deep(text):
            rejects.add("input", start_line, "JSON nested too deeply", None)
        else:
            yield start_line, value, text
        line += buffer.count("\n", pos, end)
        pos = end
        expect_value = False


def _refused(text: str, line: int) -> str:
    """The reason a strict reader gives for an element the lenient one reads."""
    try:
        loads(text)
    except json.JSONDecodeError as error:
        return f"invalid JSON at line {line + error.lineno - 1}: {error.msg}"
    except RecursionError:
        return "JSON nested too deeply"
    return "invalid JSON"


def csv_rows(
    chunks: Iterable[bytes], mapping: Mapping, log: ChangeLog, rejects: Rejects, name: str
) -> Iterator[Record]:
    """Rows of a CSV/TSV file as dicts: keyed by the header's names, or by column number (from
    1) when there is no header row."""

    def lines() -> Iterator[str]:
        for number, raw in enumerate(split_lines(chunks), start=1):
            if isinstance(raw, int):
                raise InputError(f"{name}: line {number} is {raw:,} bytes long; too long for CSV")
            if number == 1 and raw.startswith(BOM):
                raw = raw[3:]
                log.add("input", "bom-removed", 1)
            if raw.endswith(b"\r"):
                raw = raw[:-1]
                log.add("input", "line-end-normalised", number)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{name}: line {number}: not UTF-8 text (byte {error.start + 1}); "
                    "save the file as UTF-8"
                ) from None
            yield text + "\n"

    reader = csv.reader(lines(), delimiter=mapping.delimiter or ",")
    columns = None if not mapping.header else mapping.columns
    header_done = not mapping.header
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            start, previous = previous + 1, reader.line_num
            rejects.add("input", start, f"CSV: {error}", None)
            continue
        start, previous = previous + 1, reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            for blank in range(start, reader.line_num + 1):
                log.add("input", "blank-line-dropped", blank)
            continue
        if not header_done:
            header_done = True
            columns = row
            log.add("input", "header-row", start)
            continue
        source = _row_text(row, mapping.delimiter or ",")
        if columns is not None:
            if len(row) != len(columns):
                reason = f"the row has {len(row)} column(s), the header has {len(columns)}"
                rejects.add("input", start, reason, source)
                continue
            record = dict(zip(columns, row, strict=True))
        else:
            record = {str(index): value for index, value in enumerate(row, start=1)}
        yield start, record, source


def _row_text(row: list[str], delimiter: str) -> str:
    class _Line:
        text = ""

        def write(self, value: str) -> int:
            self.text += value
            return len(value)

    out = _Line()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(row)
    return out.text
