"""Token counts of one example: exact where they decide, sampled where they sum.

Every example gets a fast estimate from what the checks gathered while walking it (characters,
messages, images, tool definitions). When the model's encoding has an exact tokenizer
(``checker.tokens``, o200k_base), a ``TokenCounter`` replaces the estimate by the exact count for:

- every example of a file up to ``EXACT_FILE_BYTES`` (all of it when its size is unknown until
  that many bytes have been read), or of any file under ``exact=True`` (``--exact-tokens``);
- every example that could be over the token limit: its line's length bounds its tokens
  (``may_exceed``), and for long lines a byte walk bounds them tighter (``example_token_bound``),
  so no example over the limit is missed and none is flagged on an estimate;
- a uniform random sample (seeded, so a file gives the same report every time) of the others,
  about ``SAMPLE_BYTES`` of lines, from which the billed-token total is estimated with a 95%
  interval (``SampledTotal``). The token distribution then mixes exact counts and estimates.

Images add ``IMAGE_TOKENS`` each (the low-detail price) to exact counts and estimates alike; the
assistant-turn figures stay estimates.
"""

from __future__ import annotations

import math
import random
import re
from typing import TYPE_CHECKING, Any

from checker.facts import load_facts
from checker.textsafe import plural
from checker.tokens import has_exact_tokenizer
from checker.tokens.examples import example_token_bound, example_tokens
from checker.tokens.sampling import (
    EXAMPLE_OVERHEAD,
    TOKENS_PER_BYTE,
    SampledTotal,
    Total,
    may_exceed,
)

if TYPE_CHECKING:
    from checker.dataset.limits import Limits
    from checker.dataset.messages import Conversation

MESSAGE_TOKENS = 4  # per-message overhead (3) plus the role
EXAMPLE_TOKENS = 3  # per-example overhead
IMAGE_TOKENS = 85  # the low-detail price of one image; high detail costs more (see the note)
CHARS_PER_TOKEN = 4
EXACT_FILE_BYTES = 8 * 1024 * 1024  # ~6,000 typical examples: counted in full, well under a second
SAMPLE_BYTES = 1024 * 1024  # beyond: about this many bytes of lines sampled and counted
UNKNOWN_SIZE_RATE = 0.02  # the sampling rate past EXACT_FILE_BYTES when the size is not known
SEED = 16

# How a figure's exactness is named when part of it is not exact text (render.SHORT's keys).
UPPER_BOUND = "an upper bound"
BY_CONVENTION = "exact for text, by convention for tools and images"

ESTIMATE_RULE = (
    "about 4 characters per token, 4 tokens per message (formatting and role), 3 per example "
    "and tool definitions by the length of their JSON"
)
TOKEN_ESTIMATE_NOTE = (
    f"Token counts are estimates, not the model's tokenizer: {ESTIMATE_RULE}, 85 per image (the "
    "low-detail price; detailed images cost more). Expect real counts to differ by 20% or more, "
    "especially for code and non-English text."
)


def text_tokens(chars: int) -> int:
    """Estimated tokens of a text of ``chars`` characters (tool definitions, arguments)."""
    return chars // CHARS_PER_TOKEN


def estimate_tokens(conv: Conversation) -> tuple[int, int]:
    """(tokens of the whole example, tokens of its assistant turns), estimated from the counts
    gathered while checking it."""
    tokens = MESSAGE_TOKENS * conv.count + (conv.chars + 3) // 4 + conv.extra + EXAMPLE_TOKENS
    reply = MESSAGE_TOKENS * conv.assistants + (conv.reply_chars + 3) // 4 + conv.reply_extra
    return tokens, reply


def count_tokens(record: dict[str, object], conv: Conversation) -> tuple[int, int]:
    """The estimate of one example (kept for callers without a counter)."""
    return estimate_tokens(conv)


def exact_encoding(limits: Limits, method: str | None) -> str | None:
    """The encoding of the model the limit comes from (of every candidate model when none was
    chosen), if they share one with an exact tokenizer; else None (estimates only)."""
    if limits.model is not None:
        encodings = {limits.model.encoding}
    else:
        models = load_facts().models_of(limits.provider.key)
        encodings = {
            m.encoding
            for m in models
            if (method is None or method in m.methods) and m.token_limit is not None
        }
    if len(encodings) != 1:
        return None
    (encoding,) = encodings
    return encoding if has_exact_tokenizer(encoding) else None


