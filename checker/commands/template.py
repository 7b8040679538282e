"""``template``: print a blank answers file to fill in."""

from __future__ import annotations

import argparse
import json
import textwrap

from checker.readiness.answers import VERSION_KEY
from checker.readiness.criteria import Criteria, Item, load_criteria

NAME = "template"
HELP = "Print a blank answers file (every item unanswered) to fill in and pass to 'assess'."
USAGE = "template"
EXIT_CODES = {0: "Printed", 2: "Bad arguments"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("toml", "json"), default="toml")


def allowed(item: Item) -> str:
    """The answers an item takes, as the template's comment says them."""
    if item.options:
        return ", ".join(f'"{option}"' for option in (*item.options, "unsure"))
    if item.number is not None:
        return f'a number of {item.number.unit}, or "unsure"'
    if item.applies_when:
        return f'"yes", "no", "unsure", or "n/a" unless {item.applies_when}'
    return '"yes", "no" or "unsure"'


def toml_template(criteria: Criteria) -> str:
    lines = [
        '# Fine-tuning readiness answers. Answer each item; leave "" for not answered yet.',
        "# Items marked (required) need an answer before there is a verdict.",
        "# Then run: python -m checker assess THIS_FILE",
        f'{VERSION_KEY} = "{criteria.version}"',
    ]
    groups = [("About the project (optional, not scored)", criteria.context)]
    groups += [(question.title, question.items) for question in criteria.questions]
    for title, items in groups:
        lines += ["", f"# == {title}"]
        for item in items:
            note = f"{' (required)' if item.required else ''} Answer: {allowed(item)}."
            lines += [
                "",
                *textwrap.wrap(
                    item.statement + note, 98, initial_indent="# ", subsequent_indent="# "
                ),
            ]
            lines.append(f'{item.id} = ""')
    return "\n".join(lines) + "\n"


def json_template(criteria: Criteria) -> str:
    blank: dict[str, str] = {VERSION_KEY: criteria.version}
    blank.update({item.id: "" for item in criteria.items()})
    return json.dumps(blank, indent=2)


def run(args: argparse.Namespace) -> int:
    criteria = load_criteria()
    print(json_template(criteria) if args.format == "json" else toml_template(criteria), end="")
    if args.format == "json":
        print()
    return 0
