"""``validate``: check fine-tuning dataset files (JSON Lines) before uploading them."""

from __future__ import annotations

import argparse
import json
import sys

from checker.dataset import (
    DatasetReport,
    model_names,
    report_json,
    report_markdown,
    report_text,
    resolve_model,
    validate_dataset,
)
from checker.errors import InputError

NAME = "validate"
HELP = "Check fine-tuning dataset files (JSON Lines): format, duplicates, overlap, token estimates."
RENDERERS = {"text": report_text, "json": report_json, "markdown": report_markdown}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "train", metavar="TRAIN", nargs="+", help="training file(s); several are checked one by one"
    )
    parser.add_argument(
        "--validation", metavar="FILE", help="validation file (only with one TRAIN file)"
    )
    parser.add_argument(
        "--model",
        metavar="NAME",
        help=f"model to check token limits against: {', '.join(model_names())}",
    )
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text")


def run(args: argparse.Namespace) -> int:
    if args.validation and len(args.train) > 1:
        raise InputError("--validation needs exactly one TRAIN file")
    if args.model:
        resolve_model(args.model)  # an unknown model is an argument error, before any reading
    reports: list[DatasetReport] = [
        validate_dataset(path, args.validation, model=args.model) for path in args.train
    ]
    if args.format == "json" and len(reports) > 1:
        print(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        separator = "\n" if args.format == "text" else "\n---\n\n"
        texts = [RENDERERS[args.format](report) for report in reports]
        sys.stdout.write(separator.join(t if t.endswith("\n") else t + "\n" for t in texts))
    return 1 if any(report.errors for report in reports) else 0
