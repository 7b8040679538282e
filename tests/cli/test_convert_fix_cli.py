"""``convert`` and ``fix`` in a real process: a write that fails part way (a file-size limit)
leaves no partial output behind. Their exit codes and one-line errors are tested in process
(tests/checker/convert)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.checker.cli_run import assert_refused
from tests.cli.process import checker_process


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
    result = checker_process(command, str(source), *args, "-o", str(out), file_size_limit=20_000)
    assert_refused(result, "cannot write")
    assert result.err.startswith(f"python -m checker: error: {out}")
    assert out.read_text() == "the old file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
