"""What ``convert`` and ``fix`` share: their output arguments, exit codes and closing report.

Both write a dataset, a rejects file and a change log together, then check the result with the
dataset checker; the exit code says whether that check found errors.
"""

from __future__ import annotations

import argparse
import sys
from typing import Protocol

from checker.dataset import DatasetReport

EXIT_CODES = {
    0: "Written, and the result validates clean",
    1: "Written, but the result still has errors",
    2: "Input that cannot be used, or bad arguments; nothing written",
}


class Written(Protocol):
    paths: dict[str, str]  # file names as printable text (``textsafe.display_path``)
    report: DatasetReport | None

    def summary(self) -> str: ...


def add_output_arguments(parser: argparse.ArgumentParser, rejected: str) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    parser.add_argument("--rejects", metavar="FILE", help=f"{rejected} (default OUT.rejects.jsonl)")
    parser.add_argument("--changes", metavar="FILE", help="change log (default OUT.changes.json)")


def report_written(result: Written, *outputs: str) -> int:
    """Print what was written and the check of it; 1 when the check found errors, else 0."""
    from checker.dataset import report_text

    files = result.paths
    written = ", ".join(files[name] for name in outputs if name in files)
    sys.stdout.write(result.summary())
    dropped = f"  dropped: {files['dropped']}" if "dropped" in files else ""
    print(f"Output: {written}  rejects: {files['rejects']}{dropped}  changes: {files['changes']}")
    if result.report is None:
        raise RuntimeError("the written dataset was not checked")
    print(f"\nCheck of {written}:")
    sys.stdout.write(report_text(result.report))
    return 1 if result.report.errors else 0
