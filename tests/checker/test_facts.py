"""The provider facts file: it loads, every entry is dated and sourced, and lookups work."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

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


def _facts_review() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "facts_review.py"
    spec = importlib.util.spec_from_file_location("facts_review", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_facts_review_lists_every_fact_oldest_first_and_the_shared_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    facts = parse_facts(GOOD + NOTE)
    text = _facts_review().review(facts)
    lines = text.splitlines()
    assert lines[0] == "4 facts, oldest check first (checked, source, fact):"
    dates = [line.split()[0] for line in lines[1:5]]
    assert dates == sorted(dates) and dates[-1] == "2026-01-02"  # the note, checked last
    assert "  2026-01-02  s  note p/t" in lines
    assert "1 sources shared by two or more facts (re-check each once):" in lines
    assert any(
        line.startswith("  s: 4 facts, oldest check 2026-01-01: https://example.org/")
        for line in lines
    )
    assert _facts_review().main([]) == 0
    out = capsys.readouterr().out
    assert "lifecycle azure/o4-mini" in out and "azure-retirements (revised 2026-09-02)" in out
    assert "prices azure/gpt-4.1 (developer)" in out


def test_facts_review_refuses_a_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "facts.toml"
    bad.write_text("version = ", encoding="utf-8")
    assert _facts_review().main(["--facts", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("facts_review: ") and err.count("\n") == 1


def test_lifecycle_and_other_services_are_read_and_checked() -> None:
    facts = load_facts()
    life = facts.model("o4-mini", "azure").lifecycle
    assert life is not None and life.stage == "deprecated"
    assert life.training_until == dt.date(2026, 10, 16)
    assert life.existing_customers_until == dt.date(2027, 4, 16)
    earlier = facts.model("gpt-4.1", "azure").lifecycle
    assert earlier and earlier.earlier and earlier.earlier.training_until == dt.date(2026, 10, 14)
    assert facts.sources["azure-retirements"].revised == dt.date(2026, 9, 2)
    assert {s.name for s in facts.services if s.status == "deprecated"} == {"Mistral AI", "Cohere"}
    oss = facts.model("gpt-oss-20b")
    assert oss.open_weight and oss.token_limit is None and oss.chat_format == "harmony"
    assert all(m.replacement is None for m in facts.models)  # names change between revisions


def test_methods_on_a_provider_or_an_undated_replacement_are_refused() -> None:
    with_methods = GOOD.replace('status_note = "open"', 'status_note = "open"\nmethods = ["sft"]')
    with pytest.raises(FactsError, match="methods belong to each model"):
        parse_facts(with_methods)
    with pytest.raises(FactsError, match="replacement_as_of"):
        parse_facts(GOOD + 'replacement = "x"\n')


def test_a_lifecycle_stage_must_be_known() -> None:
    broken = GOOD + '[models.lifecycle]\nstage = "sunset"\nsource = "s"\nchecked = 2026-01-01\n'
    with pytest.raises(FactsError, match=r"model 'm'\.lifecycle: stage 'sunset'"):
        parse_facts(broken)
