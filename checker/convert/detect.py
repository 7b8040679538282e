"""Proposing a mapping from the head of a file: what ``--from auto`` prints and then uses, and
how ``--from csv`` finds the delimiter and the header when they are not given.

The rules are explicit, and every proposal says why it was made:

- the first character that is not whitespace decides the container: ``[`` a JSON array, ``{``
  JSON Lines, anything else CSV/TSV;
- the record format is the majority of the first records that parse: ``messages`` chat,
  ``conversations`` ShareGPT, ``instruction`` + ``output`` Alpaca, ``prompt`` + ``completion``,
  and the question/answer pairs of QA_PAIRS;
- CSV: the delimiter is the one of ``, \\t ; |`` that ``csv.Sniffer`` finds (a ``.tsv`` name
  means tab); the first row is a header when every cell is a short distinct name (at most 40
  characters, no line break) and at least one is a field name we know, or csv.Sniffer says so.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from typing import Any

from checker.convert.common import BOM, refuse_binary
from checker.convert.mapping import DEFAULT_FIELDS, OPTIONAL, Mapping
from checker.errors import InputError
from checker.jsonlimits import loads, strict_decoder

HEAD_BYTES = 256 * 1024
SAMPLE_RECORDS = 50
QA_PAIRS = (
    ("question", "answer"),
    ("query", "response"),
    ("instruction", "response"),
    ("input", "output"),
    ("input", "target"),
    ("user", "assistant"),
    ("prompt", "response"),
)
DELIMITERS = ",\t;|"
_KNOWN_NAMES = {name for pair in QA_PAIRS for name in pair} | {
    "prompt",
    "completion",
    "instruction",
    "output",
    "system",
    "context",
    "id",
}


def classify(record: object) -> tuple[str, dict[str, str]] | None:
    """The record format one parsed record looks like, with its fields; None when unknown."""
    if not isinstance(record, dict):
        return None
    if isinstance(record.get("messages"), list):
        return "chat", {}
    if isinstance(record.get("conversations"), list):
        return "sharegpt", dict(DEFAULT_FIELDS["sharegpt"])
    if "instruction" in record and "output" in record:
        return "alpaca", dict(DEFAULT_FIELDS["alpaca"])
    if "prompt" in record and "completion" in record:
        return "prompt-completion", dict(DEFAULT_FIELDS["prompt-completion"])
    for user, assistant in QA_PAIRS:
        if user in record and assistant in record:
            return "qa", {"user": user, "assistant": assistant, "system": "system"}
    return None


def _majority(records: list[Any], where: str) -> tuple[str, dict[str, str], str]:
    kinds = [classify(record) for record in records]
    known = [kind for kind in kinds if kind is not None]
    if not known:
        raise InputError(
            f"{where}: no record has fields we recognise (messages, conversations, "
            "instruction/output, prompt/completion, question/answer); name the fields with "
            "--from qa --map user=FIELD --map assistant=FIELD"
        )
    counts = Counter((name, json.dumps(fields)) for name, fields in known)
    (name, fields_json), count = counts.most_common(1)[0]
    why = f"{count} of the first {len(records)} records look like {name}"
    return name, json.loads(fields_json), why


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """Lines split on ``\n`` only, as every reader splits them (``str.splitlines`` would also
    split at U+2028, U+0085 or a lone CR, which are valid inside a JSON string or a CSV cell)."""
    lines = text.split("\n")
    last = lines.pop()
    if keepends:
        lines = [line + "\n" for line in lines]
    else:
        lines = [line.removesuffix("\r") for line in lines]
    if last:
        lines.append(last if keepends else last.removesuffix("\r"))
    return lines


def complete_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of a file's head, without a last line the head may have cut."""
    lines = split_lines(text, keepends)
    if len(lines) > 1 and not text.endswith("\n"):
        lines.pop()
    return lines


def head_text(head: bytes, name: str) -> str:
    refuse_binary(head, name)
    if head.startswith(BOM):
        head = head[3:]
    return head.decode("utf-8", "replace")


def detect(head: bytes, name: str) -> Mapping:
    """A proposed mapping for a file starting with ``head`` (its first HEAD_BYTES or all)."""
    text = head_text(head, name)
    stripped = text.lstrip()
    if not stripped:
        raise InputError(f"{name}: the file is empty")
    if stripped[0] == "[":
        return detect_array(text, name)
    if stripped[0] == "{":
        lines = [line for line in complete_lines(text) if line.strip()]
        records = []
        for line in lines[:SAMPLE_RECORDS]:
            try:
                records.append(loads(line))
            except (ValueError, RecursionError):
                records.append(None)
        records_format, fields, why = _majority(records, name)
        mapping = Mapping(records_format, "jsonl", fields)
        mapping.notes.append(f"JSON Lines: the file starts with `{{`; {why}")
        return mapping
    return detect_csv(text, name)


