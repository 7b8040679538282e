"""What the session knows about the file it is reading: the public per-file state that the
line loop (``session.py``) fills and the whole-file checks (``filechecks.py``) read."""

from __future__ import annotations

from typing import Literal

from checker.dataset.examples import Checker
from checker.dataset.findings import FindingLog, LineSink
from checker.dataset.formats import Format
from checker.dataset.reader import LineSplitter
from checker.dataset.stats import FileStats
from checker.dataset.tokens import TokenCounter

Role = Literal["train", "validation"]


class FileState:
    """One file being checked: where the reading is, what was decided, what was counted."""

    def __init__(
        self, role: Role, name: str, size: int | None, log: FindingLog, max_line: int
    ) -> None:
        self.role: Role = role
        self.name = name
        self.size = size
        self.bytes_read = 0
        self.line = 0
        self.examples = 0
        self.invalid = 0  # examples with at least one error
        self.splitter = LineSplitter(max_line)
        self.sample: list[tuple[int, bytes | int]] = []
        self.sample_bytes = 0
        self.first_line: bytes | None = None  # the first non-blank line (b"" if over-long)
        self.format: Format | None = None  # what the file looks like
        self.detected: Format | None = None  # the same, before a declared method overrode it
        self.checker: Checker | None = None
        self.stats = FileStats()
        self.sink = LineSink(log, role)
        self.sniffed = False  # the first bytes were looked at for binary or UTF-16
        self.stopped = False  # recognised as not worth reading further (binary, UTF-16)
        self.tokens: TokenCounter | None = None  # set once the format is known

    @property
    def had_bom(self) -> bool:
        return self.splitter.had_bom
