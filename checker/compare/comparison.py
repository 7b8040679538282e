"""Rows to a Comparison: each model's score, the paired difference, the test, the verdict."""

from __future__ import annotations

import math
import operator
from array import array
from dataclasses import asdict, dataclass
from typing import Any, Literal

from checker.compare import stats
from checker.compare.parse import Kind, PairedResults
from checker.errors import InputError

Verdict = Literal["better", "worse", "no detectable difference at this sample size"]
ALPHA = 0.05
DEFAULT_REPLICATES = 10_000
MAX_REPLICATES = 100_000
MIN_AUTO_REPLICATES = 1_000
WORK_BUDGET = 100_000_000
"""Resampling work is bounded: replicates times the work per replicate (``stats.resampling_cost``,
in item draws; about 20 s on CPython at the budget). Pass/fail results and scores with few
distinct differences cost a few dozen draws per replicate, so only many distinct numeric
differences over many items reach it: then the default 10,000 replicates is lowered (never below
1,000, with a note), and a larger explicit ``replicates`` is refused."""
MDE_FORMULA = {
    "pass/fail": "(1.96 + 0.84) * sqrt((b + c) / n) / sqrt(n), normal approximation "
    "from the share of items where the models disagree",
    "score": "(1.96 + 0.84) * sd(differences) / sqrt(n), normal approximation",
}


@dataclass(frozen=True)
class Estimate:
    """A mean (a pass rate for pass/fail) with its 95% interval and how the interval was made."""

    estimate: float
    low: float
    high: float
    method: str


@dataclass(frozen=True)
class Test:
    name: str
    p_value: float
    exact: bool


@dataclass(frozen=True)
class Counts:
    """Pass/fail agreement table; only_baseline is McNemar's b, only_candidate its c."""

    both_right: int
    only_baseline: int
    only_candidate: int
    both_wrong: int


@dataclass(frozen=True)
class Detectable:
    """The minimum detectable effect: 80% power, two-sided alpha 0.05 (None if not estimable),
    and how many items would detect the observed difference with that power (None when the
    difference is zero or the spread is not estimable)."""

    value: float | None
    formula: str
    items_for_observed: int | None = None


