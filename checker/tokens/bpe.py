"""Byte-pair encoding that counts tokens without building them.

An ``Encoding`` splits text into pieces with the reference pre-tokenisation pattern, then merges
the bytes of each piece by rank, lowest first and leftmost on ties, exactly as the reference
does, and counts the parts left.

Bounds, on any input: merging a piece of n bytes takes O(n log n) time and at most about
``HEAP_BYTES_PER_BYTE`` (89) bytes of memory per byte of the piece (measured: 55-70 for runs
of one letter); a piece over ``EXACT_PIECE_BYTES`` (1 MiB) is counted as its length in bytes,
an upper bound, and counted in ``Encoding.upper_bounds`` so that callers label the figure as
one. The memory of a count is thus at most 89 MiB above the text itself, whatever the text.

Counts are cached per piece (pieces of at most 256 characters), so common words cost one
dictionary look-up. The vocabulary (checker/tokens/vocabulary.py) is read, and its sha256
checked, the first time something is counted.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from checker.errors import InputError
from checker.tokens.unicode_classes import class_body, stand_in
from checker.tokens.vocabulary import unpack_ranks

_NO_RANK = 1 << 30
# Pieces at least this long are merged with a heap (n log n) instead of a scan per merge (n²):
# a run of 100,000 spaces is one piece.
_HEAP_FROM = 256
# Texts longer than this are pre-tokenised lazily, so a huge text never becomes a huge list.
_LAZY_FROM = 1 << 20
# What _merge_count_heap holds per byte of a piece at most: two int arrays (8), a heap of at most
# 2 entries per part of an int object and its list slot (2 * 40), and the piece's bytes (1).
HEAP_BYTES_PER_BYTE = 89
# A piece longer than this (a megabyte of one letter, a DNA sequence: text with no space or
# punctuation) is not merged: it counts as its number of bytes, an upper bound of its tokens, so
# that no piece costs more than about HEAP_BYTES_PER_BYTE * EXACT_PIECE_BYTES (90 MiB) or more
# than a few seconds. Callers see it in ``Encoding.upper_bounds``.
EXACT_PIECE_BYTES = 1 << 20
_CACHE_LIMIT = 500_000
_CACHED_PIECE_CHARS = 256
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class VocabularyError(InputError):
    """The packaged vocabulary is missing or does not match its pinned hash."""


@dataclass(frozen=True)
class Spec:
    name: str
    filename: str  # the packed vocabulary (see vocabulary.py), beside this module
    sha256: str  # of that file as shipped (scripts/pack_vocabulary.py prints it)
    published_sha256: str  # of the .tiktoken file it packs, as tiktoken_ext/openai_public.py has it
    pattern: Callable[[], str]


def o200k_pattern() -> str:
    """o200k_base's pattern (tiktoken_ext/openai_public.py), with the ``\\p`` classes spelled out
    as code point ranges and ``\\s`` as Unicode white space."""
    upper = class_body("Lu", "Lt", "Lm", "Lo", "M")
    lower = class_body("Ll", "Lm", "Lo", "M")
    letters_numbers = class_body("L", "N")
    space = class_body("s")
    numbers = class_body("N")
    contraction = "(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
    return "|".join(
        [
            f"[^\\r\\n{letters_numbers}]?[{upper}]*[{lower}]+{contraction}",
            f"[^\\r\\n{letters_numbers}]?[{upper}]+[{lower}]*{contraction}",
            f"[{numbers}]{{1,3}}",
            f" ?[^{space}{letters_numbers}]+[\\r\\n/]*",
            f"[{space}]*[\\r\\n]+",
            f"[{space}]+(?![^{space}])",
            f"[{space}]+",
        ]
    )


SPECS = {
    "o200k_base": Spec(
        name="o200k_base",
        filename="o200k_base.ranks.zlib",
        sha256="dce434c331e2b595eab34335423e5d1924359ebb49b6d2eae3c4539c0c0ed1c0",
        published_sha256="446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        pattern=o200k_pattern,
    ),
}


def read_vocabulary(spec: Spec) -> dict[bytes, int]:
    """{token bytes: rank} from the packed vocabulary, after checking the file's sha256."""
    try:
        packed = resources.files("checker.tokens").joinpath(spec.filename).read_bytes()
    except OSError as error:
        raise VocabularyError(f"vocabulary {spec.filename} cannot be read: {error}") from None
    if hashlib.sha256(packed).hexdigest() != spec.sha256:
        raise VocabularyError(f"vocabulary {spec.filename} does not match its pinned sha256")
    return unpack_ranks(zlib.decompress(packed))


