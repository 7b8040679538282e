"""The built cost page states provider facts only from facts.toml, with their source and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import escape

from checker.facts import PRICE_KEYS, load_facts
from factsgen import offered_models


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
