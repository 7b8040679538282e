"""What a checklist says before and while it is answered (issue 25): a question's page scores its
own question, and the blank checklist says once what to do, with steps that jump to the
statement."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import CRITERIA, STORAGE_KEY, choose, cli_assess, expect_result, open_checklist

pytestmark = pytest.mark.browser


def test_a_question_page_scores_its_own_question_only(page: Page, site_url: str) -> None:
    question = CRITERIA.questions[0]
    others = {
        item.id: "no"
        for q in CRITERIA.questions[1:]
        for item in [i for i in q.items if i.kind != "number"][:2]
    }
    first = question.items[0]
    page.goto(site_url + "404.html")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [STORAGE_KEY, json.dumps({"version": CRITERIA.version, "answers": {**others}})],
    )
    open_checklist(page, site_url + question.page.removesuffix(".md") + "/")
    result = page.locator(f"[data-ftr-result][data-scope='{question.id}']")
    progress = result.locator("[data-ftr-question-progress]")
    # Eight answers to other questions are saved; this page counts none of them.
    expect(progress).to_contain_text(
        f"This question: 0 of {len(question.items)} statements answered"
    )
    choose(page, question.id, {first.id: "yes"})
    expect(progress).to_contain_text(
        f"This question: 1 of {len(question.items)} statements answered"
    )
    # One answer is no score, and the overall verdict is not this page's to give.
    expect(result.locator("[data-ftr-question-summary]")).to_contain_text("No score until its")
    expect(result.locator("[data-ftr-question-score]")).to_have_count(0)
    expect(result).not_to_contain_text("Overall verdict")
    expect(result).not_to_contain_text("Not assessed yet")
    expect(result.locator("[data-ftr-verdict]")).to_have_count(0)
    steps = result.locator("[data-ftr-steps] li[data-ftr-step]").evaluate_all(
        "nodes => nodes.map(node => node.dataset.ftrStep)"
    )
    assert steps and set(steps) <= {item.id for item in question.items}
    overall = result.get_by_role("link", name="full readiness checklist")
    expect(overall).to_have_attribute("href", re.compile(r"checklist/$"))

    own = {item.id: "yes" if item.kind == "ready" else "no" for item in question.items}
    choose(page, question.id, own)
    section = next(s for s in cli_assess({**others, **own})["sections"] if s["id"] == question.id)
    expect(result.locator("[data-ftr-question-score]")).to_have_attribute(
        "data-ftr-question-score", str(section["score"])
    )
    expect(result.locator("[data-ftr-question-summary]")).to_contain_text(
        f"Score {section['score']}/100"
    )
    expect(progress).to_have_text(
        f"This question: {section['answered']} of {section['total']} statements answered."
    )


def test_the_blank_checklist_says_once_what_to_do(page: Page, site_url: str) -> None:
    open_checklist(page, site_url + "checklist/")
    blank = cli_assess({})
    expect_result(page, "incomplete", None)
    report = page.locator("[data-ftr-report]")
    assert report.inner_text().count("Not assessed yet") == 1
    # The status line is for screen readers once the report shows the same words.
    expect(page.locator("[data-ftr-status]")).to_have_class(re.compile(r"\bftr-sr-only\b"))
    # The count from the markup gives way to the checker's report, which lists what is left.
    expect(page.locator("[data-ftr-tally]")).to_be_hidden()
    # The loading bar under the sticky header is gone once the checker has answered.
    expect(page.locator("[data-ftr-live] progress")).to_be_hidden()

    first = blank["next_steps"][0]["id"]
    step = page.locator(f"[data-ftr-steps] li[data-ftr-step='{first}']")
    jump = step.get_by_role("link", name="Go to the statement")
    expect(jump).to_have_attribute("href", f"#{first}")
    jump.click()
    expect(page.locator(f"#{first} input").first).to_be_focused()
    assert "#" not in page.url
    page.keyboard.press("Space")
    expect(step).to_have_count(0)
