"""The exit-code contract at the door (``checker.cli.main``), whatever a command does."""

from __future__ import annotations

import argparse
from collections.abc import Collection
from pathlib import Path

import pytest

from checker import cli
from checker.cli import main
from checker.errors import EXIT_BUG
from tests.checker.cli_run import assert_refused, run


def boom(args: argparse.Namespace) -> int:
    raise ZeroDivisionError("a planted bug\nwith a second line")


@pytest.fixture
def buggy_compare(monkeypatch: pytest.MonkeyPatch) -> None:
    original = cli.build_parser

    def build(configured: Collection[str] | None = None) -> argparse.ArgumentParser:
        parser = original(configured)
        parser.set_defaults(run=boom)
        for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
            for sub in action.choices.values():  # type: ignore[union-attr]
                sub.set_defaults(run=boom)
        return parser

    monkeypatch.setattr(cli, "build_parser", build)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)


@pytest.mark.usefixtures("buggy_compare")
def test_an_internal_error_is_exit_3_and_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "x.csv"]) == EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error (ZeroDivisionError: a planted bug\\x0awith a second line)" in err
    assert "bug in the checker" in err and "--debug" in err and "CHECKER_DEBUG=1" in err


@pytest.mark.usefixtures("buggy_compare")
def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "compare", "x.csv"])
    with pytest.raises(ZeroDivisionError):
        main(["compare", "x.csv", "--debug"])
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    with pytest.raises(ZeroDivisionError):
        main(["compare", "x.csv"])


def test_messages_are_escaped_and_shortened(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b]0;title\x07\nerror: forged.csv"
    ran = run(["compare", str(name)])
    assert_refused(ran)
    assert "\x1b" not in ran.err and "\x07" not in ran.err
    long = tmp_path / "r.jsonl"
    long.write_text('{"id": "a", "baseline": "' + "\\u001b" * 100_000 + '", "candidate": 1}\n')
    ran = run(["compare", str(long)])
    assert_refused(ran)
    assert len(ran.err) < 600 and "\x1b" not in ran.err


def test_a_long_message_is_cut_at_the_door(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.errors import InputError

    def long_error(args: argparse.Namespace) -> int:
        raise InputError("x" * 50_000_000)

    from checker.commands import compare

    monkeypatch.setattr(compare, "run", long_error)
    ran = run(["compare", "x.csv"])
    assert_refused(ran)
    assert len(ran.err) <= cli.MESSAGE_CHARS + 40 and ran.err.rstrip().endswith("…")


def test_argument_errors_are_one_escaped_line() -> None:
    assert_refused(run(["compare", "--seed", "1\n2", "x"]), "1\\n2")


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\x1f\x8b\x08\x00", "gzip-compressed: decompress it first"),
        (b"BZh91AY&SY", "bzip2-compressed: decompress it first"),
        (b"\xfd7zXZ\x00\x00", "xz-compressed: decompress it first"),
        (b"PK\x03\x04", "a zip archive: extract it first"),
        (b"\xff\xfei\x00d\x00", "UTF-16 text: save it as UTF-8"),
        ("id,baseline\n".encode("utf-16-le"), "UTF-16 text: save it as UTF-8"),
        (b"\x00\x00\x00\x00", "a binary file (it holds NUL bytes)"),
    ],
)
@pytest.mark.parametrize("command", ["compare", "split"])
def test_wrong_formats_are_named(command: str, head: bytes, what: str, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(head + b"rest of the file\n" * 3)
    extra = ["--validation-fraction", "0.5", "--out-train", str(tmp_path / "t")]
    extra += ["--out-validation", str(tmp_path / "v")]
    argv = [command, str(path), *(extra if command == "split" else [])]
    assert_refused(run(argv), f"data.jsonl: {what}")


def test_standard_input_for_compare(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    rows = "".join(f'{{"id": {i}, "baseline": {i % 2}, "candidate": 1}}\n' for i in range(20))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(rows.encode())))
    assert main(["compare", "-", "--format", "json"]) == 0
    assert '"items": 20' in capsys.readouterr().out
