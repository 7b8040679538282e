"""Rows to a Comparison: each model's score, the paired difference, the test, the verdict."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

from checker.compare import stats
from checker.compare.parse import Kind, PairedResults
from checker.errors import InputError

Verdict = Literal["better", "worse", "no detectable difference at this sample size"]
ALPHA = 0.05
DEFAULT_REPLICATES = 10_000
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
    """The minimum detectable effect: 80% power, two-sided alpha 0.05 (None if not estimable)."""

    value: float | None
    formula: str


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

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (tuples become lists)."""
        data = asdict(self)
        data["notes"] = list(self.notes)
        return data


def _verdict(difference: float, p_value: float, alpha: float) -> Verdict:
    if p_value < alpha and difference > 0:
        return "better"
    if p_value < alpha and difference < 0:
        return "worse"
    return "no detectable difference at this sample size"


def _counts(paired: PairedResults) -> Counts:
    pairs = list(zip(paired.baseline, paired.candidate, strict=True))
    return Counts(
        both_right=pairs.count((1.0, 1.0)),
        only_baseline=pairs.count((1.0, 0.0)),
        only_candidate=pairs.count((0.0, 1.0)),
        both_wrong=pairs.count((0.0, 0.0)),
    )


def _amount(value: float, kind: Kind, signed: bool = False) -> str:
    if kind == "pass/fail":
        return f"{value * 100:{'+' if signed else ''}.1f} percentage points"
    return f"{value:{'+' if signed else ''}.3g}"


def _notes(
    paired: PairedResults, difference: Estimate, verdict: Verdict, mde: float | None
) -> list[str]:
    n = len(paired.ids)
    notes: list[str] = []
    if mde is None:
        notes.append(
            "The two models gave the same result on every item, so the smallest detectable "
            "difference cannot be estimated from these items."
        )
    elif verdict.startswith("no detectable") and abs(difference.estimate) < mde:
        notes.append(
            f"With {n} items, only differences of about {_amount(mde, paired.kind)} or more are "
            "likely to be detected (80% power); the observed difference is "
            f"{_amount(difference.estimate, paired.kind, signed=True)}. "
            "A larger holdout set is needed to tell a difference this small from chance."
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


def compare_paired(
    paired: PairedResults,
    *,
    seed: int = 0,
    replicates: int = DEFAULT_REPLICATES,
    alpha: float = ALPHA,
) -> Comparison:
    """Compare two models' outcomes on the same items; see the module doc for what is computed."""
    n = len(paired.ids)
    if n < 2:
        raise InputError(f"{paired.source}: need at least 2 items to compare, found {n}")
    if replicates < 1:
        raise InputError(f"replicates must be at least 1, not {replicates}")
    differences = [c - b for b, c in zip(paired.baseline, paired.candidate, strict=True)]
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
        baseline = Estimate(
            sum(paired.baseline) / n,
            *stats.wilson_interval(round(sum(paired.baseline)), n),
            model_method,
        )
        candidate = Estimate(
            sum(paired.candidate) / n,
            *stats.wilson_interval(round(sum(paired.candidate)), n),
            model_method,
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
    mde = stats.minimum_detectable_effect(spread, n) if spread > 0 else None
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
        minimum_detectable_effect=Detectable(mde, MDE_FORMULA[paired.kind]),
        seed=seed,
        replicates=replicates,
        notes=tuple(_notes(paired, difference, verdict, mde)),
    )