class TokenCounter:
    """Counts the examples of one file, in file order (see the module's docstring)."""

    def __init__(
        self,
        *,
        exact_available: bool,
        force_exact: bool,
        size: int | None,
        limit: int | None,
        cap: int | None,
    ) -> None:
        self.available = exact_available
        self.force = force_exact and exact_available
        self.limit = limit  # the per-example limit checked (flagging)
        self.cap = cap  # the per-example cap of billing (the chosen model's limit)
        self.size = size
        self.exact_bytes: float
        if size is not None and size > EXACT_FILE_BYTES:
            self.exact_bytes = 0  # known to be large: sample from the start
            rate = min(1.0, SAMPLE_BYTES / size)
        else:
            self.exact_bytes = EXACT_FILE_BYTES
            rate = UNKNOWN_SIZE_RATE
        if self.force:
            self.exact_bytes = math.inf  # every example, however large the file
        self.total = SampledTotal(rate, seed=SEED)
        self._random = random.Random(SEED)
        self._gap = math.log1p(-rate) if rate < 1 else 0.0
        self._skip = self._next_skip()
        # lines of at most this many bytes (and no image) are certainly within the limit
        self._safe_bytes = (limit - EXAMPLE_OVERHEAD) // TOKENS_PER_BYTE if limit else -1
        self._estimates = 0  # the sum of the capped estimates of examples not counted exactly
        self.read = 0
        self.examples = 0
        self.exact = 0  # examples counted exactly
        self.near_limit = 0  # of which because they could be over the limit
        self.convention = 0  # of which holding tools, tool calls or images counted by convention
        self.upper_bounds = 0  # of which holding a piece too long to merge: an upper bound

    def _next_skip(self) -> int:
        """How many examples to pass before the next one sampled: a geometric gap, so that each
        example is sampled independently with probability ``rate`` (a Bernoulli sample) without
        drawing a random number for every example."""
        if not self._gap:
            return 0
        return int(math.log(1.0 - self._random.random()) / self._gap)

    def count(
        self, record: dict[str, Any], conv: Conversation, line_bytes: int
    ) -> tuple[int, int, bool]:
        """(tokens, assistant tokens, whether ``tokens`` is exact) of one example."""
        estimate = MESSAGE_TOKENS * conv.count + (conv.chars + 3) // 4 + conv.extra + EXAMPLE_TOKENS
        reply = MESSAGE_TOKENS * conv.assistants + (conv.reply_chars + 3) // 4 + conv.reply_extra
        self.examples += 1
        self.read += line_bytes
        if self.available:
            if self.read <= self.exact_bytes:
                return self._counted(record, conv, estimate, reply, False)
            if (line_bytes > self._safe_bytes or conv.images) and self._near(
                record, conv, line_bytes
            ):
                return self._counted(record, conv, estimate, reply, True)
            self._skip -= 1
            if self._skip < 0:
                self._skip = self._next_skip()
                exact = self._exact(record, conv)
                if exact is not None:
                    self.total.add_sampled(self._capped(estimate), self._capped(exact))
                    return exact, reply, True
        cap = self.cap
        self._estimates += estimate if cap is None or estimate <= cap else cap
        return estimate, reply, False

    def _near(self, record: dict[str, Any], conv: Conversation, line_bytes: int) -> bool:
        """Whether the example could be over the limit (then it is counted exactly): first by
        its line's length, then by a walk that bounds each text by its UTF-8 length."""
        limit = self.limit
        if limit is None:
            return False
        images = IMAGE_TOKENS * conv.images
        if not may_exceed(line_bytes, limit, images):
            return False
        return (example_token_bound(record) or 0) + images > limit

    def _counted(
        self, record: dict[str, Any], conv: Conversation, estimate: int, reply: int, near: bool
    ) -> tuple[int, int, bool]:
        exact = self._exact(record, conv)
        if exact is None:
            self._estimates += self._capped(estimate)
            return estimate, reply, False
        self.near_limit += near
        self.total.add_exact(self._capped(exact))
        return exact, reply, True

    def _exact(self, record: dict[str, Any], conv: Conversation) -> int | None:
        counted = example_tokens(record)
        if counted is None:
            return None
        self.exact += 1
        self.convention += counted.estimated
        self.upper_bounds += counted.upper_bound
        return counted.tokens + IMAGE_TOKENS * conv.images

    def _capped(self, tokens: int) -> int:
        cap = self.cap
        return tokens if cap is None or tokens <= cap else cap

    @property
    def all_exact(self) -> bool:
        return self.available and self.exact == self.examples

    def billed(self) -> Total:
        """One epoch's billed tokens (each example capped at the model's limit)."""
        return self.total.result(self._estimates, self.examples - self.exact)

    def describe(self) -> dict[str, object]:
        """How this file's token figures were obtained, for the report."""
        if not self.available:
            how = "estimated"
        elif self.all_exact:
            how = "exact"
        else:
            how = "sampled"
        return {
            "method": how,
            "examples": self.examples,
            "counted_exactly": self.exact,
            "counted_because_near_limit": self.near_limit,
            "counted_by_convention": self.convention,
            "upper_bounds": self.upper_bounds,
            "sampling_rate": self.total.rate if how == "sampled" else None,
            "seed": SEED if how == "sampled" else None,
        }


