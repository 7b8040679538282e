"""Render provider facts (``checker/facts.toml``) into the pages: tables, notes, dates and single
values, each with the date it was checked and a link to its source.

Plain functions with no MkDocs import, like ``sitegen``; the MkDocs glue is ``mkdocs_hooks.py``.
A page asks for facts with HTML comment markers, which ``render_facts`` replaces in its Markdown:

- ``<!-- facts:models [PROVIDER] -->``  the fine-tunable models, per provider (or one provider)
- ``<!-- facts:limits -->``             the data and hosting limits, one column per provider
- ``<!-- facts:dates PROVIDER -->``     the provider's dated milestones and model shutdowns
- ``<!-- facts:note PROVIDER TOPIC -->`` a dated note in words, inline
- ``<!-- facts:routes -->``             where a team can fine-tune today: one row per route
- ``<!-- facts:methods -->``            per method, the models each provider still trains with it
- ``<!-- fact:NAME -->``                one value inline (``fact_values`` lists the names)

Tables carry their own "Facts checked on" line; facts used inline get one line at the end of
the page, so every page that states a provider fact says when it was checked and where from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from checker.cost import HOURS_PER_MONTH
from checker.errors import InputError
from checker.facts import Dated, Facts, Model, Provider, Source
from checker.lifecycle import training_until
from templating import environment

MARKER = re.compile(r"<!--\s*(facts?):\s*([a-z0-9.-]+)((?:\s+[a-z0-9.-]+)*)\s*-->")
ANY_MARKER = re.compile(r"<!--\s*facts?:.*?-->", re.DOTALL)
METHOD_NAMES = {"sft": "SFT", "dpo": "DPO", "rft": "RFT"}
NOT_KNOWN = "not in our facts"
MODEL_TABLE_NOTES = ("training-retirement",)  # shown under a provider's models table

_environment = environment


class FactsMarkerError(Exception):
    """A page names facts that do not exist; the message says which marker."""


@dataclass(frozen=True)
class Value:
    text: str
    source: Source
    checked: dt.date


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]


def long_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _size(n_bytes: int) -> str:
    mib = n_bytes / (1024 * 1024)
    return f"{mib:,.0f} MB" if mib >= 1 else f"{n_bytes:,} bytes"


def _money(usd: float) -> str:
    return f"${usd:,.2f}" if usd % 1 else f"${usd:,.0f}"


def _methods(methods: Iterable[str]) -> str:
    return ", ".join(METHOD_NAMES[m] for m in methods)


def fact_values(facts: Facts) -> dict[str, Value]:
    """Every single value a page may state inline, by marker name, with its source and date."""
    values: dict[str, Value] = {}

    def add(name: str, text: str, dated: Dated) -> None:
        values[name] = Value(text, dated.source, dated.checked)

    for provider in facts.providers.values():
        key = provider.key
        add(f"{key}.min-examples", str(provider.min_training_examples), provider.dated)
        add(f"{key}.file-size", _size(provider.file_size_limit_bytes), provider.dated)
        add(f"{key}.methods", _methods(provider.methods), provider.dated)
        images = provider.images
        add(f"{key}.images-per-example", str(images.max_per_example), images.dated)
        add(f"{key}.image-size", _size(images.max_bytes), images.dated)
        add(f"{key}.image-formats", ", ".join(f.upper() for f in images.formats), images.dated)
        for name, date in provider.dates.items():
            add(f"{key}.{name.replace('_', '-')}", date.isoformat(), provider.dated)
        if provider.hosting:
            hosting = provider.hosting
            if hosting.inactive_days_before_deletion:
                days = str(hosting.inactive_days_before_deletion)
                add(f"{key}.inactive-days", days, hosting.dated)
            if hosting.developer_deployment_hours:
                hours = str(hosting.developer_deployment_hours)
                add(f"{key}.developer-hours", hours, hosting.dated)
            if hosting.example_price:
                price = hosting.example_price
                add(f"{key}.hosting-per-hour", _money(price.usd_per_hour), price.dated)
                monthly = _money(round(price.usd_per_hour * HOURS_PER_MONTH))
                add(f"{key}.hosting-per-month", monthly, price.dated)
        if provider.rft_example_price:
            price = provider.rft_example_price
            add(f"{key}.rft-per-hour", _money(price.usd_per_hour), price.dated)
    return values


def _sources_and_date(dateds: Iterable[Dated], extra: Iterable[Source] = ()) -> dict[str, object]:
    dateds = list(dateds)
    sources: dict[str, Source] = {}
    for source in [dated.source for dated in dateds] + list(extra):
        sources.setdefault(source.key, source)
    oldest = min(dated.checked for dated in dateds)
    return {"checked": oldest, "long_checked": long_date(oldest), "sources": list(sources.values())}


def checked_line(dateds: Iterable[Dated], extra: Iterable[Source] = ()) -> str:
    """The visible "Facts checked on DATE (sources: ...)" line for the facts given."""
    return _environment.get_template("facts_checked.html").render(
        **_sources_and_date(dateds, extra)
    )


WHO_WORDS = {
    "everyone": "Open to everyone",
    "existing-customers": "Existing customers only",
    "invitation": "By invitation only",
}


def training_text(model: Model, today: dt.date) -> str:
    """Who can train ``model`` today, and until when, in words for a table cell."""
    until, who = training_until(model, today)
    if who == "no-one":
        return f"Closed since {until.isoformat()}" if until else "Closed"
    text = WHO_WORDS[who]
    if until is None:
        return text + ", no end announced" if who == "everyone" else text
    floor = (
        " at least"
        if who == "existing-customers" and model.lifecycle and (model.lifecycle.new_customers)
        else ""
    )
    return f"{text},{floor} until {until.isoformat()}"


def serving_text(model: Model, today: dt.date) -> str:
    """Until when the model's fine-tunes serve, in words for a table cell."""
    if model.retires is None:
        return "No end announced"
    if model.retired_on(today):
        return f"Shut down on {model.retires.isoformat()}, with fine-tunes built on it"
    if model.retires_source is not None:
        return f"Fine-tuned deployments serve until {model.retires.isoformat()}"
    return f"Shuts down on {model.retires.isoformat()}, with fine-tunes built on it"


