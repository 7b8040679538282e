"""Provider facts (models, limits, prices, dates) read from ``facts.toml``, each with its source.

The file is data; this module validates it the way ``criteria.py`` validates the questions, so a
broken entry stops the build with a message naming it. Nothing else in the project states a
provider fact: the dataset checker, the cost model and the site's tables all read it from here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.tomlreader import TomlReader

METHODS = ("sft", "dpo", "rft")
PROVIDER_STATUSES = ("available", "winding-down", "closed")
LIFECYCLE_STAGES = ("preview", "ga", "legacy", "deprecated", "retired")
"""A base model's stage at its provider, in the provider's own words (Azure: GA, Legacy, Deprecated,
Retired; preview for models not yet generally available)."""
TRAINING_TYPES = ("standard", "data-zone", "global", "developer")
DEPLOYMENT_OPTIONS = ("serverless", "managed-compute", "fireworks")
CHAT_FORMATS = ("chat", "harmony")
DEFAULT_PROVIDER = "azure"
STALE_AFTER_DAYS = 90
_SNAPSHOT = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")


class FactsError(InputError):
    """The facts file is broken; the message names the entry."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    revised: dt.date | None = None
    """The date the page itself carries (its last revision), where it shows one."""


@dataclass(frozen=True)
class Dated:
    """Where a group of facts comes from and when it was last checked against that source."""

    source: Source
    checked: dt.date


@dataclass(frozen=True)
class Price:
    usd_per_hour: float
    illustrative: bool
    dated: Dated
    model: str | None = None


@dataclass(frozen=True)
class ImageLimits:
    max_per_example: int
    max_bytes: int
    formats: tuple[str, ...]
    roles: tuple[str, ...]
    dated: Dated


@dataclass(frozen=True)
class Hosting:
    billed_per_hour: bool
    inactive_days_before_deletion: int | None
    developer_deployment_hours: int | None
    note: str
    example_price: Price | None
    dated: Dated


@dataclass(frozen=True)
class RftPause:
    """A reinforcement fine-tuning job pauses once training and grading cost this much."""

    usd: float
    dated: Dated


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    short_name: str
    status: str
    status_note: str
    methods: tuple[str, ...]
    file_size_limit_bytes: int
    min_training_examples: int
    rft_requires_validation_file: bool
    rft_validation_max_examples: int | None
    images: ImageLimits
    hosting: Hosting | None
    rft_example_price: Price | None
    notes: dict[str, str]
    dates: dict[str, dt.date]
    dated: Dated
    rft_pause: RftPause | None = None


@dataclass(frozen=True)
class Earlier:
    """What an older revision of a lifecycle source said, kept where it disagrees with the newer."""

    training_until: dt.date | None
    serving_until: dt.date | None
    source: Source


@dataclass(frozen=True)
class Lifecycle:
    """Until when a model can be trained, and by whom, as its provider states it.

    ``training_until`` is the last day anyone may start training (None: no end announced);
    ``new_customers`` is False where the provider takes no new fine-tuning customers at all;
    ``existing_customers_until`` the day until which existing customers may still train (Azure
    says "no earlier than": it is a floor); ``invitation`` marks training by invitation only.
    How long the tuned model serves is ``Model.retires``."""

    stage: str
    training_until: dt.date | None
    new_customers: bool
    existing_customers_until: dt.date | None
    invitation: bool
    note: str | None
    dated: Dated
    earlier: Earlier | None = None


@dataclass(frozen=True)
class Model:
    name: str
    provider: str
    snapshot: str | None
    aliases: tuple[str, ...]
    methods: tuple[str, ...]
    token_limit: int | None
    """The training context length per example, or None where the provider publishes none."""
    encoding: str
    retires: dt.date | None
    replacement: str | None
    dated: Dated
    retires_source: Source | None = None  # where the retirement date comes from, if not `dated`
    vision: bool = False  # the provider fine-tunes this model on examples with images
    lifecycle: Lifecycle | None = None
    open_weight: bool = False
    """An open-weight model the provider trains as a LoRA adapter (its weights are published)."""
    training_types: tuple[str, ...] = ()
    deployments: tuple[str, ...] = ()
    chat_format: str = "chat"
    """How a chat example becomes tokens: the cookbook's count ("chat") or gpt-oss's "harmony"."""
    replacement_as_of: dt.date | None = None
    """The revision date of the page that names ``replacement`` (names change between revisions)."""

    def retired_on(self, today: dt.date) -> bool:
        return self.retires is not None and self.retires <= today


