"""Split a JSONL fine-tuning file into training and validation sets without leaking.

Lines whose normalised user turns are the same (lowercase, whitespace collapsed; for chat files
the user messages joined together, for any other JSON object its canonical JSON) form one group,
and a group always lands on one side, so no validation example has a copy in the training set.

How groups are assigned: each group gets a rank from a SHA-256 hash of the seed and its key,
groups are taken in that order, and a group goes to validation while it still fits under the
target (round(fraction * lines), at least 1 and at most lines - 1); every other group goes to
training. With many small groups this hits the target exactly or within a line or two; a group
bigger than the room left is skipped rather than split. If no group fits (every group is larger
than the target), the smallest group goes to validation. The result depends only on the set of
keys and the seed, not on the order of lines in the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.neardup import near_duplicate_key
from checker.userfiles import parse_json, reading

BOM = b"\xef\xbb\xbf"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SplitReport:
    """What a split did: sizes, groups, and the duplicate groups it kept on one side."""

    source: str
    seed: int
    validation_fraction: float
    lines: int
    train: int
    validation: int
    groups: int
    duplicate_groups: int
    duplicate_lines: int
    train_path: str | None = None
    validation_path: str | None = None

    @property
    def actual_fraction(self) -> float:
        return self.validation / self.lines

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "actual_fraction": self.actual_fraction}

    def summary(self) -> str:
        lines = [
            f"Split {self.lines} examples from {self.source} (seed {self.seed}):",
            f"  train:      {self.train}" + (f"  -> {self.train_path}" if self.train_path else ""),
            f"  validation: {self.validation}"
            + (f"  -> {self.validation_path}" if self.validation_path else "")
            + f"  ({self.actual_fraction:.1%}; asked for {self.validation_fraction:.1%})",
            f"  {self.duplicate_groups} duplicate group(s) covering {self.duplicate_lines} "
            "examples kept together on one side",
        ]
        return "\n".join(lines) + "\n"


def normalise(text: str) -> str:
    """Lowercase and collapse runs of whitespace to one space."""
    return _SPACE.sub(" ", text.casefold()).strip()


def _content_text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": "..."}]
        return " ".join(
            part["text"] if isinstance(part, dict) and isinstance(part.get("text"), str) else ""
            for part in content
        )
    return ""


def group_key(record: dict[str, Any]) -> str:
    """The duplicate key of one example: its normalised user turns, else its canonical JSON."""
    messages = record.get("messages")
    if isinstance(messages, list):
        turns = [
            _content_text(message.get("content"))
            for message in messages
            if isinstance(message, dict) and message.get("role") == "user"
        ]
        if turns:
            return "user:" + normalise(" ".join(turns))
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "json:" + normalise(canonical)


def _check_fraction(fraction: float) -> None:
    if not 0.0 < fraction < 1.0:  # also rejects NaN
        raise InputError(f"validation fraction must be between 0 and 1 (exclusive), not {fraction}")


def _records(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Yield each non-blank line without its line ending (and without a leading BOM)."""
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(BOM):
            line = line[len(BOM) :]
        line = line.rstrip(b"\r\n")
        if line.strip():
            yield line


def _keys(lines: Iterable[bytes], source: str) -> Iterator[str]:
    number = 0
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(BOM):
            line = line[len(BOM) :]
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{source}: line {number}: not UTF-8 text (byte {error.start})"
            ) from None
        record = parse_json(text, source, number)
        if not isinstance(record, dict):
            raise InputError(
                f"{source}: line {number}: expected a JSON object, got {type(record).__name__}"
            )
        yield near_duplicate_key(record)


def _rank(seed: int, key: str) -> bytes:
    return hashlib.sha256(f"{seed}\x00{key}".encode()).digest()


