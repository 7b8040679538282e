"""``fix``: a corrected copy of a JSON Lines dataset, with rejects and a change log."""

from __future__ import annotations

import argparse

from checker.commands import written
from checker.convert.fix import fix_files

NAME = "fix"
HELP = (
    "Write a corrected copy of a JSONL dataset: BOM, CRLF and blank lines removed, duplicates "
    "(and optionally near-duplicates) and validation examples also in training dropped."
)
USAGE = "fix FILE"
SEE = "#convert-fix"  # the page (relative to docs/) that explains it
EXIT_CODES = written.EXIT_CODES


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("train", metavar="TRAIN", help="training file (JSON Lines)")
    parser.add_argument("--validation", metavar="FILE", help="validation file (JSON Lines)")
    parser.add_argument(
        "--drop-near-duplicates",
        action="store_true",
        help="also drop examples with the same prompt as an earlier one (case and spacing ignored)",
    )
    parser.add_argument("--validation-out", metavar="FILE", help="fixed validation file")
    written.add_output_arguments(parser, "lines that cannot be used")
    parser.add_argument(
        "--dropped",
        metavar="FILE",
        help="the lines dropped as copies or overlap, each with the line it repeats "
        "(default OUT.dropped.jsonl)",
    )


def run(args: argparse.Namespace) -> int:

    result = fix_files(
        args.train,
        args.output,
        validation=args.validation,
        validation_output=args.validation_out,
        drop_near_duplicates=args.drop_near_duplicates,
        rejects=args.rejects,
        changes=args.changes,
        dropped=args.dropped,
    )
    return written.report_written(result, "output", "validation_output")