def detect_array(text: str, name: str) -> Mapping:
    decoder = strict_decoder()
    pos = text.index("[") + 1
    records: list[Any] = []
    while len(records) < SAMPLE_RECORDS:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            break
        records.append(value)
    records_format, fields, why = _majority(records, name)
    mapping = Mapping(records_format, "json-array", fields)
    mapping.notes.append(f"a JSON array: the file starts with `[`; {why}")
    return mapping


def sniff_delimiter(text: str, name: str) -> tuple[str, str]:
    if name.lower().endswith(".tsv"):
        return "\t", "the file name ends in .tsv"
    sample = "\n".join(split_lines(text)[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter, "csv.Sniffer"
    except csv.Error:
        first = split_lines(text)[0] if text else ""
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        if counts[best] == 0:
            raise InputError(
                f"{name}: line 1: no delimiter found (tried comma, tab, semicolon, pipe); "
                "give --delimiter"
            ) from None
        return best, "the most frequent of , tab ; | in the first line"


def first_rows(text: str, delimiter: str, limit: int = 20) -> list[list[str]]:
    lines = complete_lines(text, keepends=True)
    rows = []
    try:
        for row in csv.reader(lines, delimiter=delimiter):
            if row:
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows


def has_row_names(rows: list[list[str]]) -> bool:
    """True when the first column is R's row names (``write.csv``): an empty name in the header
    and a row number in each row after it (``"","Question","Answer"`` then ``"1",...``)."""
    if len(rows) < 2 or len(rows[0]) < 2 or rows[0][0].strip():
        return False
    return all(row and row[0].strip().isdigit() for row in rows[1:])


def looks_like_header(rows: list[list[str]], text: str) -> tuple[bool, str]:
    if not rows:
        return False, "no rows"
    first = rows[0]
    row_names = has_row_names(rows)
    names = [cell.strip().lower() for cell in first[1:] if row_names] or [
        cell.strip().lower() for cell in first
    ]
    plain = all(cell and len(cell) <= 40 and "\n" not in cell for cell in names)
    if plain and len(set(names)) == len(names) and _KNOWN_NAMES.intersection(names):
        if row_names:
            return True, (
                "the first row holds short distinct names, some of them known field names, after "
                "an unnamed first column of row numbers (R's row names), which is left out"
            )
        return True, "the first row holds short distinct names, some of them known field names"
    try:
        if plain and csv.Sniffer().has_header("\n".join(split_lines(text)[:50])):
            return True, "csv.Sniffer takes the first row for a header"
    except csv.Error:
        pass
    return False, "the first row does not look like column names"


def csv_fields(columns: list[str] | None, width: int) -> tuple[str, dict[str, str]] | None:
    """The record format and fields proposed for CSV columns (names, or None: numbers)."""
    if columns is None:
        if width == 2:
            return "qa", {"user": "1", "assistant": "2"}
        if width == 3:
            return "qa", {"system": "1", "user": "2", "assistant": "3"}
        return None
    lower = {name.strip().lower(): name for name in columns}
    found = classify(dict.fromkeys(lower, ""))
    if found is None or found[0] in ("chat", "sharegpt"):
        return None
    records_format, fields = found
    # the fields name lower-cased keys: back to the header's own spelling
    return records_format, {
        role: lower.get(key, key)
        for role, key in fields.items()
        if key in lower or role not in OPTIONAL
    }


def detect_csv(
    text: str,
    name: str,
    delimiter: str | None = None,
    header: bool | None = None,
    need_fields: bool = True,
) -> Mapping:
    notes = []
    if delimiter is None:
        delimiter, why = sniff_delimiter(text, name)
        notes.append(f"delimiter {delimiter!r}: {why}")
    rows = first_rows(text, delimiter)
    if header is None:
        header, why = looks_like_header(rows, text)
        notes.append(f"{'a' if header else 'no'} header row: {why}")
    columns = rows[0] if header and rows else None
    width = len(rows[0]) if rows else 0
    proposal = csv_fields(columns, width)
    if proposal is None:
        if need_fields:
            shown = ", ".join(columns) if columns else f"{width} columns"
            raise InputError(
                f"{name}: cannot tell which columns hold the prompt and the reply ({shown}); "
                "name them with --map user=COLUMN --map assistant=COLUMN"
            )
        proposal = ("qa", {})
    records_format, fields = proposal
    mapping = Mapping(records_format, "csv", fields, delimiter, header, columns)
    mapping.notes += notes
    return mapping
