"""Hostile and odd files: strict JSON, lone surrogates, encodings, bounded cost, escaped output."""

from __future__ import annotations

import bz2
import json
import lzma
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from checker.dataset import RENDERERS, DatasetSession, validate_dataset
from checker.dataset import session as session_module
from tests.checker.dataset.helpers import chat_line, chat_lines


def codes(report: dict[str, Any]) -> dict[str, list[int | None]]:
    return {c: [f["line"] for f in g["shown"]] for c, g in report["findings"].items()}


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(constant: str) -> None:
    schema = f'{{"maximum":{constant}}}'
    tools = f'[{{"type":"function","function":{{"name":"f","parameters":{schema}}}}}]'
    line = chat_line(99)[:-1] + f', "tools": {tools}}}'
    report = validate_dataset([*chat_lines(11), line, *chat_lines(60)]).to_dict()
    assert codes(report)["invalid-json"] == [12]
    assert "not JSON" in report["findings"]["invalid-json"]["shown"][0]["message"]


HOSTILE_KEY = "<img src=x onerror=alert(1)>"


def hostile_lines() -> list[str]:
    surrogate = chat_line(98).replace("Question number 98", "Question \\ud800 98")
    control = chat_line(97).replace("Question number 97", "\\u001b]0;owned\\u0007\\u001b[2J")
    record = json.loads(chat_line(96))
    record[HOSTILE_KEY] = 1
    record["messages"][0]["\x1b[31mkey"] = 2
    return [*chat_lines(11), surrogate, control, json.dumps(record), *chat_lines(60)]


def test_a_lone_surrogate_is_a_finding() -> None:
    report = validate_dataset(hostile_lines()).to_dict()
    assert codes(report)["lone-surrogate"] == [12]


def test_a_valid_surrogate_pair_is_not_a_finding() -> None:
    emoji = chat_line(5).replace("Question number 5", "Question \\ud83d\\ude00 5")
    report = validate_dataset([*chat_lines(11), emoji]).to_dict()
    assert "lone-surrogate" not in report["findings"]


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_report_format_survives_hostile_text(fmt: str) -> None:
    report = validate_dataset(hostile_lines())
    out = RENDERERS[fmt](report)
    out.encode("utf-8")  # no lone surrogate left to crash the writer
    if fmt != "json":
        for char in "\x1b\x07\x00":
            assert char not in out
    if fmt == "markdown":
        assert "<img" not in out.replace("`<img", "")  # only inside code spans
    if fmt == "json":
        json.loads(out)


def test_markdown_keeps_hostile_names_in_code_or_escaped(tmp_path: Path) -> None:
    path = tmp_path / "<b>x<b>.jsonl"
    path.write_text("\n".join(hostile_lines()) + "\n", encoding="utf-8")
    out = RENDERERS["markdown"](validate_dataset(path))
    for line in out.splitlines():
        outside = "".join(line.split("`")[0::2])  # text outside code spans
        assert "<img" not in outside and "<b>" not in outside, line


def test_text_report_shows_control_characters_as_escapes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(hostile_lines()) + "\n", encoding="utf-8")
    main(["validate", str(path)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_how_to_convert(encoding: str) -> None:
    data = ("\n".join(chat_lines(12)) + "\n").encode(encoding)
    report = validate_dataset([data]).to_dict()
    assert report["format"] == "utf-16"
    assert list(report["findings"]) == ["utf16-file"]
    assert "iconv" in report["findings"]["utf16-file"]["shown"][0]["message"]


@pytest.mark.parametrize(("compress", "name"), [(bz2.compress, "bzip2"), (lzma.compress, "xz")])
def test_bz2_and_xz_are_named(compress: Any, name: str, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(compress(("\n".join(chat_lines(12)) + "\n").encode()))
    report = validate_dataset(path).to_dict()
    assert report["format"] == "binary"
    assert name in report["format_description"]


def test_binary_input_stops_being_read() -> None:
    """/dev/zero would never end: once recognised as binary, reading stops."""
    fed = 0

    def zeros() -> Any:
        nonlocal fed
        while True:
            fed += 1
            yield b"\x00" * 65536

    report = validate_dataset(zeros()).to_dict()
    assert report["format"] == "binary"
    assert fed == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/dev/zero", "--format", "lines"]) == 1
    assert "binary-file" in capsys.readouterr().out


def test_a_file_that_is_one_over_long_line_is_not_empty() -> None:
    session = DatasetSession(max_line_bytes=1000)
    session.begin("train", name="one.jsonl")
    session.feed(b'{"messages": "' + b"x" * 5000 + b'"}')
    report = session.finish().to_dict()
    assert report["format"] != "empty"
    assert report["examples"] == 1
    assert codes(report)["line-too-long"] == [1]


def test_a_line_of_millions_of_tiny_values_is_refused_cheaply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(session_module, "BIG_LINE", 1000)
    monkeypatch.setattr(session_module, "MAX_VALUES", 10_000)
    tiny = "[" + ",".join(["{}"] * 20_000) + "]"
    alone = validate_dataset([tiny]).to_dict()  # named from its first bytes, never parsed
    assert list(alone["findings"]) == ["json-array-file"]
    report = validate_dataset([*chat_lines(60), tiny]).to_dict()
    assert codes(report)["line-too-complex"] == [61]
