"""``cost``: what fine-tuning costs (training, one-off costs, hosting, inference) and whether it
pays back before the fine-tuned model retires."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checker.cost import (
    DEFAULT_DEPLOYMENT,
    FIELDS,
    CostInputs,
    cli_message,
    cost_json,
    cost_markdown,
    cost_text,
    estimate_cost,
    parse_price,
)
from checker.cost.inputs import FIELD, field_value, parse_day
from checker.dataset import validate_dataset
from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, DEPLOYMENTS, PRICE_KEYS, load_facts
from checker.textsafe import display_path, one_line

NAME = "cost"
HELP = (
    "Estimate what fine-tuning costs (training, one-off costs, hosting, inference per month) "
    "and whether the shorter prompt pays for it before the fine-tuned model retires."
)
USAGE = "cost"
SEE = "cost.md#command-line"  # the page (relative to docs/) that explains it
EXIT_CODES = {
    0: "A result, whether it pays back or not",
    2: "A number out of its range, an unknown or retired model, or a price not known",
}
RENDERERS = {"text": cost_text, "json": cost_json, "markdown": cost_markdown}
SIZE_FIELDS = ("training_tokens", "training_hours")  # given instead of a training file


def _field_arg(name: str) -> argparse._ActionType:
    def parse(text: str) -> float:
        try:
            value = field_value(name, text)
        except InputError as error:
            raise argparse.ArgumentTypeError(str(error).split(": ", 1)[-1]) from None
        return int(value) if FIELD[name].whole else value

    return parse


def _day(text: str) -> Any:
    try:
        return parse_day(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error).split(": ", 1)[-1]) from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", required=True, help="the model to fine-tune, e.g. gpt-4.1-mini")
    parser.add_argument(
        "--baseline-model", metavar="NAME",
        help="the prompted model it replaces, priced from the facts too (default: the same model)",
    )  # fmt: skip
    parser.add_argument("--provider", default=DEFAULT_PROVIDER, help="azure (default) or openai")
    parser.add_argument(
        "--deployment", choices=DEPLOYMENTS, default=DEFAULT_DEPLOYMENT,
        help="deployment type (Azure); global (default) has the same prices in every region; "
        "developer is a test deployment, priced per day of testing",
    )  # fmt: skip
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--train", metavar="FILE",
        help="training file (JSON Lines; - reads standard input): billed tokens and epochs as "
        "validate counts them",
    )  # fmt: skip
    for name in SIZE_FIELDS:
        spec = FIELD[name]
        size.add_argument(spec.option, type=_field_arg(name), metavar="N", help=spec.label)
    for spec in FIELDS:
        if spec.name in SIZE_FIELDS:
            continue
        limits = f"{spec.low:g} to {spec.high:g}"
        parser.add_argument(
            spec.option, type=_field_arg(spec.name), metavar="N", required=spec.required,
            help=f"{spec.label}; {limits}".replace("%", "%%"),  # argparse formats help with %
        )  # fmt: skip
    parser.add_argument(
        "--price", action="append", default=[], metavar="KEY=VALUE",
        help=f"a price in US dollars, replacing the stated one; keys: {', '.join(PRICE_KEYS)}",
    )  # fmt: skip
    parser.add_argument(
        "--today", type=_day, metavar="YYYY-MM-DD",
        help="the day the estimate starts, for retirement dates (default: today)",
    )  # fmt: skip
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text")


def _from_file(args: argparse.Namespace) -> tuple[int, int, str]:
    """One epoch's billed tokens, the epochs and the rule they follow, from the dataset checker's
    report of ``args.train``: the figures ``validate`` prints for the same file."""
    path = args.train
    name = "standard input" if path == "-" else one_line(display_path(path))
    report = validate_dataset(
        sys.stdin.buffer if path == "-" else path,
        model=args.model, provider=args.provider, today=args.today,
    )  # fmt: skip
    train = report.train
    billed = train.stats.get("billed_tokens")
    epochs = train.stats.get("estimated_epochs")
    if not isinstance(billed, dict) or not isinstance(epochs, int) or not epochs:
        why = (
            "reinforcement fine-tuning is billed by training time: pass --training-hours N"
            if train.format.name == "reinforcement"
            else f"the file is {train.format.description}"
        )
        raise InputError(f"{name}: no billed tokens to count: {why}")
    value = int(billed["value"])
    figures = train.stats.get("token_figures")
    said = figures.get("billed_tokens") if isinstance(figures, dict) else None
    note = f"{name}: {train.examples:,} examples; billed training tokens {said or value}"
    if report.errors:
        note += f"; validate finds {report.errors} errors in it"
    print(f"note: {note}", file=sys.stderr)
    rule = f"{epochs} epochs: the provider's default for {train.examples:,} examples"
    return value // epochs, epochs, rule


def run(args: argparse.Namespace) -> int:
    facts = load_facts()
    prices = dict(parse_price(text) for text in args.price)
    values: dict[str, Any] = {
        spec.name: getattr(args, spec.name)
        for spec in FIELDS
        if getattr(args, spec.name) is not None
    }
    rule = None
    if args.train:
        tokens, epochs, said = _from_file(args)
        values["training_tokens"] = tokens
        if "epochs" not in values:
            values["epochs"], rule = epochs, said
    try:
        result = estimate_cost(
            CostInputs(
                model=args.model,
                provider=args.provider,
                deployment=args.deployment,
                baseline_model=args.baseline_model,
                prices=prices,
                today=args.today,
                epochs_rule=rule,
                **values,
            ),
            facts,
        )
    except InputError as error:
        raise InputError(cli_message(error)) from None
    print(RENDERERS[args.format](result), end="" if args.format == "text" else "\n")
    return 0
