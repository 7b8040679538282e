"""The hostile-input corpus again, each case in a real ``python -m checker`` process: what a
user's shell sees, including the interpreter's own exit paths (host only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.checker.test_hostile_corpus import CASES, argv, case_id, check, skip_unready


@pytest.mark.parametrize("case", CASES, ids=[case_id(case) for case in CASES])
def test_case_in_a_process(case: dict[str, Any], tmp_path: Path) -> None:
    skip_unready(case)
    done = subprocess.run(
        [sys.executable, "-m", "checker", *argv(case, tmp_path)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    check(
        case,
        done.returncode,
        done.stderr.decode("utf-8", "replace"),
        tmp_path,
        done.stdout.decode("utf-8", "replace"),
    )
