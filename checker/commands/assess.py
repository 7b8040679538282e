"""``assess``: score an answers file (or a report written by ``assess --format json``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from checker.readiness.answers import (
    MAX_ANSWERS_BYTES,
    answers_mapping,
    check_answers,
    read_answers_file,
    version_notes,
)
from checker.readiness.criteria import load_criteria
from checker.readiness.render import assessment_json, assessment_markdown, assessment_text
from checker.readiness.scoring import assess_checked
from checker.textsafe import display_path, one_line

NAME = "assess"
HELP = (
    "Score a TOML or JSON answers file ({item_id: yes|no|unsure|n/a|number}), or a JSON report "
    f"from assess or the checklist page. Files over {MAX_ANSWERS_BYTES:,} bytes are refused."
)
USAGE = "assess ANSWERS"
SEE = "scoring.md"  # the page (relative to docs/) that explains it
EXIT_CODES = {
    0: "Scored",
    1: "Score below `--fail-under`, or no score yet (required statements unanswered)",
    2: (
        "Unreadable file (or over 1,000,000 bytes), unknown statement id, an answer not allowed "
        "for its statement, or a number out of range"
    ),
}
RENDERERS = {"text": assessment_text, "json": assessment_json, "markdown": assessment_markdown}


def score_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{one_line(repr(text), 40)} is not a whole number"
        ) from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 100")
    return value


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{one_line(repr(text), 40)} is not a date (YYYY-MM-DD)"
        ) from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", help="answers file (.toml or .json)")
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text")
    parser.add_argument(
        "--fail-under",
        type=score_arg,
        metavar="SCORE",
        help="exit 1 when the score is below SCORE, or there is no score yet (not assessed)",
    )
    parser.add_argument(
        "--today",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the day the provider's dates are compared with (default: today)",
    )


def run(args: argparse.Namespace) -> int:
    criteria = load_criteria()
    source = display_path(args.answers)
    raw = read_answers_file(args.answers)
    for note in version_notes(answers_mapping(raw)[1], criteria, f"{source} was written"):
        print(f"note: {note}", file=sys.stderr)
    answers = check_answers(raw, criteria, source=source)
    result = assess_checked(answers, criteria, today=args.today)
    print(RENDERERS[args.format](result), end="" if args.format == "text" else "\n")
    if args.fail_under is not None and (result.score is None or result.score < args.fail_under):
        return 1
    return 0
