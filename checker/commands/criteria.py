"""``criteria``: print the readiness questions."""

from __future__ import annotations

import argparse

from checker.readiness.criteria import load_criteria
from checker.readiness.render import criteria_json, criteria_markdown

NAME = "criteria"
HELP = "Print the readiness questions, their items and the scoring rule."
USAGE = "criteria"
EXIT_CODES = {0: "Printed", 2: "Bad arguments"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")


def run(args: argparse.Namespace) -> int:
    criteria = load_criteria()
    print(criteria_json(criteria) if args.format == "json" else criteria_markdown(criteria))
    return 0
