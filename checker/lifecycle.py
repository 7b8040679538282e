"""Where a team can fine-tune today and for how long: notices read from the facts' lifecycle dates.

This is the one place that turns lifecycle facts into words. ``validate``, ``cost``, the readiness
verdict's provider gate and the pages all call ``notices``; none of them compares dates itself.

Two dates matter to a team, and the facts keep both: until when a model can be trained (and by
whom: ``training_until``), and until when its tuned deployments serve (``serving_until``).

Every notice is one line in our words, with its date and its source, so the reader can check it.
``today`` is always a parameter (the default is the real date) so tests and pages are repeatable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from checker.errors import InputError
from checker.facts import METHODS, Dated, Facts, Model, Provider, Source, load_facts

NoticeKind = Literal[
    "shut-down",  # the model (or the provider's fine-tuning) has ended: no training, no serving
    "training-closed",  # no new training jobs for anyone
    "training-restricted",  # training only for existing customers, or by invitation (see ``who``)
    "training-closing",  # training ends within TRAINING_WARNING_DAYS
    "serving-ending",  # tuned deployments stop serving within SERVING_WARNING_MONTHS
    "winding-down",  # the provider is ending its fine-tuning service
]
NOTICE_KINDS: tuple[NoticeKind, ...] = (
    "shut-down",
    "training-closed",
    "training-restricted",
    "training-closing",
    "serving-ending",
    "winding-down",
)
Who = Literal["everyone", "existing-customers", "invitation", "no-one"]
WHO: tuple[Who, ...] = ("everyone", "existing-customers", "invitation", "no-one")
TRAINING_WARNING_DAYS = 120
SERVING_WARNING_MONTHS = 12
DAYS_PER_MONTH = 365 / 12


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    text: str
    """One line: what ends or is restricted, the date, and the source with its checked date."""
    date: dt.date | None
    source: Source
    checked: dt.date
    who: str | None = None
    """For ``training-restricted``: "existing-customers" or "invitation"."""


def months_until(day: dt.date, today: dt.date) -> float:
    """Months (of 365/12 days) from ``today`` to ``day``; negative once it has passed."""
    return (day - today).days / DAYS_PER_MONTH


def serving_until(model: Model) -> dt.date | None:
    """The last day the model's fine-tuned deployments serve, if a date is known."""
    return model.retires


def training_until(model: Model, today: dt.date | None = None) -> tuple[dt.date | None, Who]:
    """Until when ``model`` can be trained as of ``today``, and by whom: ("everyone" with None
    when no end is announced); "no-one" with the last day anyone could, once it has passed."""
    today = today or dt.date.today()
    life = model.lifecycle
    ends = serving_until(model)
    if ends is not None and ends <= today:
        return ends, "no-one"
    if life is None:
        return None, "everyone"
    if life.invitation:
        return life.training_until, "invitation"
    if life.new_customers and (life.training_until is None or today <= life.training_until):
        return life.training_until, "everyone"
    existing = life.existing_customers_until
    if existing is not None and today <= existing:
        return existing, "existing-customers"
    known = [d for d in (life.training_until, existing) if d is not None]
    return (max(known) if known else None), "no-one"


def methods_offered(
    provider: str, *, today: dt.date | None = None, facts: Facts | None = None
) -> tuple[str, ...]:
    """The methods some model of ``provider`` can still be trained with ``today`` (by anyone,
    existing customers and invited ones included), in METHODS order."""
    facts = facts or load_facts()
    today = today or dt.date.today()
    found = facts.provider(provider)
    offered = {
        method
        for model in facts.models_of(found.key)
        if training_until(model, today)[1] != "no-one"
        for method in model.methods
    }
    return tuple(m for m in METHODS if m in offered)


def notices(
    provider: str,
    model: str | None = None,
    *,
    today: dt.date | None = None,
    facts: Facts | None = None,
) -> list[Notice]:
    """What a team planning to fine-tune ``model`` at ``provider`` should know today, most
    severe first. An unknown model gives only the provider's notices."""
    facts = facts or load_facts()
    today = today or dt.date.today()
    found = facts.provider(provider)
    out: list[Notice] = []
    if model is not None:
        try:
            entry = facts.model(model, found.key)
        except InputError:  # an unknown model: the caller reports it; only provider notices here
            entry = None
        if entry is not None:
            out += model_notices(entry, found, today)
    out += _provider_notices(found, today)
    return sorted(out, key=lambda n: NOTICE_KINDS.index(n.kind))


def _cite(dated: Dated) -> str:
    source = dated.source
    revised = f", revised {source.revised}" if source.revised else ""
    return f"({source.title}{revised}; checked {dated.checked})"


def _notice(
    kind: NoticeKind, text: str, date: dt.date | None, dated: Dated, who: str | None = None
) -> Notice:
    return Notice(kind, f"{text} {_cite(dated)}", date, dated.source, dated.checked, who)


def model_notices(model: Model, provider: Provider, today: dt.date) -> list[Notice]:
    """The notices of one model at its provider (``notices`` adds the provider's own)."""
    name = f"{model.name} at {provider.short_name}"
    serving = serving_until(model)
    serving_dated = Dated(model.retires_source or model.dated.source, model.dated.checked)
    if serving is not None and serving <= today:
        text = (
            f"{model.name} was retired on {serving} at {provider.short_name}: it can no longer "
            "be fine-tuned, and fine-tunes of it no longer serve"
        )
        return [_notice("shut-down", text, serving, serving_dated)]
    out: list[Notice] = []
    life = model.lifecycle
    until, who = training_until(model, today)
    if life is not None:
        dated = life.dated
        if who == "no-one":
            ended = f" on {until}" if until else ""
            out.append(
                _notice(
                    "training-closed", f"training {name} closed{ended} for everyone", until, dated
                )
            )
        elif who == "existing-customers":
            # Azure gives existing customers a floor ("no earlier than"); OpenAI a hard cutoff
            floor = " at least" if life.new_customers else ""
            text = (
                f"{name} can be trained only by existing fine-tuning customers,{floor} until "
                f"{until}; a team new to it cannot start"
            )
            out.append(_notice("training-restricted", text, until, dated, who))
        elif who == "invitation":
            out.append(
                _notice(
                    "training-restricted",
                    f"{name} is trained by invitation only",
                    until,
                    dated,
                    who,
                )
            )
        elif until is not None and (until - today).days <= TRAINING_WARNING_DAYS:
            days = (until - today).days
            text = f"training {name} ends on {until}, in {days} days"
            out.append(_notice("training-closing", text, until, dated))
    if serving is not None and months_until(serving, today) <= SERVING_WARNING_MONTHS:
        text = f"fine-tunes of {name} stop serving on {serving}"
        out.append(_notice("serving-ending", text, serving, serving_dated))
    return out


def _provider_notices(provider: Provider, today: dt.date) -> list[Notice]:
    if provider.status == "available":
        return []
    cutoff = provider.dates.get("no_new_jobs_after")
    if provider.status == "closed" or (cutoff is not None and cutoff < today):
        ended = f" on {cutoff}" if cutoff else ""
        text = f"{provider.short_name}'s fine-tuning service took its last training jobs{ended}"
        return [_notice("training-closed", text, cutoff, provider.dated)]
    text = f"{provider.short_name} is winding down its fine-tuning service: {provider.status_note}"
    return [_notice("winding-down", text, cutoff, provider.dated)]
