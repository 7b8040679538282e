"""The token-length histogram drawn on the dataset page."""

from __future__ import annotations

from checker.dataset.stats import histogram


def test_every_value_lands_in_exactly_one_bin() -> None:
    values = sorted([80, 81, 157, 158, 237, 431, 431, 2000])
    bins = histogram(values)
    assert bins is not None
    assert sum(bins["counts"]) == len(values)
    assert len(bins["edges"]) == len(bins["counts"]) + 1
    assert bins["edges"][0] == 80 and bins["edges"][-1] > 2000


def test_one_value_and_no_values() -> None:
    assert histogram([5]) == {"edges": [5, 6], "counts": [1]}
    assert histogram([]) is None
