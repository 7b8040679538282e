"""Where a team can fine-tune today and for how long: notices read from the facts' lifecycle dates.

This is the one place that turns lifecycle facts into words. ``validate``, ``cost``, the readiness
verdict's provider gate and the pages all call ``notices``; none of them compares dates itself.

Every notice is one line in our words, with its date and its source, so the reader can check it.
``today`` is always a parameter (the default is the real date) so tests and pages are repeatable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from checker.facts import Facts, Model, Source, load_facts

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
        except Exception:  # an unknown model: the caller reports it; only provider notices here
            entry = None
        if entry is not None:
            out += _model_notices(entry, today)
    if found.status == "winding-down":
        out.append(
            Notice(
                "winding-down",
                f"{found.short_name} is winding down its fine-tuning service: {found.status_note} "
                f"({found.dated.source.title}, checked {found.dated.checked})",
                found.dates.get("no_new_jobs_after"),
                found.dated.source,
                found.dated.checked,
            )
        )
    return out


def _model_notices(model: Model, today: dt.date) -> list[Notice]:
    ends = serving_until(model)
    if ends is None:
        return []
    source = model.retires_source or model.dated.source
    cited = f"{source.title}, checked {model.dated.checked}"
    if ends <= today:
        return [
            Notice(
                "shut-down",
                f"{model.name} was retired on {ends}: it can no longer be fine-tuned ({cited})",
                ends,
                source,
                model.dated.checked,
            )
        ]
    if months_until(ends, today) <= SERVING_WARNING_MONTHS:
        return [
            Notice(
                "serving-ending",
                f"fine-tuned {model.name} deployments stop serving on {ends} ({cited})",
                ends,
                source,
                model.dated.checked,
            )
        ]
    return []
