"""Exact where it decides, sampled where it sums: the two helpers the dataset checker needs to use
exact counts on files too large to count in full.

- ``may_exceed``: whether an example could be over a token limit, from its line's length alone.
  No token is shorter than one byte, and a string's text is never longer in UTF-8 than its JSON
  form on the line; but the count reads tools and tool calls as ``json.dumps`` text, which can be
  longer than the line (a space after every ``:`` and ``,``, and ``1e15`` written out as
  ``1000000000000000.0``: at most 4.5 bytes per byte of the line), and each message costs a fixed
  overhead (3 tokens, 4 with a name, for at least 1 byte). So an example has at most
  ``TOKENS_PER_BYTE`` (5) tokens per byte of its line, plus 3 per example and its image tokens.
  Below the limit by that bound, the example is certainly within it; otherwise the caller
  bounds it more tightly (``example_token_bound``) or counts it exactly.
- ``SampledTotal``: a total (billed tokens, say) from a fast estimate of every example and an exact
  count of a uniform random sample of them, by the ratio estimator, with a 95% interval. Examples
  counted exactly anyway (the ones ``may_exceed`` sent to the tokenizer) enter the total exactly.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

Z_95 = 1.959963984540054


TOKENS_PER_BYTE = 5
EXAMPLE_OVERHEAD = 3


def may_exceed(line_bytes: int, limit: int, image_tokens: int = 0) -> bool:
    """Whether an example whose JSON line has ``line_bytes`` bytes could have more than
    ``limit`` tokens, its images' ``image_tokens`` included (if not, it certainly has no more)."""
    return TOKENS_PER_BYTE * line_bytes + EXAMPLE_OVERHEAD + image_tokens > limit


@dataclass(frozen=True)
class Total:
    value: float
    low: float
    high: float
    exact: bool
    """True when every example was counted exactly (then low == value == high)."""
    sampled: int
    estimated: int
    """Examples in the sampled population: ``sampled`` of ``estimated + sampled`` were counted."""

    def to_dict(self) -> dict[str, float | int | bool]:
        return {
            "value": round(self.value),
            "low": math.floor(self.low),
            "high": math.ceil(self.high),
            "exact": self.exact,
            "sampled": self.sampled,
            "population": self.sampled + self.estimated,
        }


class SampledTotal:
    """Feed every example once, in file order: ``take_sample()`` says whether to count it
    exactly (a seeded Bernoulli draw at ``rate``); then call ``add_exact``, ``add_sampled`` or
    ``add_estimate`` for it."""

    def __init__(self, rate: float, seed: int = 0) -> None:
        if not 0 < rate <= 1:
            raise ValueError("rate must be in (0, 1]")
        self.rate = rate
        self._random = random.Random(seed)
        self._exact = 0.0
        self._estimate_only = 0.0
        self._estimated = 0
        self._pairs: list[tuple[float, float]] = []

    def take_sample(self) -> bool:
        return self.rate >= 1 or self._random.random() < self.rate

    def add_exact(self, exact: float) -> None:
        """An example counted exactly for another reason (near a limit)."""
        self._exact += exact

    def add_sampled(self, estimate: float, exact: float) -> None:
        self._pairs.append((estimate, exact))

    def add_estimate(self, estimate: float) -> None:
        self._estimate_only += estimate
        self._estimated += 1

    def result(self, estimates: float = 0.0, estimated: int = 0) -> Total:
        """The total; ``estimates`` and ``estimated``: the sum and number of examples given in
        bulk instead of one ``add_estimate`` each (the caller kept the running sum)."""
        estimate_only = self._estimate_only + estimates
        estimated += self._estimated
        n = len(self._pairs)
        exact_sum = sum(exact for _, exact in self._pairs)
        if estimated == 0:
            value = self._exact + exact_sum
            return Total(value, value, value, True, n, 0)
        estimate_sum = sum(estimate for estimate, _ in self._pairs)
        if n < 2 or estimate_sum <= 0:
            value = self._exact + exact_sum + estimate_only
            return Total(value, 0.0, math.inf, False, n, estimated)
        ratio = exact_sum / estimate_sum
        population = n + estimated
        population_estimate = estimate_sum + estimate_only
        value = self._exact + ratio * population_estimate
        residuals = [exact - ratio * estimate for estimate, exact in self._pairs]
        variance_of_residuals = sum(r * r for r in residuals) / (n - 1)
        finite = 1 - n / population
        spread = Z_95 * population * math.sqrt(finite * variance_of_residuals / n)
        low = max(value - spread, self._exact + exact_sum)
        return Total(value, low, value + spread, False, n, estimated)
