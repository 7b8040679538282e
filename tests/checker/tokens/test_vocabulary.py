"""The packed vocabulary format (checker/tokens/vocabulary.py) and its checks (runs in Pyodide too).

test_counts.py proves the shipped file rebuilds tiktoken's published file byte for byte."""

from __future__ import annotations

import dataclasses
import zlib
from importlib import resources

import pytest

from checker.tokens.bpe import SPECS, VocabularyError, read_vocabulary
from checker.tokens.vocabulary import pack_ranks, parse_tiktoken, tiktoken_text, unpack_ranks

SAMPLE = b"IQ== 0\nIg== 1\nIyQ= 2\nIGhlbGxv 3\n" + b"/w== 4\n"  # !, ", #$, " hello", 0xff


def test_a_published_file_packs_unpacks_and_rebuilds() -> None:
    ranks = parse_tiktoken(SAMPLE)
    assert ranks == {b"!": 0, b'"': 1, b"#$": 2, b" hello": 3, b"\xff": 4}
    assert unpack_ranks(zlib.decompress(pack_ranks(ranks))) == ranks
    assert tiktoken_text(ranks) == SAMPLE


def test_the_longest_token_a_length_byte_holds() -> None:
    ranks = {b"a": 0, b"b" * 255: 1, bytes(range(256))[1:]: 2}
    assert unpack_ranks(zlib.decompress(pack_ranks(ranks))) == ranks


@pytest.mark.parametrize(
    "ranks",
    [
        {b"a": 1, b"b": 0},  # the packed form has no ranks: they must be the order
        {b"a": 0, b"b": 2},
        {b"a": 0, b"": 1},
        {b"a": 0, b"x" * 256: 1},
    ],
)
def test_what_the_packed_form_cannot_hold_is_refused(ranks: dict[bytes, int]) -> None:
    with pytest.raises(ValueError):
        pack_ranks(ranks)


def test_a_truncated_packed_file_is_refused() -> None:
    packed = zlib.decompress(pack_ranks(parse_tiktoken(SAMPLE)))
    for broken in (packed[:-1], packed + b"x", packed[:6]):
        with pytest.raises(ValueError):
            unpack_ranks(broken)


def test_the_shipped_file_is_what_packing_the_published_file_gives() -> None:
    """The packed content is a function of the published file alone (the compressed bytes may
    differ with the zlib library, so the content is compared, not the file)."""
    spec = SPECS["o200k_base"]
    shipped = resources.files("checker.tokens").joinpath(spec.filename).read_bytes()
    rebuilt = pack_ranks(parse_tiktoken(tiktoken_text(read_vocabulary(spec))))
    assert zlib.decompress(rebuilt) == zlib.decompress(shipped)


def test_a_vocabulary_that_is_not_the_pinned_one_is_refused() -> None:
    spec = SPECS["o200k_base"]
    with pytest.raises(VocabularyError, match="does not match its pinned sha256"):
        read_vocabulary(dataclasses.replace(spec, sha256="0" * 64))
    with pytest.raises(VocabularyError, match="cannot be read"):
        read_vocabulary(dataclasses.replace(spec, filename="missing.ranks.zlib"))
