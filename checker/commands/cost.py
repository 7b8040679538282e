"""``cost``: what fine-tuning costs (training, hosting, inference) and when it pays back."""

from __future__ import annotations

import argparse
import sys

from checker.cost import (
    DEFAULT_DEPLOYMENT,
    CostInputs,
    cost_json,
    cost_markdown,
    cost_text,
    estimate_cost,
    find_model,
    number,
    parse_price,
)
from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, DEPLOYMENTS, PRICE_KEYS, load_facts
from checker.tokens.training import training_tokens
from checker.userfiles import reading

NAME = "cost"
HELP = (
    "Estimate what fine-tuning costs (training, hosting, inference per month) and after how "
    "many months the shorter prompt pays for it, if ever."
)
USAGE = "cost"
SEE = "cost.md#command-line"  # the page (relative to docs/) that explains it
EXIT_CODES = {
    0: "A result, whether it pays back or not",
    2: "A bad number, an unknown model, or a price not known",
}
RENDERERS = {"text": cost_text, "json": cost_json, "markdown": cost_markdown}


def _number_arg(whole: bool = False, positive: bool = False) -> argparse._ActionType:
    def parse(text: str) -> float:
        try:
            return number(text, "value", whole=whole, positive=positive)
        except InputError as error:
            raise argparse.ArgumentTypeError(str(error).removeprefix("value: ")) from None

    return parse


def configure(parser: argparse.ArgumentParser) -> None:
    amount = _number_arg()
    whole = _number_arg(whole=True)
    parser.add_argument("--model", required=True, help="base model, e.g. gpt-4.1-mini")
    parser.add_argument("--provider", default=DEFAULT_PROVIDER, help="azure (default) or openai")
    parser.add_argument(
        "--deployment", choices=DEPLOYMENTS, default=DEFAULT_DEPLOYMENT,
        help="deployment type (Azure); global (default) has the same prices in every region",
    )  # fmt: skip
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--train", metavar="FILE", help="chat JSONL training file: tokens counted")
    size.add_argument("--training-tokens", type=whole, metavar="N", help="tokens in one epoch")
    size.add_argument(
        "--training-hours", type=amount, metavar="N", help="hours of reinforcement fine-tuning"
    )
    parser.add_argument("--epochs", type=_number_arg(whole=True, positive=True), metavar="N")
    parser.add_argument("--requests-per-day", type=amount, required=True, metavar="N")
    parser.add_argument(
        "--prompt-tokens", type=amount, required=True, metavar="N", help="prompt today"
    )
    parser.add_argument(
        "--prompt-tokens-after", type=amount, required=True, metavar="N",
        help="prompt the fine-tuned model needs",
    )  # fmt: skip
    parser.add_argument("--output-tokens", type=amount, required=True, metavar="N")
    parser.add_argument("--hosting-hours-per-day", type=amount, default=24.0, metavar="N")
    parser.add_argument(
        "--price", action="append", default=[], metavar="KEY=VALUE",
        help=f"a price in US dollars, overriding facts.toml; keys: {', '.join(PRICE_KEYS)}",
    )  # fmt: skip
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text")


def run(args: argparse.Namespace) -> int:
    facts = load_facts()
    prices = dict(parse_price(text) for text in args.price)
    tokens = int(args.training_tokens) if args.training_tokens is not None else None
    if args.train:
        model = find_model(facts, args.model, args.provider)
        with reading(args.train), open(args.train, encoding="utf-8-sig") as lines:
            counted = training_tokens(lines, args.train, model.token_limit)
        tokens = counted.tokens
        note = f"{args.train}: {counted.examples:,} examples, {counted.tokens:,} tokens per epoch"
        if counted.over_limit:
            note += f" ({counted.over_limit} over the {model.token_limit:,}-token limit, capped)"
        if counted.estimated:
            note += "; tools, tool calls or images in it are estimated"
        print(f"note: {note}", file=sys.stderr)
    result = estimate_cost(
        CostInputs(
            model=args.model,
            provider=args.provider,
            deployment=args.deployment,
            training_tokens=tokens,
            training_hours=args.training_hours,
            epochs=int(args.epochs) if args.epochs is not None else None,
            requests_per_day=args.requests_per_day,
            prompt_tokens=args.prompt_tokens,
            prompt_tokens_after=args.prompt_tokens_after,
            output_tokens=args.output_tokens,
            hosting_hours_per_day=args.hosting_hours_per_day,
            prices=prices,
        ),
        facts,
    )
    print(RENDERERS[args.format](result), end="" if args.format == "text" else "\n")
    return 0
