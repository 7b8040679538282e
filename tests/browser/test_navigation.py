"""Python only when it is wanted, and instant navigation wherever the site is served from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.site_build import serve

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import CRITERIA, checked_answers, choose, cli_assess, expect_result, stored

pytestmark = pytest.mark.browser

RUNTIME = re.compile(r"/(pyodide/|wheels/|assets/js/worker\.js)")


@pytest.fixture(scope="module")
def other_port(site_dir: Path) -> Iterator[str]:
    """The same built site on a second port, which is not the one in its site_url."""
    with serve(site_dir) as url:
        yield url


def test_reading_page_loads_python_only_when_its_checklist_is_touched(
    context: BrowserContext, site_url: str
) -> None:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    question = CRITERIA.questions[0]
    page.goto(site_url + f"questions/{question.id}/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 3000)  # reading and scrolling do not count as touching
    page.wait_for_timeout(500)
    assert [url for url in requests if RUNTIME.search(url)] == []
    status = page.locator("[data-ftr-status]")
    expect(status).to_contain_text("starts then")

    # Answering saves at once, then starts Python and scores.
    item = question.items[0]
    choose(page, question.id, {item.id: "no"})
    assert stored(page)["answers"] == {item.id: "no"}
    expect(page.locator("[data-ftr-question-progress]")).to_contain_text(
        f"This question: 1 of {len(question.items)} statements answered",
        timeout=PYODIDE_TIMEOUT_MS,
    )
    assert any(url.endswith(".wasm") for url in requests)


def test_checklist_shows_loading_in_the_sticky_bar(page: Page, site_url: str) -> None:
    page.goto(site_url + "checklist/")
    live = page.locator("[data-ftr-live]")
    expect(live).to_be_visible()
    expect(live).to_contain_text(re.compile(r"Loading the checker|score"))
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    box = live.bounding_box()
    assert box is not None and 0 <= box["y"] < 120, "the bar stays in view under the header"


def test_instant_navigation_on_a_port_other_than_site_url(
    page: Page, site_url: str, other_port: str
) -> None:
    assert other_port != site_url
    page.goto(other_port + "checklist/")
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    question = CRITERIA.questions[1]
    answers = {question.items[0].id: "yes"}
    choose(page, "all", answers)
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])
    page.evaluate("window.__sameDocument = true")
    page.locator(f".md-nav a[href$='questions/{question.id}/']").first.click()
    expect(page).to_have_url(other_port + f"questions/{question.id}/")
    result = page.locator(f"[data-ftr-result][data-scope='{question.id}']")
    expect(result.locator("[data-ftr-question-progress]")).to_contain_text(
        f"This question: 1 of {len(question.items)} statements answered"
    )
    assert page.evaluate("window.__sameDocument === true"), "the click reloaded the page"
    assert checked_answers(page, question.id) == answers
