"""``compare``: did the fine-tuned model beat its baseline on the same holdout items?"""

from __future__ import annotations

import argparse

from checker.compare import (
    compare_outputs,
    compare_results,
    comparison_json,
    comparison_markdown,
    comparison_text,
)
from checker.compare.comparison import DEFAULT_REPLICATES, MAX_REPLICATES
from checker.compare.metrics import DEFAULT_METRIC, METRICS
from checker.errors import InputError

NAME = "compare"
HELP = (
    "Compare a fine-tuned model with its baseline on the same holdout items: scores with 95% "
    "intervals, the paired difference, a significance test and the smallest detectable difference."
)
USAGE = "compare RESULTS"
SEE = "compare.md#command-line"  # the page (relative to docs/) that explains it
EXIT_CODES = {
    0: "A result, whatever it says (read the verdict to gate a build)",
    2: "Input that cannot be used, or bad arguments",
}
RENDERERS = {"text": comparison_text, "json": comparison_json, "markdown": comparison_markdown}


def replicates_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_REPLICATES:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and {MAX_REPLICATES:,}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results",
        metavar="RESULTS",
        nargs="?",
        help="JSONL or CSV file (- for standard input): id, baseline, candidate per item "
        "(pass/fail or numeric scores)",
    )
    parser.add_argument("--baseline", metavar="FILE", help="baseline outputs (id, output)")
    parser.add_argument("--candidate", metavar="FILE", help="candidate outputs (id, output)")
    parser.add_argument("--reference", metavar="FILE", help="references (id, reference)")
    parser.add_argument(
        "--metric",
        choices=tuple(METRICS),
        default=DEFAULT_METRIC,
        help=f"how an output is scored against its reference (default {DEFAULT_METRIC})",
    )
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text")
    parser.add_argument("--seed", type=int, default=0, help="seed for resampling (default 0)")
    parser.add_argument(
        "--replicates",
        type=replicates_arg,
        default=None,
        metavar="N",
        help=f"bootstrap replicates, at most {MAX_REPLICATES:,} (default {DEFAULT_REPLICATES:,}, "
        "lowered with a note when many distinct scores over many items would take too long)",
    )


def run(args: argparse.Namespace) -> int:
    raw = (args.baseline, args.candidate, args.reference)
    if args.results is not None:
        if any(raw):
            raise InputError("give either RESULTS or --baseline/--candidate/--reference, not both")
        result = compare_results(args.results, seed=args.seed, replicates=args.replicates)
    elif all(raw):
        result = compare_outputs(
            *raw, metric=args.metric, seed=args.seed, replicates=args.replicates
        )
    else:
        missing = [
            flag
            for flag, value in zip(("--baseline", "--candidate", "--reference"), raw, strict=True)
            if not value
        ]
        raise InputError(
            f"give RESULTS, or all of --baseline/--candidate/--reference "
            f"(missing {', '.join(missing)})"
        )
    print(RENDERERS[args.format](result), end="" if args.format == "text" else "\n")
    return 0
