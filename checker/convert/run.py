"""``convert``: records in another format -> chat JSON Lines, with a rejects file and a change log.

``plan`` builds the mapping (from ``--from``, ``--map`` and, where asked, detection);
``convert_chunks`` streams the conversion between any byte sources and sinks (the browser's
path); ``convert_file`` does it between files, atomically, and checks the result.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.atomic import atomic_outputs, refuse_overwriting_inputs
from checker.convert.common import (
    ChangeLog,
    Feedable,
    Output,
    Rejects,
    Writable,
    path_chunks,
    split_head,
)
from checker.convert.detect import HEAD_BYTES, detect, detect_csv, head_text
from checker.convert.legacy import LegacyArtefacts
from checker.convert.mapping import (
    DEFAULT_FIELDS,
    RECORD_FORMATS,
    SOURCES,
    Mapping,
    Reject,
    Turns,
    add_system,
    apply_map,
    converter,
)
from checker.convert.sources import csv_rows, json_array, json_lines
from checker.errors import InputError
from checker.textsafe import display_path, plural
from checker.userfiles import name_of

PREVIEW_CHARS = 400

if TYPE_CHECKING:  # the dataset checker is imported only when a result is checked
    from checker.dataset import DatasetReport


@dataclass
class ConvertResult:
    mapping: Mapping
    examples: int = 0
    rejected: int = 0
    log: ChangeLog = field(default_factory=ChangeLog)
    unused: dict[str, int] = field(default_factory=dict)
    report: DatasetReport | None = None
    paths: dict[str, str] = field(default_factory=dict)
    legacy: LegacyArtefacts = field(default_factory=LegacyArtefacts)
    first_example: str | None = None  # the first line written, for the report's preview

    def to_dict(self) -> dict[str, Any]:
        """The change log as JSON: mapping, counts, every kind of change with its lines."""
        mapping = self.mapping
        return {
            "command": "convert",
            "files": self.paths,
            "mapping": {
                "records": mapping.records,
                "container": mapping.container,
                "fields": mapping.fields,
                "delimiter": mapping.delimiter,
                "header": mapping.header,
                "description": mapping.describe(),
            },
            "detection": mapping.notes,
            "examples_written": self.examples,
            "rejected": self.rejected,
            "changes": self.log.to_dict(),
            "fields_not_used": self.unused,
            "legacy_artefacts": self.legacy.to_dict(),
            "first_example": self.first_example,
            "verdict": self.report.verdict if self.report else None,
        }

    def summary(self) -> str:
        from checker.textsafe import for_terminal

        lines = [f"Read as: {for_terminal(self.mapping.describe())}"]
        lines += [f"  detected: {for_terminal(note)}" for note in self.mapping.notes]
        lines.append(f"Wrote {plural(self.examples, 'chat example')}; {self.rejected:,} rejected")
        if self.first_example is not None:
            preview = self.first_example
            if len(preview) > PREVIEW_CHARS:
                preview = preview[: PREVIEW_CHARS - 1] + "…"
            lines.append(f"First example: {for_terminal(preview)}")
        if self.unused:
            names = ", ".join(
                (f"`{for_terminal(k)}`" if k else "the unnamed first column (row names)")
                + f" ({n:,})"
                for k, n in self.unused.items()
            )
            lines.append(f"Fields not used (left out of the examples): {names}")
        lines += [f"Legacy prompt/completion: {line}" for line in self.legacy.lines()]
        lines += ["Changes:", *self.log.text()]
        return "\n".join(lines) + "\n"


def _container(head: bytes, name: str) -> str:
    text = head_text(head, name).lstrip()
    return "json-array" if text.startswith("[") else "jsonl"


def plan(
    head: bytes,
    name: str,
    source: str,
    overrides: dict[str, str] | None = None,
    *,
    records: str | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
) -> Mapping:
    """The mapping for a file starting with ``head``, given ``--from`` (``source``) and the
    user's overrides. Raises InputError when the pieces do not fit together."""
    overrides = overrides or {}
    if source not in (*SOURCES, "auto"):
        raise InputError(f"unknown --from {source!r}; choose auto or one of {', '.join(SOURCES)}")
    if records is not None and records not in RECORD_FORMATS:
        raise InputError(f"--records must be one of {', '.join(RECORD_FORMATS)}")
    if source == "auto":
        mapping = detect(head, name)
        if mapping.container == "csv" and (delimiter is not None or header is not None):
            mapping = detect_csv(head_text(head, name), name, delimiter, header, not overrides)
    elif source == "csv":
        text = head_text(head, name)
        complete = {"user", "assistant"} <= set(overrides)
        mapping = detect_csv(text, name, delimiter, header, need_fields=not complete)
        if complete:  # the user named the columns: no proposed column stays in the mapping
            mapping.records, mapping.fields = "qa", {}
    elif source == "json-array":
        kind = records or "chat"
        mapping = Mapping(kind, "json-array", dict(DEFAULT_FIELDS[kind]))
        if _container(head, name) != "json-array":
            raise InputError(f"{name}: line 1: not a JSON array (it should start with `[`)")
    else:
        mapping = Mapping(source, _container(head, name), dict(DEFAULT_FIELDS[source]))
        if mapping.container == "json-array":
            mapping.notes.append("the file is a JSON array (it starts with `[`)")
    if records is not None and source not in ("json-array", "auto"):
        raise InputError("--records applies to --from json-array only")
    mapping = apply_map(mapping, overrides)
    _check_fields(mapping, name)
    return mapping