@dataclass(frozen=True)
class Comparison:
    kind: Kind
    items: int
    source: str
    metric: str | None
    baseline: Estimate
    candidate: Estimate
    difference: Estimate  # candidate - baseline
    test: Test
    counts: Counts | None
    verdict: Verdict
    alpha: float
    minimum_detectable_effect: Detectable
    seed: int
    replicates: int
    notes: tuple[str, ...]

    def checklist_evidence(self) -> dict[str, dict[str, str]]:
        """Suggested answers for the readiness checklist items this comparison speaks to."""
        reason = f"you compared both models on {self.items:,} items"
        evidence = {
            "compare-with-base": {"answer": "yes", "reason": reason},
            "quantitative-metric": {"answer": "yes", "reason": "the comparison scored every item"},
            "holdout-examples": {"answer": str(self.items), "reason": reason},
        }
        if self.counts is not None and self.items > 0:
            differ = self.counts.only_baseline + self.counts.only_candidate
            share = f"{100 * differ / self.items:.1f}"
            evidence["disagreement-rate"] = {
                "answer": share.removesuffix(".0"),
                "reason": f"exactly one of the two models passed on {share}% of the compared items",
            }
        if self.kind == "pass/fail":
            rate = f"{100 * self.baseline.estimate:.1f}"
            evidence["baseline-pass-rate"] = {
                "answer": rate.removesuffix(".0"),
                "reason": f"the baseline passed {rate}% of the compared items",
            }
        return evidence

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (tuples become lists), with the checklist evidence."""
        data = asdict(self)
        data["notes"] = list(self.notes)
        data["checklist_evidence"] = self.checklist_evidence()
        return data


def _verdict(difference: float, p_value: float, alpha: float) -> Verdict:
    if p_value < alpha and difference > 0:
        return "better"
    if p_value < alpha and difference < 0:
        return "worse"
    return "no detectable difference at this sample size"


def _counts(paired: PairedResults) -> Counts:
    tally = {(1.0, 1.0): 0, (1.0, 0.0): 0, (0.0, 1.0): 0, (0.0, 0.0): 0}
    for pair in zip(paired.baseline, paired.candidate, strict=True):
        tally[pair] += 1
    return Counts(
        both_right=tally[(1.0, 1.0)],
        only_baseline=tally[(1.0, 0.0)],
        only_candidate=tally[(0.0, 1.0)],
        both_wrong=tally[(0.0, 0.0)],
    )


def _amount(value: float, kind: Kind, signed: bool = False) -> str:
    if kind == "pass/fail":
        return f"{value * 100:{'+' if signed else ''}.1f} percentage points"
    return f"{value:{'+' if signed else ''}.3g}"


def _items_to_detect(spread: float, difference: float) -> int | None:
    """Items at which the minimum detectable effect (with this spread) falls to ``difference``."""
    if difference == 0:
        return None
    return max(2, math.ceil((stats.minimum_detectable_effect(spread, 1) / abs(difference)) ** 2))


def _notes(
    paired: PairedResults,
    difference: Estimate,
    verdict: Verdict,
    mde: float | None,
    needed: int | None,
) -> list[str]:
    n = len(paired.ids)
    notes: list[str] = []
    if mde is None and difference.estimate == 0:
        notes.append(
            "The two models gave the same result on every item, so the smallest detectable "
            "difference cannot be estimated from these items."
        )
    elif mde is None:
        notes.append(
            "The difference between the models was the same on every item "
            f"({_amount(difference.estimate, paired.kind, signed=True)}), so the smallest "
            "detectable difference cannot be estimated from these items."
        )
    elif verdict.startswith("no detectable") and abs(difference.estimate) < mde:
        notes.append(
            f"With {n} items, only differences of about {_amount(mde, paired.kind)} or more are "
            "likely to be detected (80% power); the observed difference is "
            f"{_amount(difference.estimate, paired.kind, signed=True)}. "
            + (
                f"About {needed:,} items would be needed to detect a difference this small."
                if needed
                else "A larger holdout set is needed to tell a difference this small from chance."
            )
        )
    interval_excludes_zero = difference.low > 0 or difference.high < 0
    if interval_excludes_zero == verdict.startswith("no detectable"):
        notes.append(
            "The bootstrap interval and the test disagree about whether the difference is real; "
            "the result is borderline, so treat it as unsettled."
        )
    if n < 30:
        notes.append(f"Only {n} items: every figure here is rough.")
    return notes


def _whole_number(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number (int), not {type(value).__name__}")
    return value


def choose_replicates(requested: int | None, cost: int, items: int) -> tuple[int, str | None]:
    """The replicates to run, and a note when the default was lowered to bound the time."""
    allowed = WORK_BUDGET // max(cost, 1)
    if requested is None:
        if allowed >= DEFAULT_REPLICATES:
            return DEFAULT_REPLICATES, None
        if allowed < MIN_AUTO_REPLICATES:
            raise InputError(
                f"{items:,} items with this many distinct score differences would take too long "
                f"to resample {MIN_AUTO_REPLICATES:,} times; compare a random sample of at most "
                f"{max(WORK_BUDGET // MIN_AUTO_REPLICATES, 2):,} items, or round the scores"
            )
        note = (
            f"Resampling used {allowed:,} replicates instead of {DEFAULT_REPLICATES:,}, so the "
            f"comparison of {items:,} items with many distinct score differences ends in time."
        )
        return allowed, note
    _whole_number("replicates", requested)
    if not 1 <= requested <= MAX_REPLICATES:
        raise InputError(f"replicates must be between 1 and {MAX_REPLICATES:,}, not {requested}")
    if requested > allowed:
        raise InputError(
            f"{requested:,} replicates of {items:,} items would take too long; "
            f"use at most {max(allowed, 1):,}"
        )
    return requested, None


def compare_paired(
    paired: PairedResults,
    *,
    seed: int = 0,
    replicates: int | None = None,
    alpha: float = ALPHA,
) -> Comparison:
    """Compare two models' outcomes on the same items; see the module doc for what is computed.

    ``replicates`` None means DEFAULT_REPLICATES, lowered when needed to stay in WORK_BUDGET."""
    if not isinstance(paired, PairedResults):
        raise TypeError(f"paired must be PairedResults, not {type(paired).__name__}")
    _whole_number("seed", seed)
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be a number between 0 and 1, not {alpha!r}")
    n = len(paired.ids)
    if n < 2:
        raise InputError(f"{paired.source}: need at least 2 items to compare, found {n}")
    if replicates is not None:
        _whole_number("replicates", replicates)
    differences = array("d", map(operator.sub, paired.candidate, paired.baseline))
    replicates, budget_note = choose_replicates(replicates, stats.resampling_cost(differences), n)
    mean_difference = math.fsum(differences) / n
    low, high = stats.bootstrap_interval(differences, replicates, seed)
    difference = Estimate(
        mean_difference,
        low,
        high,
        f"paired bootstrap percentile interval, {replicates} replicates, seed {seed}",
    )
    counts: Counts | None = None
    if paired.kind == "pass/fail":
        counts = _counts(paired)
        model_method = "Wilson score interval"
        baseline_right = counts.both_right + counts.only_baseline
        candidate_right = counts.both_right + counts.only_candidate
        baseline = Estimate(
            baseline_right / n, *stats.wilson_interval(baseline_right, n), model_method
        )
        candidate = Estimate(
            candidate_right / n, *stats.wilson_interval(candidate_right, n), model_method
        )
        b, c = counts.only_baseline, counts.only_candidate
        test = Test("exact McNemar test", stats.mcnemar_exact(b, c), exact=True)
        spread = math.sqrt((b + c) / n)
    else:
        model_method = f"t interval ({n - 1} degrees of freedom)"
        baseline = Estimate(
            math.fsum(paired.baseline) / n, *stats.t_interval(paired.baseline), model_method
        )
        candidate = Estimate(
            math.fsum(paired.candidate) / n, *stats.t_interval(paired.candidate), model_method
        )
        p_value, exact = stats.sign_flip_test(differences, replicates, seed)
        name = "paired sign-flip permutation test" + (
            " (all sign patterns)" if exact else f" (Monte Carlo, {replicates} patterns)"
        )
        test = Test(name, p_value, exact)
        spread = stats.mean_sd(differences)[1]
    varies = _varies(spread, paired)
    mde = stats.minimum_detectable_effect(spread, n) if varies else None
    needed = _items_to_detect(spread, mean_difference) if varies else None
    verdict = _verdict(mean_difference, test.p_value, alpha)
    return Comparison(
        kind=paired.kind,
        items=n,
        source=paired.source,
        metric=paired.metric,
        baseline=baseline,
        candidate=candidate,
        difference=difference,
        test=test,
        counts=counts,
        verdict=verdict,
        alpha=alpha,
        minimum_detectable_effect=Detectable(mde, MDE_FORMULA[paired.kind], needed),
        seed=seed,
        replicates=replicates,
        notes=tuple(
            _notes(paired, difference, verdict, mde, needed)
            + ([budget_note] if budget_note else [])
        ),
    )


# Rounding leaves a standard deviation of about 1e-17 on differences that are all equal (0.1 added
# up in another order); below this fraction of the scores' scale the spread counts as zero.
RELATIVE_TOLERANCE = 1e-12


def _varies(spread: float, paired: PairedResults) -> bool:
    """Whether the per-item differences vary, beyond floating-point rounding of the scores."""
    scale = max((abs(float(value)) for value in (*paired.baseline, *paired.candidate)), default=0.0)
    return spread > RELATIVE_TOLERANCE * scale