@dataclass(frozen=True)
class ChatOverhead:
    """Tokens a chat example costs beyond its text, as the cookbook counts them."""

    tokens_per_message: int
    tokens_per_name: int
    tokens_per_example: int
    dated: Dated


# What a [[prices]] entry may state, all in US dollars.
PRICE_KEYS = (
    "training_per_million",  # SFT/DPO training, per million billed training tokens
    "training_per_hour",  # RFT training, per hour of training time
    "base_input_per_million",  # the base model's inference, per million input tokens
    "base_output_per_million",
    "base_cached_input_per_million",  # prompt tokens served from the prompt cache
    "base_batch_input_per_million",  # requests sent through the batch service
    "base_batch_output_per_million",
    "tuned_input_per_million",  # the fine-tuned model's inference
    "tuned_output_per_million",
    "tuned_cached_input_per_million",
    "tuned_batch_input_per_million",
    "tuned_batch_output_per_million",
    "hosting_per_hour",  # a deployed fine-tuned model, per hour, used or not
    "grader_input_per_million",  # a model grader's tokens during reinforcement fine-tuning
    "grader_output_per_million",
)
DEPLOYMENTS = ("standard", "global", "developer")


@dataclass(frozen=True)
class ModelPrice:
    """Prices of one model at one provider (and deployment type, where they differ)."""

    provider: str
    model: str
    deployment: str | None
    values: dict[str, float]
    illustrative: bool
    dated: Dated
    secondary: bool = False
    """The figures come from a copy of the provider's price list kept by someone else."""
    as_of: dt.date | None = None
    """The day that secondary source captured the prices (secondary entries only)."""
    confirm: Source | None = None
    """The provider's own pricing page, where a secondary figure should be confirmed."""


@dataclass(frozen=True)
class Note:
    """A dated, sourced statement in words, for facts that are not numbers the tools use."""

    provider: str
    topic: str
    text: str
    dated: Dated


SERVICE_STATUSES = ("available", "deprecated", "closed")


@dataclass(frozen=True)
class Service:
    """Another hosted fine-tuning service, in one line, for the routes table (not checked
    against: the tools validate data only for the providers above)."""

    name: str
    status: str
    text: str
    dated: Dated


