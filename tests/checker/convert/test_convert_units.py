"""``convert``: detection, explicit mappings, refusals with one-line errors, broken arrays."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checker.convert import convert_chunks, convert_file, plan
from checker.errors import InputError
from tests.checker.cli_run import assert_refused, run


def qa_lines(n: int = 12) -> bytes:
    return b"".join(
        json.dumps({"question": f"Question {i}?", "answer": f"Answer {i}."}).encode() + b"\n"
        for i in range(n)
    )


def convert_bytes(data: bytes, source: str, **kwargs: object) -> tuple[list[object], list[object]]:
    overrides = kwargs.pop("overrides", None)
    mapping = plan(data, "in", source, overrides, **kwargs)  # type: ignore[arg-type]
    out, rejects = io.BytesIO(), io.BytesIO()
    convert_chunks([data], mapping, out, rejects)
    return (
        [json.loads(line) for line in out.getvalue().splitlines()],
        [json.loads(line) for line in rejects.getvalue().splitlines()],
    )


def test_auto_prints_what_it_detected(tmp_path: Path) -> None:
    source = tmp_path / "data.jsonl"
    source.write_bytes(qa_lines())
    code, out, _ = run(["convert", str(source), "--from", "auto", "-o", str(tmp_path / "o.jsonl")])
    assert code == 0
    assert "Read as: JSON Lines of qa records; user <- field `question`" in out
    assert "detected: JSON Lines: the file starts with `{`; 12 of the first 12 records" in out


@pytest.mark.parametrize(
    ("data", "args", "message"),
    [
        (b'{"a": 1}\n', ["--from", "auto"], "no record has fields we recognise"),
        (b"a;b;c;d\n1;2;3;4\n", ["--from", "csv"], "--map user=COLUMN --map assistant=COLUMN"),
        (qa_lines(), ["--from", "qa", "--map", "colour=x"], "--map colour=...: qa records take"),
        (qa_lines(), ["--from", "qa", "--map", "user"], "expected ROLE=FIELD"),
        (
            b"question,answer\nq,a\n",
            ["--from", "csv", "--map", "user=q", "--map", "assistant=answer"],
            "no column 'q' for the user turn",
        ),
        (
            b"q,a\n",
            ["--from", "csv", "--no-header", "--map", "user=q", "--map", "assistant=a"],
            "takes a column number",
        ),
        (
            qa_lines(),
            ["--from", "qa", "--records", "alpaca"],
            "--records applies to --from json-array only",
        ),
        (
            qa_lines(),
            ["--from", "prompt-completion"],
            "no record could be converted as prompt-completion; line 1: no `prompt` field",
        ),
        (qa_lines(), ["--from", "json-array"], "not a JSON array"),
        (b"", ["--from", "auto"], "the file is empty"),
        (b"PK\x03\x04zip", ["--from", "auto"], "a ZIP archive"),
        (b"\xff\xfe{\x00", ["--from", "qa"], "UTF-16 text; save it as UTF-8"),
        (
            b"q,a\n\xe9t\xe9,x\n",
            ["--from", "csv", "--header", "--map", "user=q", "--map", "assistant=a"],
            "line 2: not UTF-8 text",
        ),
    ],
)
def test_unusable_input_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path, data: bytes, args: list[str], message: str
) -> None:
    source = tmp_path / "in\x1b[31m.txt"
    source.write_bytes(data)
    ran = run(["convert", str(source), *args, "-o", str(tmp_path / "o.jsonl")])
    assert_refused(ran, message)
    assert "\x1b" not in ran.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_json_array_streams_and_rejects_the_broken_rest() -> None:
    good = [{"prompt": f"p{i}", "completion": f"c{i}"} for i in range(3)]
    data = ("[\n" + ",\n".join(json.dumps(g) for g in good) + ',\n{"prompt": oops}\n, {}]').encode()
    examples, rejects = convert_bytes(data, "prompt-completion")
    assert len(examples) == 3
    assert rejects == [
        {
            "file": "input",
            "line": 5,
            "reason": "invalid JSON at line 5: Expecting value; the rest of the array was not read",
            "text": None,
        }
    ]


def test_json_array_element_line_numbers_and_trailing_text() -> None:
    data = b'[{"question": "a", "answer": "b"},\n\n {"question": "c"}] extra'
    examples, rejects = convert_bytes(data, "qa")
    assert len(examples) == 1
    assert [(r["line"], r["reason"]) for r in rejects] == [  # type: ignore[index]
        (3, "no `answer` field"),
        (3, "text after the end of the array; the rest of the array was not read"),
    ]


def test_system_field_and_system_flag() -> None:
    data = (
        json.dumps({"question": "q1", "answer": "a1", "system": "Own."})
        + "\n"
        + json.dumps({"question": "q2", "answer": "a2"})
        + "\n"
    ).encode()
    mapping = plan(data, "in", "qa")
    out, rejects = io.BytesIO(), io.BytesIO()
    result = convert_chunks([data], mapping, out, rejects, system="Flag.")
    systems = [json.loads(line)["messages"][0]["content"] for line in out.getvalue().splitlines()]
    assert systems == ["Own.", "Flag."]
    assert result.log.count("system-kept") == 1 and result.log.count("system-added") == 1


def test_sharegpt_speakers_can_be_remapped() -> None:
    record = {"conversations": [{"from": "person", "value": "hi"}, {"from": "bot", "value": "yo"}]}
    data = json.dumps(record).encode() + b"\n"
    examples, _ = convert_bytes(data, "sharegpt", overrides={"user": "person", "assistant": "bot"})
    assert examples == [
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}
    ]


def test_unpaired_surrogates_are_rejected_not_written() -> None:
    data = b'{"question": "\\ud800", "answer": "x"}\n' + qa_lines(1)
    examples, rejects = convert_bytes(data, "qa")
    assert len(examples) == 1
    assert "unpaired surrogate" in rejects[0]["reason"]  # type: ignore[index]


def test_csv_quoted_newlines_keep_the_starting_line() -> None:
    data = b'question,answer\n"two\nlines",yes\nonly\nq,a\n'
    examples, rejects = convert_bytes(data, "csv")
    assert [e["messages"][0]["content"] for e in examples] == ["two\nlines", "q"]  # type: ignore[index]
    assert [(r["line"], r["text"]) for r in rejects] == [(4, "only")]  # type: ignore[index]


def test_refuses_to_overwrite_the_input_through_a_link(tmp_path: Path) -> None:
    source = tmp_path / "qa.jsonl"
    source.write_bytes(qa_lines())
    (tmp_path / "out.jsonl").symlink_to(source)
    with pytest.raises(InputError, match="would overwrite the input"):
        convert_file(source, tmp_path / "out.jsonl", source_format="qa")
    assert source.read_bytes() == qa_lines()


def test_written_with_errors_exits_1(tmp_path: Path) -> None:
    source = tmp_path / "qa.jsonl"
    source.write_bytes(qa_lines(3))  # too few examples for a fine-tuning job
    code, out, _ = run(["convert", str(source), "--from", "qa", "-o", str(tmp_path / "o.jsonl")])
    assert code == 1
    assert "too-few-examples" in out
    assert (tmp_path / "o.jsonl").read_bytes().count(b"\n") == 3


@pytest.mark.parametrize("command", ["convert", "fix"])
def test_help(command: str) -> None:
    code, out, _ = run([command, "--help"])
    assert code == 0 and out.startswith(f"usage: python -m checker {command}")


def test_unknown_from_is_an_argument_error() -> None:
    assert_refused(run(["convert", "x.csv", "--from", "excel", "-o", "o.jsonl"]), "--from")


@pytest.mark.parametrize(
    "command", [["convert", "nope.csv", "--from", "csv"], ["fix", "nope.jsonl"]]
)
def test_a_missing_input_is_named_in_one_line(tmp_path: Path, command: list[str]) -> None:
    ran = run([*command, "-o", str(tmp_path / "o.jsonl")])
    assert_refused(ran)
    assert ran.err == f"python -m checker: error: {command[1]}: no such file\n"


def test_deeply_nested_lines_are_rejected() -> None:
    data = qa_lines(1) + b"[" * 100_000 + b"]" * 100_000 + b"\n" + qa_lines(1)
    examples, rejects = convert_bytes(data, "qa")
    assert len(examples) == 2
    assert [r["reason"] for r in rejects] == ["JSON nested too deeply"]  # type: ignore[index]


def test_deep_array_elements_are_refused_before_decoding_where_guarded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under Pyodide the depth is measured before decoding (decoding could kill the runtime)."""
    from checker.convert import sources

    monkeypatch.setattr(sources, "GUARD_DEPTH", True)
    data = b'[{"question": "q", "answer": "a"},\n' + b"[" * 1000 + b"]" * 1000 + b"]"
    mapping = plan(data, "in", "qa")
    rejects = io.BytesIO()
    with pytest.raises(InputError, match="an element is nested too deeply"):
        convert_chunks([data], mapping, io.BytesIO(), rejects)
