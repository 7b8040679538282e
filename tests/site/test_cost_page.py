"""The built cost page states provider facts only from facts.toml, with their source and date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from markupsafe import escape

from checker.cost import FIELDS
from checker.facts import PRICE_KEYS, load_facts
from factsgen import offered_models

CLI_SYNTAX = re.compile(r"(?<![\w-])--[a-z]|=VALUE|KEY=|facts\.toml")


def cost_widget(site_dir: Path) -> str:
    html = (site_dir / "cost" / "index.html").read_text(encoding="utf-8")
    start = html.index('<div class="ftr-tool" data-ftr-cost')
    return html[start : html.index("</details>", start)]


def test_cost_page_takes_its_facts_from_the_facts_file(site_dir: Path) -> None:
    html = (site_dir / "cost" / "index.html").read_text(encoding="utf-8")
    facts = load_facts()
    hosting = facts.provider("azure").hosting
    assert hosting is not None
    assert str(escape(hosting.note)) in html
    assert f"nothing for {hosting.inactive_days_before_deletion} days" in html
    assert f"deleted after {hosting.developer_deployment_hours} hours" in html
    assert f"checked {hosting.dated.checked}" in html and hosting.dated.source.url in html
    offered = offered_models(sorted({m.name for m in facts.models}), facts, dt.date.today())
    assert offered and len(offered) < len({m.name for m in facts.models})  # gpt-3.5-turbo is gone
    for model in {m.name for m in facts.models}:
        assert (f'<option value="{model}"' in html) == (model in offered), model
    for key in PRICE_KEYS:
        assert f'data-price="{key}"' in html
    source = (Path(__file__).resolve().parents[2] / "docs" / "cost.md").read_text("utf-8")
    assert "15 days" not in source and "24 hours" not in source  # stated by the template only


def test_cost_page_lists_every_stated_price_with_its_source_and_dates(site_dir: Path) -> None:
    html = (site_dir / "cost" / "index.html").read_text(encoding="utf-8")
    facts = load_facts()
    assert facts.prices
    for entry in facts.prices:
        assert str(escape(entry.dated.source.title)) in html
        assert f"checked {entry.dated.checked}" in html
        if entry.secondary:
            assert entry.confirm is not None and entry.confirm.url in html
            assert f"prices as of {entry.as_of}" in html
    assert "data-ftr-cost-prices='{\"" in html  # the stated prices, for the fields' placeholders


def test_the_calculator_shows_no_command_line_syntax(site_dir: Path) -> None:
    widget = cost_widget(site_dir)
    found = CLI_SYNTAX.search(widget)
    assert found is None, widget[max(0, found.start() - 80) : found.end() + 80]


def test_the_form_comes_from_the_field_list_with_its_ranges(site_dir: Path) -> None:
    widget = cost_widget(site_dir)
    for spec in FIELDS:
        assert f'name="{spec.name}" min="{spec.low:g}" max="{spec.high:.0f}"' in widget, spec.name


def test_models_with_stated_prices_are_offered_apart_from_the_others(site_dir: Path) -> None:
    widget = cost_widget(site_dir)
    facts = load_facts()
    model_select = widget[
        widget.index('id="cost-model"') : widget.index('id="cost-baseline-model"')
    ]
    groups = dict(
        re.findall(
            r'<optgroup label="([^"]+)" data-provider="azure">(.*?)</optgroup>', model_select, re.S
        )
    )
    azure = facts.provider("azure").name
    priced = groups[f"{azure}: prices stated here"]
    unpriced = groups[f"{azure}: type the prices yourself"]
    for model in facts.models_of("azure"):
        where = priced if facts.prices_for(model) else unpriced
        assert f'<option value="{model.name}"' in where, model.name
    assert '<option value="gpt-4.1-mini" selected>' in priced
    assert "No price for" not in priced
    assert 'data-hosted="no"' in widget  # OpenAI: no deployment type, no hourly fee asked
