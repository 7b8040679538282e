"""How many holdout items a paired pass/fail comparison needs, and what a given holdout can show."""

from __future__ import annotations

import math

from checker.compare.stats import minimum_detectable_effect


def holdout_power(size: float, baseline: float, gain: float) -> tuple[float, int]:
    """The smallest gain (percentage points) a holdout of ``size`` items detects at a baseline
    pass rate of ``baseline`` percent, and the holdout size that detects ``gain`` points.

    Uses the comparison's minimum detectable effect for paired pass/fail results. The share of
    items on which the models disagree is taken as if their mistakes were independent
    (p(1 - p - d) + (p + d)(1 - p)): a cautious guess, since real models tend to fail on the
    same items, which shrinks the holdout needed."""
    p, d = baseline / 100, gain / 100
    share = max(p * (1 - p - d) + (p + d) * (1 - p), d)
    detectable = 100 * minimum_detectable_effect(math.sqrt(share), max(1, round(size)))
    needed = math.ceil((minimum_detectable_effect(math.sqrt(share), 1) / d) ** 2)
    return detectable, needed