@dataclass(frozen=True)
class Facts:
    version: str
    sources: dict[str, Source]
    providers: dict[str, Provider]
    models: tuple[Model, ...]
    notes: tuple[Note, ...] = ()
    chat_overhead: ChatOverhead | None = None
    prices: tuple[ModelPrice, ...] = ()
    services: tuple[Service, ...] = ()

    def prices_for(self, model: Model) -> list[ModelPrice]:
        """Every price entry of ``model``, whatever its deployment type."""
        return [p for p in self.prices if (p.provider, p.model) == (model.provider, model.name)]

    def prices_of(self, model: Model, deployment: str | None = None) -> ModelPrice | None:
        """The price entry for ``model`` (one for its deployment type first, then a general
        one), or None when facts.toml states none."""
        matches = self.prices_for(model)
        for wanted in (deployment, None):
            for price in matches:
                if price.deployment == wanted:
                    return price
        return None

    def provider(self, key: str) -> Provider:
        try:
            return self.providers[key.strip().lower()]
        except KeyError:
            known = ", ".join(sorted(self.providers))
            raise InputError(f"unknown provider {key!r}; known providers: {known}") from None

    def models_of(self, provider: str) -> tuple[Model, ...]:
        return tuple(model for model in self.models if model.provider == provider)

    def model(self, name: str, provider: str = DEFAULT_PROVIDER) -> Model:
        """The model called ``name`` at ``provider`` (case-insensitive; aliases and dated
        snapshots such as ``gpt-4o-2024-08-06`` allowed), or an InputError naming the known ones."""
        self.provider(provider)
        key = name.strip().lower()
        candidates = self.models_of(provider.strip().lower())
        for wanted in (key, _SNAPSHOT.sub("", key)):
            for model in candidates:
                if wanted in (model.name.lower(), *(alias.lower() for alias in model.aliases)):
                    return model
        known = ", ".join(sorted({model.name for model in candidates}, key=str.lower))
        raise InputError(f"unknown model {name!r} for provider {provider!r}; known models: {known}")

    def notes_of(self, provider: str) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if note.provider == provider)

    def note(self, provider: str, topic: str) -> Note:
        for note in self.notes:
            if (note.provider, note.topic) == (provider, topic):
                return note
        raise InputError(f"no note {topic!r} for provider {provider!r}")

    def dated_entries(self) -> list[tuple[str, Dated]]:
        """Every dated entry as (what, where from and when checked), in file order."""
        found: list[tuple[str, Dated]] = []
        for provider in self.providers.values():
            found.append((f"provider {provider.key}", provider.dated))
            found.append((f"provider {provider.key} images", provider.images.dated))
            if provider.hosting:
                found.append((f"provider {provider.key} hosting", provider.hosting.dated))
                if provider.hosting.example_price:
                    price = provider.hosting.example_price
                    found.append((f"provider {provider.key} hosting example price", price.dated))
            if provider.rft_example_price:
                price = provider.rft_example_price
                found.append((f"provider {provider.key} RFT example price", price.dated))
            if provider.rft_pause:
                found.append((f"provider {provider.key} rft pause", provider.rft_pause.dated))
        for model in self.models:
            found.append((f"model {model.provider}/{model.name}", model.dated))
            if model.retires_source is not None:
                retires = Dated(model.retires_source, model.dated.checked)
                found.append((f"retirement {model.provider}/{model.name}", retires))
            if model.lifecycle:
                found.append((f"lifecycle {model.provider}/{model.name}", model.lifecycle.dated))
                earlier = model.lifecycle.earlier
                if earlier is not None:
                    older = Dated(earlier.source, model.lifecycle.dated.checked)
                    found.append((f"lifecycle {model.provider}/{model.name} (older)", older))
        for note in self.notes:
            found.append((f"note {note.provider}/{note.topic}", note.dated))
        if self.chat_overhead:
            found.append(("chat overhead", self.chat_overhead.dated))
        for entry in self.prices:
            deployment = f" ({entry.deployment})" if entry.deployment else ""
            found.append((f"prices {entry.provider}/{entry.model}{deployment}", entry.dated))
        for service in self.services:
            found.append((f"service {service.name}", service.dated))
        return found

    def checked_dates(self) -> list[tuple[str, dt.date]]:
        """Every dated entry as (what, checked on), for staleness reports and the site."""
        return [(what, dated.checked) for what, dated in self.dated_entries()]

    def oldest_check(self) -> dt.date:
        return min(date for _, date in self.checked_dates())

    def stale(self, today: dt.date, days: int = STALE_AFTER_DAYS) -> list[str]:
        """The entries last checked more than ``days`` before ``today``."""
        limit = today - dt.timedelta(days=days)
        return [what for what, checked in self.checked_dates() if checked < limit]


def load_facts(path: str | Path | None = None) -> Facts:
    """The packaged facts, or the file at ``path``; raise FactsError if it is invalid."""
    if path is None:
        return _packaged_facts()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FactsError(f"{path}: cannot read: {error}") from None
    return parse_facts(text, str(path))


@cache
def _packaged_facts() -> Facts:
    text = resources.files("checker").joinpath("facts.toml").read_text(encoding="utf-8")
    return parse_facts(text, "facts.toml")


def parse_facts(text: str, source: str = "facts.toml") -> Facts:
    reader = _Reader(source)
    data = reader.parse(text)
    version = reader.text(data, "version", "")
    sources = {
        key: Source(
            key,
            reader.text(raw, "title", f"sources.{key}"),
            reader.url(raw, key),
            reader.date(raw, "revised", f"sources.{key}", optional=True),
        )
        for key, raw in reader.table(data, "sources", "").items()
    }
    reader.sources = sources
    providers = {
        key: _provider(reader, key, raw) for key, raw in reader.table(data, "providers", "").items()
    }
    raw_models = reader.tables(data, "models", "")
    models = tuple(_model(reader, index, raw, providers) for index, raw in enumerate(raw_models))
    seen: set[tuple[str, str]] = set()
    for model in models:
        for name in (model.name, *model.aliases):
            if (model.provider, name.lower()) in seen:
                raise reader.fail("", f"model {model.provider}/{name} is listed twice")
            seen.add((model.provider, name.lower()))
    providers = {key: _with_methods(p, models) for key, p in providers.items()}
    notes = _notes(reader, reader.tables(data, "notes", "", optional=True), providers)
    overhead = None
    if "chat_overhead" in data:
        raw = reader.table(data, "chat_overhead", "")
        overhead = ChatOverhead(
            tokens_per_message=reader.integer(raw, "tokens_per_message", "chat_overhead"),
            tokens_per_name=reader.integer(raw, "tokens_per_name", "chat_overhead"),
            tokens_per_example=reader.integer(raw, "tokens_per_example", "chat_overhead"),
            dated=reader.dated(raw, "chat_overhead"),
        )
    raw_prices = reader.tables(data, "prices", "", optional=True)
    prices = tuple(_model_price(reader, i, raw, models) for i, raw in enumerate(raw_prices))
    raw_services = reader.tables(data, "services", "", optional=True)
    services = tuple(_service(reader, i, raw) for i, raw in enumerate(raw_services))
    return Facts(
        services=services,
        version=version,
        sources=sources,
        providers=providers,
        models=models,
        notes=notes,
        chat_overhead=overhead,
        prices=prices,
    )