def disagreements(models: Iterable[Model]) -> list[str]:
    """One sentence per older source version that gave other training dates than the newer one
    the facts follow: the pages say that the two disagree, and which is newer."""
    groups: dict[tuple[str, dt.date | None, dt.date | None], list[Model]] = {}
    for model in models:
        life = model.lifecycle
        if life is None or life.earlier is None:
            continue
        key = (life.earlier.source.key, life.earlier.training_until, life.training_until)
        groups.setdefault(key, []).append(model)
    sentences = []
    for (_, old, new), group in groups.items():
        life = group[0].lifecycle
        assert life is not None and life.earlier is not None
        older, newer = life.earlier.source, life.dated.source
        when = f" of {long_date(older.revised)}" if older.revised else ""
        revised = f", revised {long_date(newer.revised)}," if newer.revised else ""
        names = ", ".join(m.name for m in group)
        sentences.append(
            f"Two versions of the source disagree on {names}: the version{when} ({older.title}) "
            f"gave {old.isoformat() if old else 'no date'} as the last day of training for new "
            f"customers; the newer {newer.title}{revised} gives "
            f"{new.isoformat() if new else 'no date'}. This table follows the newer one."
        )
    return sentences


def render_models(facts: Facts, today: dt.date, provider_keys: Iterable[str] = ()) -> str:
    keys = list(provider_keys) or list(facts.providers)
    groups = []
    for key in keys:
        provider = facts.provider(key)
        models = facts.models_of(provider.key)
        rows = [
            {
                "name": model.name,
                "snapshot": model.snapshot or "",
                "open_weight": model.open_weight,
                "methods": _methods(model.methods),
                "token_limit": f"{model.token_limit:,}" if model.token_limit else "Not published",
                "training": training_text(model, today),
                "serving": serving_text(model, today),
                "retired": model.retired_on(today),
            }
            for model in models
        ]
        extra = [m.retires_source for m in models if m.retires_source is not None]
        extra += [m.lifecycle.earlier.source for m in models if m.lifecycle and m.lifecycle.earlier]
        notes = [n for n in facts.notes_of(provider.key) if n.topic in MODEL_TABLE_NOTES]
        dateds = [m.dated for m in models] + [n.dated for n in notes]
        dateds += [m.lifecycle.dated for m in models if m.lifecycle]
        groups.append(
            {
                "provider": provider,
                "rows": rows,
                "notes": [n.text for n in notes] + disagreements(models),
                "checked": Markup(checked_line(dateds, extra)),
            }
        )
    return _environment.get_template("facts_models.html").render(groups=groups)


