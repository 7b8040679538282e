"""The hostile-input corpus (tests/data/hostile/cases.json) through ``main([...])``, in process.

Each case names a command, a file, the exit code and the start of the one stderr line it must
give. Cases that belong to another engineer's command carry an ``owner`` and are skipped until
the lead removes it at merge. The same cases run in a real process in tests/cli.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.checker.cli_run import run

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
CASES: list[dict[str, Any]] = json.loads((HOSTILE / "cases.json").read_text(encoding="utf-8"))[
    "cases"
]


def case_id(case: dict[str, Any]) -> str:
    return f"{case['command']}:{Path(case['file']).name}"


def argv(case: dict[str, Any], folder: Path) -> list[str]:
    source = case["file"] if case["file"].startswith("/") else str(HOSTILE / case["file"])
    if case["command"] == "split":
        outputs = ["--out-train", str(folder / "t.jsonl"), "--out-validation", str(folder / "v")]
        return ["split", source, "--validation-fraction", "0.5", *outputs]
    return [case["command"], source]


def check(case: dict[str, Any], code: int, err: str, folder: Path, out: str = "") -> None:
    err = err.replace(f"{HOSTILE}{os.sep}", "")
    if "stdout" in case:
        assert case["stdout"] in out, out[:500]
    assert code == case["exit"], err
    assert err.count("\n") <= 1 and "Traceback" not in err
    if case["stderr"]:
        assert err.startswith(case["stderr"]), err
    else:
        assert err == ""
    if case["command"] == "split" and code != 0:
        assert not any(folder.iterdir()), "split left a file behind"


def skip_unready(case: dict[str, Any]) -> None:
    if case.get("owner"):
        pytest.skip(f"pending: {case['owner']}")
    if case["file"].startswith("/") and not Path(case["file"]).exists():
        pytest.skip(f"{case['file']} does not exist on this system")


@pytest.mark.parametrize("case", CASES, ids=[case_id(case) for case in CASES])
def test_case_in_process(case: dict[str, Any], tmp_path: Path) -> None:
    skip_unready(case)
    ran = run(argv(case, tmp_path))
    check(case, ran.code, ran.err, tmp_path, ran.out)
