"""Property: the output of ``split``, checked with ``validate --validation``, never shows overlap.

Both use checker/neardup.py's one definition of a near-duplicate, so examples that ``validate``
would call the same prompt always land on the same side of a split.
"""

from __future__ import annotations

import json

import pytest

from checker.dataset import validate_dataset
from checker.errors import InputError
from checker.split import split_text

pytest.importorskip("hypothesis")  # not every Pyodide build ships it

from hypothesis import given, settings
from hypothesis import strategies as st

# words with case, width and compatibility variants that NFKC and case folding bring together
WORDS = st.sampled_from(
    ["alpha", "Beta", "ﬁle", "file", "\uff26\uff35\uff2c\uff2c", "full", "Straße", "STRASSE", "ε"]
)
SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2003"])
SYSTEMS = st.sampled_from([None, "You help.", "you  HELP.", "Be brief."])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=4))
    text = words[0]
    for word in words[1:]:
        text += draw(SPACES) + word
    return draw(SPACES) + text if draw(st.booleans()) else text


@st.composite
def records(draw: st.DrawFn) -> str:
    messages: list[dict[str, object]] = []
    system = draw(SYSTEMS)
    if system is not None:
        messages.append({"role": "system", "content": system})
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        messages.append({"role": "user", "content": draw(texts())})
        messages.append({"role": "assistant", "content": draw(texts())})
    return json.dumps({"messages": messages}, ensure_ascii=draw(st.booleans()))


@settings(deadline=None)
@given(
    lines=st.lists(records(), min_size=2, max_size=40),
    seed=st.integers(min_value=0, max_value=2**32),
    fraction=st.floats(min_value=0.05, max_value=0.95),
)
def test_split_output_shows_no_overlap(lines: list[str], seed: int, fraction: float) -> None:
    try:
        train, validation, _ = split_text("\n".join(lines), fraction, seed=seed)
    except InputError:
        return  # every line is one group: nothing to split
    report = validate_dataset(train.splitlines(), validation.splitlines()).to_dict()
    assert "train-validation-overlap" not in report["findings"]
    assert report["files"][1]["examples_in_training"] == 0


def test_the_check_can_fail() -> None:
    """The same prompt written two ways on the two sides is reported as overlap."""
    first = {
        "messages": [
            {"role": "user", "content": "ﬁle  Straße"},
            {"role": "assistant", "content": "a"},
        ]
    }
    second = {
        "messages": [
            {"role": "user", "content": "FILE\u3000strasse"},
            {"role": "assistant", "content": "b"},
        ]
    }
    report = validate_dataset([json.dumps(first)], [json.dumps(second)]).to_dict()
    assert report["files"][1]["examples_in_training"] == 1
