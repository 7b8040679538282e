"""How many holdout items a paired pass/fail comparison needs, and what a given holdout can show.

Both models are scored on the same items; only the items where exactly one of them passes carry
information. With ``s`` the share of such items, a difference ``d`` in pass rate is detected with
80% power when the holdout holds ``n = (z_a + z_0.80)^2 * s / d^2`` items (the normal approximation
to McNemar's test, ignoring the small ``- d^2`` term, so it errs towards more items). ``z_a`` is
z_0.975 for "better than the baseline" (two-sided 5%) and z_0.95 for "no worse than the baseline
by more than d" (non-inferiority, one-sided 5%), the case of a cheaper model at equal quality.

When the share is not observed it is taken as if the two models' mistakes were independent, which
real models rarely are: they fail on many of the same items, so the observed share is usually
smaller, and so is the holdout needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from checker.compare.stats import Z_80, Z_975

Z_95 = NormalDist().inv_cdf(0.95)  # one-sided 5%, for non-inferiority


@dataclass(frozen=True)
class HoldoutPower:
    detectable: float
    """Percentage points the holdout detects (at most ``possible``: see ``beyond_possible``)."""
    needed: int
    """Holdout items that detect the wanted gain (or margin)."""
    disagreement: float
    """Share of items (0-1) on which the two models are taken to differ."""
    observed: bool
    """Whether ``disagreement`` was given, rather than assumed from independent mistakes."""
    non_inferiority: bool
    possible: float
    """The largest gain the baseline leaves possible, in points (100 - baseline)."""
    beyond_possible: bool
    """The holdout cannot detect even the largest gain the baseline leaves possible."""

    def assumptions(self) -> str:
        """The assumptions behind the figures, in one sentence for readers."""
        test = (
            "a one-sided non-inferiority test at 5%"
            if self.non_inferiority
            else "a two-sided paired test at 5%"
        )
        share = f"the two models differing on {100 * self.disagreement:.0f}% of items"
        where = (
            "as you observed"
            if self.observed
            else "as if their mistakes were independent (give an observed rate: it is usually "
            "lower and needs fewer items)"
        )
        return f"80% power, {test}, {share} {where}"


def holdout_power(
    size: float,
    baseline: float,
    gain: float,
    *,
    disagreement: float | None = None,
    non_inferiority: bool = False,
) -> HoldoutPower:
    """What a holdout of ``size`` items can show at a baseline pass rate of ``baseline`` percent,
    and the size that shows ``gain`` points (for ``non_inferiority``: that rules out a drop of
    more than ``gain`` points). ``disagreement`` is the observed share of items, in percent, on
    which exactly one of the two models passes."""
    p, d = baseline / 100, gain / 100
    if disagreement is not None:
        share = disagreement / 100
    elif non_inferiority:
        share = 2 * p * (1 - p)  # equal quality, independent mistakes
    else:
        share = p * (1 - p - d) + (p + d) * (1 - p)
    share = min(1.0, max(share, d))  # a difference of d needs at least d of items to differ
    z = (Z_95 if non_inferiority else Z_975) + Z_80
    n = max(1, round(size))
    detectable = 100 * z * math.sqrt(share / n)
    needed = math.ceil(z * z * share / (d * d))
    possible = 100 - baseline
    beyond = not non_inferiority and detectable > possible
    return HoldoutPower(
        detectable=min(detectable, possible) if beyond else detectable,
        needed=needed,
        disagreement=share,
        observed=disagreement is not None,
        non_inferiority=non_inferiority,
        possible=possible,
        beyond_possible=beyond,
    )
