"""The comparison's statistics against independent implementations (SciPy, statsmodels).

Host only: these libraries do not ship in the Pyodide test run (tests/pyodide runs
tests/checker), and on the host they are pinned in the ``test`` extra, so a missing one is an
error here, never a skip.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

from checker.compare import compare_results
from checker.compare import stats as ours


@pytest.mark.parametrize(("successes", "n"), [(0, 5), (8, 10), (37, 40), (500, 1000), (3, 7)])
def test_wilson_interval_matches_statsmodels(successes: int, n: int) -> None:
    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    assert ours.wilson_interval(successes, n) == pytest.approx((low, high), abs=1e-12)


@pytest.mark.parametrize(
    ("b", "c"),
    [(0, 0), (0, 1), (3, 9), (9, 3), (12, 13), (40, 60), (4990, 5030), (6000, 6400), (1, 30)],
)
def test_exact_mcnemar_matches_statsmodels_and_scipy(b: int, c: int) -> None:
    expected = mcnemar(np.array([[10, b], [c, 10]]), exact=True).pvalue
    got = ours.mcnemar_exact(b, c)
    assert got == pytest.approx(expected, rel=1e-9)
    if b + c:
        assert got == pytest.approx(scipy_stats.binomtest(b, b + c, 0.5).pvalue, rel=1e-9)


@pytest.mark.parametrize("df", [1, 2, 5, 10, 29, 30, 31, 45, 100, 1000, 100_000])
def test_t_quantile_matches_scipy(df: int) -> None:
    assert ours.t_975(df) == pytest.approx(scipy_stats.t.ppf(0.975, df), abs=2e-6)


def test_t_interval_matches_scipy() -> None:
    rng = random.Random(5)
    values = [rng.gauss(3, 2) for _ in range(25)]
    expected = scipy_stats.t.interval(
        0.95, len(values) - 1, loc=np.mean(values), scale=scipy_stats.sem(values)
    )
    assert ours.t_interval(values) == pytest.approx(expected, abs=1e-5)


def test_enumerated_sign_flip_matches_scipys_permutation_test() -> None:
    differences = [0.5, -0.25, 1.0, 0.75, 0.0, 0.3, -0.1, 0.6, 0.2, -0.4, 0.9, 0.15]
    p, exact = ours.sign_flip_test(differences, replicates=1000, seed=0)
    result = scipy_stats.permutation_test(
        (np.array(differences),),
        np.sum,
        permutation_type="samples",
        n_resamples=np.inf,
        alternative="two-sided",
    )
    assert exact
    assert p == pytest.approx(result.pvalue, rel=1e-12)


def ratings(n: int, shift: float, seed: int) -> list[tuple[int, int]]:
    """Paired 1-5 ratings: few distinct differences, the grouped sign-flip branch."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        base = rng.randint(1, 5)
        cand = min(5, max(1, base + round(rng.gauss(shift, 1.0))))
        pairs.append((base, cand))
    return pairs


def exact_sign_flip_p(differences: list[float]) -> float:
    """The sign-flip p-value by exact convolution over the groups of equal magnitude: the
    flipped sum is sum(size * Binomial(count, 1/2)) over the magnitudes."""
    groups = Counter(abs(d) for d in differences if d)
    total = sum(size * count for size, count in groups.items())
    observed = abs(sum(differences))
    distribution = {0.0: 1.0}
    for size, count in groups.items():
        step: dict[float, float] = {}
        for flipped in range(count + 1):
            weight = math.comb(count, flipped) / 2**count
            for value, p in distribution.items():
                key = value + size * flipped
                step[key] = step.get(key, 0.0) + p * weight
        distribution = step
    return sum(
        p for flipped, p in distribution.items() if abs(total - 2 * flipped) >= observed - 1e-9
    )


@pytest.mark.parametrize(("shift", "seed"), [(0.15, 1), (0.3, 2), (0.0, 3)])
def test_grouped_sign_flip_on_ratings_matches_the_exact_distribution(
    shift: float, seed: int
) -> None:
    pairs = ratings(160, shift, seed)
    differences = [float(c - b) for b, c in pairs]
    sizes = [abs(d) for d in differences if d]
    assert len(sizes) > ours.EXACT_SIGN_FLIP_LIMIT and len(set(sizes)) * 16 <= len(sizes)
    replicates = 40_000
    p, exact = ours.sign_flip_test(differences, replicates=replicates, seed=seed)
    expected = exact_sign_flip_p(differences)
    assert not exact
    # Monte Carlo error of a proportion from 40,000 draws, with room for 4.5 standard errors.
    tolerance = 4.5 * math.sqrt(expected * (1 - expected) / replicates) + 1 / replicates
    assert abs(p - expected) <= tolerance, (p, expected)
    scipy_p = scipy_stats.permutation_test(
        (np.array(differences),), np.sum, permutation_type="samples",
        n_resamples=40_000, alternative="two-sided", rng=np.random.default_rng(seed),
    ).pvalue  # fmt: skip
    # SciPy's two-sided p is twice its smaller one-sided Monte Carlo tail: its own error.
    tail = min(expected / 2, 0.5)
    assert abs(p - scipy_p) <= tolerance + 2 * 4.5 * math.sqrt(tail * (1 - tail) / replicates)


def test_ratings_comparison_end_to_end_uses_the_grouped_branch() -> None:
    pairs = ratings(400, 0.2, 7)
    result = compare_results(
        [{"id": i, "baseline": b, "candidate": c} for i, (b, c) in enumerate(pairs)]
    )
    assert result.kind == "score" and not result.test.exact
    expected = exact_sign_flip_p([float(c - b) for b, c in pairs])
    assert (
        abs(result.test.p_value - expected)
        <= 4.5 * math.sqrt(expected * (1 - expected) / result.replicates) + 1 / result.replicates
    )


@pytest.mark.parametrize("kind", ["pass/fail", "ratings"])
def test_paired_bootstrap_interval_matches_scipy(kind: str) -> None:
    rng = random.Random(11)
    if kind == "pass/fail":
        differences = [float((rng.random() < 0.8) - (rng.random() < 0.7)) for _ in range(300)]
    else:
        differences = [float(c - b) for b, c in ratings(300, 0.2, 11)]
    low, high = ours.bootstrap_interval(differences, replicates=20_000, seed=3)
    result = scipy_stats.bootstrap(
        (np.array(differences),), np.mean, n_resamples=20_000, method="percentile",
        rng=np.random.default_rng(3),
    )  # fmt: skip
    spread = float(np.std(differences)) / math.sqrt(len(differences))
    assert low == pytest.approx(result.confidence_interval.low, abs=0.1 * spread)
    assert high == pytest.approx(result.confidence_interval.high, abs=0.1 * spread)
