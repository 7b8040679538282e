"""The cost model's inputs: what a request or the command line may ask, each number within a stated
range, checked one field at a time with one-line errors.

``FIELDS`` is the one list of numeric inputs: the command line's options, the page's form and the
checks all come from it. Messages name a field in neutral words (``MissingInput`` carries the
field names); the command line and the page each phrase how to give it (``render.ask_cli``,
``render.ask_page``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, PRICE_KEYS
from checker.textsafe import one_line

DEFAULT_DEPLOYMENT = "global"  # the one deployment type whose prices are the same in every region
DEFAULT_EPOCHS = 3  # assumed when neither the epochs nor a training file is given
MAX_PRICE = 100_000.0  # US dollars per unit (a million tokens, an hour): far above any price list


@dataclass(frozen=True)
class NumberField:
    name: str
    label: str
    """What the page's form calls it (the command line's option is ``--name-with-dashes``)."""
    group: str
    low: float
    high: float
    whole: bool = False
    default: float | None = None
    """Used when the field is left out; None: optional (or, with ``required``, must be given)."""
    required: bool = False
    example: float | None = None
    """The page's starting value."""

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


FIELDS: tuple[NumberField, ...] = (
    NumberField("hosting_hours_per_day", "Hours a day the model stays deployed", "model",
                0, 24, default=24, example=24),
    NumberField("training_tokens", "Tokens in the training file (one epoch)", "training",
                0, 1e11, whole=True, example=1_000_000),
    NumberField("epochs", f"Epochs ({DEFAULT_EPOCHS} if left empty)", "training", 1, 50,
                whole=True),
    NumberField("training_hours", "Training hours (reinforcement fine-tuning)", "training",
                0, 10_000),
    NumberField("training_runs", "Training runs you expect (failed or repeated runs are normal)",
                "training", 1, 100, whole=True, default=1, example=1),
    NumberField("grader_input_tokens", "Tokens the grader model reads in all (reinforcement)",
                "training", 0, 1e12, whole=True, default=0),
    NumberField("grader_output_tokens", "Tokens the grader model writes in all (reinforcement)",
                "training", 0, 1e12, whole=True, default=0),
    NumberField("requests_per_day", "Requests a day", "traffic", 0, 1e9, required=True,
                example=10_000),
    NumberField("prompt_tokens", "Prompt tokens per request today", "traffic", 0, 1e7,
                required=True, example=3000),
    NumberField("cached_prompt_tokens", "Cached prompt tokens per request today", "traffic",
                0, 1e7, default=0),
    NumberField("prompt_tokens_after", "Prompt tokens per request with the fine-tuned model",
                "traffic", 0, 1e7, required=True, example=300),
    NumberField("cached_prompt_tokens_after", "Cached prompt tokens with the fine-tuned model",
                "traffic", 0, 1e7, default=0),
    NumberField("output_tokens", "Output tokens per request", "traffic", 0, 1e7, required=True,
                example=200),
    NumberField("batch_share", "Share of requests sent as batch jobs today (%)", "traffic",
                0, 100, default=0),
    NumberField("batch_share_after", "Share sent as batch jobs to the fine-tuned model (%)",
                "traffic", 0, 100, default=0),
    NumberField("examples_to_label", "Examples to write, label or review", "one-off",
                0, 1e8, whole=True, default=0),
    NumberField("cost_per_example", "Cost of each example, in US dollars", "one-off",
                0, 10_000, default=0),
    NumberField("evaluation_runs", "Evaluation runs (both models on your test set)", "one-off",
                0, 1000, whole=True, default=0),
    NumberField("evaluation_examples", "Examples in each evaluation run", "one-off",
                0, 1e7, whole=True, default=0),
    NumberField("teacher_examples", "Examples the prompted model writes for training "
                "(distillation)", "one-off", 0, 1e8, whole=True, default=0),
)  # fmt: skip
FIELD = {f.name: f for f in FIELDS}

PRICE_LABELS = {
    "training_per_million": "Training, per million tokens",
    "training_per_hour": "Training, per hour (reinforcement fine-tuning)",
    "base_input_per_million": "Prompted model input, per million tokens",
    "base_output_per_million": "Prompted model output, per million tokens",
    "base_cached_input_per_million": "Prompted model cached input, per million tokens",
    "base_batch_input_per_million": "Prompted model batch input, per million tokens",
    "base_batch_output_per_million": "Prompted model batch output, per million tokens",
    "tuned_input_per_million": "Fine-tuned model input, per million tokens",
    "tuned_output_per_million": "Fine-tuned model output, per million tokens",
    "tuned_cached_input_per_million": "Fine-tuned model cached input, per million tokens",
    "tuned_batch_input_per_million": "Fine-tuned model batch input, per million tokens",
    "tuned_batch_output_per_million": "Fine-tuned model batch output, per million tokens",
    "hosting_per_hour": "Hosting of the fine-tuned model, per hour",
    "grader_input_per_million": "Grader model input, per million tokens",
    "grader_output_per_million": "Grader model output, per million tokens",
}
assert tuple(PRICE_LABELS) == PRICE_KEYS


def field_label(name: str) -> str:
    """A field (a FIELDS name, or ``price:KEY``) in neutral words, for messages."""
    if name.startswith("price:"):
        return PRICE_LABELS[name.removeprefix("price:")].lower()
    return FIELD[name].label.split(" (")[0].lower()


