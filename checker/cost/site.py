"""What the cost page is given at build time: its form (fields, ranges, choices) from the same
lists the command line uses, and the stated prices beside its fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from checker.cost.inputs import DEFAULT_DEPLOYMENT, FIELDS, MAX_PRICE, PRICE_LABELS
from checker.cost.prices import price_origin
from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, DEPLOYMENTS, Facts, Model

PREFERRED_MODEL = "gpt-4.1-mini"  # the page's first choice, when its prices are stated
GROUPS = {
    "model": "Model and deployment",
    "training": "Training",
    "traffic": "Traffic",
    "one-off": "One-off costs",
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
    hosted = facts.provider(model.provider).hosting is not None
    where = f"{model.name} ({deployment} deployment)" if hosted else model.name
    if entry is None:
        return {
            "values": {},
            "note": f"No price for {where} is stated on this site: type each price below from "
            "your provider's pricing page or your contract.",
        }
    note = f"Empty fields use the prices stated for {where}: "
    note += price_origin(entry).removeprefix("facts.toml: ") + "."
    if entry.secondary:
        assert entry.confirm is not None
        note += (
            " That source is a copy of the provider's price list kept by someone else, not the"
            f" provider's own page: confirm the prices on the {entry.confirm.title} (linked in"
            " the table of stated prices below) and type any that differ."
        )
    if entry.illustrative:
        note += " They are the provider's example, not its price list."
    return {"values": {k: f"{v:g}" for k, v in entry.values.items()}, "note": note}


def cost_form(facts: Facts, names: list[str], today: dt.date) -> dict[str, Any]:
    """The cost page's form: ``groups`` of fields (name, label, min, max, step, value),
    ``prices`` (key, label), ``providers`` (key, name, whether deployments are billed by the hour,
    and the models whose prices are stated apart from the others), ``deployments`` (value,
    label), the first choices, and ``stated`` (see ``price_fields``). Models retired at a provider
    by ``today`` are not offered for it."""
    groups: dict[str, list[dict[str, Any]]] = {key: [] for key in GROUPS}
    for spec in FIELDS:
        groups[spec.group].append({
            "name": spec.name, "id": "cost-" + spec.name.replace("_", "-"), "label": spec.label,
            "min": f"{spec.low:g}", "max": f"{spec.high:.0f}", "step": "1" if spec.whole else "any",
            "value": "" if spec.example is None else f"{spec.example:.0f}",
        })  # fmt: skip
    providers: list[dict[str, Any]] = []
    for key, provider in facts.providers.items():
        offered = [m for m in facts.models_of(key) if m.name in names and not m.retired_on(today)]
        priced = [m.name for m in offered if facts.prices_for(m)]
        providers.append({
            "key": key, "name": provider.name, "hosted": provider.hosting is not None,
            "priced": priced, "unpriced": [m.name for m in offered if m.name not in priced],
        })  # fmt: skip
    hosting = facts.provider(DEFAULT_PROVIDER).hosting
    hours = hosting.developer_deployment_hours if hosting else None
    deleted = f"deleted after {hours} hours" if hours else "short-lived"
    first = next(p for p in providers if p["key"] == DEFAULT_PROVIDER)
    model = PREFERRED_MODEL if PREFERRED_MODEL in first["priced"] else (first["priced"] or [""])[0]
    return {
        "groups": [(GROUPS[key], fields) for key, fields in groups.items()],
        "prices": [(key, label, f"{MAX_PRICE:.0f}") for key, label in PRICE_LABELS.items()],
        "providers": providers,
        "deployments": [
            ("global", "Global (hourly hosting fee, same price in every region)"),
            ("standard", "Standard, in your region (hourly hosting fee)"),
            ("developer", f"Developer (a test: no hosting fee, {deleted})"),
        ],
        "chosen": {"provider": DEFAULT_PROVIDER, "model": model, "deployment": DEFAULT_DEPLOYMENT},
        "stated": price_fields(facts, names),
    }
