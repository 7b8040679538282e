"""Numbers as readers type them: the page's pattern (run by JavaScript's RegExp, in Node) and the
Python rule take the same texts, and the Python rule reads them as the reader meant."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.readiness.answers import NUMBER_PATTERN, check_answers, number_text
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


def _javascript_accepts(texts: list[str]) -> list[bool]:
    node = shutil.which("node")
    assert node, "Node.js is needed (make test installs the site's tools with it)"
    script = (
        "const [pattern, texts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const rule = new RegExp(pattern);"
        "process.stdout.write(JSON.stringify(texts.map((text) => rule.test(text))));"
    )
    done = subprocess.run(
        [node, "-e", script],
        input=json.dumps([NUMBER_PATTERN, texts]),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    accepted: list[bool] = json.loads(done.stdout)
    return accepted


TYPED = st.text(alphabet="0123456789,. %+-\u00a0\u202fe", max_size=14).map(str.strip)


@settings(max_examples=40, deadline=None)
@given(st.lists(TYPED, min_size=50, max_size=50))
def test_the_page_pattern_and_the_python_rule_agree(texts: list[str]) -> None:
    texts = [*READ_AS, *REFUSED, *texts]
    python = [number_text(text) is not None for text in texts]
    assert _javascript_accepts(texts) == python
    assert python == [re.match(NUMBER_PATTERN, text) is not None for text in texts]