class MissingInput(InputError):
    """An input the estimate needs and was not given: ``what`` is missing, ``fields`` names the
    inputs that would give it (FIELDS names, or ``price:KEY``) and ``after`` adds a hint. The
    message itself is neutral; the command line and the page each say how to give the fields."""

    def __init__(self, what: str, fields: tuple[str, ...], after: str = "") -> None:
        self.what, self.fields, self.after = what, fields, after
        super().__init__(f"{what}: {'; '.join(field_label(f) for f in fields)}{after}")


class FieldError(InputError):
    """A value out of its range or not a number; ``field`` as in MissingInput."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CostInputs:
    model: str
    requests_per_day: float
    prompt_tokens: float
    prompt_tokens_after: float
    output_tokens: float
    provider: str = DEFAULT_PROVIDER
    deployment: str = DEFAULT_DEPLOYMENT
    training_tokens: int | None = None
    """Tokens of the training file, one epoch (billing multiplies by epochs)."""
    epochs: int | None = None
    training_hours: float | None = None
    """Reinforcement fine-tuning is billed by training time instead of tokens."""
    hosting_hours_per_day: float = 24.0
    prices: Mapping[str, float] = field(default_factory=dict)
    """Overrides, by key of PRICE_KEYS, in US dollars."""
    baseline_model: str | None = None
    """The prompted model the fine-tuned one replaces (teacher and student); None: the same."""
    cached_prompt_tokens: float = 0.0
    cached_prompt_tokens_after: float = 0.0
    batch_share: float = 0.0
    """Percent of today's requests sent as batch jobs."""
    batch_share_after: float = 0.0
    training_runs: int = 1
    grader_input_tokens: float = 0.0
    grader_output_tokens: float = 0.0
    examples_to_label: float = 0.0
    cost_per_example: float = 0.0
    evaluation_runs: float = 0.0
    evaluation_examples: float = 0.0
    teacher_examples: float = 0.0
    today: dt.date | None = None
    """The day the horizon starts (for the retirement dates); None: the real date."""
    epochs_rule: str | None = None
    """Where the epochs come from when not typed, e.g. the dataset checker's rule."""


def number(value: Any, what: str, *, whole: bool = False, positive: bool = False) -> float:
    """``value`` as a finite number of 0 or more, or an InputError naming ``what``."""
    if isinstance(value, bool):
        raise InputError(f"{what}: {value!r} is not a number")
    try:
        result = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"{what}: {one_line(str(value), 40)!r} is not a number") from None
    if not math.isfinite(result) or result < 0:
        raise InputError(f"{what}: {one_line(str(value), 40)} must be a number of 0 or more")
    if positive and result <= 0:
        raise InputError(f"{what}: must be more than 0")
    if whole and result != int(result):
        raise InputError(f"{what}: {one_line(str(value), 40)} must be a whole number")
    return result


def _words(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 and value == int(value) else f"{value:g}"


def field_value(name: str, value: Any) -> float:
    """``value`` checked against the range of FIELDS[name] (or of a price, ``price:KEY``)."""
    if name.startswith("price:"):
        low, high, whole = 0.0, MAX_PRICE, False
    else:
        spec = FIELD[name]
        low, high, whole = spec.low, spec.high, spec.whole
    label = field_label(name)
    try:
        result = number(value, label, whole=whole)
    except InputError as error:
        raise FieldError(str(error), name) from None
    if not low <= result <= high:
        raise FieldError(
            f"{label}: {one_line(str(value), 40)} is outside {_words(low)} to {_words(high)}",
            name,
        )
    return result


def parse_price(text: str) -> tuple[str, float]:
    """``KEY=VALUE`` from the command line."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep:
        raise InputError(f"--price {one_line(text, 60)!r}: expected KEY=VALUE")
    if key not in PRICE_KEYS:
        close = difflib.get_close_matches(key, PRICE_KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; keys: {', '.join(PRICE_KEYS)}"
        raise InputError(f"--price: unknown price {one_line(key, 60)!r}{hint}")
    try:
        return key, field_value(f"price:{key}", value.strip())
    except FieldError as error:
        raise InputError(f"--price {key}: {str(error).split(': ', 1)[1]}") from None


def request_inputs(request: Any) -> CostInputs:
    """CostInputs from the page's form (a JSON object whose numbers may arrive as text; empty
    fields are absent), checked as the command line checks them."""
    if not isinstance(request, dict):
        raise InputError("the request must be a JSON object")

    def given(key: str) -> Any:
        value = request.get(key)
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    values: dict[str, Any] = {}
    for spec in FIELDS:
        value = given(spec.name)
        if value is None:
            if spec.required:
                raise MissingInput("a figure is missing", (spec.name,))
            continue
        checked = field_value(spec.name, value)
        values[spec.name] = int(checked) if spec.whole else checked
    raw_prices = request.get("prices") or {}
    if not isinstance(raw_prices, dict):
        raise InputError("prices must be an object of KEY: VALUE")
    prices = {}
    for key, value in raw_prices.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key not in PRICE_KEYS:
            raise InputError(f"unknown price {one_line(str(key), 60)!r}")
        prices[key] = field_value(f"price:{key}", value)
    today = given("today")
    return CostInputs(
        model=str(given("model") or ""),
        provider=str(given("provider") or DEFAULT_PROVIDER),
        deployment=str(given("deployment") or DEFAULT_DEPLOYMENT),
        baseline_model=str(given("baseline_model")) if given("baseline_model") else None,
        prices=prices,
        today=parse_day(str(today)) if today else None,
        **values,
    )


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"today: {one_line(text, 20)!r} is not a date (YYYY-MM-DD)") from None
