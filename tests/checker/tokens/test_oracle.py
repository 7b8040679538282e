"""The reference itself (tiktoken, pinned in the test extra), on the host only: Pyodide has no
tiktoken, so these tests skip there and run everywhere else."""

from __future__ import annotations

import random

import pytest

from checker.tokens import count_tokens
from tests.checker.tokens.oracle import oracle, published_hash_checked
from tests.checker.tokens.test_counts import corpus

tiktoken = pytest.importorskip("tiktoken", reason="tiktoken is the host-only test oracle")


def test_vocabulary_is_the_one_tiktoken_publishes() -> None:
    published, ours = published_hash_checked("o200k_base")
    assert published == ours == "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"


def test_stored_corpus_counts_are_tiktokens() -> None:
    enc = oracle()
    for row in corpus():
        text = row["text"].encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        assert len(enc.encode_ordinary(text)) == row["tokens"], row["text"][:60]


def test_random_code_points_agree_with_tiktoken() -> None:
    """Random strings over every code point this Python knows, fresh each run (seed printed)."""
    import unicodedata

    enc = oracle()
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    pool = [
        chr(c) for c in range(0x20, 0x30000) if unicodedata.category(chr(c)) not in ("Cn", "Cs")
    ]
    pool += [" ", " ", "\n", "'", "s", "1"] * 2000
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 80)))
        assert count_tokens(text) == len(enc.encode_ordinary(text)), (seed, text)


def test_chat_examples_count_as_the_cookbook_does() -> None:
    """The cookbook's num_tokens_from_messages, with the reference tokenizer, on real examples."""
    import json
    from pathlib import Path

    from checker.tokens import chat_tokens

    enc = oracle()
    data = Path(__file__).resolve().parents[2] / "data" / "datasets" / "sft-gsm8k-train.jsonl"
    checked = 0
    for line in data.read_text(encoding="utf-8-sig").splitlines()[:300]:
        messages = json.loads(line)["messages"]
        expected = 3
        for message in messages:
            expected += 3
            for key, value in message.items():
                expected += len(enc.encode_ordinary(value))
                if key == "name":
                    expected += 1
        counted = chat_tokens(messages)
        assert (counted.tokens, counted.estimated) == (expected, False)
        checked += 1
    assert checked == 300