@dataclass(frozen=True)
class Route:
    key: str
    name: str
    status: str
    training: str
    methods: str
    after: str
    dateds: tuple[Dated, ...]


DEPLOYMENT_WORDS = {
    "serverless": "Serverless",
    "managed-compute": "Managed compute",
    "fireworks": "Fireworks on Foundry",
}


def _unique(dateds: Iterable[Dated]) -> tuple[Dated, ...]:
    """One entry per source, with its oldest checked date."""
    found: dict[str, Dated] = {}
    for dated in dateds:
        known = found.get(dated.source.key)
        if known is None or dated.checked < known.checked:
            found[dated.source.key] = dated
    return tuple(found.values())


def _provider_status(provider: Provider, members: list[Model]) -> str:
    cutoff = provider.dates.get("no_new_jobs_after")
    if provider.status == "winding-down" and cutoff:
        return f"Winding down: no new training jobs after {cutoff.isoformat()}"
    if provider.status != "available":
        return provider.status.replace("-", " ").capitalize()
    stages = {m.lifecycle.stage for m in members if m.lifecycle}
    if stages and stages <= {"legacy", "deprecated", "retired"}:
        return "Available, but every model is Legacy or Deprecated"
    return "Available"


def _route(provider: Provider, key: str, name: str, members: list[Model], today: dt.date) -> Route:
    live = [m for m in members if training_until(m, today)[1] != "no-one"]
    who: dict[str, list[str]] = {}
    for model in live:
        who.setdefault(training_text(model, today), []).append(model.name)
    training = "; ".join(f"{text}: {', '.join(names)}" for text, names in who.items())
    methods = _methods(m for m in ("sft", "dpo", "rft") if any(m in x.methods for x in live))
    ends = sorted({m.retires for m in live if m.retires is not None})
    if ends:
        span = ends[0].isoformat() if len(ends) == 1 else f"{ends[0]} to {ends[-1]}, by model"
        after = f"Fine-tunes serve until {span}"
    else:
        options = {o for m in live for o in m.deployments}
        served = " or ".join(DEPLOYMENT_WORDS[o] for o in DEPLOYMENT_WORDS if o in options)
        after = f"Served on {served}; no end announced" if served else "No end announced"
    dateds = [provider.dated] + [m.dated for m in members]
    dateds += [m.lifecycle.dated for m in members if m.lifecycle]
    return Route(
        key=key,
        name=name,
        status=_provider_status(provider, members),
        training=training or "Closed",
        methods=methods or "None any more",
        after=after,
        dateds=_unique(dateds),
    )


def routes_rows(facts: Facts, today: dt.date) -> list[Route]:
    """Where a team can fine-tune today: each provider's models (open-weight ones apart), then
    the other hosted services, one row each, with the sources of the row."""
    rows = []
    for provider in facts.providers.values():
        models = list(facts.models_of(provider.key))
        own = [m for m in models if not m.open_weight]
        open_weight = [m for m in models if m.open_weight]
        if own:
            name = f"{provider.name}: OpenAI models" if open_weight else provider.name
            rows.append(_route(provider, provider.key, name, own, today))
        if open_weight:
            name = f"{provider.name}: open-weight models"
            rows.append(_route(provider, f"{provider.key}-open-weight", name, open_weight, today))
    for service in facts.services:
        status = service.status.capitalize()
        rows.append(
            Route(
                key=service.name.lower().replace(" ", "-"),
                name=service.name,
                status=status,
                training="Open: models and regions on its page"
                if service.status == "available"
                else "Closed",
                methods=service.text,
                after=NOT_KNOWN,
                dateds=(service.dated,),
            )
        )
    return rows


def render_routes(facts: Facts, today: dt.date) -> str:
    rows = routes_rows(facts, today)
    dateds = [dated for row in rows for dated in row.dateds]
    return _environment.get_template("facts_routes.html").render(
        rows=rows, checked=Markup(checked_line(dateds))
    )


