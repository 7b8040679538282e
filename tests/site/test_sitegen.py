"""The site generator's plain functions, without MkDocs."""

from __future__ import annotations

import pytest

from checker.readiness.criteria import load_criteria
from csp import add_policy, script_hashes
from sitegen import (
    Placement,
    SiteError,
    check_placements,
    find_markers,
    render_checklist,
)

QUESTIONS = ["why", "tried", "alternatives", "data", "measure"]


def placements(**override: str) -> list[Placement]:
    pages = {q: f"questions/{q}.md" for q in QUESTIONS} | override
    return [Placement(page, q) for q, page in pages.items()]


def test_find_markers() -> None:
    text = "intro\n<!-- checklist: why -->\n<!--checklist:all-->\n<!-- other -->"
    assert find_markers(text) == ["why", "all"]


def test_placements_that_match_the_criteria_pass() -> None:
    check_placements([*placements(), Placement("checklist.md", "all")], load_criteria())


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (placements()[1:], "question 'why' has no page"),
        ([*placements(), Placement("x.md", "nope")], "x.md: checklist marker names question"),
        ([*placements(), Placement("x.md", "why")], "question 'why' has a checklist on several"),
        (placements(why="other.md"), "its checklist is on other.md"),
    ],
)
def test_bad_placements_are_named(given: list[Placement], message: str) -> None:
    with pytest.raises(SiteError, match=message):
        check_placements(given, load_criteria())


def test_checklist_escapes_text_from_the_criteria() -> None:
    criteria = load_criteria()
    html = render_checklist(criteria, "why", lambda link: f"/{link}<script>")
    assert "<script>" not in html.replace('<script type="application/json" data-ftr-data>', "")


def test_policy_lists_only_the_page_inline_scripts() -> None:
    html = "<html><head><script>a()</script><script type='application/json'>{}</script></head>"
    assert len(script_hashes(html)) == 1
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in add_policy(html)


def test_the_compare_page_and_the_cli_offer_the_same_metrics_and_default() -> None:
    """Both come from METRIC_TABLE: the page's select options (rendered as the build renders
    them) and the CLI's ``--metric`` choices and default."""
    import argparse
    import re

    from checker.commands.compare import configure
    from checker.compare.metrics import DEFAULT_METRIC, METRIC_TABLE
    from sitegen import render_widget

    html = render_widget("compare.html", metrics=METRIC_TABLE)
    options = re.findall(r'<option value="([^"]+)"( selected)?>', html)
    parser = argparse.ArgumentParser()
    configure(parser)
    (action,) = (a for a in parser._actions if a.dest == "metric")
    assert [name for name, _ in options] == list(action.choices or ())
    assert [name for name, selected in options if selected] == [action.default] == [DEFAULT_METRIC]
    assert DEFAULT_METRIC == "normalized"


def test_the_full_checklist_asks_the_context_and_carries_the_bands() -> None:
    import html as html_lib
    import json
    import re

    criteria = load_criteria()
    page = render_checklist(criteria, "all", lambda link: f"/{link}")
    for item in criteria.context:
        assert f'data-item="{item.id}"' in page
        for option in item.options:
            assert f'id="all--{item.id}--{option.replace(".", "_")}" value="{option}"' in page
    assert 'data-question="context"' not in render_checklist(criteria, "why", lambda link: link)
    raw = re.search(r"data-ftr-data='([^']*)'", page)
    assert raw is not None
    data = json.loads(html_lib.unescape(raw.group(1)))
    assert data["bands"] == {
        "low": criteria.scoring.question_ready_at,
        "high": criteria.scoring.ready_at,
    }
    assert data["choices"]["provider"] == ["azure", "openai", "other"]
    assert all(route.link in data["links"] for route in criteria.routes)
