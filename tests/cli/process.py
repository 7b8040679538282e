"""One way to run ``python -m checker`` as a real process: what a user's shell sees."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

from tests.checker.cli_run import Ran

ROOT = Path(__file__).resolve().parents[2]


def checker_process(
    *args: str,
    cwd: Path = ROOT,
    stdin: str | None = None,
    file_size_limit: int | None = None,
    errors: str = "strict",
) -> Ran:
    """Run the CLI with ``args``; ``file_size_limit`` caps every file it writes (RLIMIT_FSIZE).

    Output is decoded as UTF-8; ``errors="replace"`` for tests that feed hostile bytes."""

    def limit_file_size() -> None:
        # Without SIGXFSZ ignored the kernel kills the process; ignored, write() fails with EFBIG.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert file_size_limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    done = subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        encoding="utf-8",
        errors=errors,
        timeout=120,
        check=False,
        preexec_fn=limit_file_size if file_size_limit is not None else None,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
