"""``assess``: score an answers file."""

from __future__ import annotations

import argparse
import sys

from checker.answers import VERSION_KEY, check_answers, read_answers_file
from checker.criteria import load_criteria
from checker.render import assessment_json, assessment_markdown, assessment_text
from checker.scoring import assess

NAME = "assess"
HELP = "Score a TOML or JSON answers file ({item_id: yes|no|unsure})."
RENDERERS = {"text": assessment_text, "json": assessment_json, "markdown": assessment_markdown}


def score_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 100")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", help="answers file (.toml or .json)")
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text")
    parser.add_argument(
        "--fail-under", type=score_arg, metavar="SCORE", help="exit 1 when the score is below SCORE"
    )


def run(args: argparse.Namespace) -> int:
    criteria = load_criteria()
    raw = read_answers_file(args.answers)
    saved_version = raw.get(VERSION_KEY)
    if saved_version is not None and saved_version != criteria.version:
        print(
            f"note: {args.answers} was written for criteria version {saved_version}; "
            f"scoring with version {criteria.version}",
            file=sys.stderr,
        )
    result = assess(check_answers(raw, criteria, source=args.answers), criteria)
    print(RENDERERS[args.format](result), end="" if args.format == "text" else "\n")
    if args.fail_under is not None and result.score < args.fail_under:
        return 1
    return 0
