"""The cost model's inputs: what a request or the command line may ask, checked one field at a time
with one-line errors."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, PRICE_KEYS
from checker.textsafe import one_line

DEFAULT_DEPLOYMENT = "global"  # the one deployment type whose prices are the same in every region


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


def number(value: Any, what: str, *, whole: bool = False, positive: bool = False) -> float:
    """``value`` as a finite number of 0 or more, or an InputError naming ``what``."""
    if isinstance(value, bool):
        raise InputError(f"{what}: {value!r} is not a number")
    try:
        result = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what}: {one_line(str(value), 40)!r} is not a number") from None
    if not math.isfinite(result) or result < 0:
        raise InputError(f"{what}: {one_line(str(value), 40)} must be a number of 0 or more")
    if positive and result <= 0:
        raise InputError(f"{what}: must be more than 0")
    if whole and result != int(result):
        raise InputError(f"{what}: {one_line(str(value), 40)} must be a whole number")
    return result


def parse_price(text: str) -> tuple[str, float]:
    """``KEY=VALUE`` from the command line or the page."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep:
        raise InputError(f"--price {one_line(text, 60)!r}: expected KEY=VALUE")
    if key not in PRICE_KEYS:
        close = difflib.get_close_matches(key, PRICE_KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; keys: {', '.join(PRICE_KEYS)}"
        raise InputError(f"--price: unknown price {one_line(key, 60)!r}{hint}")
    return key, number(value.strip(), f"--price {key}")


REQUEST_FIELDS = {
    "training_tokens": "training tokens",
    "epochs": "epochs",
    "training_hours": "training hours",
    "requests_per_day": "requests per day",
    "prompt_tokens": "prompt tokens",
    "prompt_tokens_after": "prompt tokens after",
    "output_tokens": "output tokens",
    "hosting_hours_per_day": "hosting hours per day",
}


def request_inputs(request: Any) -> CostInputs:
    """CostInputs from the page's form (a JSON object whose numbers may arrive as text; empty
    fields are absent), with the same one-line errors as the command line."""
    if not isinstance(request, dict):
        raise InputError("the request must be a JSON object")

    def given(key: str) -> Any:
        value = request.get(key)
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    values: dict[str, Any] = {}
    for key, label in REQUEST_FIELDS.items():
        value = given(key)
        if value is None:
            if key in ("requests_per_day", "prompt_tokens", "prompt_tokens_after", "output_tokens"):
                raise InputError(f"{label}: missing")
            continue
        whole = key in ("training_tokens", "epochs")
        number_ = number(value, label, whole=whole, positive=key == "epochs")
        values[key] = int(number_) if whole else number_
    raw_prices = request.get("prices") or {}
    if not isinstance(raw_prices, dict):
        raise InputError("prices must be an object of KEY: VALUE")
    prices = {}
    for key, value in raw_prices.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        name, amount = parse_price(f"{key}={value}")
        prices[name] = amount
    return CostInputs(
        model=str(given("model") or ""),
        provider=str(given("provider") or DEFAULT_PROVIDER),
        deployment=str(given("deployment") or DEFAULT_DEPLOYMENT),
        prices=prices,
        **values,
    )
