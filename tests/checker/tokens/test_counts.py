"""Exact token counts against the reference counts stored with the corpus (runs in Pyodide too).

tests/data/tokens/corpus.jsonl.gz holds 8,000+ texts with the count tiktoken gives for each
(written by make_corpus.py beside it); test_oracle.py re-derives those counts from tiktoken on
the host.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from checker.errors import InputError
from checker.tokens import count_tokens, get_encoding, has_exact_tokenizer
from checker.tokens.bpe import SPECS, _merge_count, _merge_count_heap, read_vocabulary
from checker.tokens.vocabulary import tiktoken_text

CORPUS = Path(__file__).resolve().parents[2] / "data" / "tokens" / "corpus.jsonl.gz"


def corpus() -> list[dict[str, Any]]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_every_corpus_text_counts_as_the_reference() -> None:
    rows = corpus()
    assert len(rows) >= 5000
    wrong = [(r["kind"], r["text"][:40], count_tokens(r["text"]), r["tokens"]) for r in rows]
    wrong = [w for w in wrong if w[2] != w[3]]
    assert wrong == [], f"{len(wrong)} of {len(rows)} differ, first: {wrong[:3]}"


def test_corpus_covers_every_kind_of_text() -> None:
    kinds = Counter(r["kind"].split("-")[0] for r in corpus())
    assert kinds["dataset"] >= 4000 and kinds["mixed"] >= 2000 and kinds["runs"] >= 200
    samples = {r["kind"] for r in corpus() if r["kind"].startswith("sample-")}
    for script in ("cjk", "arabic", "devanagari", "emoji", "code", "json", "space"):
        assert f"sample-{script}" in samples


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", 0),
        ("Hello world", 2),
        ("<|endoftext|>", 7),  # special tokens are plain text in training data
        ("lone \ud800 surrogate", 4),  # replaced by U+FFFD, as the reference does
    ],
)
def test_known_counts(text: str, tokens: int) -> None:
    assert count_tokens(text) == tokens


def test_heap_and_scan_merges_agree() -> None:
    enc = get_encoding("o200k_base")
    enc.load()
    ranks = enc._ranks
    assert ranks is not None
    for piece in (b"a" * 300, b"ab" * 200, "é🙂".encode() * 60, b"  " * 150, bytes(range(256))):
        assert _merge_count(piece, ranks) == _merge_count_heap(piece, ranks)


def test_cache_gives_the_same_count_twice() -> None:
    text = "The same words, the same words, and again the same words."
    assert count_tokens(text) == count_tokens(text) == 14


def test_packaged_vocabulary_rebuilds_the_published_file_byte_for_byte() -> None:
    """The packed file (its own sha256 checked on reading) holds exactly tiktoken's published
    o200k_base.tiktoken: rebuilt from it, the text has the sha256 tiktoken pins."""
    spec = SPECS["o200k_base"]
    ranks = read_vocabulary(spec)  # raises if the file's sha256 differs
    assert len(ranks) == 199998 and list(ranks.values()) == list(range(199998))
    published = tiktoken_text(ranks)
    assert published.count(b"\n") == 199998
    assert hashlib.sha256(published).hexdigest() == spec.published_sha256
    assert spec.published_sha256 == (
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
    )


def test_cl100k_is_not_shipped_and_says_so() -> None:
    assert has_exact_tokenizer("o200k_base") and not has_exact_tokenizer("cl100k_base")
    with pytest.raises(InputError, match="no exact tokenizer for encoding 'cl100k_base'"):
        count_tokens("x", "cl100k_base")


def test_nothing_is_loaded_until_counting_starts() -> None:
    from checker.tokens.bpe import Encoding

    fresh = Encoding(SPECS["o200k_base"])
    assert not fresh.loaded
    assert fresh.count("hello") == 1 and fresh.loaded


def test_characters_above_the_bmp_split_like_their_stand_ins() -> None:
    from checker.tokens.unicode_classes import stand_in

    enc = get_encoding("o200k_base")
    # Mathematical bold capitals (Lu), Osage small letters (Ll), Adlam digits (Nd), an emoji.
    assert stand_in("\U0001d400") == "A" and stand_in("\U000104d8") == "a"
    assert stand_in("\U0001e950") == "0" and stand_in("\U0001f642") == "#"
    text = (
        "x\U0001d400\U0001d401bc's \U0001e950\U0001e951\U0001e952\U0001e953 \U0001f642\U0001f642!"
    )
    pieces = enc.pieces(text)
    assert "".join(pieces) == text
    assert pieces == [
        "x",
        "\U0001d400\U0001d401bc's",
        " ",
        "\U0001e950\U0001e951\U0001e952",
        "\U0001e953",
        " \U0001f642\U0001f642!",
    ]


def test_heap_merge_agrees_with_the_scan_on_random_pieces() -> None:
    """Pieces long enough for the heap to be rebuilt several times (it is rebuilt when it holds
    twice as many entries as there are parts), over small alphabets that merge a lot."""
    import random

    enc = get_encoding("o200k_base")
    enc.load()
    ranks = enc._ranks
    assert ranks is not None
    generator = random.Random(24)
    for alphabet in (b"a", b"ab", b"acgt", b" \n", "né".encode(), b"0123456789"):
        for size in (2, 3, 257, 1500, 4000):
            piece = bytes(generator.choice(alphabet) for _ in range(size))
            assert _merge_count(piece, ranks) == _merge_count_heap(piece, ranks), (alphabet, size)


def test_a_piece_over_the_exact_limit_is_an_upper_bound_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checker.tokens import bpe, chat_tokens

    monkeypatch.setattr(bpe, "EXACT_PIECE_BYTES", 1000)
    enc = bpe.Encoding(SPECS["o200k_base"])
    exact = enc.count("a" * 1000)
    assert enc.upper_bounds == 0 and exact == 125
    assert enc.count("a" * 1001) == 1001 and enc.upper_bounds == 1
    turns = [{"role": "user", "content": "x" * 1001}, {"role": "assistant", "content": "ok"}]
    counted = chat_tokens(turns, encoding=enc)
    assert counted.upper_bound and counted.tokens >= 1001
    assert not chat_tokens(turns[1:], encoding=enc).upper_bound
