"""The Python runtime behind the checklist: one worker across pages, and a clear failure."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from checker.web import assess_answers

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import (
    CRITERIA,
    answer_sets,
    checked_answers,
    choose,
    cli_assess,
    expect_result,
    open_checklist,
    stored,
)

pytestmark = pytest.mark.browser


def test_checker_that_cannot_start_says_so_and_answers_are_still_saved(
    page: Page, site_url: str
) -> None:
    def not_found(route: Route) -> None:
        route.fulfill(status=404, body="not found")

    page.route("**/pyodide.asm.wasm", not_found)
    page.goto(site_url + "checklist/")
    status = page.locator("[data-ftr-status]")
    expect(status).to_contain_text("could not start", timeout=PYODIDE_TIMEOUT_MS)
    expect(status).to_contain_text("python -m checker assess")
    expect(page.locator("[data-ftr-verdict]")).to_have_count(0)

    answers = answer_sets()["one-blocker"]
    choose(page, "all", answers)
    assert stored(page)["answers"] == answers
    page.reload()
    assert checked_answers(page) == answers


def test_a_wheel_that_does_not_match_its_hash_is_refused(page: Page, site_url: str) -> None:
    """The worker checks the checker wheel against the hash runtime.json carries: a wheel
    altered on the way (here by the test's router) never reaches Python. (The wheel is fetched
    when Python starts without the memory snapshot, which carries the checker's files.)"""

    def altered(route: Route) -> None:
        body = route.fetch().body()
        route.fulfill(status=200, body=body[:-1] + bytes([body[-1] ^ 1]))

    page.route("**/*.snapshot.gz", lambda route: route.fulfill(status=404, body="gone"))
    page.route("**/wheels/*.whl", altered)
    page.goto(site_url + "checklist/")
    status = page.locator("[data-ftr-status]")
    expect(status).to_contain_text("could not start", timeout=PYODIDE_TIMEOUT_MS)
    expect(status).to_contain_text("did not match runtime.json")
    expect(page.locator("[data-ftr-verdict]")).to_have_count(0)


def test_instant_navigation_keeps_one_worker_and_the_answers(
    context: BrowserContext, site_url: str
) -> None:
    requests: list[str] = []
    # The page and its workers; the service worker keeps its own copy from the HTTP cache.
    context.on(
        "request",
        lambda request: None if request.service_worker else requests.append(request.url),
    )
    page = context.new_page()
    open_checklist(page, site_url + "checklist/")
    question = CRITERIA.questions[0]
    answers = {item.id: "no" for item in question.items[:2]}
    choose(page, "all", answers)
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])

    # Material's instant navigation swaps the page in place; a full load would reset JS globals.
    page.evaluate("window.__sameDocument = true")
    page.locator(f".md-nav a[href$='questions/{question.id}/']").first.click()
    expect(page).to_have_url(re.compile(rf"questions/{question.id}/$"))
    result = page.locator(f"[data-ftr-result][data-scope='{question.id}']")
    # The question's page scores that question: the answers given on the full checklist count.
    expect(result.locator("[data-ftr-question-progress]")).to_contain_text(
        f"This question: 2 of {len(question.items)} statements answered"
    )
    expect(result.locator("[data-ftr-verdict]")).to_have_count(0)
    assert page.evaluate("window.__sameDocument === true"), "the navigation reloaded the page"
    assert checked_answers(page, question.id) == answers
    wasm = [url for url in requests if url.endswith(".wasm")]
    assert len(wasm) == 1, wasm
    checker_workers = [worker.url for worker in page.workers if worker.url.endswith("/worker.js")]
    assert len(checker_workers) == 1, checker_workers


def test_each_question_page_shows_its_own_part(page: Page, site_url: str) -> None:
    for question in CRITERIA.questions:
        open_checklist(page, site_url + f"questions/{question.id}/")
        forms = page.locator("form[data-ftr-checklist]")
        expect(forms).to_have_count(1)
        expect(forms).to_have_attribute("data-scope", question.id)
        expect(forms.locator("[data-item]")).to_have_count(len(question.items))
        # Counted by Python for this question only (statements for one training method count
        # once that method is chosen); no overall verdict, which weighs all five questions.
        own = assess_answers("{}", question.id)["question"]
        expect(page.locator("[data-ftr-question-progress]")).to_have_text(
            f"This question: {own['progress']}. "
        )
        assert own["progress"].startswith(f"0 of {own['total']} statements answered")
        expect(page.locator("[data-ftr-result]")).not_to_contain_text("verdict:")
        expect(page.locator("[data-ftr-verdict]")).to_have_count(0)
