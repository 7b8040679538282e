"""The site generator's plain functions, without MkDocs."""

from __future__ import annotations

import pytest

from checker.criteria import load_criteria
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
