"""Start-up cost: a command imports its own module, not every command's (host only: a fresh
process is needed to see what gets imported)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.process import ROOT

PROBE = (
    "import json, sys\n"
    "from checker.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "loaded = sorted(m for m in sys.modules if m.startswith('checker.'))\n"
    "print(json.dumps(loaded), file=sys.stderr)\n"
)


def imported(*argv: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return done.returncode, set(json.loads(done.stderr.splitlines()[-1]))


@pytest.mark.parametrize(
    ("argv", "own"),
    [
        (["validate", "VALID"], "validate"),
        (["--debug", "validate", "VALID", "--format", "json"], "validate"),
        (["criteria"], "criteria"),
        (["cost", "--help"], "cost"),
    ],
)
def test_a_command_imports_only_its_own_module(tmp_path: Path, argv: list[str], own: str) -> None:
    valid = tmp_path / "train.jsonl"
    example = {
        "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]
    }
    valid.write_text("\n".join(json.dumps(example | {"n": i}) for i in range(12)) + "\n")
    code, modules = imported(*[str(valid) if arg == "VALID" else arg for arg in argv])
    assert code in (0, 1)
    commands = {m for m in modules if m.startswith("checker.commands.")}
    assert commands <= {f"checker.commands.{own}", "checker.commands.written"}
    assert f"checker.commands.{own}" in commands
    if own == "validate":
        assert not {"checker.compare", "checker.convert", "checker.cost", "checker.split"} & modules


def test_top_level_help_imports_no_command() -> None:
    code, modules = imported("--help")
    assert code == 0
    assert not [m for m in modules if m.startswith("checker.commands.")]
