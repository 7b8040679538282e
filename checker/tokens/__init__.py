"""Exact token counts in pure Python (standard library only; also runs on Pyodide).

``count_tokens(text)`` counts o200k_base tokens, the encoding of the GPT-4o and GPT-4.1 families,
equal to the reference tokenizer (tiktoken) on the test corpus; ``chat_tokens(messages)`` counts
one chat example with the documented per-message and per-example overhead. Nothing is loaded at
import: the vocabulary (shipped packed and compressed beside this file, see vocabulary.py; MIT
licensed, see LICENSE-tiktoken) is read and its sha256 checked the first time something is counted.

cl100k_base is not shipped: the only model in facts.toml that uses it, OpenAI's gpt-3.5-turbo,
stopped serving on 2026-10-23. ``get_encoding("cl100k_base")`` raises an InputError that says so.
"""

from __future__ import annotations

from checker.tokens.bpe import Encoding, VocabularyError, get_encoding
from checker.tokens.chat import ChatTokens, chat_tokens

__all__ = [
    "ChatTokens",
    "Encoding",
    "VocabularyError",
    "chat_tokens",
    "count_tokens",
    "get_encoding",
    "has_exact_tokenizer",
]


def count_tokens(text: str, encoding: str = "o200k_base") -> int:
    """The exact number of tokens of ``text`` (special-token strings count as plain text)."""
    return get_encoding(encoding).count(text)


def has_exact_tokenizer(encoding: str) -> bool:
    from checker.tokens.bpe import SPECS

    return encoding in SPECS
