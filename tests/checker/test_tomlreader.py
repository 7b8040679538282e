"""The shared TOML reader returns typed values and names the file and entry in every error."""

from __future__ import annotations

from typing import Any

import pytest

from checker.errors import InputError
from checker.tomlreader import TomlReader

READER = TomlReader("x.toml")
WHERE = "item 'a'"


def failure(call: Any) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return str(caught.value)


def test_choice_is_one_of_the_allowed_or_absent_when_optional() -> None:
    assert READER.choice({"kind": "b"}, "kind", WHERE, ("a", "b")) == "b"
    assert READER.choice({}, "kind", WHERE, ("a", "b"), optional=True) is None
    assert failure(lambda: READER.choice({"kind": "c"}, "kind", WHERE, ("a", "b"))) == (
        "x.toml: item 'a': kind 'c' is not one of a, b"
    )
    assert "kind None is not one of" in failure(lambda: READER.choice({}, "kind", WHERE, ("a",)))


def test_whole_number_in_a_range_with_or_without_a_default() -> None:
    assert READER.whole({"n": 3}, "n", WHERE, 1, 3) == 3
    assert READER.whole({}, "n", WHERE, 1, 3, default=2) == 2
    for raw in ({}, {"n": 4}, {"n": True}, {"n": 2.0}):
        assert failure(lambda raw=raw: READER.whole(raw, "n", WHERE, 1, 3)) == (
            "x.toml: item 'a': n must be a whole number from 1 to 3"
        )


def test_real_number_in_a_range() -> None:
    assert READER.real({"share": 0.5}, "share", WHERE, 0, 1) == 0.5
    assert READER.real({"share": 1}, "share", WHERE, 0, 1) == 1.0
    assert READER.real({}, "share", WHERE, 0, 1, default=0) == 0.0
    for value in (1.5, -0.1, True, "0.5", float("nan"), float("inf"), None):
        assert failure(lambda v=value: READER.real({"share": v}, "share", WHERE, 0, 1)) == (
            "x.toml: item 'a': share must be a number from 0 to 1"
        )
    big = failure(lambda: READER.real({"m": 10**13}, "m", WHERE, -(10**12), 10**12))
    assert "from -1,000,000,000,000 to 1,000,000,000,000" in big


def test_words_from_a_set_and_optional_words() -> None:
    allowed = ("sft", "dpo")
    assert READER.words({"m": ["dpo"]}, "m", WHERE, allowed) == ("dpo",)
    assert READER.words({}, "m", WHERE, allowed, optional=True) == ()
    assert READER.words({"m": []}, "m", WHERE, allowed, optional=True) == ()
    assert "m 'ppo' is not one of sft, dpo" in failure(
        lambda: READER.words({"m": ["ppo"]}, "m", WHERE, allowed)
    )
    for raw in ({}, {"m": "sft"}, {"m": ["sft", 3]}, {"m": [""]}):
        assert "field 'm' must be a list of names" in failure(
            lambda raw=raw: READER.words(raw, "m", WHERE, allowed)
        )


def test_texts_map_names_to_texts() -> None:
    assert READER.texts({"t": {"a": "why"}}, "t", WHERE) == {"a": "why"}
    assert READER.texts({}, "t", WHERE, optional=True) == {}
    for raw in ({}, {"t": "a"}, {"t": {"a": 3}}, {"t": {"a": " "}}):
        assert failure(lambda raw=raw: READER.texts(raw, "t", WHERE)) == (
            "x.toml: item 'a': field 't' must map names to texts"
        )


def test_the_error_type_is_the_files_own() -> None:
    class OwnError(InputError):
        pass

    with pytest.raises(OwnError, match=r"^y\.toml: invalid TOML"):
        TomlReader("y.toml", OwnError).parse("a = ")
