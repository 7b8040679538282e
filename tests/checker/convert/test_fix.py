"""``fix``: the case in tests/data/fix through the API and ``main([...])``; the result validates
with no duplicates or overlap; every line is accounted for; refusals."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.convert.fix import fix_chunks, fix_files
from checker.dataset import validate_dataset
from checker.errors import InputError

CASE = Path(__file__).resolve().parents[2] / "data" / "fix" / "basic"
NO_REPEATS = ("duplicate-example", "near-duplicate-example", "train-validation-overlap")


def expected(name: str) -> bytes:
    return (CASE / name).read_bytes()


def test_api_matches_the_expected_files() -> None:
    out, val, rejects = io.BytesIO(), io.BytesIO(), io.BytesIO()
    result = fix_chunks(
        [expected("train.jsonl")],
        out,
        rejects,
        validation=[expected("validation.jsonl")],
        out_validation=val,
        drop_near_duplicates=True,
    )
    assert out.getvalue() == expected("expected-train.jsonl")
    assert val.getvalue() == expected("expected-validation.jsonl")
    assert rejects.getvalue() == expected("expected.rejects.jsonl")
    counts = {(c["file"], c["change"]): c["count"] for c in result.log.to_dict()}
    assert counts == {
        ("train", "bom-removed"): 1,
        ("train", "line-end-normalised"): 6,
        ("train", "blank-line-dropped"): 2,
        ("train", "duplicate-dropped"): 2,
        ("train", "near-duplicate-dropped"): 1,
        ("train", "rejected"): 2,
        ("validation", "duplicate-dropped"): 1,
        ("validation", "overlap-dropped"): 2,
    }


def test_every_line_is_accounted_for() -> None:
    for role, name in (("train", "train.jsonl"), ("validation", "validation.jsonl")):
        out, val, rejects = io.BytesIO(), io.BytesIO(), io.BytesIO()
        result = fix_chunks(
            [expected("train.jsonl")],
            out,
            rejects,
            validation=[expected("validation.jsonl")],
            out_validation=val,
            drop_near_duplicates=True,
        )
        lines = expected(name).count(b"\n")
        dropped = sum(
            c["count"]
            for c in result.log.to_dict()
            if c["file"] == role and c["change"] not in ("bom-removed", "line-end-normalised")
        )
        assert result.lines_out[role] + dropped == lines


def test_main_writes_the_same_and_validates_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, val = tmp_path / "train.jsonl", tmp_path / "valid.jsonl"
    code = main(
        [
            "fix",
            str(CASE / "train.jsonl"),
            "--validation",
            str(CASE / "validation.jsonl"),
            "--drop-near-duplicates",
            "-o",
            str(out),
            "--validation-out",
            str(val),
        ]
    )
    assert code == 0, capsys.readouterr()
    assert out.read_bytes() == expected("expected-train.jsonl")
    assert val.read_bytes() == expected("expected-validation.jsonl")
    assert (tmp_path / "train.rejects.jsonl").read_bytes() == expected("expected.rejects.jsonl")
    log = json.loads((tmp_path / "train.changes.json").read_text())
    assert log["examples_written"] == {"train": 14, "validation": 11}
    report = validate_dataset(out, val)
    assert report.errors == 0
    assert not any(report.counts.get(code) for code in NO_REPEATS), report.counts
    assert report.validation is not None and report.validation.overlap == 0


def test_main_writes_the_change_log_where_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.json"
    code = main(
        ["fix", str(CASE / "train.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--changes", str(log)]
    )
    assert code == 0, capsys.readouterr()
    written = json.loads(log.read_text())
    assert written["command"] == "fix" and written["rejected"] == 2


def test_the_input_had_what_fix_removes() -> None:
    report = validate_dataset(CASE / "train.jsonl", CASE / "validation.jsonl")
    assert report.train.had_bom
    assert all(report.counts.get(code) for code in ("duplicate-example", "invalid-json"))
    assert report.validation is not None and report.validation.overlap >= 1


def test_without_near_duplicates_only_exact_copies_go() -> None:
    out, rejects = io.BytesIO(), io.BytesIO()
    result = fix_chunks([expected("train.jsonl")], out, rejects)
    assert result.lines_out == {"train": 15}
    assert result.log.count("near-duplicate-dropped") == 0


def test_lines_are_copied_byte_for_byte() -> None:
    line = (
        b'{"messages": [{"role": "user", "content": "caf\\u00e9"}, '
        b'{"content":"x","role":"assistant"}]}'
    )
    out, rejects = io.BytesIO(), io.BytesIO()
    fix_chunks([line + b"\r\n", line + b"\n", b"\n"], out, rejects)
    assert out.getvalue() == line + b"\n"


def test_not_utf8_and_too_long_lines_are_rejected_with_reasons() -> None:
    out, rejects = io.BytesIO(), io.BytesIO()
    fix_chunks([b'{"a": "\xff"}\n{"b": 1}\n'], out, rejects)
    items = [json.loads(line) for line in rejects.getvalue().splitlines()]
    assert items == [
        {"file": "train", "line": 1, "reason": "not UTF-8 text (byte 8)", "text": '{"a": "\\xff"}'}
    ]
    assert out.getvalue() == b'{"b": 1}\n'


def test_refuses_to_overwrite_an_input_even_through_a_link(tmp_path: Path) -> None:
    source = tmp_path / "train.jsonl"
    source.write_bytes(expected("train.jsonl"))
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    with pytest.raises(InputError, match="would overwrite the input"):
        fix_files(source, link)
    assert source.read_bytes() == expected("train.jsonl")


def test_validation_needs_its_output(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--validation-out"):
        fix_files(CASE / "train.jsonl", tmp_path / "o.jsonl", validation=CASE / "validation.jsonl")


def test_binary_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "data.jsonl"
    source.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(InputError, match="ZIP archive"):
        fix_files(source, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("value", ["9" * 5000, "NaN", "-Infinity", "1e400"])
@pytest.mark.parametrize("command", ["fix", "convert"])
def test_numbers_json_refuses_become_rejects_not_crashes(
    tmp_path: Path, value: str, command: str
) -> None:
    source = tmp_path / "in.jsonl"
    if command == "fix":
        good = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}'
        bad = '{"messages":[],"x":' + value + "}"
        arguments = ["fix", str(source)]
    else:
        good = '{"prompt":"q","completion":"a"}'
        bad = '{"prompt":"q","completion":' + value + "}"
        arguments = ["convert", str(source), "--from", "prompt-completion"]
    source.write_text(bad + "\n" + good + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([*arguments, "-o", str(out)]) in (0, 1)
    rejects = (tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["line"] for line in rejects.splitlines()] == [1]
