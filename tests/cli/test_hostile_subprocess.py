"""The hostile-input corpus again, each case in a real ``python -m checker`` process: what a
user's shell sees, including the interpreter's own exit paths (host only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.checker.test_hostile_corpus import CASES, argv, case_id, check, skip_unready
from tests.cli.process import checker_process


@pytest.mark.parametrize("case", CASES, ids=[case_id(case) for case in CASES])
def test_case_in_a_process(case: dict[str, Any], tmp_path: Path) -> None:
    skip_unready(case)
    done = checker_process(*argv(case, tmp_path), errors="replace")
    check(case, done.code, done.err, tmp_path, done.out)
