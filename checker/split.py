"""Split a JSONL fine-tuning file into training and validation sets without leaking.

Lines that are near-duplicates form one group (``checker.neardup.near_duplicate_key``: the same
system and user turns in order after one normalisation of every text, or, for a record with no
prompt, the same canonical JSON), and a group always lands on one side, so no validation example
has a near-copy in the training set.

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
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NoReturn

from checker.atomic import atomic_outputs, resolved_output
from checker.errors import InputError
from checker.neardup import near_duplicate_key
from checker.textsafe import display_path, plural
from checker.userfiles import (
    STDIN,
    check_path,
    lines_of,
    name_of,
    open_binary,
    parse_json,
    text_lines,
)


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
            f"Split {plural(self.lines, 'example')} from {self.source} (seed {self.seed}):",
            f"  train:      {self.train}"
            + (f"  -> {display_path(self.train_path)}" if self.train_path else ""),
            f"  validation: {self.validation}"
            + (f"  -> {display_path(self.validation_path)}" if self.validation_path else "")
            + f"  ({self.actual_fraction:.1%}; asked for {self.validation_fraction:.1%})",
            f"  {plural(self.duplicate_groups, 'duplicate group')} covering "
            f"{plural(self.duplicate_lines, 'example')} kept together on one side",
        ]
        return "\n".join(lines) + "\n"


def _check_fraction(fraction: float) -> None:
    if isinstance(fraction, bool) or not isinstance(fraction, int | float):
        raise TypeError(f"validation_fraction must be a number, not {type(fraction).__name__}")
    if not 0.0 < fraction < 1.0:  # also rejects NaN
        raise InputError(f"validation fraction must be between 0 and 1 (exclusive), not {fraction}")


def _check_seed(seed: int) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be a whole number (int), not {type(seed).__name__}")


def fingerprint(key: str) -> bytes:
    """16 bytes standing for a group key: what a split keeps per line instead of the text."""
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _records(lines: Iterable[tuple[int, str]], source: str) -> Iterator[tuple[str, bytes]]:
    """(line text, fingerprint of its group key) for each non-blank line."""
    for number, text in lines:
        if not text.strip():
            continue
        record = parse_json(text, source, number)
        if not isinstance(record, dict):
            raise InputError(
                f"{source}: line {number}: expected a JSON object, got {type(record).__name__}"
            )
        yield text, fingerprint(near_duplicate_key(record))


def _rank(seed: int, key: str | bytes) -> bytes:
    raw = key if isinstance(key, bytes) else key.encode("utf-8", "surrogatepass")
    return hashlib.sha256(f"{seed}\x00".encode() + raw).digest()


def plan_split(
    keys: Sequence[str | bytes], validation_fraction: float, seed: int = 0
) -> list[bool]:
    """For each example (by its group key or fingerprint), True if it goes to validation. See
    the module doc."""
    _check_fraction(validation_fraction)
    _check_seed(seed)
    total = len(keys)
    sizes: dict[str | bytes, int] = {}
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
    chosen: set[str | bytes] = set()
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
    keys: Sequence[str | bytes], sides: Sequence[bool], source: str, fraction: float, seed: int
) -> SplitReport:
    sizes: dict[str | bytes, int] = {}
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
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__} (decode bytes first)")
    if not isinstance(source, str):
        raise TypeError(f"source must be str, not {type(source).__name__}")
    _check_fraction(validation_fraction)
    _check_seed(seed)
    keys = [key for _, key in _records(text_lines(text), source)]
    sides = plan_split(keys, validation_fraction, seed)
    train: list[str] = []
    validation: list[str] = []
    records = (line for _, line in text_lines(text) if line.strip())
    for side, line in zip(sides, records, strict=True):
        (validation if side else train).append(line + "\n")
    report = _report(keys, sides, source, validation_fraction, seed)
    return "".join(train), "".join(validation), report


def _is_stdin(path: Path) -> bool:
    return str(path) == STDIN


def _same_file(a: Path, b: Path) -> bool:
    if _is_stdin(a):
        return False
    if a.resolve() == b.resolve():
        return True
    try:
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


class _Spool:
    """An anonymous temporary file next to the outputs (gone when closed, or on a crash) that
    holds the input's lines between the two passes. Writes are buffered here rather than in
    ``io``, so a failed write surfaces at once as an InputError, never later at close."""

    CHUNK = 1024 * 1024

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending: list[bytes] = []
        self.size = 0
        try:
            self.file = tempfile.TemporaryFile(dir=folder, buffering=0)  # noqa: SIM115 closed by __exit__
        except OSError as error:
            self._fail(error)

    def _fail(self, error: OSError) -> NoReturn:
        raise InputError(
            f"{display_path(self.folder)}: cannot write a temporary copy of the input there: "
            f"{error.strerror or error}"
        ) from None

    def write(self, data: bytes) -> None:
        self.pending.append(data)
        self.size += len(data)
        if self.size >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        data = memoryview(b"".join(self.pending))
        try:
            while data:  # a raw write may write only part (at a size limit, on a full disk)
                written = self.file.write(data)
                if not written:
                    raise OSError(28, "No space left on device")
                data = data[written:]
        except OSError as error:
            self._fail(error)
        self.pending.clear()
        self.size = 0

    def lines(self) -> Iterator[bytes]:
        self.flush()
        self.file.seek(0)
        yield from io.BufferedReader(self.file)

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *_: object) -> None:
        self.file.close()


def split_dataset(
    path: str | os.PathLike[str],
    validation_fraction: float,
    *,
    out_train: str | os.PathLike[str],
    out_validation: str | os.PathLike[str],
    seed: int = 0,
) -> SplitReport:
    """Split a JSONL file (``-`` for standard input) into two files, keeping duplicate groups on
    one side.

    Reads the input once, so a pipe works: each line's group key is kept as a 16-byte
    fingerprint, and the line itself goes to an anonymous temporary file next to the outputs.
    Both outputs are then written through ``atomic_outputs``: they appear complete, together,
    or not at all, and existing files are untouched on any failure. Line endings become
    ``\\n``; blank lines and a BOM are dropped. Raises InputError for a bad fraction, an output
    that is the input, an unreadable file, a line that is not a JSON object, a split that would
    leave a side empty, or a write that fails; TypeError for arguments of the wrong type.
    """
    check_path("path", path)
    check_path("out_train", out_train)
    check_path("out_validation", out_validation)
    _check_fraction(validation_fraction)
    _check_seed(seed)
    source, train_path, validation_path = Path(path), Path(out_train), Path(out_validation)
    name = name_of(source)
    for label, out in (("--out-train", train_path), ("--out-validation", validation_path)):
        if _same_file(source, out):
            raise InputError(
                f"{label} {display_path(out)} is the input file; refusing to overwrite it"
            )
    for out in (train_path, validation_path):
        resolved_output(out)
    if _same_file(train_path, validation_path):
        raise InputError(
            f"--out-train and --out-validation are the same file: {display_path(train_path)}"
        )
    with _Spool(train_path.parent) as spool:
        keys: list[bytes] = []
        with open_binary(source, "JSONL file") as stream:
            for line, key in _records(lines_of(stream, name), name):
                spool.write(line.encode("utf-8", "surrogatepass") + b"\n")
                keys.append(key)
        sides = plan_split(keys, validation_fraction, seed)
        with atomic_outputs([train_path, validation_path]) as (train, validation):
            for side, copied in zip(sides, spool.lines(), strict=True):
                (validation if side else train).write(copied)
    report = _report(keys, sides, name, validation_fraction, seed)
    return SplitReport(
        **{**asdict(report), "train_path": str(train_path), "validation_path": str(validation_path)}
    )
