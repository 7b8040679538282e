"""The vocabulary file: tiktoken's published ranks, packed so that loading them is cheap.

tiktoken publishes a vocabulary as text, one ``base64-token rank`` line per token, ranks
0..n-1 in line order. Parsing that (200,000 base64 decodes) was most of the time a check spent
before counting its first token. The packed form holds the same tokens in the same order:

    4 bytes   n, the number of tokens (big-endian)
    n bytes   the length of each token in bytes (every o200k_base token is 1..128 bytes)
    ...       the tokens' bytes, concatenated, in rank order

compressed with zlib (993 KB against the published file's 1.69 MB gzipped, which matters for
the browser's download too). The rank of a token is its position, so nothing is parsed: one
``struct`` layout cuts every token out in C. ``tiktoken_text`` rebuilds the published file
from the ranks, so a test proves byte for byte that the packed file is tiktoken's, and
scripts/pack_vocabulary.py builds the packed file from the published one.
"""

from __future__ import annotations

import binascii
import struct
import zlib

_COUNT_BYTES = 4
_MAX_TOKEN_BYTES = 255  # one byte per length
_FIELDS = [f"{size}s" for size in range(_MAX_TOKEN_BYTES + 1)]


def unpack_ranks(packed: bytes) -> dict[bytes, int]:
    """The decompressed packed file → {token bytes: rank}."""
    count = int.from_bytes(packed[:_COUNT_BYTES], "big")
    lengths = packed[_COUNT_BYTES : _COUNT_BYTES + count]
    start = _COUNT_BYTES + count
    if len(lengths) != count or len(packed) != start + sum(lengths) or 0 in lengths:
        raise ValueError("the packed vocabulary's lengths do not match its size")
    # A Struct of its own (not struct.unpack_from): the module would cache this 200,000-field
    # layout for the life of the process.
    layout = struct.Struct("".join(map(_FIELDS.__getitem__, lengths)))
    return dict(zip(layout.unpack_from(packed, start), range(count), strict=True))


def pack_ranks(ranks: dict[bytes, int]) -> bytes:
    """{token: rank} with ranks 0..n-1 in order → the packed file, compressed."""
    tokens = list(ranks)
    if list(ranks.values()) != list(range(len(tokens))):
        raise ValueError("ranks must be 0..n-1 in order: the packed form stores no ranks")
    if not all(0 < len(token) <= _MAX_TOKEN_BYTES for token in tokens):
        raise ValueError(f"a token is empty or longer than {_MAX_TOKEN_BYTES} bytes")
    packed = len(tokens).to_bytes(_COUNT_BYTES, "big") + bytes(map(len, tokens))
    return zlib.compress(packed + b"".join(tokens), 9)


def parse_tiktoken(text: bytes) -> dict[bytes, int]:
    """A published ``.tiktoken`` file (``base64-token rank`` lines) → {token bytes: rank}."""
    fields = text.split()
    tokens = map(binascii.a2b_base64, fields[0::2])
    return dict(zip(tokens, map(int, fields[1::2]), strict=True))


def tiktoken_text(ranks: dict[bytes, int]) -> bytes:
    """The ``.tiktoken`` file of ``ranks``, as tiktoken publishes it."""
    return b"".join(
        binascii.b2a_base64(token, newline=False) + b" %d\n" % rank for token, rank in ranks.items()
    )
