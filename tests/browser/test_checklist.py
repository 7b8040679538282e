"""The checklist page as a visitor uses it: scoring, saving, sharing, resetting and exporting."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import (
    ITEMS,
    answer_sets,
    checked_answers,
    choose,
    cli_assess,
    expect_result,
    open_checklist,
    shown_result,
    stored,
)

pytestmark = pytest.mark.browser

VERDICT_LABELS = {"ready": "Ready", "almost": "Almost ready", "not-ready": "Not ready yet"}


def reset(page: Page) -> None:
    """Reset asks first (tests/browser/test_states.py); confirm when there is something to clear."""
    page.locator("[data-ftr-action=reset]").click()
    confirm = page.locator("[data-ftr-reset-confirm]")
    if confirm.count():
        confirm.click()


def test_shown_result_equals_the_command_line_for_several_answer_sets(
    page: Page, site_url: str
) -> None:
    open_checklist(page, site_url + "checklist/")
    seen = set()
    for name, answers in answer_sets().items():
        reset(page)
        choose(page, "all", answers)
        expected = cli_assess(answers)
        seen.add((expected["verdict"], expected["score"]))
        expect_result(page, expected["verdict"], expected["score"])
        assert checked_answers(page) == answers, name
        expect(page.locator("[data-ftr-status]")).to_contain_text(f"score {expected['score']}")
    # The sets must exercise the rules, not all land on one result.
    assert len(seen) >= 4
    assert {verdict for verdict, _ in seen} == set(VERDICT_LABELS)


def test_reload_keeps_the_answers(page: Page, site_url: str) -> None:
    answers = answer_sets()["mix"]
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answers)
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])

    page.reload()
    expect_result(page, expected["verdict"], expected["score"])
    assert checked_answers(page) == answers


def test_share_link_restores_the_answers_in_a_fresh_browser(
    page: Page, browser: Browser, context: BrowserContext, site_url: str
) -> None:
    answers = answer_sets()["one-blocker"] | {ITEMS[-1].id: "yes"}
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answers)
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])
    page.locator("[data-ftr-action=share]").click()
    link = page.locator("input[data-ftr-share-link]").input_value()
    assert link.startswith(site_url + "checklist/#answers=")

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        open_checklist(other, link)
        expect_result(other, expected["verdict"], expected["score"])
        assert checked_answers(other) == answers
        expect(other.locator("[data-ftr-notices]")).to_contain_text("restored from a share link")
        assert "#answers" not in other.url, "the link's answers stay out of the address bar"
        assert stored(other)["answers"] == answers
    finally:
        fresh.close()


def test_reset_clears_answers_score_and_storage(page: Page, site_url: str) -> None:
    blank = cli_assess({})
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answer_sets()["all-good"])
    all_good = cli_assess(answer_sets()["all-good"])
    expect_result(page, all_good["verdict"], all_good["score"])
    assert stored(page) is not None

    reset(page)
    expect_result(page, blank["verdict"], blank["score"])
    assert checked_answers(page) == {}
    assert stored(page) is None
    page.reload()
    expect_result(page, blank["verdict"], blank["score"])
    assert checked_answers(page) == {}


def test_exports_download_and_match_the_shown_result(page: Page, site_url: str) -> None:
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answer_sets()["caution-only"])
    expected = cli_assess(answer_sets()["caution-only"])
    expect_result(page, expected["verdict"], expected["score"])
    verdict, score = shown_result(page)

    with page.expect_download() as json_download:
        page.locator("[data-ftr-action=json]").click()
    assert json_download.value.suggested_filename.endswith(".json")
    report = json.loads(json_download.value.path().read_text(encoding="utf-8"))
    assert (report["verdict"], report["score"]) == (verdict, score)

    with page.expect_download() as markdown_download:
        page.locator("[data-ftr-action=markdown]").click()
    assert markdown_download.value.suggested_filename.endswith(".md")
    markdown = markdown_download.value.path().read_text(encoding="utf-8")
    verdict_line = next(line for line in markdown.splitlines() if "Verdict" in line)
    assert verdict_line.strip().endswith(VERDICT_LABELS[verdict])
    assert f"{score}/100" in markdown
