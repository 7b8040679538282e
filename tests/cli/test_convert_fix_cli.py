"""``convert`` and ``fix`` in a real process: exit codes, one-line errors, and a write that fails
part way (a file-size limit) leaving no partial output behind."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "data" / "convert"
FIX = ROOT / "tests" / "data" / "fix" / "basic"


def checker(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit_file_size() -> None:
        # Without SIGXFSZ ignored the kernel kills the process; ignored, write() fails with EFBIG.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limit_file_size if limit is not None else None,
    )


def test_convert_csv_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = checker(
        "convert", str(CASES / "csv-header" / "input.csv"), "--from", "csv", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (CASES / "csv-header" / "expected.jsonl").read_bytes()
    assert "PASS" in result.stdout


def test_fix_exits_0_and_writes_the_change_log(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = checker(
        "fix", str(FIX / "train.jsonl"), "-o", str(out), "--changes", str(tmp_path / "log.json")
    )
    assert result.returncode == 0, result.stderr
    log = json.loads((tmp_path / "log.json").read_text())
    assert log["command"] == "fix" and log["rejected"] == 2


def test_missing_input_is_one_line_exit_2(tmp_path: Path) -> None:
    for command in (["convert", "nope.csv", "--from", "csv"], ["fix", "nope.jsonl"]):
        result = checker(*command, "-o", str(tmp_path / "o.jsonl"))
        assert result.returncode == 2
        assert result.stdout == ""
        assert (
            result.stderr == "python -m checker: error: nope" + command[1][4:] + ": no such file\n"
        )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
@pytest.mark.parametrize("command", ["convert", "fix"])
def test_a_failed_write_leaves_no_partial_output(tmp_path: Path, command: str) -> None:
    source = tmp_path / "in.jsonl"
    line = {
        "messages": [{"role": "user", "content": "q" * 50}, {"role": "assistant", "content": "a"}]
    }
    source.write_text("".join(json.dumps({**line, "n": i}) + "\n" for i in range(400)))
    out = tmp_path / "out.jsonl"
    out.write_text("the old file\n")
    args = ["--from", "json-array", "--records", "chat"] if command == "convert" else []
    if command == "convert":
        source.write_text("[" + ",".join(json.dumps({**line, "n": i}) for i in range(400)) + "]")
    result = checker(command, str(source), *args, "-o", str(out), limit=20_000)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1
    assert (
        result.stderr.startswith(f"python -m checker: error: {out}")
        and "cannot write" in result.stderr
    )
    assert out.read_text() == "the old file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
