"""The one definition of a near-duplicate: what matches, what does not, and that the ASCII fast
path of the normalisation gives exactly what the general path gives."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.neardup import _normalise_without_controls, near_duplicate_key, normalise_text


def _general(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _chat(*turns: tuple[str, object]) -> dict[str, object]:
    return {"messages": [{"role": role, "content": content} for role, content in turns]}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hello  World", "hello world"),
        ("\uff26\uff35\uff2c\uff2c width", "full width"),
        ("Straße", "STRASSE"),
        ("line\u2028break", "line break"),
        ("  trim\t", "trim"),
    ],
)
def test_texts_that_normalise_alike(a: str, b: str) -> None:
    assert normalise_text(a) == normalise_text(b)


def test_same_prompt_different_answer_is_a_near_duplicate() -> None:
    first = _chat(("user", "What is 2+2?"), ("assistant", "4"))
    second = _chat(("user", "what is  2+2?"), ("assistant", "Four."))
    assert near_duplicate_key(first) == near_duplicate_key(second)


def test_system_message_is_part_of_the_prompt() -> None:
    plain = _chat(("user", "Hi"), ("assistant", "Hello"))
    with_system = _chat(("system", "Be terse"), ("user", "Hi"), ("assistant", "Hello"))
    assert near_duplicate_key(plain) != near_duplicate_key(with_system)


def test_turns_do_not_merge() -> None:
    one = _chat(("user", "a b"), ("assistant", "x"))
    two = _chat(("user", "a"), ("assistant", "x"), ("user", "b"), ("assistant", "y"))
    assert near_duplicate_key(one) != near_duplicate_key(two)


def _image_question(url: str) -> dict[str, object]:
    parts = [{"type": "text", "text": "What is the peak?"}]
    parts.append({"type": "image_url", "image_url": {"url": url}})  # type: ignore[dict-item]
    return _chat(("user", parts), ("assistant", "42"))


def test_images_are_part_of_the_prompt() -> None:
    chart_a = _image_question("data:image/png;base64,AAAA")
    chart_b = _image_question("data:image/png;base64,BBBB")
    assert near_duplicate_key(chart_a) != near_duplicate_key(chart_b)
    assert near_duplicate_key(chart_a) == near_duplicate_key(
        _image_question("data:image/png;base64,AAAA")
    )


def test_preference_records_use_their_input_messages() -> None:
    record = {"input": {"messages": [{"role": "user", "content": "Q"}]}, "preferred_output": []}
    assert near_duplicate_key(record) == near_duplicate_key(_chat(("user", "q")))


def test_records_without_a_prompt_fall_back_to_their_json() -> None:
    assert near_duplicate_key({"a": "X  y"}) == near_duplicate_key({"a": "x y"})
    assert near_duplicate_key({"a": 1}) != near_duplicate_key({"a": 2})


ASCII_SAMPLES = ["", " ", "a", "A  b", " lead", "trail ", "tab\there", "\x1c\x1fx", "ok TEXT."]


@pytest.mark.parametrize("text", ASCII_SAMPLES)
def test_ascii_fast_path_equals_the_general_path(text: str) -> None:
    assert normalise_text(text) == _general(text)


@given(st.text())
def test_normalisation_equals_the_general_path(text: str) -> None:
    assert normalise_text(text) == _general(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_normalisation_equals_the_general_path(text: str) -> None:
    assert normalise_text(text) == _general(text)


@given(st.text(alphabet=st.characters(exclude_categories=["Cc"])))
def test_the_path_for_text_without_controls_equals_the_general_path(text: str) -> None:
    assert _normalise_without_controls(text) == _general(text)