def _check_fields(mapping: Mapping, name: str) -> None:
    if mapping.shape in ("fields", "alpaca"):
        for role in ("user", "assistant"):
            if role not in mapping.fields:
                raise InputError(f"{name}: no field for the {role} turn; give --map {role}=FIELD")
    if mapping.container != "csv":
        return
    wanted = {role: column for role, column in mapping.fields.items()}
    if mapping.columns is not None:
        for role, column in wanted.items():
            if column not in mapping.columns and role in ("user", "assistant"):
                raise InputError(
                    f"{name}: no column {column!r} for the {role} turn; the header has "
                    + ", ".join(repr(c) for c in mapping.columns)
                )
    else:
        for role, column in wanted.items():
            if not column.isdigit() or int(column) < 1:
                raise InputError(
                    f"{name}: the file has no header row, so --map {role}= takes a column "
                    f"number from 1, not {column!r}"
                )


def records_of(
    chunks: Iterable[bytes], mapping: Mapping, log: ChangeLog, rejects: Rejects, name: str
) -> Iterator[tuple[int, Any, str | bytes | None]]:
    if mapping.container == "csv":
        return csv_rows(chunks, mapping, log, rejects, name)
    if mapping.container == "json-array":
        return json_array(chunks, log, rejects, name)
    return json_lines(chunks, log, rejects)


_encode = json.JSONEncoder(ensure_ascii=False).encode
_string: Callable[[str], str] = getattr(json.encoder, "c_encode_basestring", None) or (
    json.encoder.py_encode_basestring
)


def dump_example(converted: Turns | dict[str, Any]) -> str:
    """The JSON text of a converted record, exactly as ``json.dumps(..., ensure_ascii=False)``
    writes ``{"messages": [{"role": ..., "content": ...}, ...]}``; turns are written directly
    (about twice as fast as building dicts for json.dumps)."""
    if isinstance(converted, dict):
        return _encode(converted)
    return (
        '{"messages": ['
        + ", ".join(
            [f'{{"role": "{role}", "content": {_string(text)}}}' for role, text in converted]
        )
        + "]}"
    )


def convert_chunks(
    chunks: Iterable[bytes],
    mapping: Mapping,
    output: Writable,
    rejects: Writable,
    *,
    system: str | None = None,
    name: str = "input",
    session: Feedable | None = None,
    strip_legacy: bool = False,
) -> ConvertResult:
    """Convert a stream of bytes; write chat JSON Lines to ``output`` (and feed them to
    ``session``, begun by the caller) and rejects to ``rejects``. Raises InputError when the
    input cannot be read or nothing at all could be converted."""
    result = ConvertResult(mapping, legacy=LegacyArtefacts(strip_legacy))
    log = result.log
    legacy = result.legacy.turns
    stripped = log.change("input", "legacy-stripped").add
    bad = Rejects(rejects, log)
    out = Output(output, session)
    convert = converter(mapping, result.unused)
    add = out.add
    dumps = dump_example
    converted = log.change("input", "converted").add
    for line, record, source in records_of(chunks, mapping, log, bad, name):
        try:
            example = convert(record)
            if type(example) is list and legacy(example) and strip_legacy:
                stripped(line)
            if system is not None:
                log.add(
                    "input", "system-added" if add_system(example, system) else "system-kept", line
                )
            data = dumps(example).encode("utf-8")
        except Reject as reason:
            bad.add("input", line, str(reason), source)
            continue
        except UnicodeEncodeError:
            bad.add("input", line, "the text holds an unpaired surrogate (\\ud800-\\udfff)", source)
            continue
        if result.first_example is None:
            result.first_example = data.decode("utf-8")
        add(data)
        converted(line)
    out.flush()
    result.examples = out.lines
    result.rejected = bad.count
    if not result.examples:
        if bad.first is None:
            raise InputError(f"{name}: no records to convert")
        raise InputError(f"{name}: no record could be converted as {mapping.records}; {bad.first}")
    return result


def convert_file(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    source_format: str = "auto",
    overrides: dict[str, str] | None = None,
    records: str | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
    system: str | None = None,
    rejects: str | os.PathLike[str] | None = None,
    changes: str | os.PathLike[str] | None = None,
    validate: bool = True,
    strip_legacy: bool = False,
) -> ConvertResult:
    """Convert a file into ``output``, with its rejects and change log next to it (default
    names: OUT.rejects.jsonl and OUT.changes.json), all written atomically; then the dataset
    checker's report of the output (``result.report``)."""
    name = name_of(source)
    rejects = rejects or default_path(output, ".rejects.jsonl")
    changes = changes or default_path(output, ".changes.json")
    targets = [output, rejects, changes]
    refuse_overwriting_inputs(targets, [source])
    head, chunks = split_head(path_chunks(source), HEAD_BYTES)
    mapping = plan(
        head,
        name,
        source_format,
        overrides,
        records=records,
        delimiter=delimiter,
        header=header,
    )
    session = None
    if validate:
        from checker.dataset import DatasetSession

        session = DatasetSession()
        session.begin("train", name=os.fspath(output))
    with atomic_outputs(targets) as (out, bad, log_stream):
        result = convert_chunks(
            chunks,
            mapping,
            out,
            bad,
            system=system,
            name=name,
            session=session,
            strip_legacy=strip_legacy,
        )
        if session is not None:
            result.report = session.finish()
        result.paths = {
            "input": name,
            "output": display_path(output),
            "rejects": display_path(rejects),
            "changes": display_path(changes),
        }
        log_stream.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False).encode())
        log_stream.write(b"\n")
    return result


def default_path(output: str | os.PathLike[str], suffix: str) -> str:
    path = Path(output)
    stem = path.name[: -len(".jsonl")] if path.name.endswith(".jsonl") else path.name
    return str(path.with_name(stem + suffix))