class Encoding:
    """Counts tokens of one encoding. Cheap to create: nothing is loaded until ``count``."""

    def __init__(self, spec: Spec) -> None:
        self.name = spec.name
        self._spec = spec
        self._ranks: dict[bytes, int] | None = None
        self._regex: re.Pattern[str] | None = None
        self._cache: dict[str, int] = {}
        self.upper_bounds = 0
        """Pieces counted by their length in bytes, an upper bound (see EXACT_PIECE_BYTES)."""

    @property
    def loaded(self) -> bool:
        return self._ranks is not None

    def load(self) -> None:
        if self._ranks is None:
            self._regex = re.compile(self._spec.pattern())
            self._ranks = read_vocabulary(self._spec)

    def pieces(self, text: str) -> list[str]:
        """The pre-tokenisation pieces of ``text`` (for tests and diagnostics)."""
        return list(self._pieces(text))

    def _pieces(self, text: str) -> Iterable[str]:
        self.load()
        regex = self._regex
        assert regex is not None
        if _ASTRAL.search(text) is None:
            if len(text) < _LAZY_FROM:
                return regex.findall(text)
            return (match.group() for match in regex.finditer(text))
        # Characters above U+FFFF are matched through BMP stand-ins (see unicode_classes);
        # the offsets are the same, so the pieces are cut from the original text.
        mapped = _ASTRAL.sub(lambda match: stand_in(match.group()), text)
        return (text[match.start() : match.end()] for match in regex.finditer(mapped))

    def count(self, text: str) -> int:
        """The number of tokens of ``text``, special-token strings counted as ordinary text."""
        if not text:
            return 0
        counts = Counter(self._pieces(text))
        cache_ = self._cache
        if len(cache_) > _CACHE_LIMIT:
            cache_.clear()
        total = 0
        try:
            for piece, times in counts.items():
                tokens = cache_.get(piece)
                if tokens is None:
                    tokens = self._piece_tokens(piece.encode("utf-8"))
                    if len(piece) <= _CACHED_PIECE_CHARS:  # a long piece would stay in memory
                        cache_[piece] = tokens
                total += tokens * times
        except UnicodeEncodeError:
            # Lone surrogates (JSON allows "\ud800"): the reference replaces them with U+FFFD
            # before splitting, so do the same and count again.
            fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            return self.count(fixed)
        return total

    def _piece_tokens(self, piece: bytes) -> int:
        ranks = self._ranks
        assert ranks is not None
        if piece in ranks:
            return 1
        if len(piece) > EXACT_PIECE_BYTES:
            self.upper_bounds += 1
            return len(piece)  # every byte is a token: no piece has more tokens than bytes
        if len(piece) >= _HEAP_FROM:
            return _merge_count_heap(piece, ranks)
        return _merge_count(piece, ranks)


def _merge_count(piece: bytes, ranks: dict[bytes, int]) -> int:
    get = ranks.get
    parts = [piece[i : i + 1] for i in range(len(piece))]
    pair_ranks = [get(parts[i] + parts[i + 1], _NO_RANK) for i in range(len(parts) - 1)]
    while pair_ranks:
        best = min(pair_ranks)
        if best == _NO_RANK:
            break
        i = pair_ranks.index(best)
        parts[i] += parts.pop(i + 1)
        del pair_ranks[i]
        if i > 0:
            pair_ranks[i - 1] = get(parts[i - 1] + parts[i], _NO_RANK)
        if i < len(pair_ranks):
            pair_ranks[i] = get(parts[i] + parts[i + 1], _NO_RANK)
    return len(parts)


def _merge_count_heap(piece: bytes, ranks: dict[bytes, int]) -> int:
    """The same merges as ``_merge_count`` in n log n time and bounded memory.

    The parts are a linked list of start offsets in two ``array('i')`` (4 bytes per byte each);
    each candidate pair is one int in a heap, ``rank << 32 | start``, so the lowest rank, then
    the leftmost start, pops first, as the reference merges. A popped pair is checked against
    the current parts (its start still a part's start, that part and the next still forming a
    token of that rank) instead of being marked stale, and the heap is rebuilt from the current
    pairs whenever it holds twice as many entries as there are parts: it never holds more than
    about 2n entries of about 40 bytes (an int object and its slot). Peak memory is thus at most
    about ``HEAP_BYTES_PER_BYTE`` bytes per byte of the piece, whatever the piece."""
    get = ranks.get
    n = len(piece)
    following = array("i", range(1, n + 1))  # start of the next part, n after the last
    previous = array("i", range(-1, n - 1))  # start of the part before, -1 before the first
    heap = [rank << 32 | i for i in range(n - 1) if (rank := get(piece[i : i + 2])) is not None]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    parts = n
    while heap:
        entry = pop(heap)
        start = entry & 0xFFFFFFFF
        right = following[start]
        if right >= n or previous[right] != start:  # start is no longer a part's start
            continue
        end = following[right]
        if get(piece[start:end]) != entry >> 32:  # the pair changed since it was pushed
            continue
        following[start] = end
        if end < n:
            previous[end] = start
        previous[right] = -2  # right is no longer a part's start
        parts -= 1
        before = previous[start]
        if before >= 0 and (rank := get(piece[before:end])) is not None:
            push(heap, rank << 32 | before)
        if end < n and (rank := get(piece[start : following[end]])) is not None:
            push(heap, rank << 32 | start)
        if len(heap) > 2 * parts + 64:
            heap = _current_pairs(piece, following, get)
    return parts


def _current_pairs(
    piece: bytes, following: array[int], get: Callable[[bytes], int | None]
) -> list[int]:
    """The heap of every pair of adjacent parts that forms a token, built afresh."""
    n = len(piece)
    heap = []
    start = 0
    while start < n:
        right = following[start]
        if right >= n:
            break
        if (rank := get(piece[start : following[right]])) is not None:
            heap.append(rank << 32 | start)
        start = right
    heapq.heapify(heap)
    return heap


@cache
def get_encoding(name: str) -> Encoding:
    """The encoding called ``name``; only o200k_base ships with the package."""
    try:
        return Encoding(SPECS[name])
    except KeyError:
        raise InputError(
            f"no exact tokenizer for encoding {name!r}; available: {', '.join(sorted(SPECS))}"
        ) from None