def plan_split(keys: Sequence[str], validation_fraction: float, seed: int = 0) -> list[bool]:
    """For each example (by its group key), True if it goes to validation. See the module doc."""
    _check_fraction(validation_fraction)
    total = len(keys)
    sizes: dict[str, int] = {}
    for key in keys:
        sizes[key] = sizes.get(key, 0) + 1
    if total < 2:
        raise InputError(f"need at least 2 examples to split, found {total}")
    if len(sizes) < 2:
        raise InputError(
            f"all {total} examples are duplicates of one another, so any split would leak; "
            "nothing to split"
        )
    target = min(max(round(validation_fraction * total), 1), total - 1)
    order = sorted(sizes, key=lambda key: _rank(seed, key))
    chosen: set[str] = set()
    room = target
    for key in order:
        if sizes[key] <= room:
            chosen.add(key)
            room -= sizes[key]
            if room == 0:
                break
    if not chosen:
        chosen.add(min(order, key=lambda key: sizes[key]))
    return [key in chosen for key in keys]


def _report(
    keys: Sequence[str], sides: Sequence[bool], source: str, fraction: float, seed: int
) -> SplitReport:
    sizes: dict[str, int] = {}
    for key in keys:
        sizes[key] = sizes.get(key, 0) + 1
    duplicates = [size for size in sizes.values() if size > 1]
    validation = sum(sides)
    return SplitReport(
        source=source,
        seed=seed,
        validation_fraction=fraction,
        lines=len(keys),
        train=len(keys) - validation,
        validation=validation,
        groups=len(sizes),
        duplicate_groups=len(duplicates),
        duplicate_lines=sum(duplicates),
    )


def split_text(
    text: str, validation_fraction: float, seed: int = 0, source: str = "data.jsonl"
) -> tuple[str, str, SplitReport]:
    """Split JSONL text held in memory (the browser's case).

    Returns (train_text, validation_text, report).
    """
    _check_fraction(validation_fraction)
    lines = text.encode("utf-8").split(b"\n")
    keys = list(_keys(lines, source))
    sides = plan_split(keys, validation_fraction, seed)
    train: list[bytes] = []
    validation: list[bytes] = []
    for side, line in zip(sides, _records(lines), strict=True):
        (validation if side else train).append(line + b"\n")
    report = _report(keys, sides, source, validation_fraction, seed)
    return b"".join(train).decode(), b"".join(validation).decode(), report


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _open_lines(path: Path) -> Iterator[bytes]:
    with reading(path, "JSONL file"), path.open("rb") as handle:
        yield from handle


def split_dataset(
    path: str | os.PathLike[str],
    validation_fraction: float,
    *,
    out_train: str | os.PathLike[str],
    out_validation: str | os.PathLike[str],
    seed: int = 0,
) -> SplitReport:
    """Split a JSONL file into two files, keeping duplicate groups on one side.

    Reads the file twice: once for the group keys (only the keys stay in memory), once to copy
    each line's bytes to its side. Line endings become ``\\n``; blank lines and a BOM are dropped.
    Raises InputError for a bad fraction, an output that is the input, an unreadable file, a
    line that is not a JSON object, or a split that would leave a side empty.
    """
    _check_fraction(validation_fraction)
    source, train_path, validation_path = Path(path), Path(out_train), Path(out_validation)
    for label, out in (("--out-train", train_path), ("--out-validation", validation_path)):
        if _same_file(source, out):
            raise InputError(f"{label} {out} is the input file; refusing to overwrite it")
    if _same_file(train_path, validation_path):
        raise InputError(f"--out-train and --out-validation are the same file: {train_path}")
    keys = list(_keys(_open_lines(source), str(source)))
    sides = plan_split(keys, validation_fraction, seed)
    written = 0
    try:
        with train_path.open("wb") as train, validation_path.open("wb") as validation:
            for side, line in zip(sides, _records(_open_lines(source)), strict=False):
                (validation if side else train).write(line + b"\n")
                written += 1
    except OSError as error:
        raise InputError(f"cannot write {error.filename}: {error.strerror}") from None
    if written != len(keys):
        raise InputError(f"{source}: the file changed while it was being split; run again")
    report = _report(keys, sides, str(source), validation_fraction, seed)
    return SplitReport(
        **{**asdict(report), "train_path": str(train_path), "validation_path": str(validation_path)}
    )
