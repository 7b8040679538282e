"""Share links as a colleague meets them: a link never replaces the reader's saved answers
unasked (issue 25), and numbers travel as the reader typed them."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import (
    CRITERIA,
    STORAGE_KEY,
    checked_answers,
    choose,
    cli_assess,
    expect_result,
    open_checklist,
    stored,
)

pytestmark = pytest.mark.browser

CODES = {"yes": "y", "no": "n", "unsure": "u", "n/a": "x"}
MINE = {"use-case-defined": "yes", "new-knowledge": "no", "rag-tried": "unsure"}
THEIRS = {"use-case-defined": "no", "new-knowledge": "no", "holdout-set": "yes"}
# Saved by hand, spaced and ordered as no page would write it: an undo must put back this text.
MINE_TEXT = (
    '{ "answers": {"rag-tried": "unsure", "use-case-defined": "yes", "new-knowledge": "no"},\n'
    '  "version": "%s" }'
)


def link(site_url: str, answers: dict[str, str]) -> str:
    pairs = ",".join(f"{key}:{CODES[value]}" for key, value in answers.items())
    return f"{site_url}checklist/#answers={CRITERIA.version};{pairs}"


def save_mine(page: Page, site_url: str) -> str:
    text = MINE_TEXT % CRITERIA.version
    page.goto(site_url + "404.html")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, text])
    return text


def stored_text(page: Page) -> str | None:
    text: str | None = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return text


def test_a_share_link_opens_in_viewing_mode_and_saves_nothing(page: Page, site_url: str) -> None:
    mine_text = save_mine(page, site_url)
    open_checklist(page, link(site_url, THEIRS))
    banner = page.locator("[data-ftr-shared=viewing]")
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("role", "region")
    expect(banner.get_by_role("heading")).to_have_text("You are viewing shared answers")
    expect(banner.get_by_role("alert")).to_contain_text("Your own 3 answers saved in this browser")
    expected = cli_assess(THEIRS)
    expect_result(page, expected["verdict"], expected["score"])
    assert checked_answers(page) == THEIRS
    assert stored_text(page) == mine_text

    # Answering while viewing changes what is shown, not what is saved.
    page.locator("#all--rag-tried--yes").check()
    edited = cli_assess({**THEIRS, "rag-tried": "yes"})
    expect_result(page, edited["verdict"], edited["score"])
    assert stored_text(page) == mine_text

    page.reload()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    expect(page.locator("[data-ftr-shared=viewing]")).to_be_visible()
    assert checked_answers(page) == THEIRS
    assert stored_text(page) == mine_text

    # Reset while viewing clears what is shown, and says that the saved answers stay.
    page.locator("[data-ftr-action=reset]").click()
    expect(page.locator(".ftr-reset")).to_contain_text("your saved answers stay as they are")
    page.locator("[data-ftr-reset-confirm]").click()
    assert checked_answers(page) == {}
    assert stored_text(page) == mine_text


def test_keep_mine_goes_back_to_the_saved_answers(page: Page, site_url: str) -> None:
    mine_text = save_mine(page, site_url)
    open_checklist(page, link(site_url, THEIRS))
    page.get_by_role("button", name="Keep mine").click()
    expect(page.locator("[data-ftr-shared-done]")).to_have_text(
        "Showing your own saved answers again. The shared answers were not saved."
    )
    expect(page.locator("[data-ftr-shared-done]")).to_be_focused()
    expected = cli_assess(MINE)
    expect_result(page, expected["verdict"], expected["score"])
    assert checked_answers(page) == MINE
    assert "#answers" not in page.url
    assert stored_text(page) == mine_text

    page.reload()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    expect(page.locator("[data-ftr-shared]")).to_have_count(0)
    assert checked_answers(page) == MINE


def test_replace_mine_saves_the_shared_answers_and_undo_restores_exactly(
    page: Page, site_url: str
) -> None:
    mine_text = save_mine(page, site_url)
    open_checklist(page, link(site_url, THEIRS))
    page.get_by_role("button", name="Replace mine").click()
    expect(page.locator("[data-ftr-shared-done]")).to_have_text(
        "The shared answers are now your saved answers in this browser."
    )
    assert "#answers" not in page.url
    assert stored(page)["answers"] == THEIRS
    assert checked_answers(page) == THEIRS

    page.get_by_role("button", name="Undo").click()
    expect(page.locator("[data-ftr-shared-done]")).to_have_text(
        "Your previous answers are back, as they were saved."
    )
    expected = cli_assess(MINE)
    expect_result(page, expected["verdict"], expected["score"])
    assert checked_answers(page) == MINE
    assert stored_text(page) == mine_text

    page.reload()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    assert checked_answers(page) == MINE
    assert stored_text(page) == mine_text


def test_compare_lists_the_statements_answered_differently(page: Page, site_url: str) -> None:
    save_mine(page, site_url)
    open_checklist(page, link(site_url, THEIRS))
    compare = page.get_by_role("button", name="Compare")
    expect(compare).to_have_attribute("aria-expanded", "false")
    compare.click()
    expect(compare).to_have_attribute("aria-expanded", "true")
    table = page.locator("[data-ftr-shared-table]")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    # use-case-defined differs, rag-tried and holdout-set are answered on one side only;
    # new-knowledge is "no" on both and is not listed.
    expect(rows).to_have_count(3)
    row = table.locator("[data-ftr-shared-row=use-case-defined]")
    statement = CRITERIA.item("use-case-defined").statement
    expect(row.locator("th")).to_have_text(statement)
    expect(row.locator("td")).to_have_text(["yes", "no"])
    expect(table.locator("[data-ftr-shared-row=holdout-set] td")).to_have_text(
        ["not answered", "yes"]
    )
    expect(table.locator("[data-ftr-shared-row=new-knowledge]")).to_have_count(0)


def test_a_link_to_a_browser_without_saved_answers_simply_loads(
    browser: Browser, site_url: str
) -> None:
    fresh = browser.new_context()
    try:
        page = fresh.new_page()
        open_checklist(page, link(site_url, THEIRS))
        expect(page.locator("[data-ftr-notices]")).to_contain_text(
            "You had no saved answers here, so these are now saved in this browser."
        )
        expect(page.locator("[data-ftr-shared]")).to_have_count(0)
        assert stored(page)["answers"] == THEIRS
        assert "#answers" not in page.url
    finally:
        fresh.close()


def test_numbers_as_typed_are_accepted_and_carried_by_a_share_link(
    page: Page, browser: Browser, site_url: str
) -> None:
    numbers = {
        "training-examples": "1,000",
        "holdout-examples": "1 200",
        "baseline-pass-rate": "75%",
    }
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", numbers)
    expected = cli_assess(numbers)
    expect_result(page, expected["verdict"], expected["score"])
    for key in numbers:
        expect(page.locator(f"[data-ftr-field-error={key}]")).to_be_hidden()
        expect(page.locator(f"#all--{key}--number")).to_have_attribute("aria-invalid", "false")
    page.locator("[data-ftr-action=share]").click()
    shared = page.locator("input[data-ftr-share-link]").input_value()
    assert "training-examples:1%2C000" in shared
    assert "baseline-pass-rate:75%25" in shared

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        open_checklist(other, shared)
        for key, value in numbers.items():
            expect(other.locator(f"#all--{key}--number")).to_have_value(value)
        expect_result(other, expected["verdict"], expected["score"])
        assert stored(other)["answers"] == numbers
    finally:
        fresh.close()
