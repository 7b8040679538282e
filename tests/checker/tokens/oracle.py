"""tiktoken as a test oracle, built offline from the packaged vocabulary (host only).

tiktoken's own ``o200k_base()`` constructor (tiktoken_ext/openai_public.py) is called with its
downloader replaced by one that hands over our packaged vocabulary, after checking that the hash
tiktoken publishes for the file equals the sha256 of the published file rebuilt from ours. So the
pattern and special tokens come from tiktoken's source, and the vocabulary is proven to be the
one it expects.
"""

from __future__ import annotations

import hashlib
from typing import Any

from checker.tokens.bpe import SPECS, read_vocabulary
from checker.tokens.vocabulary import tiktoken_text


def published_hash_checked(name: str = "o200k_base") -> tuple[str, str]:
    """(hash tiktoken publishes, sha256 of our decompressed file) for ``name``."""
    from tiktoken_ext import openai_public

    seen: dict[str, str] = {}

    def fake_load(url: str, expected_hash: str | None = None) -> dict[bytes, int]:
        seen["published"] = expected_hash or ""
        return {}

    original = openai_public.load_tiktoken_bpe
    openai_public.load_tiktoken_bpe = fake_load
    try:
        getattr(openai_public, name)()
    finally:
        openai_public.load_tiktoken_bpe = original
    ours = hashlib.sha256(tiktoken_text(read_vocabulary(SPECS[name]))).hexdigest()
    return seen["published"], ours


def oracle(name: str = "o200k_base") -> Any:
    """A tiktoken.Encoding for ``name`` built without network access."""
    import tiktoken
    from tiktoken_ext import openai_public

    ranks = read_vocabulary(SPECS[name])
    data = hashlib.sha256(tiktoken_text(ranks)).hexdigest()

    def load(url: str, expected_hash: str | None = None) -> dict[bytes, int]:
        if expected_hash != data:
            raise AssertionError(f"{url}: published hash {expected_hash} != packaged {data}")
        return ranks

    original = openai_public.load_tiktoken_bpe
    openai_public.load_tiktoken_bpe = load
    try:
        params = getattr(openai_public, name)()
    finally:
        openai_public.load_tiktoken_bpe = original
    return tiktoken.Encoding(
        params["name"],
        pat_str=params["pat_str"],
        mergeable_ranks=params["mergeable_ranks"],
        special_tokens=params["special_tokens"],
    )
