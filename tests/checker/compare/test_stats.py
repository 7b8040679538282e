"""Statistics against textbook values and their invariants."""

from __future__ import annotations

import math
import random
from statistics import NormalDist

import pytest

from checker.compare import stats


@pytest.mark.parametrize(
    ("b", "c", "p"),
    [
        (2, 8, 0.109375),
        (0, 5, 0.0625),
        (5, 0, 0.0625),
        (4, 4, 1.0),
        (0, 0, 1.0),
        (1, 0, 1.0),
        (0, 6, 0.03125),
        (10, 20, 0.09873714670538902),
    ],
)
def test_mcnemar_exact_textbook_values(b: int, c: int, p: float) -> None:
    assert stats.mcnemar_exact(b, c) == pytest.approx(p, rel=1e-9)


def test_mcnemar_exact_matches_the_formula_and_is_symmetric() -> None:
    for b in range(25):
        for c in range(25):
            m = b + c
            expected = (
                min(1.0, 2 * sum(math.comb(m, k) for k in range(min(b, c) + 1)) / 2**m)
                if m
                else 1.0
            )
            assert stats.mcnemar_exact(b, c) == pytest.approx(expected, rel=1e-12)
            assert stats.mcnemar_exact(b, c) == stats.mcnemar_exact(c, b)


def test_mcnemar_exact_handles_large_counts() -> None:
    assert 0 < stats.mcnemar_exact(4800, 5200) < 1e-3


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (8, 10, 0.4902, 0.9433),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (50, 100, 0.4038, 0.5962),
    ],
)
def test_wilson_interval_textbook_values(k: int, n: int, low: float, high: float) -> None:
    assert stats.wilson_interval(k, n) == pytest.approx((low, high), abs=1e-4)


@pytest.mark.parametrize(
    ("df", "t"),
    [(1, 12.7062), (9, 2.2622), (29, 2.0452), (31, 2.0395), (60, 2.0003), (120, 1.9799)],
)
def test_t_quantile(df: int, t: float) -> None:
    assert stats.t_975(df) == pytest.approx(t, abs=1e-4)


def test_t_interval_of_known_sample() -> None:
    low, high = stats.t_interval([1.0, 2.0, 3.0, 4.0, 5.0])
    half = 2.776445105 * math.sqrt(2.5) / math.sqrt(5)
    assert (low, high) == pytest.approx((3 - half, 3 + half))


@pytest.mark.parametrize(("n", "p"), [(30, 0.1), (200, 0.3), (10_000, 0.05), (500, 0.9)])
def test_binomial_draws_have_the_right_mean_and_variance(n: int, p: float) -> None:
    rng = random.Random(7)
    draws = [stats.binomial(rng, n, p) for _ in range(20_000)]
    mean = sum(draws) / len(draws)
    variance = sum((x - mean) ** 2 for x in draws) / len(draws)
    assert all(0 <= x <= n for x in draws)
    assert mean == pytest.approx(n * p, rel=0.02, abs=0.05)
    assert variance == pytest.approx(n * p * (1 - p), rel=0.06)


def test_binomial_edge_cases() -> None:
    rng = random.Random(0)
    assert stats.binomial(rng, 0, 0.5) == 0
    assert stats.binomial(rng, 10, 0.0) == 0
    assert stats.binomial(rng, 10, 1.0) == 10


def test_bootstrap_is_reproducible_for_a_seed_and_changes_with_it() -> None:
    diffs = [1.0] * 30 + [-1.0] * 12 + [0.0] * 158
    first = stats.bootstrap_interval(diffs, 2000, seed=5)
    assert stats.bootstrap_interval(diffs, 2000, seed=5) == first
    assert stats.bootstrap_means(diffs, 50, seed=6) != stats.bootstrap_means(diffs, 50, seed=5)


@pytest.mark.parametrize("many_values", [False, True])
def test_bootstrap_mirrors_when_differences_are_negated(many_values: bool) -> None:
    rng = random.Random(1)
    if many_values:
        diffs = [rng.gauss(0.1, 1) for _ in range(60)]
    else:
        diffs = [rng.choice([-1.0, 0.0, 0.0, 1.0, 1.0]) for _ in range(300)]
    low, high = stats.bootstrap_interval(diffs, 3000, seed=2)
    neg_low, neg_high = stats.bootstrap_interval([-d for d in diffs], 3000, seed=2)
    assert (neg_low, neg_high) == pytest.approx((-high, -low), abs=1e-12)


def test_bootstrap_multinomial_shortcut_agrees_with_resampling_items() -> None:
    # Both paths estimate the same distribution; their intervals agree within Monte Carlo error.
    diffs = [1.0] * 40 + [-1.0] * 20 + [0.0] * 140
    values = sorted(stats.bootstrap_means(diffs, 4000, seed=3))
    rng = random.Random(3)
    direct = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs) for _ in range(4000))
    for q in (0.025, 0.5, 0.975):
        assert stats.percentile(values, q) == pytest.approx(stats.percentile(direct, q), abs=0.011)


def test_bootstrap_interval_of_constant_differences_is_a_point() -> None:
    assert stats.bootstrap_interval([0.25] * 40, 500, seed=0) == (0.25, 0.25)


def test_sign_flip_exact_small_cases() -> None:
    # All 5 differences positive: only the all-plus and all-minus patterns reach |sum| = 5.
    assert stats.sign_flip_test([1.0] * 5, 100, seed=0) == (2 / 32, True)
    assert stats.sign_flip_test([0.0, 0.0], 100, seed=0) == (1.0, True)
    p, exact = stats.sign_flip_test([1.0, -1.0, 2.0, -2.0], 100, seed=0)
    assert exact and p == 1.0


def test_sign_flip_exact_matches_brute_force() -> None:
    rng = random.Random(4)
    diffs = [round(rng.gauss(0.3, 1), 2) for _ in range(10)]
    observed = abs(sum(diffs))
    hits = 0
    for pattern in range(2**10):
        total = sum(abs(d) * (-1 if pattern >> i & 1 else 1) for i, d in enumerate(diffs))
        hits += abs(total) >= observed - 1e-9
    p, exact = stats.sign_flip_test(diffs, 100, seed=0)
    assert exact
    assert p == pytest.approx(hits / 1024)


def test_sign_flip_monte_carlo_is_reproducible_and_close_to_normal_theory() -> None:
    rng = random.Random(9)
    diffs = [rng.gauss(0.15, 1) for _ in range(200)]
    p, exact = stats.sign_flip_test(diffs, 5000, seed=1)
    assert not exact
    assert stats.sign_flip_test(diffs, 5000, seed=1) == (p, False)
    z = abs(sum(diffs)) / math.sqrt(sum(d * d for d in diffs))
    normal_p = 2 * (1 - NormalDist().cdf(z))
    assert p == pytest.approx(normal_p, abs=0.02)
    assert stats.sign_flip_test([-d for d in diffs], 5000, seed=1) == (p, False)


def test_minimum_detectable_effect_formula() -> None:
    assert stats.minimum_detectable_effect(1.0, 100) == pytest.approx(0.2802, abs=1e-4)
