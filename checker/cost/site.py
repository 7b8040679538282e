"""What the cost page is given at build time: the stated prices beside its fields."""

from __future__ import annotations

from typing import Any

from checker.cost.model import price_origin
from checker.errors import InputError
from checker.facts import DEPLOYMENTS, Facts, Model


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