def _service(reader: _Reader, index: int, raw: Any) -> Service:
    where = f"services[{index}]"
    raw = reader.entry(raw, where, {"name", "status", "text", "source", "checked"})
    status = reader.choice(raw, "status", where, SERVICE_STATUSES)
    text = " ".join(reader.text(raw, "text", where).split())
    return Service(reader.text(raw, "name", where), status, text, reader.dated(raw, where))


def _with_methods(provider: Provider, models: tuple[Model, ...]) -> Provider:
    """``provider`` offering the methods of its models that could still be trained on the day its
    facts were checked: a method no model offers any more is no method of the provider's."""
    day = provider.dated.checked
    offered = {
        method
        for model in models
        if model.provider == provider.key and trainable_on(model, day)
        for method in model.methods
    }
    return replace(provider, methods=tuple(m for m in METHODS if m in offered))


def trainable_on(model: Model, day: dt.date) -> bool:
    """Whether anyone (a new or an existing customer, or an invited one) can train ``model`` on
    ``day``, as far as the facts say."""
    if model.retired_on(day):
        return False
    life = model.lifecycle
    if life is None:
        return True
    last = [d for d in (life.training_until, life.existing_customers_until) if d is not None]
    open_ended = life.training_until is None and life.new_customers
    return open_ended or life.invitation or any(day <= d for d in last)


def _model_price(reader: _Reader, index: int, raw: Any, models: tuple[Model, ...]) -> ModelPrice:
    where = f"prices[{index}]"
    raw = reader.entry(raw, where)
    provider = reader.text(raw, "provider", where)
    name = reader.text(raw, "model", where)
    where = f"prices {provider}/{name}"
    if not any((m.provider, m.name) == (provider, name) for m in models):
        raise reader.fail(where, "names no model in [[models]]")
    deployment = reader.choice(raw, "deployment", where, DEPLOYMENTS, optional=True)
    known = set(PRICE_KEYS) | {
        "provider",
        "model",
        "deployment",
        "illustrative",
        "secondary",
        "as_of",
        "confirm",
        "source",
        "checked",
    }
    reader.entry(raw, where, known)
    values = {key: reader.number(raw, key, where) for key in PRICE_KEYS if key in raw}
    if not values:
        raise reader.fail(where, "states no price")
    dated = reader.dated(raw, where)
    secondary = reader.flag(raw, "secondary", where)
    as_of, confirm = None, None
    if secondary:
        as_of = reader.date(raw, "as_of", where)
        if as_of > dated.checked:
            raise reader.fail(where, "as_of is later than checked")
        key = reader.text(raw, "confirm", where)
        if key not in reader.sources:
            raise reader.fail(where, f"confirm {key!r} is not in [sources]")
        confirm = reader.sources[key]
    elif "as_of" in raw or "confirm" in raw:
        raise reader.fail(where, "as_of and confirm belong to a secondary = true entry")
    return ModelPrice(
        provider=provider,
        model=name,
        deployment=deployment,
        values=values,
        illustrative=reader.flag(raw, "illustrative", where),
        dated=dated,
        secondary=secondary,
        as_of=as_of,
        confirm=confirm,
    )


class _Reader(TomlReader):
    """The shared typed reader, with what only facts.toml has: sources, providers, dates."""

    def __init__(self, source: str) -> None:
        super().__init__(source, FactsError)
        self.sources: dict[str, Source] = {}

    def url(self, raw: dict[str, Any], key: str) -> str:
        value = self.text(raw, "url", f"sources.{key}")
        if not value.startswith("https://"):
            raise self.fail(f"sources.{key}", "url must start with https://")
        return value

    def provider_key(self, raw: dict[str, Any], where: str, providers: dict[str, Any]) -> str:
        provider = self.text(raw, "provider", where)
        if provider not in providers:
            raise self.fail(where, f"provider {provider!r} is not in [providers]")
        return provider

    def dated(self, raw: dict[str, Any], where: str) -> Dated:
        key = self.text(raw, "source", where)
        if key not in self.sources:
            raise self.fail(where, f"source {key!r} is not in [sources]")
        return Dated(self.sources[key], self.date(raw, "checked", where))


