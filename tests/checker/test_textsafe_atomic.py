"""Escaping of user text, and writes that appear whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.atomic import atomic_outputs, refuse_overwriting_inputs
from checker.errors import InputError
from checker.textsafe import display_path, for_terminal, md_code, md_text, one_line


def test_terminal_escapes_control_characters() -> None:
    assert for_terminal("a\x1b]0;title\x07b\nc\x00") == "a\\x1b]0;title\\x07b\\x0ac\\x00"
    assert for_terminal("plain — text ✓") == "plain — text ✓"
    assert for_terminal("\ud800") == "\\ud800"


def test_one_line_is_short_and_single() -> None:
    line = one_line("x\n" * 1000)
    assert "\n" not in line and len(line) == 300 and line.endswith("…")


def test_display_path_quotes_names_with_control_characters() -> None:
    assert display_path("train.jsonl") == "train.jsonl"
    assert display_path("a\nb.jsonl") == "'a\\nb.jsonl'"


@pytest.mark.parametrize("text", ["<img src=x onerror=alert(1)>", "a`b``c", "`", "", " x "])
def test_md_code_cannot_be_closed_from_inside(text: str) -> None:
    span = md_code(text)
    fence = span[: len(span) - len(span.lstrip("`"))]
    inner = span[len(fence) : len(span) - len(fence)]
    assert fence not in inner
    assert span.endswith(fence)


def test_md_text_has_no_live_html() -> None:
    assert "<" not in md_text("<script>x</script>") and "&lt;script&gt;" in md_text("<script>")


def test_atomic_outputs_replace_together(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("old")
    with atomic_outputs([a, b]) as (out_a, out_b):
        out_a.write(b"new a")
        out_b.write(b"new b")
    assert a.read_text() == "new a" and b.read_text() == "new b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "b.jsonl"]


def test_atomic_outputs_leave_nothing_on_failure(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    a.write_text("old")
    with pytest.raises(RuntimeError), atomic_outputs([a, tmp_path / "b.jsonl"]) as (out_a, _):
        out_a.write(b"half")
        raise RuntimeError("interrupted")
    assert a.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.jsonl"]


def test_unwritable_folder_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.jsonl"
    with pytest.raises(InputError, match=r"out\.jsonl: cannot write"), atomic_outputs([target]):
        pass


def test_refuses_to_overwrite_an_input_through_a_link(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("{}\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    with pytest.raises(InputError, match="would overwrite the input"):
        refuse_overwriting_inputs([link], [source])


@pytest.mark.parametrize("target", ["/dev/null", "."])
def test_refuses_devices_and_folders(target: str) -> None:
    with pytest.raises(InputError, match="not a regular file"), atomic_outputs([target]):
        pass
