"""Which prices an estimate uses: typed ones, or those facts.toml states for each model (the
prompted model's ``base_*`` prices may be another model's), each with its origin and dates; a
price that is neither is asked for, never guessed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from checker.cost.inputs import CostInputs, MissingInput
from checker.errors import InputError
from checker.facts import PRICE_KEYS, Facts, Model, ModelPrice
from checker.textsafe import one_line

GIVEN = "given"  # the origin of a price the user typed

PRICE_UNITS = {
    "training_per_million": "$ per million training tokens",
    "training_per_hour": "$ per hour of training (reinforcement fine-tuning)",
    "base_input_per_million": "$ per million input tokens, prompted model",
    "base_output_per_million": "$ per million output tokens, prompted model",
    "base_cached_input_per_million": "$ per million cached input tokens, prompted model",
    "base_batch_input_per_million": "$ per million batch input tokens, prompted model",
    "base_batch_output_per_million": "$ per million batch output tokens, prompted model",
    "tuned_input_per_million": "$ per million input tokens, fine-tuned model",
    "tuned_output_per_million": "$ per million output tokens, fine-tuned model",
    "tuned_cached_input_per_million": "$ per million cached input tokens, fine-tuned model",
    "tuned_batch_input_per_million": "$ per million batch input tokens, fine-tuned model",
    "tuned_batch_output_per_million": "$ per million batch output tokens, fine-tuned model",
    "hosting_per_hour": "$ per hour the fine-tuned model is deployed",
    "grader_input_per_million": "$ per million tokens the grader model reads",
    "grader_output_per_million": "$ per million tokens the grader model writes",
}
assert tuple(PRICE_UNITS) == PRICE_KEYS


@dataclass(frozen=True)
class PriceUsed:
    key: str
    usd: float
    origin: str  # "given" or "facts.toml: <source>, checked <date>"
    illustrative: bool = False
    source_url: str | None = None
    secondary: bool = False
    """From a copy of the provider's price list kept by someone else (see ``confirm_url``)."""
    as_of: str | None = None
    """The day a secondary source captured the price."""
    confirm_url: str | None = None
    model: str = ""
    """Whose price it is (the prompted model's prices may be another model's)."""
    source_title: str | None = None
    checked: str | None = None


def find_model(facts: Facts, name: str, provider: str) -> Model:
    """The model, or an InputError that suggests the closest known name."""
    try:
        return facts.model(name, provider)
    except InputError:
        facts.provider(provider)  # an unknown provider is reported as such
        names = sorted(
            {n for m in facts.models_of(provider.strip().lower()) for n in (m.name, *m.aliases)}
        )
        close = difflib.get_close_matches(name.strip().lower(), names, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise InputError(
            f"unknown model {one_line(name, 60)!r} for provider {provider!r}; {hint}"
            f"known models: {', '.join(names)}"
        ) from None


def price_origin(entry: ModelPrice) -> str:
    """Where a stated price comes from, in words, with its dates."""
    if entry.secondary:
        return (
            f"facts.toml: {entry.dated.source.title}, a secondary source, prices as of "
            f"{entry.as_of}, checked {entry.dated.checked}"
        )
    return f"facts.toml: {entry.dated.source.title}, checked {entry.dated.checked}"


def secondary_note(entry: ModelPrice) -> str:
    """Says that stated prices come from a copy of the price list (the links are in the prices
    used: ``source_url`` and ``confirm_url``)."""
    assert entry.confirm is not None
    return (
        f"the stated prices come from {entry.dated.source.title}, a copy of the provider's price "
        f"list as of {entry.as_of}, not from the provider's own page: confirm them on the "
        f"{entry.confirm.title}; a price you give replaces the stated one"
    )


def _stated(key: str, usd_: float, entry: ModelPrice) -> PriceUsed:
    return PriceUsed(
        key, usd_, price_origin(entry), entry.illustrative, source_url=entry.dated.source.url,
        secondary=entry.secondary, as_of=str(entry.as_of) if entry.as_of else None,
        confirm_url=entry.confirm.url if entry.confirm else None, model=entry.model,
        source_title=entry.dated.source.title, checked=str(entry.dated.checked),
    )  # fmt: skip


def prices_used(
    facts: Facts, tuned: Model, baseline: Model, inputs: CostInputs, needed: list[str]
) -> list[PriceUsed]:
    """Each needed price: typed, or stated for its model (``base_*``: the prompted model's)."""
    used: list[PriceUsed] = []
    missing: dict[str, list[str]] = {}
    for key in needed:
        owner = baseline if key.startswith("base_") else tuned
        entry = facts.prices_of(owner, inputs.deployment)
        if key in inputs.prices:
            used.append(PriceUsed(key, float(inputs.prices[key]), GIVEN, model=owner.name))
        elif entry is not None and key in entry.values:
            used.append(_stated(key, entry.values[key], entry))
        else:
            missing.setdefault(owner.name, []).append(key)
    if not missing:
        return used
    name, keys = next(iter(missing.items()))  # one model at a time: the message names it
    owner = tuned if name == tuned.name else baseline
    where = f"{inputs.deployment} deployment"
    stated = sorted({p.deployment for p in facts.prices_for(owner) if p.deployment})
    if facts.prices_of(owner, inputs.deployment) is None and stated:
        where += (
            f"; prices are stated for {' and '.join(stated)} only, as regional prices differ by "
            "region"
        )
    after = ""
    hosting = facts.provider(owner.provider).hosting
    if "hosting_per_hour" in keys and hosting and hosting.example_price:
        example = hosting.example_price
        after = (
            f"; {example.dated.source.title} illustrates hosting with "
            f"${example.usd_per_hour:g}/hour (an example, checked {example.dated.checked})"
        )
    raise MissingInput(
        f"price not known for {owner.provider}/{owner.name} ({where})",
        tuple(f"price:{key}" for key in keys),
        after,
    )
