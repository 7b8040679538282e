"""``validate_dataset``: check a file (or lines) in one call, through a DatasetSession."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterable
from typing import BinaryIO, cast

from checker.dataset.report import DatasetReport
from checker.dataset.session import DatasetSession, Role
from checker.facts import DEFAULT_PROVIDER
from checker.userfiles import STDIN, open_binary, reading

Source = str | os.PathLike[str] | BinaryIO | Iterable[bytes] | Iterable[str]
CHUNK_BYTES = 1024 * 1024


def validate_dataset(
    train: Source,
    validation: Source | None = None,
    model: str | None = None,
    *,
    provider: str = DEFAULT_PROVIDER,
    method: str | None = None,
    today: dt.date | None = None,
    exact_tokens: bool = False,
) -> DatasetReport:
    """Check a training file and optionally a validation file against a provider's limits.

    Each is a path, a binary stream (read in chunks, e.g. ``sys.stdin.buffer``), or an iterable
    of lines (bytes or str, with or without line endings).
    ``method`` ("sft", "dpo", "rft") is detected from the file when not given; ``today`` (for
    retirement dates) defaults to the current date. Token counts are exact where they decide
    (see ``checker.dataset.tokens``); ``exact_tokens=True`` counts every example exactly.
    Raises TypeError for arguments of the wrong type, InputError for an unknown provider, model
    or method or a file that cannot be read; every problem in the content is a finding in the
    report instead.
    """
    _check_source("train", train)
    if validation is not None:
        _check_source("validation", validation)
    session = DatasetSession(
        model=model, provider=provider, method=method, today=today, exact_tokens=exact_tokens
    )
    feed(session, "train", train)
    if validation is not None:
        feed(session, "validation", validation)
    return session.finish()


def _check_source(name: str, source: object) -> None:
    if isinstance(source, bytes | bytearray | memoryview):
        raise TypeError(
            f"{name} must be a path or an iterable of lines, not {type(source).__name__} "
            "(to check bytes, pass [data] or data.splitlines())"
        )
    if not isinstance(source, str | os.PathLike) and not isinstance(source, Iterable):
        raise TypeError(
            f"{name} must be a path or an iterable of lines, not {type(source).__name__}"
        )


def feed(session: DatasetSession, role: Role, source: Source) -> None:
    """Begin, feed and end one file of the session."""
    if isinstance(source, str | os.PathLike):
        _feed_path(session, role, source)
        return
    if hasattr(source, "read"):
        session.begin(role, name=getattr(source, "name", role) if role == "train" else role)
        _feed_stream(session, cast(BinaryIO, source))
        session.end()
        return
    session.begin(role, name=role)
    for number, item in enumerate(source, start=1):
        if isinstance(item, str):
            line = item.encode("utf-8", "surrogatepass")
        elif isinstance(item, bytes | bytearray | memoryview):
            line = bytes(item)
        else:
            raise TypeError(
                f"{role}: item {number} must be a line (bytes or str), not {type(item).__name__}"
            )
        session.feed(line if line.endswith(b"\n") else line + b"\n")
        if session.reading_done:
            break
    session.end()


def _feed_path(session: DatasetSession, role: Role, source: str | os.PathLike[str]) -> None:
    """One open, one pass: a FIFO, ``/dev/stdin`` or ``-`` (standard input) reads like a file.
    Only a regular file's size is known in advance (a pipe's ``st_size`` is 0)."""
    with open_binary(source, "dataset file") as stream:
        size = _regular_size(stream)
        name = "standard input" if os.fspath(source) == STDIN else os.fspath(source)
        session.begin(role, name=name, size=size)
        with reading(source, "dataset file"):
            _feed_stream(session, stream)
    session.end()


def _regular_size(stream: BinaryIO) -> int | None:
    """The size of a regular file; None for a pipe, a terminal or a stream without a file."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _feed_stream(session: DatasetSession, stream: BinaryIO) -> None:
    while chunk := stream.read(CHUNK_BYTES):
        session.feed(chunk)
        if session.reading_done:  # e.g. /dev/zero, recognised as binary: stop reading
            break
