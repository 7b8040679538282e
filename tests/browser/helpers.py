"""What the browser tests share: the criteria, answer sets, the CLI's verdict and page actions."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from checker.readiness.criteria import Item, load_criteria

from .conftest import PYODIDE_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = load_criteria(ROOT / "checker" / "criteria.toml")
ITEMS = CRITERIA.scored_items()  # the context's choices are answered by the personas' test
STORAGE_KEY = "ftr:answers"
# After Python is up, a rescore takes milliseconds; a wrong result must not wait 90 s to fail.
RESCORE_TIMEOUT_MS = 10_000

Answers = dict[str, str]
# What a scored checklist shows: the verdict (full checklist) or the question's own result.
SCORED = "[data-ftr-verdict], [data-ftr-question-result]"


STRONG_NUMBERS = {
    "training-examples": "800",
    "holdout-examples": "400",
    "baseline-pass-rate": "70",
    "smallest-gain": "10",
}


def good(item: Item) -> str:
    return (
        STRONG_NUMBERS[item.id]
        if item.kind == "number"
        else "yes"
        if item.kind == "ready"
        else "no"
    )


def bad(item: Item) -> str:
    return "no" if item.kind == "ready" else "yes"


def _first(severity: str) -> Item:
    return next(item for item in ITEMS if item.severity == severity and item.kind != "number")


def answer_sets() -> dict[str, Answers]:
    """Answer sets that between them reach every verdict, including "not assessed yet"."""
    blocker, caution = _first("blocker"), _first("caution")
    all_good = {item.id: good(item) for item in ITEMS}
    cycle = ("yes", "no", "unsure")
    mix = {
        item.id: cycle[index % 3]
        for index, item in enumerate(item for item in ITEMS if item.kind != "number")
    }
    return {
        "blank": {},
        "one-blocker": {blocker.id: bad(blocker)},
        "all-good": all_good,
        "caution-only": {**all_good, caution.id: bad(caution)},
        "almost": {
            **all_good,
            "cost-main-motive": "yes",
            "behaviour-goal": "no",
            "failures-concrete": "no",
            "failures-fit-training": "no",
            "covers-failures": "no",
        },
        "forty-examples": {**all_good, "training-examples": "40", "holdout-examples": "10"},
        "not-applicable": {**all_good, "rag-tried": "n/a", "user-acceptance": "n/a"},
        "mix": {**mix, **STRONG_NUMBERS, "baseline-pass-rate": "unsure"},
    }


def cli_assess(answers: Answers) -> dict[str, Any]:
    """The command line's assessment of ``answers``, from a real ``python -m checker`` process."""
    return json.loads(_cli_assess(json.dumps(answers, sort_keys=True)))  # type: ignore[no-any-return]


def cli_assess_report(report_json: str) -> dict[str, Any]:
    """``assess`` fed a report (the page's JSON export) instead of an answers file."""
    return json.loads(_cli_assess(report_json))  # type: ignore[no-any-return]


@functools.cache
def _cli_assess(answers_json: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.json"
        path.write_text(answers_json, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "checker", "assess", str(path), "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    return done.stdout


def open_checklist(page: Page, url: str) -> None:
    """Go to a checklist page and wait for the first score (Python loads on the way): the
    verdict on the full checklist, the question's own result on a question's page.

    A reading page starts Python when its checklist is first touched: focusing a choice does it.
    """
    page.goto(url)
    if page.locator("[data-ftr-result][data-ftr-start=on-touch]").count():
        page.locator("form[data-ftr-checklist] input[type=radio]").first.focus()
    expect(page.locator(SCORED)).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)


def choose(page: Page, scope: str, answers: Answers) -> None:
    for item_id, value in answers.items():
        if CRITERIA.item(item_id).kind == "number":
            if value == "unsure":
                page.locator(f"#{scope}--{item_id}--unsure").check()
            else:
                page.locator(f"#{scope}--{item_id}--number").fill(value)
        else:
            choice = value.replace("/", "").replace(".", "_")
            page.locator(f"#{scope}--{item_id}--{choice}").check()


def expect_result(page: Page, verdict: str, score: int | None) -> None:
    expect(page.locator("[data-ftr-verdict]")).to_have_attribute(
        "data-ftr-verdict", verdict, timeout=RESCORE_TIMEOUT_MS
    )
    if score is None:
        expect(page.locator("[data-ftr-score]")).to_have_count(0, timeout=RESCORE_TIMEOUT_MS)
    else:
        expect(page.locator("[data-ftr-score]")).to_have_attribute(
            "data-ftr-score", str(score), timeout=RESCORE_TIMEOUT_MS
        )


def shown_result(page: Page) -> tuple[str, int | None]:
    verdict = page.locator("[data-ftr-verdict]").get_attribute("data-ftr-verdict")
    assert verdict is not None
    if not page.locator("[data-ftr-score]").count():
        return verdict, None
    score = page.locator("[data-ftr-score]").get_attribute("data-ftr-score")
    assert score is not None
    return verdict, int(score)


def checked_answers(page: Page, scope: str = "all") -> Answers:
    """The answers the form shows: checked radios, filled number fields, ticked unsure boxes."""
    pairs: list[list[str]] = page.eval_on_selector_all(
        f"form[data-scope='{scope}'] input[type=radio]:checked,"
        f" form[data-scope='{scope}'] input[data-ftr-number],"
        f" form[data-scope='{scope}'] input[data-ftr-unsure]:checked",
        """inputs => inputs.flatMap(input =>
            input.dataset.ftrUnsure !== undefined ? [[input.dataset.ftrUnsure, "unsure"]]
            : input.type === "radio" ? [[input.name, input.value]]
            : input.value.trim() ? [[input.name, input.value.trim()]] : [])""",
    )
    return dict(pairs)


def stored(page: Page) -> Any:
    text = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return None if text is None else json.loads(text)
