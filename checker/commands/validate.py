"""``validate``: check fine-tuning dataset files (JSON Lines) before uploading them."""

from __future__ import annotations

import argparse
import json
import sys

from checker.dataset import RENDERERS, DatasetReport, provider_names, validate_dataset
from checker.dataset.limits import METHODS, resolve_limits
from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, FactsError, load_facts
from checker.textsafe import one_line

NAME = "validate"
HELP = "Check fine-tuning dataset files (JSON Lines): format, duplicates, overlap, token counts."
USAGE = "validate FILE..."
SEE = "dataset.md#command-line"  # the page (relative to docs/) that explains it
EXIT_CODES = {
    0: "Checked, no errors found",
    1: "The check found errors",
    2: "A file that cannot be read, or bad arguments (readable files are still reported)",
}


def _models_help() -> str:
    try:
        facts = load_facts()
    except FactsError:  # reported when validate runs; other commands must still start
        return "see checker/facts.toml"
    return "; ".join(
        f"{key}: {', '.join(sorted({m.name for m in facts.models_of(key)}))}"
        for key in sorted(facts.providers)
    )


def _providers() -> list[str]:
    try:
        return provider_names()
    except FactsError:
        return [DEFAULT_PROVIDER]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "train",
        metavar="TRAIN",
        nargs="+",
        help="training file(s), checked one by one; - reads standard input",
    )
    parser.add_argument(
        "--validation", metavar="FILE", help="validation file (only with one TRAIN file)"
    )
    parser.add_argument(
        "--provider",
        choices=_providers(),
        default=DEFAULT_PROVIDER,
        help=f"whose limits to apply (default: {DEFAULT_PROVIDER})",
    )
    parser.add_argument(
        "--model", metavar="NAME", help=f"model to check limits against ({_models_help()})"
    )
    parser.add_argument(
        "--method",
        choices=METHODS,
        help="training method the files are for (default: detected from the file, and said so)",
    )
    parser.add_argument(
        "--exact-tokens",
        action="store_true",
        help="count every example with the tokenizer (default: exact for small files and for "
        "every example that could be over the limit; totals of large files from a sample)",
    )
    parser.add_argument(
        "--format",
        choices=tuple(RENDERERS),
        default="text",
        help="text (default), json, markdown, lines (one line per finding: path:line: ...), "
        "github (workflow annotations)",
    )


def run(args: argparse.Namespace) -> int:
    if args.validation and len(args.train) > 1:
        raise InputError("--validation needs exactly one TRAIN file")
    if [*args.train, args.validation].count("-") > 1:
        raise InputError("standard input (-) can be only one of the files")
    # an unknown model is an argument error, before any reading
    resolve_limits(args.provider, args.model, args.method)
    reports: list[DatasetReport] = []
    unreadable = 0
    for path in args.train:
        try:
            reports.append(
                validate_dataset(
                    path,
                    args.validation,
                    model=args.model,
                    provider=args.provider,
                    method=args.method,
                    exact_tokens=args.exact_tokens,
                )
            )
        except InputError as error:
            if len(args.train) == 1:
                raise
            # several files (as pre-commit passes them): report the others, name this one
            unreadable += 1
            print(f"python -m checker: error: {one_line(str(error))}", file=sys.stderr)
    _write(reports, args.format)
    if unreadable:
        return 2
    return 1 if any(report.errors for report in reports) else 0


def _write(reports: list[DatasetReport], fmt: str) -> None:
    if fmt == "json" and len(reports) > 1:
        print(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
        return
    texts = [RENDERERS[fmt](report) for report in reports]
    if fmt in ("lines", "github"):
        sys.stdout.write("".join(texts))
        return
    separator = "\n" if fmt == "text" else "\n---\n\n"
    sys.stdout.write(separator.join(t if t.endswith("\n") else t + "\n" for t in texts))
