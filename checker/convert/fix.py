"""``fix``: a corrected copy of a JSON Lines fine-tuning file (and its validation file).

What it changes, each logged with its lines and counts:

- a byte-order mark (at the start of any line) is removed, a CR before the LF is removed;
- blank lines are dropped;
- exact duplicates are dropped, keeping the first: lines that are the same bytes once the BOM
  and line end are gone (lines that differ only in spacing or key order are near-duplicates);
- with ``drop_near_duplicates``, near-duplicates are dropped, keeping the first, by the one
  definition in ``checker.neardup`` (the same prompt once case and spacing are ignored);
- with a validation file, its examples that are near-duplicates of a training example (which
  includes exact copies) are dropped from the validation file.

Lines that cannot be used (too long, not UTF-8, not JSON, not a JSON object) go to the rejects
file with their line number and reason. Every other line is copied byte for byte: ``fix`` does
not rewrite examples; the dataset checker's report of the result says what is still wrong.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from checker.atomic import atomic_outputs, refuse_overwriting_inputs
from checker.convert.common import (
    WIDE_HASH,
    ChangeLog,
    Output,
    Rejects,
    Writable,
    digest,
    path_chunks,
    read_json_lines,
    refuse_binary,
    split_head,
)
from checker.errors import InputError
from checker.neardup import near_duplicate_key
from checker.textsafe import display_path, plural
from checker.userfiles import STDIN, name_of

BINARY_HEAD_BYTES = 4096
MAX_LISTED = 1000  # conflicting labels listed in the change log; the count covers them all

if TYPE_CHECKING:  # the dataset checker is imported only when a result is checked
    from checker.dataset import DatasetReport


class Checking(Protocol):
    """What ``fix`` needs of a DatasetSession: the result is checked as it is written."""

    def begin(self, role: Any = ..., name: str | None = ..., size: int | None = ...) -> None: ...

    def feed(self, chunk: bytes) -> None: ...

    def end(self) -> None: ...


@dataclass
class FixResult:
    drop_near_duplicates: bool
    lines_out: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    log: ChangeLog = field(default_factory=ChangeLog)
    report: DatasetReport | None = None
    paths: dict[str, str] = field(default_factory=dict)
    dropped: int = 0
    conflicts: list[tuple[str, int, int]] = field(default_factory=list)  # (file, line, first)
    overlaps: list[tuple[int, int]] = field(default_factory=list)  # (validation, train line)

    def to_dict(self) -> dict[str, Any]:
        return {
            "command": "fix",
            "files": self.paths,
            "drop_near_duplicates": self.drop_near_duplicates,
            "examples_written": self.lines_out,
            "rejected": self.rejected,
            "dropped": self.dropped,
            "validation_prompts_in_training": [
                {"validation_line": line, "train_line": train}
                for line, train in self.overlaps[:MAX_LISTED]
            ],
            "conflicting_labels": [
                {"file": file, "line": line, "same_prompt_as_line": first}
                for file, line, first in self.conflicts[:MAX_LISTED]
            ],
            "changes": self.log.to_dict(),
            "verdict": self.report.verdict if self.report else None,
        }

    def summary(self) -> str:
        written = ", ".join(plural(n, f"{role} example") for role, n in self.lines_out.items())
        lines = [
            f"Wrote {written}; {plural(self.rejected, 'line')} rejected, "
            f"{plural(self.dropped, 'line')} dropped (kept in the dropped file)"
        ]
        lines += ["Changes:", *(self.log.text() or ["  none"])]
        if self.overlaps:
            pairs = ", ".join(f"{line} (train {train})" for line, train in self.overlaps[:20])
            more = len(self.overlaps) - 20
            lines.append(
                "Validation lines dropped for a prompt in training (the training line in "
                f"brackets): {pairs}" + (f", and {more:,} more" if more > 0 else "")
            )
        if self.conflicts:
            shown = ", ".join(
                f"{file} line {line} (as line {first})" for file, line, first in self.conflicts[:20]
            )
            more = len(self.conflicts) - 20
            lines.append(
                "Conflicting labels (the same prompt word for word, another answer; kept: decide "
                f"which is right): {shown}" + (f", and {more:,} more" if more > 0 else "")
            )
        return "\n".join(lines) + "\n"


class Dropped:
    """The dropped file: each line ``fix`` left out on purpose (a copy, a near-duplicate, a
    validation example whose prompt is in training), with the line it repeats and its text."""

    def __init__(self, stream: Writable | None) -> None:
        self.stream = stream
        self.count = 0

    def add(self, file: str, line: int, same_as: str, raw: bytes) -> None:
        self.count += 1
        if self.stream is None:
            return
        text = raw.decode("utf-8", "backslashreplace")
        item = {"file": file, "line": line, "same_as": same_as, "text": text}
        self.stream.write(json.dumps(item, ensure_ascii=False).encode("utf-8", "backslashreplace"))
        self.stream.write(b"\n")


def prompt_and_answers(record: dict[str, Any]) -> tuple[int, int] | None:
    """Fingerprints of a chat or reinforcement record's prompt (its system and user turns, word
    for word) and of its answers (the assistant turns); None for a record without ``messages``
    (preference data has several pairs for one prompt on purpose)."""
    messages = record.get("messages")
    if type(messages) is not list:
        return None
    prompt: list[object] = []
    answers: list[object] = []
    for message in messages:
        if type(message) is dict:
            role = message.get("role")
            content = message.get("content")
            if type(content) is not str:  # parts, tool calls: by their JSON
                content = json.dumps(content, sort_keys=True, ensure_ascii=False)
            if role == "assistant":
                answers.append(content)
            elif role in ("system", "user"):
                prompt += (role, content)
    if not prompt or not answers:  # no question, or nothing answered: no label to compare
        return None
    return _fingerprint(prompt), _fingerprint(answers)


def _fingerprint(texts: list[object]) -> int:
    # the texts' own hashes where they are 64 bits wide; one digest of them joined elsewhere
    return hash(tuple(texts)) if WIDE_HASH else digest("\x1e".join(map(str, texts)))


def _kind(value: object) -> str:
    return {list: "an array", str: "a string", type(None): "null"}.get(type(value), "a number")


def fix_chunks(
    train: Iterable[bytes],
    out_train: Writable,
    rejects: Writable,
    *,
    dropped: Writable | None = None,
    validation: Iterable[bytes] | None = None,
    out_validation: Writable | None = None,
    drop_near_duplicates: bool = False,
    session: Checking | None = None,
    names: dict[str, str] | None = None,
) -> FixResult:
    """Fix a training stream (and a validation stream) of bytes into the given sinks; the
    session, if any, is begun, fed and ended for each file (call its ``finish`` after)."""
    if (validation is None) != (out_validation is None):
        raise InputError("a validation file needs a validation output, and the other way round")
    result = FixResult(drop_near_duplicates)
    log = result.log
    bad = Rejects(rejects, log)
    kept = Dropped(dropped)
    names = names or {}
    need_near = drop_near_duplicates or validation is not None
    train_lines: dict[int, int] = {}  # near-duplicate key -> its first training line

    def process(role: str, chunks: Iterable[bytes], sink: Writable) -> dict[int, int]:
        if session is not None:
            session.begin(role, name=names.get(role, role))
        out = Output(sink, session)
        add = out.add
        exact: dict[int, int] = {}
        near: dict[int, int] = {}
        prompts: dict[int, tuple[int, int]] = {}  # exact prompt -> (first line, its answers)
        check_overlap = role == "validation"
        for number, raw, value in read_json_lines(chunks, role, log, bad):
            if type(value) is not dict:
                bad.add(role, number, f"not a JSON object but {_kind(value)}", raw)
                continue
            key = digest(raw)
            first = exact.get(key)
            if first is not None:
                log.add(role, "duplicate-dropped", number)
                kept.add(role, number, f"the same line as {role} line {first}", raw)
                continue
            exact[key] = number
            if need_near:
                near_key = digest(near_duplicate_key(value))
                if check_overlap and near_key in train_lines:
                    log.add(role, "overlap-dropped", number)
                    kept.add(role, number, f"the prompt of train line {train_lines[near_key]}", raw)
                    result.overlaps.append((number, train_lines[near_key]))
                    continue
                if drop_near_duplicates and near_key in near:
                    log.add(role, "near-duplicate-dropped", number)
                    kept.add(role, number, f"the prompt of {role} line {near[near_key]}", raw)
                    continue
                near.setdefault(near_key, number)
            labels = prompt_and_answers(value)
            if labels is not None:
                prompt, answers = labels
                seen = prompts.setdefault(prompt, (number, answers))
                if seen[1] != answers:
                    log.add(role, "conflicting-labels", number)
                    result.conflicts.append((role, number, seen[0]))
            add(raw)
        out.flush()
        if session is not None:
            session.end()
        result.lines_out[role] = out.lines
        return near

    train_lines = process("train", train, out_train)
    if validation is not None and out_validation is not None:
        process("validation", validation, out_validation)
    result.rejected = bad.count
    result.dropped = kept.count
    return result


def fix_files(
    train: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    validation: str | os.PathLike[str] | None = None,
    validation_output: str | os.PathLike[str] | None = None,
    drop_near_duplicates: bool = False,
    rejects: str | os.PathLike[str] | None = None,
    changes: str | os.PathLike[str] | None = None,
    dropped: str | os.PathLike[str] | None = None,
    validate: bool = True,
) -> FixResult:
    """Fix files: outputs, rejects (default OUT.rejects.jsonl), the lines dropped on purpose
    (default OUT.dropped.jsonl) and change log (default OUT.changes.json) written atomically;
    the dataset checker's report in ``result.report``."""
    from checker.convert.run import default_path

    if validation is not None and validation_output is None:
        raise InputError("--validation needs --validation-out FILE for the fixed validation file")
    if validation is None and validation_output is not None:
        raise InputError("--validation-out needs --validation FILE")
    rejects = rejects or default_path(output, ".rejects.jsonl")
    changes = changes or default_path(output, ".changes.json")
    dropped = dropped or default_path(output, ".dropped.jsonl")
    targets = [
        output,
        *([validation_output] if validation_output else []),
        rejects,
        dropped,
        changes,
    ]
    inputs = [train, *([validation] if validation is not None else [])]
    refuse_overwriting_inputs(targets, inputs)
    if [os.fspath(source) for source in inputs].count(STDIN) > 1:
        raise InputError("standard input (-) can be only one of the input files")
    streams_in = [_checked_chunks(source) for source in inputs]
    session = None
    if validate:
        from checker.dataset import DatasetSession

        session = DatasetSession()
    names = {"train": display_path(output)}
    if validation_output is not None:
        names["validation"] = display_path(validation_output)
    with atomic_outputs(targets) as streams:
        out_train, *rest = streams
        out_validation = rest.pop(0) if validation_output is not None else None
        bad, dropped_stream, log_stream = rest
        result = fix_chunks(
            streams_in[0],
            out_train,
            bad,
            dropped=dropped_stream,
            validation=streams_in[1] if validation is not None else None,
            out_validation=out_validation,
            drop_near_duplicates=drop_near_duplicates,
            session=session,
            names=names,
        )
        if session is not None:
            result.report = session.finish()
        result.paths = {"train": name_of(train), "output": display_path(output)}
        if validation is not None and validation_output is not None:
            result.paths["validation"] = name_of(validation)
            result.paths["validation_output"] = display_path(validation_output)
        result.paths |= {
            "rejects": display_path(rejects),
            "dropped": display_path(dropped),
            "changes": display_path(changes),
        }
        log_stream.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False).encode())
        log_stream.write(b"\n")
    return result


def _checked_chunks(source: str | os.PathLike[str]) -> Iterator[bytes]:
    """The chunks of ``source``, opened once, after its first bytes are checked for a binary
    format (the head read for that check is not read again: it is the stream's first chunk)."""
    head, chunks = split_head(path_chunks(source), BINARY_HEAD_BYTES)
    refuse_binary(head, name_of(source))
    return chunks
