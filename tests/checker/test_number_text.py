"""Numbers as readers type them: the Python rule reads them as the reader meant (the page's
pattern is checked against it in JavaScript by tests/site/test_number_pattern.py)."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.readiness.answers import check_answers, number_text
from checker.readiness.criteria import load_criteria

READ_AS = {
    "1000": 1000.0,
    "1,000": 1000.0,
    "1 000": 1000.0,
    "1 200": 1200.0,
    "1\u00a0200": 1200.0,
    "1\u202f200": 1200.0,
    "12,345,678.25": 12345678.25,
    "75%": 75.0,
    "0.5": 0.5,
    ".5": 0.5,
    "+400": 400.0,
    "-4": -4.0,
    "55.1234567": 55.1234567,
}
REFUSED = ["", ".", "%", "1,5", "1,0000", "1,000 000", "1e3", "0x10", "1,,000", "١٢", "75 %", "a"]


@pytest.mark.parametrize(("text", "number"), READ_AS.items())
def test_typed_numbers_are_read_as_meant(text: str, number: float) -> None:
    assert number_text(text) == number


@pytest.mark.parametrize("text", REFUSED)
def test_other_texts_are_not_numbers(text: str) -> None:
    assert number_text(text) is None


def test_answers_take_typed_numbers_and_percent_only_for_percentages() -> None:
    criteria = load_criteria()
    answers = check_answers(
        {"training-examples": "1,000", "holdout-examples": "1 200", "baseline-pass-rate": "75%"},
        criteria,
    )
    assert answers == {
        "training-examples": 1000.0,
        "holdout-examples": 1200.0,
        "baseline-pass-rate": 75.0,
    }
    with pytest.raises(InputError, match="is a percentage; give a number of examples"):
        check_answers({"training-examples": "40%"}, criteria)
