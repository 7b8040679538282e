"""``template``: print a blank answers file to fill in."""

from __future__ import annotations

import argparse
import json
import textwrap

from checker.answers import VERSION_KEY
from checker.criteria import Criteria, load_criteria

NAME = "template"
HELP = "Print a blank answers file (every item 'unsure') to fill in and pass to 'assess'."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("toml", "json"), default="toml")


def toml_template(criteria: Criteria) -> str:
    lines = [
        '# Fine-tuning readiness answers. Set each item to "yes", "no" or "unsure",',
        "# then run: python -m checker assess THIS_FILE",
        f'{VERSION_KEY} = "{criteria.version}"',
    ]
    for question in criteria.questions:
        lines += ["", f"# == {question.title}"]
        for item in question.items:
            lines += [
                "",
                *textwrap.wrap(item.statement, 98, initial_indent="# ", subsequent_indent="# "),
            ]
            lines.append(f'{item.id} = "unsure"')
    return "\n".join(lines) + "\n"


def json_template(criteria: Criteria) -> str:
    blank: dict[str, str] = {VERSION_KEY: criteria.version}
    blank.update({item.id: "unsure" for item in criteria.items()})
    return json.dumps(blank, indent=2)


def run(args: argparse.Namespace) -> int:
    criteria = load_criteria()
    print(json_template(criteria) if args.format == "json" else toml_template(criteria), end="")
    if args.format == "json":
        print()
    return 0
