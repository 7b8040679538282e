"""Token counts of one example: the single place to replace with exact counting.

Today they are estimates from what the checks gather while walking an example (characters,
messages, images, tool definitions); ``count_tokens`` is called once per example, so an exact
tokenizer can replace it by reading ``record`` (and the model's encoding) instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.dataset.messages import Conversation

MESSAGE_TOKENS = 4  # per-message overhead (3) plus the role
EXAMPLE_TOKENS = 3  # per-example overhead
IMAGE_TOKENS = 85  # the low-detail price of one image; high detail costs more (see the note)
CHARS_PER_TOKEN = 4

TOKEN_ESTIMATE_NOTE = (
    "Token counts are estimates, not the model's tokenizer: about 4 characters per token, "
    "4 tokens per message (formatting and role), 3 per example, 85 per image (the low-detail "
    "price; detailed images cost more) and tool definitions by the length of their JSON. "
    "Expect real counts to differ by 20% or more, especially for code and non-English text."
)


def text_tokens(chars: int) -> int:
    """Estimated tokens of a text of ``chars`` characters (tool definitions, arguments)."""
    return chars // CHARS_PER_TOKEN


def count_tokens(record: dict[str, object], conv: Conversation) -> tuple[int, int]:
    """(tokens of the whole example, tokens of its assistant turns), estimated from the counts
    gathered while checking ``record``."""
    tokens = MESSAGE_TOKENS * conv.count + (conv.chars + 3) // 4 + conv.extra + EXAMPLE_TOKENS
    reply = MESSAGE_TOKENS * conv.assistants + (conv.reply_chars + 3) // 4 + conv.reply_extra
    return tokens, reply
