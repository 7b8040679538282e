"""The provider facts file: it loads, every entry is dated and sourced, and lookups work."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.errors import InputError
from checker.facts import FactsError, load_facts, parse_facts


def test_packaged_facts_load_and_every_entry_is_dated() -> None:
    facts = load_facts()
    assert set(facts.providers) == {"azure", "openai"}
    assert all(isinstance(date, dt.date) for _, date in facts.checked_dates())
    assert all(source.url.startswith("https://") for source in facts.sources.values())


def test_model_lookup_by_alias_and_snapshot() -> None:
    facts = load_facts()
    assert facts.model("gpt-35-turbo", "openai").name == "gpt-3.5-turbo"
    assert facts.model("GPT-4o-2024-08-06", "openai").retires == dt.date(2027, 1, 14)
    assert facts.model("gpt-4o").provider == "azure"


def test_unknown_model_names_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"known models: .*gpt-4o-mini"):
        load_facts().model("gpt-5-turbo-max", "azure")


def test_image_limits_differ_by_provider() -> None:
    facts = load_facts()
    assert facts.provider("azure").images.max_per_example == 64
    assert facts.provider("openai").images.max_per_example == 10


def test_stale_entries_are_named() -> None:
    facts = load_facts()
    newest = max(date for _, date in facts.checked_dates())
    assert facts.stale(newest) == []
    assert "provider openai" in facts.stale(newest + dt.timedelta(days=91))


GOOD = """
version = "1"
[sources.s]
title = "t"
url = "https://example.org/"
[providers.p]
name = "P"
short_name = "P"
source = "s"
checked = 2026-01-01
status = "available"
status_note = "open"
file_size_limit_bytes = 10
min_training_examples = 10
rft_requires_validation_file = false
[providers.p.images]
source = "s"
checked = 2026-01-01
max_per_example = 1
max_bytes = 1
formats = ["png"]
roles = ["user"]
[[models]]
name = "m"
provider = "p"
methods = ["sft"]
token_limit = 5
encoding = "o200k_base"
source = "s"
checked = 2026-01-01
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'source = "s"\nchecked = 2026-01-01\nstatus',
            'source = "x"\nchecked = 2026-01-01\nstatus',
            "providers.p: source 'x' is not in",
        ),
        ("token_limit = 5", "token_limit = -5", "model 'm': field 'token_limit'"),
        ('encoding = "o200k_base"', 'encoding = "r50k"', "model 'm': encoding 'r50k'"),
        (
            'name = "m"',
            'name = "m"\nbogus = 1',
            "unknown field",
        ),
        ('methods = ["sft"]\ntoken', 'methods = ["ppo"]\ntoken', "methods 'ppo' is not one of"),
        ('url = "https://example.org/"', 'url = "http://example.org/"', "url must start"),
    ],
)
def test_broken_facts_name_the_entry(old: str, new: str, message: str) -> None:
    assert old in GOOD
    parse_facts(GOOD)
    with pytest.raises(FactsError, match=message):
        parse_facts(GOOD.replace(old, new, 1))


NOTE = """
[[notes]]
provider = "p"
topic = "t"
text = "Two   words."
source = "s"
checked = 2026-01-02
"""


def test_notes_are_dated_sourced_and_looked_up_by_topic() -> None:
    facts = parse_facts(GOOD + NOTE)
    note = facts.note("p", "t")
    assert note.text == "Two words."
    assert note.dated.source.key == "s"
    assert ("note p/t", dt.date(2026, 1, 2)) in facts.checked_dates()
    assert facts.notes_of("p") == (note,)


def test_packaged_notes_and_retirement_sources() -> None:
    facts = load_facts()
    assert facts.note("azure", "hosting").dated.source.key == "azure-deploy"
    azure_model = facts.model("gpt-4o", "azure")
    assert azure_model.retires_source is not None
    assert azure_model.retires_source.key == "azure-retirements"
    assert facts.model("gpt-4o", "openai").retires_source is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('topic = "t"', 'topic = "t"\nextra = 1', "notes\\[0\\]: unknown field 'extra'"),
        ('provider = "p"\ntopic', 'provider = "q"\ntopic', "provider 'q' is not in"),
        ('source = "s"\nchecked = 2026-01-02', 'source = "z"\nchecked = 2026-01-02', "'z'"),
    ],
)
def test_broken_notes_name_the_entry(old: str, new: str, message: str) -> None:
    text = GOOD + NOTE
    assert old in NOTE
    with pytest.raises(FactsError, match=message):
        parse_facts(GOOD + NOTE.replace(old, new, 1))
    parse_facts(text)


def test_a_note_listed_twice_and_an_unknown_retirement_source_are_refused() -> None:
    with pytest.raises(FactsError, match="listed twice"):
        parse_facts(GOOD + NOTE + NOTE)
    with pytest.raises(FactsError, match="retires_source 'nope'"):
        parse_facts(GOOD.replace("token_limit = 5", 'token_limit = 5\nretires_source = "nope"'))
