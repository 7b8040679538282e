"""Share links and saved answers are untrusted: bad ones change nothing but a notice."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, expect

from .helpers import (
    CRITERIA,
    STORAGE_KEY,
    answer_sets,
    checked_answers,
    choose,
    cli_assess,
    expect_result,
    open_checklist,
    stored,
)

pytestmark = pytest.mark.browser

VERSION = CRITERIA.version
HOSTILE_LINKS = {
    "script": "#answers=<script>alert(1)</script>",
    "img-onerror": "#answers=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "huge": "#answers=" + "a" * 100_000,
    "bad-percent-encoding": f"#answers={VERSION};use-case-defined:y%E0%A4%A",
    "unknown-ids": f"#answers={VERSION};no-such-item:y,another-one:n",
    "wrong-values": f"#answers={VERSION};use-case-defined:maybe,model-chosen:1",
    "markup-in-version": "#answers=<b>x</b>;use-case-defined:y",
    "markup-in-a-number": f"#answers={VERSION};training-examples:1%2C000%3Cb%3E",
    "encoded-separator": f"#answers={VERSION};use-case-defined%3Ay%2Choldout-set:y",
}
# Everything in the checklist and its result panel except the notices, as tag names.
STRUCTURE = """() => [...document.querySelectorAll(
  'form[data-ftr-checklist] *, [data-ftr-result] *:not([data-ftr-notices], [data-ftr-notices] *)'
)].map((node) => node.tagName)"""


def watch(page: Page) -> list[str]:
    problems: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    return problems


def notices(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.eval_on_selector_all(
        "[data-ftr-notices] > *",
        "nodes => nodes.map(node => ({tag: node.tagName, children: node.children.length,"
        " text: node.textContent}))",
    )
    return result


@pytest.fixture
def saved_structure(context: BrowserContext, site_url: str) -> list[str]:
    """Save some answers in ``context``; returns the checklist's structure with them shown."""
    page = context.new_page()
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answer_sets()["one-blocker"])
    expected = cli_assess(answer_sets()["one-blocker"])
    expect_result(page, expected["verdict"], expected["score"])
    structure: list[str] = page.evaluate(STRUCTURE)
    page.close()
    return structure


def test_hostile_share_links_change_nothing_but_a_notice(
    context: BrowserContext, site_url: str, saved_structure: list[str]
) -> None:
    saved = answer_sets()["one-blocker"]
    expected = cli_assess(saved)
    for name, fragment in HOSTILE_LINKS.items():
        page = context.new_page()
        problems = watch(page)
        open_checklist(page, site_url + "checklist/" + fragment)
        expect_result(page, expected["verdict"], expected["score"])
        assert checked_answers(page) == saved, name
        assert stored(page)["answers"] == saved, name
        shown = notices(page)
        assert shown, f"{name}: no notice"
        for notice in shown:
            assert notice["tag"] == "P" and notice["children"] == 0, name
            assert "<" not in notice["text"], f"{name}: markup echoed in {notice['text']!r}"
        assert page.evaluate(STRUCTURE) == saved_structure, f"{name}: the page gained elements"
        assert problems == [], name
        page.close()


GARBAGE = {
    "not-json": "{not json",
    "wrong-shape": json.dumps([1, 2, 3]),
    "answers-not-object": json.dumps({"version": VERSION, "answers": "yes"}),
    "unknown-ids": json.dumps({"version": VERSION, "answers": {"no-such-item": "yes"}}),
    "to-string-object": json.dumps({"use-case-defined": {"toString": "yes"}}),
    "to-string-in-answers": json.dumps(
        {"version": VERSION, "answers": {"use-case-defined": {"toString": "yes"}}}
    ),
    "to-string-version": json.dumps(
        {"version": {"toString": "x"}, "answers": {"use-case-defined": ["yes"], "model-chosen": 7}}
    ),
    "number-as-object": json.dumps(
        {"version": VERSION, "answers": {"training-examples": {"valueOf": 5}}}
    ),
    "proto-key": json.dumps(
        {
            "version": VERSION,
            "answers": {"__proto__": {"polluted": "yes"}, "constructor": "no", "x": "maybe"},
        }
    ),
}


@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_in_storage_is_ignored_with_a_notice(
    module_context: BrowserContext, site_url: str, name: str
) -> None:
    page = module_context.new_page()
    problems = watch(page)
    page.goto(site_url + "404.html")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, GARBAGE[name]]
    )
    blank = cli_assess({})
    open_checklist(page, site_url + "checklist/")
    expect_result(page, blank["verdict"], blank["score"])
    assert checked_answers(page) == {}
    expect(page.locator("[data-ftr-notices] .ftr-notice")).not_to_have_count(0)
    assert page.evaluate("({}).polluted === undefined && Object.prototype.polluted === undefined")
    assert problems == []
    page.close()
