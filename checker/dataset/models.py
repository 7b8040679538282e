"""Per-model token limits, read from ``models.toml`` (data, not code)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from checker.errors import InputError

_SNAPSHOT = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")


@dataclass(frozen=True)
class Model:
    name: str
    token_limit: int


@cache
def known_models() -> dict[str, Model]:
    """Canonical name and every alias, lowercase, mapped to its model."""
    text = resources.files("checker.dataset").joinpath("models.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)["models"]
    models: dict[str, Model] = {}
    for name, entry in table.items():
        model = Model(name=name, token_limit=int(entry["token_limit"]))
        for key in (name, *entry.get("aliases", ())):
            models[key.lower()] = model
    return models


def model_names() -> list[str]:
    return sorted({model.name for model in known_models().values()})


def resolve_model(name: str) -> Model:
    """The model for ``name`` (case-insensitive, dated snapshots allowed) or an InputError."""
    models = known_models()
    key = name.strip().lower()
    model = models.get(key) or models.get(_SNAPSHOT.sub("", key))
    if model is None:
        raise InputError(f"unknown model {name!r}; known models: {', '.join(model_names())}")
    return model
