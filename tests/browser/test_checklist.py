"""The checklist page as a visitor uses it: scoring, saving, sharing, resetting and exporting."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from checker.readiness.criteria import ROUTES

from .conftest import PYODIDE_TIMEOUT_MS
from .helpers import (
    CRITERIA,
    ITEMS,
    RESCORE_TIMEOUT_MS,
    ROOT,
    STORAGE_KEY,
    answer_sets,
    checked_answers,
    choose,
    cli_assess,
    cli_assess_report,
    expect_result,
    open_checklist,
    shown_result,
    stored,
)

pytestmark = pytest.mark.browser

VERDICTS = {"incomplete", "ready", "almost", "not-ready"}


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
        expect(page.locator("[data-ftr-status]")).to_contain_text(expected["summary"])
        shown_steps = page.locator("[data-ftr-steps] li[data-ftr-step]").evaluate_all(
            "nodes => nodes.map(node => node.dataset.ftrStep)"
        )
        assert shown_steps == [step["id"] for step in expected["next_steps"]], name
        more = len(expected["next_steps"]) - expected["steps_shown"]
        expect(page.locator("[data-ftr-more-steps] > summary")).to_have_count(1 if more > 0 else 0)
    # The sets must exercise the rules, not all land on one result.
    assert len(seen) >= 5
    assert {verdict for verdict, _ in seen} == VERDICTS


def test_blank_checklist_shows_no_verdict_and_no_score(page: Page, site_url: str) -> None:
    open_checklist(page, site_url + "checklist/")
    blank = cli_assess({})
    assert blank["verdict"] == "incomplete" and blank["score"] is None
    expect_result(page, "incomplete", None)
    verdict = page.locator("[data-ftr-verdict]")
    expect(verdict).to_contain_text(f"Not assessed yet: {len(blank['left'])} statements left")
    for word in ("Ready", "Almost", "Score"):
        expect(verdict).not_to_contain_text(word)
    expect(page.locator("[data-ftr-result] meter")).to_have_count(0)
    expect(page.locator("[data-ftr-live]")).not_to_contain_text("score")


def test_a_bad_number_gets_a_field_message(page: Page, site_url: str) -> None:
    open_checklist(page, site_url + "checklist/")
    page.locator("#all--training-examples--number").fill("-4")
    message = page.locator("[data-ftr-field-error=training-examples]")
    expect(message).to_have_text("-4 is out of range: give 0 to 10,000,000 examples")
    expect(page.locator("#all--training-examples--number")).to_have_attribute(
        "aria-invalid", "true"
    )
    page.locator("#all--training-examples--number").fill("40")
    expect(message).to_be_hidden()
    page.locator("#all--training-examples--unsure").check()
    expect(page.locator("#all--training-examples--number")).to_have_value("")
    assert stored(page)["answers"]["training-examples"] == "unsure"


def test_answers_saved_for_the_previous_version_are_migrated(page: Page, site_url: str) -> None:
    old = {"use-case-defined": "yes", "dataset-volume": "yes", "holdout-set": "no"}
    page.goto(site_url + "404.html")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [STORAGE_KEY, json.dumps({"version": "2026.11.1", "answers": old})],
    )
    open_checklist(page, site_url + "checklist/")
    kept = {"use-case-defined": "yes", "holdout-set": "no"}
    expected = cli_assess(kept)
    expect_result(page, expected["verdict"], expected["score"])
    assert checked_answers(page) == kept
    notices = page.locator("[data-ftr-notices]")
    expect(notices).to_contain_text("version 2026.11.1, now " + CRITERIA.version)
    expect(notices).to_contain_text("became a number")
    expect(notices).not_to_contain_text("dropped")


def test_an_old_share_link_is_migrated_too(page: Page, site_url: str) -> None:
    open_checklist(
        page, site_url + "checklist/#answers=2026.11.1;use-case-defined:y,dataset-volume:y"
    )
    expect(page.locator("[data-ftr-notices]")).to_contain_text("loaded from a share link")
    expect(page.locator("[data-ftr-notices]")).to_contain_text("became a number")
    assert checked_answers(page) == {"use-case-defined": "yes"}


def test_reload_keeps_the_answers(page: Page, site_url: str) -> None:
    answers = answer_sets()["mix"]
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", answers)
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])

    page.reload()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
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
        expect(other.locator("[data-ftr-notices]")).to_contain_text("loaded from a share link")
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
    expect_result(page, "incomplete", None)
    assert blank["verdict"] == "incomplete"
    assert checked_answers(page) == {}
    assert stored(page) is None
    page.reload()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    expect_result(page, "incomplete", None)
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
    report_text = json_download.value.path().read_text(encoding="utf-8")
    report = json.loads(report_text)
    assert (report["verdict"], report["score"]) == (verdict, score)
    # The page's export is something `assess` reads back, giving the same result.
    assert cli_assess_report(report_text) == report

    with page.expect_download() as markdown_download:
        page.locator("[data-ftr-action=markdown]").click()
    assert markdown_download.value.suggested_filename.endswith(".md")
    markdown = markdown_download.value.path().read_text(encoding="utf-8")
    verdict_line = next(line for line in markdown.splitlines() if "Verdict" in line)
    assert verdict_line.strip().endswith(expected["summary"])
    assert f"{score}/100" in markdown
    for item_id, value in answer_sets()["caution-only"].items():
        row = next(line for line in markdown.splitlines() if f"(`{item_id}`)" in line)
        assert row.rsplit("|", 2)[1].strip().startswith(value), item_id


PERSONAS = ROOT / "tests" / "data" / "personas"
# The page judges with today's date and the packaged facts, so the move shown is compared with the
# command line's on the same day (tests/checker/test_personas.py pins each persona's route).
SHOWN_PERSONAS = (
    "openai-newcomer",
    "cost-only-low-volume",
    "holdout-contradiction",
    "read-the-outputs",
)


def test_the_page_leads_with_the_next_move_for_personas(page: Page, site_url: str) -> None:
    open_checklist(page, site_url + "checklist/")
    for name in SHOWN_PERSONAS:
        data = json.loads((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))
        answers = {
            key: str(value) for key, value in data["answers"].items() if key != "criteria_version"
        }
        reset(page)
        choose(page, "all", answers)
        expected = cli_assess(answers)
        assert expected["next_move"]["route"] in ROUTES, name
        move = page.locator("[data-ftr-report] [data-ftr-move]")
        expect(move).to_have_attribute("data-ftr-move", expected["next_move"]["route"])
        expect(move).to_contain_text(expected["next_move"]["text"])
        expect(page.locator("[data-ftr-move-why]")).to_have_text(expected["next_move"]["why"])
        # The move first, then the verdict and score, then the bars coloured by band.
        order = page.locator("[data-ftr-report] > *").evaluate_all(
            "nodes => nodes.map(node => node.className.split(' ')[0])"
        )
        assert order[:3] == ["ftr-move", "ftr-verdict", "ftr-bars"], name
        bands = page.locator("[data-ftr-report] li[data-ftr-section]").evaluate_all(
            """nodes => nodes.map(node => {
                const meter = node.querySelector("meter");
                return [node.dataset.ftrBand, meter.low, meter.high, meter.optimum];
            })"""
        )
        assert [band for band, *_ in bands] == [s["band"] for s in expected["sections"]], name
        assert all(
            (low, high, optimum)
            == (CRITERIA.scoring.question_ready_at, CRITERIA.scoring.ready_at, 100)
            for _, low, high, optimum in bands
        )


def test_a_share_link_scores_as_the_command_line(page: Page, site_url: str) -> None:
    """Issue 21: the share link reads numbers by Python's rule (the page is given it at build
    time), so every number the command line accepts survives the link, and the page's score is
    the command line's for the same answers."""
    numbers = {
        "baseline-pass-rate": "55.1234567",
        "smallest-gain": ".5",
        "holdout-examples": "+400",
    }
    answers = answer_sets()["not-applicable"] | numbers
    codes = {"yes": "y", "no": "n", "unsure": "u", "n/a": "x"}
    pairs = ",".join(f"{key}:{codes.get(value, value)}" for key, value in answers.items())
    open_checklist(page, f"{site_url}checklist/#answers={CRITERIA.version};{pairs}")
    expected = cli_assess(answers)
    expect_result(page, expected["verdict"], expected["score"])
    for key, value in numbers.items():
        expect(page.locator(f"#all--{key}--number")).to_have_value(value)
    # And back out: the page's own link holds the same numbers, as typed.
    page.locator("[data-ftr-action=share]").click()
    link = page.locator("input[data-ftr-share-link]").input_value()
    assert all(f"{key}:{value}" in link for key, value in numbers.items())


