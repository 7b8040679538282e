"""``split``: hold out a validation set from a JSONL fine-tuning file without leaking."""

from __future__ import annotations

import argparse
import math

from checker.split import split_dataset

NAME = "split"
HELP = (
    "Split a JSONL fine-tuning file into training and validation files, keeping duplicates and "
    "near-duplicates (the same prompt) on the same side."
)
USAGE = "split FILE"
EXIT_CODES = {
    0: "Both files written",
    2: "Input that cannot be used, or bad arguments; nothing written",
}


def fraction_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and 0.0 < value < 1.0):
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1 (exclusive)")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", metavar="DATA", help="JSONL file, one JSON object per line")
    parser.add_argument(
        "--validation-fraction",
        type=fraction_arg,
        required=True,
        metavar="F",
        help="share of examples to hold out, e.g. 0.1",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for the split (default 0)")
    parser.add_argument("--out-train", required=True, metavar="PATH", help="training file to write")
    parser.add_argument(
        "--out-validation", required=True, metavar="PATH", help="validation file to write"
    )


def run(args: argparse.Namespace) -> int:
    report = split_dataset(
        args.data,
        args.validation_fraction,
        out_train=args.out_train,
        out_validation=args.out_validation,
        seed=args.seed,
    )
    print(report.summary(), end="")
    return 0
