"""``fix``: a corrected copy of a JSON Lines dataset, with rejects and a change log."""

from __future__ import annotations

import argparse
import sys

from checker.fix import fix_files

NAME = "fix"
HELP = (
    "Write a corrected copy of a JSONL dataset: BOM, CRLF and blank lines removed, duplicates "
    "(and optionally near-duplicates) and validation examples also in training dropped."
)
USAGE = "fix FILE"
SEE = "#convert-fix"  # the page (relative to docs/) that explains it
EXIT_CODES = {
    0: "Written, and the result validates clean",
    1: "Written, but the result still has errors",
    2: "Input that cannot be used, or bad arguments; nothing written",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("train", metavar="TRAIN", help="training file (JSON Lines)")
    parser.add_argument("--validation", metavar="FILE", help="validation file (JSON Lines)")
    parser.add_argument(
        "--drop-near-duplicates",
        action="store_true",
        help="also drop examples with the same prompt as an earlier one (case and spacing ignored)",
    )
    parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    parser.add_argument("--validation-out", metavar="FILE", help="fixed validation file")
    parser.add_argument(
        "--rejects", metavar="FILE", help="lines that cannot be used (default OUT.rejects.jsonl)"
    )
    parser.add_argument("--changes", metavar="FILE", help="change log (default OUT.changes.json)")


def run(args: argparse.Namespace) -> int:
    from checker.dataset import report_text

    result = fix_files(
        args.train,
        args.output,
        validation=args.validation,
        validation_output=args.validation_out,
        drop_near_duplicates=args.drop_near_duplicates,
        rejects=args.rejects,
        changes=args.changes,
    )
    files = result.paths
    sys.stdout.write(result.summary())
    outputs = files["output"] + (
        f", {files['validation_output']}" if "validation_output" in files else ""
    )
    print(f"Output: {outputs}  rejects: {files['rejects']}  changes: {files['changes']}")
    assert result.report is not None
    print(f"\nCheck of {outputs}:")
    sys.stdout.write(report_text(result.report))
    return 1 if result.report.errors else 0