def token_figures(numbers: dict[str, Any]) -> dict[str, str]:
    """How exact each token figure of a file is, in words, for every view of the report."""
    counting = numbers.get("token_counting") or {}
    how = counting.get("method", "estimated")
    examples = counting.get("examples", 0)
    exactly = counting.get("counted_exactly", 0)
    estimate = f"estimated at {ESTIMATE_RULE}"
    if how == "exact":
        per_example = "exact: every example counted with the model's tokenizer"
    elif how == "sampled":
        per_example = (
            f"mixed: {exactly:,} of {examples:,} examples counted exactly (every one that could "
            f"be near the limit, and a random sample), the rest {estimate}"
        )
    else:
        per_example = estimate
    caveats = counting_caveats(counting)
    if how != "estimated" and caveats:
        if counting.get("upper_bounds"):
            per_example = f"{UPPER_BOUND}: {per_example.split(': ', 1)[1]}; {caveats}"
        elif how == "exact":
            per_example = f"{BY_CONVENTION}: {per_example.split(': ', 1)[1]}; {caveats}"
        else:
            per_example += "; " + caveats
    if how != "estimated" and numbers.get("chat_format") == "harmony":
        per_example = f"mixed: {HARMONY_RULE}; " + per_example.split(": ", 1)[-1]
    figures = {
        "tokens_per_example": per_example,
        "assistant_tokens_per_example": estimate,
        "examples_over_token_limit": (
            "exact: every example that could be over the limit was counted with the tokenizer"
            if how != "estimated"
            else "estimated: " + estimate
        ),
    }
    billed = numbers.get("billed_tokens")
    if isinstance(billed, dict):
        phrase = billed_phrase(billed, estimate, counting)
        if numbers.get("chat_format") == "harmony":
            phrase = re.sub(r"\(exact[^)]*\)", f"({HARMONY_RULE})", phrase)
        figures["billed_tokens"] = phrase
    return figures


def counting_caveats(counting: dict[str, Any]) -> str:
    """What in the exact counts follows a convention or is a bound, in words ("" if nothing)."""
    parts = []
    convention = counting.get("counted_by_convention", 0)
    if convention:
        parts.append(
            f"in {plural(convention, 'example')} part of the count (tools, tool calls, images) "
            "follows a convention, not the provider's unpublished formatting"
        )
    bounds = counting.get("upper_bounds", 0)
    if bounds:
        parts.append(
            f"{plural(bounds, 'example')} {'holds' if bounds == 1 else 'hold'} over a MiB of "
            "text without a space or punctuation (such as a run of one letter), counted as one "
            "token per byte: an upper bound"
        )
    return "; ".join(parts)


def billed_phrase(
    billed: dict[str, Any], estimate: str, counting: dict[str, Any] | None = None
) -> str:
    value = billed["value"]
    counting = counting or {}
    if billed["exact"]:
        if counting.get("upper_bounds"):
            return f"at most {value:,} (an upper bound: see the token counts)"
        if counting.get("counted_by_convention"):
            return f"{value:,} (exact for text; tools, tool calls and images by convention)"
        return f"{value:,} (exact)"
    if billed.get("low") is None:
        if billed.get("sampled") is None:
            return f"about {value:,} ({estimate}; expect 20% or more error)"
        return f"about {value:,} (too few examples sampled to state a precision)"
    return (
        f"about {value:,} (95% interval {billed['low']:,} to {billed['high']:,}, from "
        f"{billed['sampled']:,} of {billed['population']:,} examples counted exactly at random)"
    )


HARMONY_RULE = (
    "the text counted exactly with gpt-oss's vocabulary (o200k_base), the formatting overhead "
    "estimated"
)


def token_note(figures: dict[str, str]) -> str:
    """The report's note on token counts: what is exact, what is an estimate."""
    per_example = figures.get("tokens_per_example", "")
    if per_example.startswith("estimated"):
        return TOKEN_ESTIMATE_NOTE
    overhead = (
        "Token counts use the model's tokenizer (o200k_base) with the documented chat overhead "
        "(3 tokens per message, 1 per name, 3 per example)"
    )
    if HARMONY_RULE in per_example:
        overhead = (
            "Token counts use gpt-oss's vocabulary (o200k_base), so every text is counted "
            "exactly; gpt-oss reads conversations in its harmony format, and how Foundry renders "
            "a training example in it (the system header it adds) is not published, so the "
            "overhead counted is the cookbook's (3 tokens per message, 1 per name, 3 per "
            "example), an estimate"
        )
    parts = [
        overhead,
        f"tokens per example are {per_example}",
        "tool definitions and tool calls are counted as their JSON text, and each image at the "
        "low-detail price of 85 tokens (detailed images cost more): the providers' exact "
        "formatting of those is not published, so those parts are estimates",
        f"assistant tokens are {figures['assistant_tokens_per_example']}",
    ]
    if "billed_tokens" in figures:
        parts.append(f"billed training tokens: {figures['billed_tokens']}")
    return "; ".join(parts) + "."


def short_token_note(figures: dict[str, str] | None) -> str:
    """The page's one-line version of ``token_note`` (the downloaded reports keep the full one)."""
    if not figures or figures.get("tokens_per_example", "").startswith("estimated"):
        return (
            "Token counts are estimates (about 4 characters per token) and can be 20% or more off, "
            "especially for code and non-English text."
        )
    return (
        "Token counts use the model's tokenizer (o200k_base); tool calls and images are "
        "estimated, and the downloaded report says exactly how each figure was counted."
    )
