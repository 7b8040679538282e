"""The checks gather each example's prompt while they walk its messages, and ``validate`` keys
near-duplicates from that (``FileStats.add``), sparing a second walk. That key must be exactly
``neardup.near_duplicate_key``, the one definition ``split`` and ``fix`` use, for any record
of any format: otherwise ``validate`` and ``split`` would disagree on what a duplicate is."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("hypothesis")  # absent in some runtimes (e.g. a bare Pyodide)

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dataset.examples import CHECKERS
from checker.dataset.findings import FindingLog, LineSink
from checker.dataset.fingerprint import text_fingerprint
from checker.dataset.limits import resolve_limits
from checker.dataset.stats import FileStats
from checker.neardup import near_duplicate_key

IMAGES = resolve_limits("azure", None, None, None).provider.images
TEXTS = st.sampled_from(["Hi", "hi ", "HI", "a  b", "a\tb", "line\nbreak", "Straße", "", " "])
ROLES = st.sampled_from(["system", "user", "assistant", "tool", "developer", "bot", 3, None])
PART = st.one_of(
    st.fixed_dictionaries({"type": st.just("text"), "text": TEXTS}),
    st.fixed_dictionaries(
        {"type": st.just("image_url"), "image_url": st.fixed_dictionaries({"url": TEXTS})}
    ),
    st.just({"type": "refusal", "refusal": "no"}),
    st.just("not a part"),
)
CONTENT = st.one_of(TEXTS, st.lists(PART, max_size=3), st.none(), st.integers())


@st.composite
def message(draw: st.DrawFn) -> object:
    shape = draw(st.sampled_from(["plain", "extra", "partial", "not a dict"]))
    if shape == "not a dict":
        return draw(st.one_of(TEXTS, st.integers(), st.lists(TEXTS, max_size=1)))
    msg: dict[str, object] = {"role": draw(ROLES), "content": draw(CONTENT)}
    if shape == "extra":
        msg["weight"] = draw(st.sampled_from([0, 1]))
    if shape == "partial":
        del msg[draw(st.sampled_from(["role", "content"]))]
    return msg


MESSAGES = st.lists(message(), min_size=1, max_size=6)


@st.composite
def record(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    kind = draw(st.sampled_from(["chat", "reinforcement", "preference"]))
    if kind == "preference":
        value: dict[str, object] = {
            "input": {"messages": draw(MESSAGES)},
            "preferred_output": [{"role": "assistant", "content": draw(TEXTS)}],
            "non_preferred_output": [{"role": "user", "content": draw(TEXTS)}],
        }
        if draw(st.booleans()):
            value["messages"] = draw(MESSAGES)  # an unknown key, but the one neardup reads
        return kind, value
    return kind, {"messages": draw(MESSAGES)}


@settings(max_examples=3 * settings().max_examples)  # a rare shape: more tries
@given(record())
def test_the_gathered_key_is_the_one_definition(case: tuple[str, dict[str, object]]) -> None:
    kind, value = case
    conv = CHECKERS[kind](value, LineSink(FindingLog(), "train"), IMAGES)
    if conv is None:
        return  # not recorded: no key to compare
    stats = FileStats()
    raw = json.dumps(value, ensure_ascii=False).encode("utf-8")
    stats.add(1, raw, conv, value, (1, 1, False), b"\\" in raw)
    assert stats.near[0] == text_fingerprint(near_duplicate_key(value))


def test_a_typical_example_takes_the_gathered_path() -> None:
    """The property above must exercise the fast path, not only the fallback."""
    value: dict[str, object] = {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "What  is 2+2?"},
            {"role": "assistant", "content": "4"},
        ]
    }
    conv = CHECKERS["chat"](value, LineSink(FindingLog(), "train"), IMAGES)
    assert conv is not None
    assert (conv.prompt_roles, conv.prompt_systems, conv.prompt_users) == (
        "su",
        ["Be brief."],
        ["What  is 2+2?"],
    )
