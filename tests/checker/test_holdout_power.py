"""The holdout power figures against an independent computation with scipy: the normal
approximation to McNemar's test written out from its textbook form, Connor's (1987) sample size
for paired proportions as a lower bound, and the power an exact binomial test reaches."""

from __future__ import annotations

import math

import pytest

from checker.compare.power import holdout_power

stats = pytest.importorskip("scipy.stats")

Z_TWO_SIDED = stats.norm.ppf(0.975)
Z_ONE_SIDED = stats.norm.ppf(0.95)
Z_POWER = stats.norm.ppf(0.80)


def independent_share(p: float, d: float) -> float:
    """P(exactly one passes) when the tuned model passes p + d, independently of the baseline."""
    return p * (1 - (p + d)) + (p + d) * (1 - p)


@pytest.mark.parametrize(
    ("baseline", "gain", "disagreement"),
    [(70, 10, None), (70, 10, 12), (50, 5, None), (50, 5, 20), (90, 3, None), (20, 30, 35)],
)
def test_needed_size_matches_the_textbook_formula(
    baseline: float, gain: float, disagreement: float | None
) -> None:
    p, d = baseline / 100, gain / 100
    share = disagreement / 100 if disagreement is not None else independent_share(p, d)
    expected = math.ceil((Z_TWO_SIDED + Z_POWER) ** 2 * share / d**2)
    power = holdout_power(100, baseline, gain, disagreement=disagreement)
    assert power.needed == expected
    assert power.observed is (disagreement is not None)
    # At that size the approximate power is 80%, and never less than Connor's sample size asks.
    reached = stats.norm.cdf(d * math.sqrt(expected / share) - Z_TWO_SIDED)
    assert reached == pytest.approx(0.80, abs=0.01)
    connor = ((Z_TWO_SIDED * math.sqrt(share) + Z_POWER * math.sqrt(share - d * d)) / d) ** 2
    assert connor <= expected <= 1.1 * connor + 1


def test_an_observed_disagreement_needs_far_fewer_items_than_independence() -> None:
    assumed = holdout_power(250, 70, 10)
    observed = holdout_power(250, 70, 10, disagreement=12)
    assert assumed.needed > 2.5 * observed.needed
    assert observed.detectable < 10 < assumed.detectable
    assert "as you observed" in observed.assumptions()
    assert "independent" in assumed.assumptions()


def test_the_detected_gain_is_reached_by_an_exact_test() -> None:
    """Simulation-free check: with the needed size, McNemar's exact (binomial) test on the
    expected discordant counts rejects at 5%."""
    power = holdout_power(1, 70, 10, disagreement=12)
    n, share, d = power.needed, 0.12, 0.10
    discordant = round(n * share)
    wins = round(n * (share + d) / 2)
    assert stats.binomtest(wins, discordant, 0.5).pvalue < 0.05


def test_non_inferiority_uses_a_one_sided_test_and_equal_quality() -> None:
    p, margin = 0.90, 0.02
    share = 2 * p * (1 - p)
    expected = math.ceil((Z_ONE_SIDED + Z_POWER) ** 2 * share / margin**2)
    power = holdout_power(400, 90, 2, non_inferiority=True)
    assert power.non_inferiority and power.needed == expected
    assert power.detectable == pytest.approx(100 * (Z_ONE_SIDED + Z_POWER) * math.sqrt(share / 400))
    assert "non-inferiority" in power.assumptions()
    # The old superiority rule asked for well over a million items at a 0.1 point gain.
    assert (
        holdout_power(400, 90, 0.1, non_inferiority=True).needed
        < holdout_power(400, 90, 0.1).needed
    )


def test_never_a_gain_beyond_what_the_baseline_leaves_possible() -> None:
    power = holdout_power(10, 95, 4)
    assert power.beyond_possible
    assert power.detectable == power.possible == 5
    assert not holdout_power(10_000, 95, 4).beyond_possible


def test_a_disagreement_below_the_gain_is_raised_to_it() -> None:
    """A 10-point gain needs at least 10% of items to differ."""
    assert holdout_power(100, 70, 10, disagreement=4).disagreement == pytest.approx(0.10)