def methods_rows(facts: Facts, today: dt.date) -> tuple[list[Provider], list[Row], list[Dated]]:
    """Per method, the models of each provider that can still be trained with it today: a
    method no model offers any more reads "No model any more"."""
    providers = list(facts.providers.values())
    rows, dateds = [], []
    for method in ("sft", "dpo", "rft"):
        cells = []
        for provider in providers:
            names = []
            for model in facts.models_of(provider.key):
                who = training_until(model, today)[1]
                if method not in model.methods or who == "no-one":
                    continue
                dateds.append(model.lifecycle.dated if model.lifecycle else model.dated)
                names.append(
                    model.name if who == "everyone" else f"{model.name} ({WHO_SHORT[who]})"
                )
            cells.append(", ".join(names) or "No model any more")
        rows.append(Row(METHOD_NAMES[method], tuple(cells)))
    return providers, rows, dateds


WHO_SHORT = {"existing-customers": "existing customers only", "invitation": "by invitation"}


def render_methods(facts: Facts, today: dt.date) -> str:
    providers, rows, dateds = methods_rows(facts, today)
    return _environment.get_template("facts_limits.html").render(
        providers=providers, rows=rows, checked=Markup(checked_line(dateds)), first="Method"
    )


def limits_rows(facts: Facts) -> tuple[list[Provider], list[Row], list[Dated]]:
    providers = list(facts.providers.values())
    dateds: list[Dated] = []

    def row(label: str, cells: Iterable[str]) -> Row:
        return Row(label, tuple(cells))

    def status(provider: Provider) -> str:
        if provider.status == "available":
            return f"Open ({_methods(provider.methods)})"
        cutoff = provider.dates.get("no_new_jobs_after")
        if provider.status == "winding-down" and cutoff:
            return f"Winding down: no new training jobs after {cutoff.isoformat()}"
        return provider.status.replace("-", " ").capitalize()

    def hosting(provider: Provider) -> str:
        if provider.hosting is None:
            return NOT_KNOWN
        text = (
            "Billed per hour while deployed, used or not"
            if (provider.hosting.billed_per_hour)
            else "No hourly fee"
        )
        price = provider.hosting.example_price
        if price is not None:
            text += f" (the provider's cost guide uses {_money(price.usd_per_hour)} an hour"
            text += " as an example)" if price.illustrative else ")"
        return text

    def idle(provider: Provider) -> str:
        days = provider.hosting.inactive_days_before_deletion if provider.hosting else None
        return f"Deleted after {days} days without calls" if days else NOT_KNOWN

    def developer(provider: Provider) -> str:
        hours = provider.hosting.developer_deployment_hours if provider.hosting else None
        return f"No hourly fee; removed after {hours} hours" if hours else NOT_KNOWN

    def rft(provider: Provider) -> str:
        price = provider.rft_example_price
        if price is None:
            return NOT_KNOWN
        example = f"{_money(price.usd_per_hour)} an hour"
        if price.model:
            example += f" for {price.model}"
        return f"By hours of training ({'example: ' if price.illustrative else ''}{example})"

    rows = [
        row("Fine-tuning", [status(p) for p in providers]),
        row("Largest training file", [_size(p.file_size_limit_bytes) for p in providers]),
        row("Fewest training examples", [str(p.min_training_examples) for p in providers]),
        row("Images per example, at most", [str(p.images.max_per_example) for p in providers]),
        row("Size of one image, at most", [_size(p.images.max_bytes) for p in providers]),
        row(
            "Image formats",
            [", ".join(f.upper() for f in p.images.formats) for p in providers],
        ),
        row(
            "Images allowed in",
            [" and ".join(f"{r} messages" for r in p.images.roles) for p in providers],
        ),
        row(
            "Reinforcement fine-tuning needs a validation file",
            ["Yes" if p.rft_requires_validation_file else "No" for p in providers],
        ),
        row("RFT training is billed", [rft(p) for p in providers]),
        row("Hosting a fine-tuned model", [hosting(p) for p in providers]),
        row("An idle deployment", [idle(p) for p in providers]),
        row("A Developer-tier deployment", [developer(p) for p in providers]),
    ]
    for provider in providers:
        dateds += [provider.dated, provider.images.dated]
        if provider.hosting:
            dateds.append(provider.hosting.dated)
            if provider.hosting.example_price:
                dateds.append(provider.hosting.example_price.dated)
        if provider.rft_example_price:
            dateds.append(provider.rft_example_price.dated)
    return providers, rows, dateds


