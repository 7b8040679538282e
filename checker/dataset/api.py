"""``validate_dataset``: check a file (or lines) in one call, through a DatasetSession."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from checker.dataset.report import DatasetReport
from checker.dataset.session import DatasetSession, Role
from checker.userfiles import reading

Source = str | os.PathLike[str] | Iterable[bytes] | Iterable[str]
CHUNK_BYTES = 1024 * 1024


def validate_dataset(
    train: Source, validation: Source | None = None, model: str | None = None
) -> DatasetReport:
    """Check a training file and optionally a validation file.

    Each is a path, or an iterable of lines (bytes or str, with or without line endings).
    Raises InputError for an unknown model or a file that cannot be read; every problem in the
    content is a finding in the report instead.
    """
    session = DatasetSession(model=model)
    feed(session, "train", train)
    if validation is not None:
        feed(session, "validation", validation)
    return session.finish()


def feed(session: DatasetSession, role: Role, source: Source) -> None:
    """Begin, feed and end one file of the session."""
    if isinstance(source, str | os.PathLike):
        _feed_path(session, role, source)
        return
    session.begin(role, name=role)
    for item in source:
        line = item.encode("utf-8", "surrogatepass") if isinstance(item, str) else bytes(item)
        session.feed(line if line.endswith(b"\n") else line + b"\n")
    session.end()


def _feed_path(session: DatasetSession, role: Role, source: str | os.PathLike[str]) -> None:
    name = os.fspath(source)
    with reading(source, "dataset file"), Path(source).open("rb") as stream:
        session.begin(role, name=name, size=os.fstat(stream.fileno()).st_size)
        while chunk := stream.read(CHUNK_BYTES):
            session.feed(chunk)
    session.end()