def _price(reader: _Reader, raw: Any, where: str) -> Price | None:
    if raw is None:
        return None
    raw = reader.entry(raw, where)
    return Price(
        usd_per_hour=reader.number(raw, "usd_per_hour", where),
        illustrative=reader.flag(raw, "illustrative", where),
        dated=reader.dated(raw, where),
        model=reader.optional_text(raw, "model", where),
    )


_PROVIDER_FIELDS = {
    "name", "short_name", "source", "checked", "status", "status_note",
    "file_size_limit_bytes", "min_training_examples", "rft_requires_validation_file",
    "rft_validation_max_examples", "images", "hosting", "rft_training",
}  # fmt: skip


def _provider(reader: _Reader, key: str, raw: Any) -> Provider:
    where = f"providers.{key}"
    raw = reader.entry(raw, where)
    if "methods" in raw:
        raise reader.fail(where, "methods belong to each model, not to the provider")
    status = reader.choice(raw, "status", where, PROVIDER_STATUSES)
    images_raw = reader.table(raw, "images", where)
    images = ImageLimits(
        max_per_example=reader.integer(images_raw, "max_per_example", f"{where}.images"),
        max_bytes=reader.integer(images_raw, "max_bytes", f"{where}.images"),
        formats=reader.words(images_raw, "formats", f"{where}.images"),
        roles=reader.words(images_raw, "roles", f"{where}.images"),
        dated=reader.dated(images_raw, f"{where}.images"),
    )
    hosting = None
    if "hosting" in raw:
        hosting_raw = reader.table(raw, "hosting", where)
        hosting = Hosting(
            billed_per_hour=reader.flag(hosting_raw, "billed_per_hour", f"{where}.hosting"),
            inactive_days_before_deletion=reader.integer(
                hosting_raw, "inactive_days_before_deletion", f"{where}.hosting", optional=True
            ),
            developer_deployment_hours=reader.integer(
                hosting_raw, "developer_deployment_hours", f"{where}.hosting", optional=True
            ),
            note=reader.text(hosting_raw, "note", f"{where}.hosting"),
            example_price=_price(reader, hosting_raw.get("example_price"), f"{where}.hosting"),
            dated=reader.dated(hosting_raw, f"{where}.hosting"),
        )
    rft = raw.get("rft_training", {})
    pause = None
    if "pause_at_usd" in rft:
        pause = RftPause(
            usd=reader.number(rft, "pause_at_usd", f"{where}.rft_training"),
            dated=reader.dated(rft, f"{where}.rft_training"),
        )
    notes = {name: reader.text(raw, name, where) for name in raw if name.endswith("_note")}
    dates = {
        name: reader.date(raw, name, where)
        for name, value in raw.items()
        if name not in _PROVIDER_FIELDS and name not in notes
    }
    return Provider(
        key=key,
        name=reader.text(raw, "name", where),
        short_name=reader.text(raw, "short_name", where),
        status=status,
        status_note=reader.text(raw, "status_note", where),
        methods=(),  # filled in from the provider's models (_with_methods)
        file_size_limit_bytes=reader.integer(raw, "file_size_limit_bytes", where),
        min_training_examples=reader.integer(raw, "min_training_examples", where),
        rft_requires_validation_file=reader.flag(raw, "rft_requires_validation_file", where),
        rft_validation_max_examples=reader.integer(
            raw, "rft_validation_max_examples", where, optional=True
        ),
        images=images,
        hosting=hosting,
        rft_example_price=_price(reader, rft.get("example_price"), f"{where}.rft_training"),
        notes=notes,
        dates=dates,
        dated=reader.dated(raw, where),
        rft_pause=pause,
    )


_MODEL_FIELDS = {
    "name", "provider", "snapshot", "aliases", "methods", "token_limit", "encoding", "retires",
    "replacement", "replacement_as_of", "source", "checked", "retires_source", "vision",
    "lifecycle", "open_weight", "training_types", "deployments", "chat_format",
}  # fmt: skip
_LIFECYCLE_FIELDS = {
    "stage", "training_until", "new_customers", "existing_customers_until", "invitation", "note",
    "source", "checked", "earlier",
}  # fmt: skip
ENCODINGS = ("o200k_base", "cl100k_base", "llama", "mistral", "qwen")
"""Tokenizers by name; only o200k_base ships with the package (checker.tokens), so the others'
counts are estimates."""


