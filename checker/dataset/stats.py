"""Per-file numbers kept while streaming, and the summaries made from them at the end.

Memory: a fixed 36 bytes per example in arrays (three 8-byte fingerprints: the line, the
normalised prompt, and the exact prompt with the answers; the line number, the estimated tokens
of the example and of its assistant turns), so a million examples take about 36 MB, and
finding the repeated fingerprints at the end briefly takes about 64 MB more. To keep
memory bounded whatever the file size, the arrays stop growing after MAX_TRACKED examples:
duplicate checks and the token distribution then cover the first MAX_TRACKED examples (the
report says so), while the counts cover them all. Message counts go in a histogram; system
messages are counted by fingerprint, up to MAX_SYSTEM_VARIANTS distinct ones.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import pairwise
from typing import Any

from checker.dataset.fingerprint import FINGERPRINT_TYPE, fingerprint, text_fingerprint
from checker.dataset.messages import Conversation
from checker.neardup import (
    exact_prompt,
    key_of_turns,
    near_duplicate_key,
)

MAX_SYSTEM_VARIANTS = 1000
MAX_TRACKED = 1_000_000  # about 100 MB at peak, measured (bench/bench_validate.py)
KEEP_LINES = 20


class SystemVariant:
    __slots__ = ("count", "line", "text")

    def __init__(self, line: int, text: str) -> None:
        self.count = 1
        self.line = line
        self.text = text


class FileStats:
    def __init__(self) -> None:
        self.exact = array(FINGERPRINT_TYPE)
        self.near = array(FINGERPRINT_TYPE)
        self.labels = array("Q")  # 32 bits of the exact prompt, 32 of the assistant texts
        self.lines = array("I")
        self.tokens = array("I")
        self.reply_tokens = array("I")
        self.messages: dict[int, int] = {}
        self.images = 0
        self.image_examples = 0
        self.with_system = 0
        self.count = 0  # every example, tracked in the arrays or not
        self.without_system_lines: list[int] = []
        self.with_system_lines: list[int] = []
        self.systems: dict[int, SystemVariant] = {}  # by fingerprint

    def add(
        self,
        line: int,
        raw: bytes,
        conv: Conversation,
        record: dict[str, Any],
        tokens: tuple[int, int, bool],
        escaped: bool,
    ) -> None:
        """Record one example with its (tokens, assistant tokens, exact): once per line.
        ``escaped``: the line holds a backslash (without one, no text in it holds a control
        character, which makes its near-duplicate key cheaper)."""
        count = self.count = self.count + 1
        if count <= MAX_TRACKED:
            roles = conv.prompt_roles
            if roles:  # gathered by the checks: the same key, without a second walk
                near = key_of_turns(roles, conv.prompt_systems, conv.prompt_users, escaped)
                # the texts' own hashes, without joining them: 32 bits tell two prompts of one
                # near-duplicate group apart (compared within this process only)
                prompt = hash((roles, *conv.prompt_systems, *conv.prompt_users))
            else:
                near = near_duplicate_key(record)
                prompt = hash(exact_prompt(record))
            self.labels.append((prompt & 0xFFFFFFFF) << 32 | (conv.reply_hash & 0xFFFFFFFF))
            self.exact.append(fingerprint(raw))
            self.near.append(text_fingerprint(near))
            self.lines.append(line)
            # token estimates fit: a line is at most max_line_bytes, far below 2**32 characters
            self.tokens.append(tokens[0])
            self.reply_tokens.append(tokens[1])
        messages = self.messages
        size = conv.count
        messages[size] = messages.get(size, 0) + 1
        if conv.images:
            self.images += conv.images
            self.image_examples += 1
        system = conv.system
        if system is None:
            if len(self.without_system_lines) < KEEP_LINES:
                self.without_system_lines.append(line)
            return
        self.with_system += 1
        if len(self.with_system_lines) < KEEP_LINES:
            self.with_system_lines.append(line)
        key = hash(system)  # a few variants at most: the width of hash() does not matter
        variant = self.systems.get(key)
        if variant is not None:
            variant.count += 1
        elif len(self.systems) < MAX_SYSTEM_VARIANTS:
            self.systems[key] = SystemVariant(line, system[:200])

    def release(self) -> None:
        """Drop the per-example arrays once the file's checks are done."""
        for values in (self.tokens, self.reply_tokens, self.labels):
            del values[:]


def ranks(n: int) -> dict[str, int]:
    """The 0-based nearest-rank positions of the median and the 90th percentile among ``n``
    sorted values: the one percentile rule of every summary the checker shows."""
    return {"median": (n - 1) // 2, "p90": -(-9 * n // 10) - 1}


def summary(ordered: list[int]) -> dict[str, int] | None:
    """min, median, p90 and max (nearest rank) of sorted values, or None when empty."""
    if not ordered:
        return None
    at = ranks(len(ordered))
    return {
        "min": ordered[0],
        "median": ordered[at["median"]],
        "p90": ordered[at["p90"]],
        "max": ordered[-1],
        "total": sum(ordered),
    }


def histogram_summary(counts: dict[int, int]) -> dict[str, int] | None:
    """``summary`` (without the total) of values given as {value: how many times}."""
    total = sum(counts.values())
    if not total:
        return None
    values = sorted(counts)
    result = {"min": values[0], "median": 0, "p90": 0, "max": values[-1]}
    for name, rank in ranks(total).items():
        seen = 0
        for value in values:
            seen += counts[value]
            if seen > rank:
                result[name] = value
                break
    return result


def histogram(ordered: list[int], bins: int = 20) -> dict[str, list[int]] | None:
    """Counts of sorted values in equal-width bins from min to max, for the page's chart."""
    if not ordered:
        return None
    low, high = ordered[0], ordered[-1]
    width = max(1, -(-(high - low + 1) // bins))
    edges = list(range(low, high + width + 1, width))
    counts = [
        bisect_left(ordered, upper) - bisect_left(ordered, lower)
        for lower, upper in pairwise(edges)
    ]
    return {"edges": edges, "counts": counts}


def outlier_threshold(ordered: list[int]) -> int | None:
    """Tokens above which an example is far longer than the rest.

    Tukey's far-out fence, but at least five times the median and 1,000 tokens, so that
    ordinary variation in short examples is not reported.
    """
    n = len(ordered)
    if n < 20:
        return None
    q1, median, q3 = ordered[n // 4], ordered[n // 2], ordered[(3 * n) // 4]
    return max(q3 + 3 * (q3 - q1), 5 * median, 1000)


def estimated_epochs(examples: int) -> int:
    """The service's default: aim at 3 epochs, bounded so training sees 100 to 25,000 examples."""
    if examples <= 0:
        return 0
    if examples * 3 < 100:
        return min(25, 100 // examples)
    if examples * 3 > 25000:
        return max(1, 25000 // examples)
    return 3


def billed_tokens(tokens: array[int], limit: int | None, epochs: int) -> int:
    total = sum(tokens) if limit is None else sum(min(limit, t) for t in tokens)
    return epochs * total