def test_context_choices_survive_a_reload_and_a_share_link(page: Page, site_url: str) -> None:
    """Provider, model and method answers (choices, a model name with capitals among them) are
    kept in the browser and carried by the share link, so the verdict's provider gate sees them
    again."""
    context = {"provider": "azure", "model": "Ministral-3B", "method": "sft"}
    open_checklist(page, site_url + "checklist/")
    choose(page, "all", context)
    expected = cli_assess(context)
    move = page.locator("[data-ftr-report] [data-ftr-move]")
    expect(page.locator("[data-ftr-verdict]")).to_contain_text(
        expected["summary"], timeout=RESCORE_TIMEOUT_MS
    )
    if expected["next_move"]["route"] == "answer":  # said by the verdict and the steps already
        expect(move).to_have_count(0)
    else:
        expect(move).to_have_attribute("data-ftr-move", expected["next_move"]["route"])
    page.reload()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    for item_id, value in context.items():
        expect(page.locator(f"#all--{item_id}--{value.replace('.', '_')}")).to_be_checked()
    page.locator("[data-ftr-action=share]").click()
    link = page.locator("input[data-ftr-share-link]").input_value()
    reset(page)
    page.goto(link)
    page.reload()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    for item_id, value in context.items():
        expect(page.locator(f"#all--{item_id}--{value.replace('.', '_')}")).to_be_checked()