def _model(reader: _Reader, index: int, raw: Any, providers: dict[str, Provider]) -> Model:
    raw = reader.entry(raw, f"models[{index}]")
    name = reader.text(raw, "name", f"models[{index}]")
    where = f"model {name!r}"
    reader.entry(raw, where, _MODEL_FIELDS)
    provider = reader.provider_key(raw, where, providers)
    encoding = reader.choice(raw, "encoding", where, ENCODINGS)
    snapshot, replacement = raw.get("snapshot"), raw.get("replacement")
    retires_source = None
    if "retires_source" in raw:
        key = reader.text(raw, "retires_source", where)
        if key not in reader.sources:
            raise reader.fail(where, f"retires_source {key!r} is not in [sources]")
        retires_source = reader.sources[key]
    replacement_as_of = reader.date(raw, "replacement_as_of", where, optional=True)
    if replacement is not None and replacement_as_of is None:
        raise reader.fail(where, "a replacement needs replacement_as_of, its page's revision date")
    chat_format = reader.choice(raw, "chat_format", where, CHAT_FORMATS, optional=True)
    return Model(
        name=name,
        provider=provider,
        snapshot=str(snapshot) if snapshot is not None else None,
        aliases=reader.words(raw, "aliases", where, optional=True),
        methods=reader.words(raw, "methods", where, METHODS),
        token_limit=reader.integer(raw, "token_limit", where, optional=True),
        encoding=encoding,
        retires=reader.date(raw, "retires", where, optional=True),
        replacement=str(replacement) if replacement is not None else None,
        dated=reader.dated(raw, where),
        retires_source=retires_source,
        vision=reader.flag(raw, "vision", where),
        lifecycle=_lifecycle(reader, raw.get("lifecycle"), where),
        open_weight=reader.flag(raw, "open_weight", where),
        training_types=reader.words(raw, "training_types", where, TRAINING_TYPES, optional=True),
        deployments=reader.words(raw, "deployments", where, DEPLOYMENT_OPTIONS, optional=True),
        chat_format=chat_format or "chat",
        replacement_as_of=replacement_as_of,
    )


def _lifecycle(reader: _Reader, raw: Any, where: str) -> Lifecycle | None:
    if raw is None:
        return None
    where = f"{where}.lifecycle"
    raw = reader.entry(raw, where, _LIFECYCLE_FIELDS)
    stage = reader.choice(raw, "stage", where, LIFECYCLE_STAGES)
    earlier = None
    if "earlier" in raw:
        old = reader.entry(
            raw["earlier"], f"{where}.earlier", {"training_until", "serving_until", "source"}
        )
        key = reader.text(old, "source", f"{where}.earlier")
        if key not in reader.sources:
            raise reader.fail(f"{where}.earlier", f"source {key!r} is not in [sources]")
        earlier = Earlier(
            training_until=reader.date(old, "training_until", f"{where}.earlier", optional=True),
            serving_until=reader.date(old, "serving_until", f"{where}.earlier", optional=True),
            source=reader.sources[key],
        )
    note = reader.optional_text(raw, "note", where)
    return Lifecycle(
        stage=stage,
        training_until=reader.date(raw, "training_until", where, optional=True),
        new_customers=reader.flag(raw, "new_customers", where, default=True),
        existing_customers_until=reader.date(raw, "existing_customers_until", where, optional=True),
        invitation=reader.flag(raw, "invitation", where),
        note=" ".join(note.split()) if note else None,
        dated=reader.dated(raw, where),
        earlier=earlier,
    )


_NOTE_FIELDS = {"provider", "topic", "text", "source", "checked"}


def _notes(
    reader: _Reader, raw_notes: list[Any], providers: dict[str, Provider]
) -> tuple[Note, ...]:
    notes: list[Note] = []
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(raw_notes):
        where = f"notes[{index}]"
        raw = reader.entry(raw, where, _NOTE_FIELDS)
        provider = reader.provider_key(raw, where, providers)
        topic = reader.text(raw, "topic", where)
        if (provider, topic) in seen:
            raise reader.fail(where, f"note {provider}/{topic} is listed twice")
        seen.add((provider, topic))
        text = " ".join(reader.text(raw, "text", where).split())
        notes.append(Note(provider, topic, text, reader.dated(raw, where)))
    return tuple(notes)
