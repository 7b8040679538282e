"""The provider facts the dataset checker applies, read from ``checker/facts.toml``.

``resolve_limits(provider, model, method, today)`` gathers them once per check: the provider's
file and image limits, the chosen model (with its retirement date) and the per-example token limit
that applies. Nothing here states a fact: every number comes from the facts file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checker.errors import InputError
from checker.facts import DEFAULT_PROVIDER, METHODS, Model, Provider, load_facts

__all__ = [
    "DEFAULT_PROVIDER",
    "METHODS",
    "Limits",
    "model_names",
    "provider_names",
    "resolve_limits",
]

# the training method each checked file format is for
FORMAT_METHODS = {"chat": "sft", "preference": "dpo", "reinforcement": "rft"}
METHOD_FORMATS = {method: fmt for fmt, method in FORMAT_METHODS.items()}
METHOD_NAMES = {
    "sft": "supervised fine-tuning (SFT)",
    "dpo": "preference fine-tuning (DPO)",
    "rft": "reinforcement fine-tuning (RFT)",
}


@dataclass(frozen=True)
class Limits:
    provider: Provider
    model: Model | None
    method: str | None  # declared with --method; None: detected from the file
    today: dt.date

    @property
    def max_images(self) -> int:
        return self.provider.images.max_per_example

    def token_limit(self, method: str | None) -> tuple[int, str] | None:
        """The per-example token limit and what it belongs to: the chosen model's, else the
        largest of the provider's models for ``method`` (an example over it is over them all)."""
        if self.model is not None:
            limit = self.model.token_limit
            return (limit, self.model.name) if limit is not None else None
        facts = load_facts()
        limits = [
            m.token_limit
            for m in facts.models_of(self.provider.key)
            if (method is None or method in m.methods) and m.token_limit is not None
        ]
        if not limits:
            return None
        return max(limits), f"every {self.provider.short_name} model with a published limit"


def provider_names() -> list[str]:
    return sorted(load_facts().providers)


def model_names(provider: str = DEFAULT_PROVIDER) -> list[str]:
    return sorted({model.name for model in load_facts().models_of(provider)}, key=str.lower)


def resolve_limits(
    provider: str = DEFAULT_PROVIDER,
    model: str | None = None,
    method: str | None = None,
    today: dt.date | None = None,
) -> Limits:
    """The limits for one check; raises InputError for an unknown provider, model or method,
    TypeError for arguments of the wrong type."""
    if not isinstance(provider, str):
        raise TypeError(f"provider must be a provider name (str), not {type(provider).__name__}")
    if model is not None and not isinstance(model, str):
        raise TypeError(f"model must be a model name (str) or None, not {type(model).__name__}")
    if method is not None and not isinstance(method, str):
        raise TypeError(f"method must be one of {', '.join(METHODS)} or None, not {method!r}")
    if today is not None and (not isinstance(today, dt.date) or isinstance(today, dt.datetime)):
        raise TypeError(f"today must be a datetime.date or None, not {type(today).__name__}")
    if method is not None and method not in METHODS:
        raise InputError(f"unknown method {method!r}; known methods: {', '.join(METHODS)}")
    facts = load_facts()
    chosen = facts.provider(provider)
    resolved = facts.model(model, chosen.key) if model and model.strip() else None
    return Limits(chosen, resolved, method, today or dt.date.today())