def render_limits(facts: Facts) -> str:
    providers, rows, dateds = limits_rows(facts)
    return _environment.get_template("facts_limits.html").render(
        providers=providers, rows=rows, checked=Markup(checked_line(dateds)), first="Limit"
    )


def dated_milestones(facts: Facts, provider_key: str) -> list[tuple[dt.date, str]]:
    """The provider's dated rules and model shutdowns, oldest first."""
    provider = facts.provider(provider_key)
    wording = {
        "no_new_customers_since": "organisations that had never fine-tuned can no longer create "
        "training jobs",
        "inactive_customers_blocked_since": "organisations with no calls to a fine-tuned model "
        "in the previous 60 days can no longer create training jobs",
        "no_new_jobs_after": "last day on which any organisation can create a training job",
    }
    items = [
        (date, wording.get(name, name.replace("_", " "))) for name, date in provider.dates.items()
    ]
    by_date: dict[dt.date, list[str]] = {}
    for model in facts.models_of(provider.key):
        if model.retires is not None:
            by_date.setdefault(model.retires, []).append(model.name)
    for date, names in by_date.items():
        items.append((date, f"{', '.join(names)} and fine-tunes built on them shut down"))
    return sorted(items)


def render_dates(facts: Facts, provider_key: str, today: dt.date) -> str:
    provider = facts.provider(provider_key)
    items = [
        {"date": date.isoformat(), "past": date <= today, "text": text}
        for date, text in dated_milestones(facts, provider_key)
    ]
    dateds = [provider.dated] + [m.dated for m in facts.models_of(provider.key)]
    return _environment.get_template("facts_dates.html").render(
        items=items, checked=Markup(checked_line(dateds))
    )


def render_facts(markdown: str, facts: Facts, today: dt.date) -> str:
    """``markdown`` with every facts marker replaced; raises FactsMarkerError on an unknown one."""
    values = fact_values(facts)
    inline: list[Dated] = []

    def replace(match: re.Match[str]) -> str:
        kind, name, rest = match.group(1), match.group(2), match.group(3).split()
        try:
            if kind == "fact":
                if name not in values or rest:
                    raise FactsMarkerError(
                        f"unknown fact {name!r}; known: {', '.join(sorted(values))}"
                    )
                value = values[name]
                inline.append(Dated(value.source, value.checked))
                return str(escape(value.text))
            if name == "models":
                return "\n\n" + render_models(facts, today, rest) + "\n\n"
            if name == "limits" and not rest:
                return "\n\n" + render_limits(facts) + "\n\n"
            if name == "methods" and not rest:
                return "\n\n" + render_methods(facts, today) + "\n\n"
            if name == "routes" and not rest:
                return "\n\n" + render_routes(facts, today) + "\n\n"
            if name == "dates" and len(rest) == 1:
                return "\n\n" + render_dates(facts, rest[0], today) + "\n\n"
            if name == "note" and len(rest) == 2:
                note = facts.note(rest[0], rest[1])
                inline.append(note.dated)
                return str(escape(note.text))
        except InputError as error:  # an unknown provider or note
            raise FactsMarkerError(f"{match.group(0)}: {error}") from None
        raise FactsMarkerError(f"{match.group(0)}: unknown facts marker")

    result = MARKER.sub(replace, markdown)
    leftover = ANY_MARKER.search(result)
    if leftover:
        raise FactsMarkerError(f"{leftover.group(0)!r} is not a facts marker this site knows")
    if inline:
        result = result.rstrip("\n") + "\n\n" + checked_line(inline) + "\n"
    return result


def offered_models(names: Iterable[str], facts: Facts, today: dt.date) -> list[str]:
    """``names`` without the models that every provider in the facts has shut down (aliases
    included), so no page offers one as a choice; names the facts do not know are kept."""
    retired: set[str] = set()
    for model in facts.models:
        spellings = {model.name.lower(), *(alias.lower() for alias in model.aliases)}
        same = [m for m in facts.models if m.name == model.name]
        if all(m.retired_on(today) for m in same):
            retired |= spellings
    return [name for name in names if name.lower() not in retired]


def uses_facts(markdown: str) -> bool:
    return ANY_MARKER.search(markdown) is not None
