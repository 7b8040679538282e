"""Holdout split: sizes, determinism, byte-for-byte copies, refusals (in process, no subprocess)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker import InputError, split_dataset, split_text
from checker.cli import main
from checker.split import plan_split
from tests.checker.cli_run import assert_refused, run
from tests.checker.split.oracle import group_key


def chat(user: str, answer: str = "ok") -> str:
    return json.dumps(
        {
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": user},
                {"role": "assistant", "content": answer},
            ]
        },
        ensure_ascii=False,
    )


def write(path: Path, lines: list[str], ending: str = "\n", bom: bool = False) -> Path:
    data = ending.join(lines) + ending
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return path


def test_near_duplicates_share_a_key() -> None:
    a = json.loads(chat("What is  the CAPITAL\nof France?", "Paris"))
    b = json.loads(chat("what is the capital of france?", "It is Paris."))
    assert group_key(a) == group_key(b)
    parts = {
        "messages": [
            {
                "role": "user",
                "content": [{"type": "text", "text": "What is the capital of France?"}],
            }
        ]
    }
    assert group_key(parts) == group_key(a)
    assert group_key({"prompt": "A", "completion": "b"}) == group_key(
        {"completion": "b", "prompt": "a"}
    )


def test_split_hits_the_fraction_and_keeps_duplicates_together(tmp_path: Path) -> None:
    lines = [chat(f"question {i}") for i in range(95)]
    lines += [chat("question 3", "other answer"), chat("QUESTION   3")] + [chat("question 7")] * 3
    source = write(tmp_path / "data.jsonl", lines)
    report = split_dataset(
        source, 0.2, out_train=tmp_path / "train.jsonl", out_validation=tmp_path / "val.jsonl"
    )
    assert (report.lines, report.train + report.validation) == (100, 100)
    assert report.validation == 20
    assert (report.duplicate_groups, report.duplicate_lines) == (2, 7)
    train = (tmp_path / "train.jsonl").read_text().splitlines()
    validation = (tmp_path / "val.jsonl").read_text().splitlines()
    assert sorted(train + validation) == sorted(lines)
    train_keys = {group_key(json.loads(line)) for line in train}
    assert not train_keys & {group_key(json.loads(line)) for line in validation}


def test_same_seed_same_split_and_order_of_lines_does_not_matter() -> None:
    lines = [chat(f"q{i}") for i in range(50)]
    first = split_text("\n".join(lines), 0.3, seed=11)
    assert split_text("\n".join(lines), 0.3, seed=11) == first
    shuffled = split_text("\n".join(reversed(lines)), 0.3, seed=11)
    assert set(shuffled[1].splitlines()) == set(first[1].splitlines())
    assert split_text("\n".join(lines), 0.3, seed=12)[1] != first[1]


def test_lines_are_copied_byte_for_byte_with_unix_line_endings(tmp_path: Path) -> None:
    lines = ['{"prompt": "caf\\u00e9",   "completion": "x"}', '{"prompt":"naïve","completion":"y"}']
    lines += [f'{{"prompt": "p{i}"}}' for i in range(8)]
    source = write(
        tmp_path / "in.jsonl", [lines[0], "", "   ", *lines[1:]], ending="\r\n", bom=True
    )
    split_dataset(source, 0.5, out_train=tmp_path / "a.jsonl", out_validation=tmp_path / "b.jsonl")
    out = (tmp_path / "a.jsonl").read_bytes() + (tmp_path / "b.jsonl").read_bytes()
    assert b"\r" not in out and not out.startswith(b"\xef\xbb\xbf")
    assert sorted(out.decode("utf-8").splitlines()) == sorted(lines)


def test_report_to_dict_is_plain_json(tmp_path: Path) -> None:
    _, _, report = split_text("\n".join(chat(f"q{i}") for i in range(10)), 0.2, seed=1)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["lines"] == 10 and data["actual_fraction"] == report.validation / 10


def test_a_group_larger_than_the_target_still_gives_two_sides() -> None:
    keys = ["a"] * 8 + ["b"] * 2
    sides = plan_split(keys, 0.05, seed=0)
    assert 0 < sum(sides) < len(keys)
    assert len({side for key, side in zip(keys, sides, strict=True) if key == "a"}) == 1


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "need at least 2 examples"),
        ([chat("only one")], "need at least 2 examples"),
        ([chat("same")] * 4, "all 4 examples are duplicates"),
        ([chat("a"), "{not json"], "line 2, column 2: invalid JSON"),
        ([chat("a"), "[1, 2]"], "line 2: expected a JSON object"),
    ],
)
def test_refusals(tmp_path: Path, lines: list[str], message: str) -> None:
    source = write(tmp_path / "in.jsonl", lines)
    with pytest.raises(InputError, match=message):
        split_dataset(source, 0.5, out_train=tmp_path / "t", out_validation=tmp_path / "v")


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_fraction_outside_zero_one_is_refused(tmp_path: Path, fraction: float) -> None:
    source = write(tmp_path / "in.jsonl", [chat("a"), chat("b")])
    with pytest.raises(InputError, match="between 0 and 1"):
        split_dataset(source, fraction, out_train=tmp_path / "t", out_validation=tmp_path / "v")


@pytest.mark.skipif(not hasattr(os, "link"), reason="this runtime (Pyodide) has no hard links")
def test_refuses_to_overwrite_its_input_even_through_a_hard_link(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", [chat("a"), chat("b")])
    link = tmp_path / "link.jsonl"
    os.link(source, link)
    for out in (source, tmp_path / "." / "in.jsonl", link):
        with pytest.raises(InputError, match="is the input file"):
            split_dataset(source, 0.5, out_train=out, out_validation=tmp_path / "v")
    with pytest.raises(InputError, match="same file"):
        split_dataset(source, 0.5, out_train=tmp_path / "x", out_validation=tmp_path / "x")
    assert source.read_text().count("\n") == 2


def test_cli_split_reports_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "in.jsonl", [chat(f"q{i}") for i in range(20)] + [chat("q1")])
    code = main(
        [
            "split", str(source), "--validation-fraction", "0.25", "--seed", "3",
            "--out-train", str(tmp_path / "t.jsonl"), "--out-validation", str(tmp_path / "v.jsonl"),
        ]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "1 duplicate group covering 2 examples" in out
    assert "validation: 5" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--validation-fraction", "1"], "not between 0 and 1"),
        (["--validation-fraction", "x"], "is not a number"),
    ],
)
def test_cli_split_bad_fraction(tmp_path: Path, extra: list[str], message: str) -> None:
    source = write(tmp_path / "in.jsonl", [chat("a"), chat("b")])
    argv = ["split", str(source), "--out-train", "t", "--out-validation", "v", *extra]
    assert_refused(run(argv), message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"a": 1}\n{"a": 2}\n{oops}\n', "in.jsonl: line 3, column 2: invalid JSON"),
        ('{"a": 1}\n{"a": 1}\n', "duplicates of one another"),
        (None, "in.jsonl: no such file"),
    ],
)
def test_cli_split_errors_are_one_line(tmp_path: Path, content: str | None, message: str) -> None:
    source = tmp_path / "in.jsonl"
    if content is not None:
        source.write_text(content)
    argv = ["split", str(source), "--validation-fraction", "0.5"]
    argv += ["--out-train", str(tmp_path / "t"), "--out-validation", str(tmp_path / "v")]
    assert_refused(run(argv), message)


def test_cli_split_refuses_to_overwrite_input(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", [chat("a"), chat("b")])
    before = source.read_bytes()
    argv = ["split", str(source), "--validation-fraction", "0.5"]
    ran = run([*argv, "--out-train", str(source), "--out-validation", str(tmp_path / "v")])
    assert_refused(ran, "refusing to overwrite")
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_lone_surrogates_and_line_separators_split_without_crashing(tmp_path: Path) -> None:
    lines = ['{"prompt": "\\ud800 lone"}', '{"prompt": "a\u2028b\u0085c"}']
    lines += [f'{{"prompt": "p{i}"}}' for i in range(6)]
    source = write(tmp_path / "in.jsonl", lines)
    report = split_dataset(
        source, 0.25, out_train=tmp_path / "t.jsonl", out_validation=tmp_path / "v.jsonl"
    )
    assert report.lines == 8
    copied = (tmp_path / "t.jsonl").read_text() + (tmp_path / "v.jsonl").read_text()
    assert sorted(copied.split("\n")[:-1]) == sorted(lines)
    assert split_text("\n".join(lines), 0.25)[2].lines == 8


def test_errors_name_the_file_not_none(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", [chat("a"), '{"x": NaN}'])
    with pytest.raises(InputError, match=r"in\.jsonl: line 2, column 7: invalid JSON: NaN"):
        split_dataset(source, 0.5, out_train=tmp_path / "t", out_validation=tmp_path / "v")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.jsonl"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: split_text(b"{}", 0.5), "text must be str"),  # type: ignore[arg-type]
        (lambda: split_text("{}", "0.5"), "validation_fraction must be a number"),  # type: ignore[arg-type]
        (lambda: split_text("{}", 0.5, seed=1.5), "seed must be a whole number"),  # type: ignore[arg-type]
        (lambda: split_text("{}", 0.5, seed=None), "seed must be a whole number"),  # type: ignore[arg-type]
        (
            lambda: split_dataset(b"x", 0.5, out_train="t", out_validation="v"),  # type: ignore[arg-type]
            "path must be a path",
        ),
    ],
)
def test_public_api_checks_its_arguments(call: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()  # type: ignore[operator]
