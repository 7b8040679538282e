"""What the cost page is given at build time: its form (defaults, choices and fields) and the
stated prices beside its fields."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from checker.cost.inputs import DEFAULT_DEPLOYMENT, REQUEST_FIELDS, CostInputs
from checker.cost.model import DEFAULT_EPOCHS, price_origin
from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, DEPLOYMENTS, PRICE_KEYS, Facts, Model

DEFAULT_MODEL = "gpt-4.1-mini"  # the form's first choice; any model with stated prices would do
DEPLOYMENT_LABELS = {
    "global": "Global (hourly hosting fee)",
    "standard": "Standard, in your region (hourly hosting fee)",
    "developer": "Developer (no hosting fee, deleted after a day)",
}
PRICE_LABELS = {
    "training_per_million": "Training, per million tokens",
    "training_per_hour": "Training, per hour (reinforcement fine-tuning)",
    "base_input_per_million": "Base model input, per million tokens",
    "base_output_per_million": "Base model output, per million tokens",
    "tuned_input_per_million": "Fine-tuned model input, per million tokens",
    "tuned_output_per_million": "Fine-tuned model output, per million tokens",
    "hosting_per_hour": "Hosting of the fine-tuned model, per hour",
}


def cost_form() -> dict[str, Any]:
    """The cost page's form as the rules define it: the options chosen at first, the deployment
    types (default first) and price fields with their labels, the epochs assumed when none is
    given, the default hours of hosting a day, and the names of the fields the page sends
    (``checker.web.cost_estimate`` reads them)."""
    hosting = next(f.default for f in fields(CostInputs) if f.name == "hosting_hours_per_day")
    deployments = sorted(DEPLOYMENTS, key=lambda name: name != DEFAULT_DEPLOYMENT)
    return {
        "chosen": {
            "provider": DEFAULT_PROVIDER,
            "model": DEFAULT_MODEL,
            "deployment": DEFAULT_DEPLOYMENT,
        },
        "deployments": [(name, DEPLOYMENT_LABELS[name]) for name in deployments],
        "prices": [(key, PRICE_LABELS[key]) for key in PRICE_KEYS],
        "default_epochs": DEFAULT_EPOCHS,
        "hosting_hours_per_day": f"{hosting:g}",
        "fields": ["model", "provider", "deployment", *REQUEST_FIELDS],
    }


def price_fields(facts: Facts, names: list[str]) -> dict[str, dict[str, Any]]:
    """``stated_prices`` for every provider/model/deployment the cost page offers, keyed
    ``"provider/model/deployment"``; the key ``""`` is for a model the provider does not have."""
    fields: dict[str, dict[str, Any]] = {
        "": {"values": {}, "note": "This provider does not offer that model."}
    }
    for provider in facts.providers:
        for name in names:
            try:
                model = facts.model(name, provider)
            except InputError:
                continue
            for deployment in DEPLOYMENTS:
                fields[f"{provider}/{name}/{deployment}"] = stated_prices(facts, model, deployment)
    return fields


def stated_prices(facts: Facts, model: Model, deployment: str) -> dict[str, Any]:
    """What the cost page shows beside its price fields for ``model`` and ``deployment``: the
    prices facts.toml states (as text, for the fields' placeholders) and where they come from."""
    entry = facts.prices_of(model, deployment)
    if entry is None:
        return {
            "values": {},
            "note": f"No price for {model.name} ({deployment} deployment) is stated here: enter "
            "each price from your provider's pricing page or your contract.",
        }
    note = f"Empty fields use the prices stated for {model.name} ({deployment} deployment): "
    note += price_origin(entry).removeprefix("facts.toml: ") + "."
    if entry.secondary:
        assert entry.confirm is not None
        note += (
            f" That source is a copy of the provider's price list ({entry.dated.source.url}), not"
            f" the provider's own page: confirm the prices on the {entry.confirm.title}"
            f" ({entry.confirm.url}) and type any that differ."
        )
    if entry.illustrative:
        note += " They are the provider's example, not its price list."
    return {"values": {k: f"{v:g}" for k, v in entry.values.items()}, "note": note}
