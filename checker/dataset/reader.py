"""Bytes in, lines out: chunks of any size, a BOM only at the start, CRLF, over-long lines."""

from __future__ import annotations

BOM = b"\xef\xbb\xbf"
DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024
HEAD_BYTES = 16

# Magic numbers of files people upload by mistake instead of JSON Lines.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx/.docx file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PAR1", "a Parquet file"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)


def sniff_utf16(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when a file starting with ``head`` is UTF-16 text
    (with a byte-order mark, or ASCII-range text with every other byte NUL); else None.
    Public: the ``convert`` command reads such files."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and not head.startswith(b"\xff\xfe\x00\x00"):
        return "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
    pairs = head[: len(head) // 2 * 2]
    if len(pairs) < 4:
        return None
    even, odd = pairs[0::2], pairs[1::2]
    if not odd.strip(b"\x00") and b"\x00" not in even:
        return "utf-16-le"
    if not even.strip(b"\x00") and b"\x00" not in odd:
        return "utf-16-be"
    return None


def sniff_binary(head: bytes) -> str | None:
    """What a file starting with ``head`` is, when it is plainly not text; else None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return "a bzip2-compressed file"
    if b"\x00" in head:
        return "it contains NUL bytes"
    return None


class LineSplitter:
    """Turns a stream of chunks into complete lines, holding at most one partial line.

    ``feed`` returns the finished lines: each is the line's bytes without the line ending, or,
    for a line longer than ``max_line_bytes``, its length as an int (its bytes are dropped as
    they arrive, so memory stays bounded).
    """

    def __init__(self, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        self.max_line_bytes = max_line_bytes
        self.head = b""  # the first HEAD_BYTES of the file (after any BOM), kept for sniffing
        self.had_bom = False
        self._at_start = True
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._skipping = False  # inside an over-long line

    @property
    def at_start(self) -> bool:
        """True until the first HEAD_BYTES (or the whole of a shorter file) have arrived."""
        return self._at_start

    def feed(self, chunk: bytes) -> list[bytes | int]:
        if self._at_start:
            self.head += chunk
            if len(self.head) < HEAD_BYTES:
                return []
            chunk = self._start()
        return self._split(chunk)

    def close(self) -> list[bytes | int]:
        """The lines still held: a short file, or a last line without a newline."""
        out = self._split(self._start()) if self._at_start else []
        if self._pending or self._skipping:
            out.append(self._take())
        return out

    def _start(self) -> bytes:
        chunk = self.head
        self._at_start = False
        if chunk.startswith(BOM):
            self.had_bom = True
            chunk = chunk[3:]
        self.head = chunk[:HEAD_BYTES]
        return chunk

    def _split(self, chunk: bytes) -> list[bytes | int]:
        parts = chunk.split(b"\n")
        if len(parts) == 1:
            self._extend(chunk)
            return []
        limit = self.max_line_bytes
        out: list[bytes | int] = []
        first = parts[0]
        if self._pending or self._skipping:
            self._extend(first)
            out.append(self._take())
        else:
            out.append(first if len(first) <= limit else len(first))
        last = parts.pop()
        if len(parts) > 1:
            if max(map(len, parts)) > limit:
                out += [p if len(p) <= limit else len(p) for p in parts[1:]]
            else:
                out += parts[1:]
        self._extend(last)
        return out

    def _extend(self, piece: bytes) -> None:
        if not piece:
            return
        self._pending_size += len(piece)
        if self._skipping:
            return
        if self._pending_size > self.max_line_bytes:
            self._skipping = True
            self._pending.clear()
        else:
            self._pending.append(piece)

    def _take(self) -> bytes | int:
        size = self._pending_size
        line: bytes | int = size if self._skipping else b"".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        self._skipping = False
        return line
