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

from checker.criteria import Item, load_criteria

from .conftest import PYODIDE_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = load_criteria(ROOT / "checker" / "criteria.toml")
ITEMS = CRITERIA.items()
STORAGE_KEY = "ftr:answers"
# After Python is up, a rescore takes milliseconds; a wrong result must not wait 90 s to fail.
RESCORE_TIMEOUT_MS = 10_000

Answers = dict[str, str]


def good(item: Item) -> str:
    return "yes" if item.kind == "ready" else "no"


def bad(item: Item) -> str:
    return "no" if item.kind == "ready" else "yes"


def _first(severity: str) -> Item:
    return next(item for item in ITEMS if item.severity == severity)


def answer_sets() -> dict[str, Answers]:
    blocker, caution = _first("blocker"), _first("caution")
    all_good = {item.id: good(item) for item in ITEMS}
    cycle = ("yes", "no", "unsure")
    return {
        "blank": {},
        "one-blocker": {blocker.id: bad(blocker)},
        "all-good": all_good,
        "caution-only": {**all_good, caution.id: bad(caution)},
        "mix": {item.id: cycle[index % 3] for index, item in enumerate(ITEMS)},
    }


def cli_assess(answers: Answers) -> dict[str, Any]:
    """The command line's assessment of ``answers``, from a real ``python -m checker`` process."""
    return json.loads(_cli_assess(json.dumps(answers, sort_keys=True)))  # type: ignore[no-any-return]


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
    """Go to a checklist page and wait for the first score (Python loads on the way).

    A reading page starts Python when its checklist is first touched: focusing a choice does it.
    """
    page.goto(url)
    if page.locator("[data-ftr-result][data-ftr-start=on-touch]").count():
        page.locator("form[data-ftr-checklist] input[type=radio]").first.focus()
    expect(page.locator("[data-ftr-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)


def choose(page: Page, scope: str, answers: Answers) -> None:
    for item_id, value in answers.items():
        page.locator(f"#{scope}--{item_id}--{value}").check()


def expect_result(page: Page, verdict: str, score: int) -> None:
    expect(page.locator("[data-ftr-verdict]")).to_have_attribute(
        "data-ftr-verdict", verdict, timeout=RESCORE_TIMEOUT_MS
    )
    expect(page.locator("[data-ftr-score]")).to_have_attribute(
        "data-ftr-score", str(score), timeout=RESCORE_TIMEOUT_MS
    )


def shown_result(page: Page) -> tuple[str, int]:
    verdict = page.locator("[data-ftr-verdict]").get_attribute("data-ftr-verdict")
    score = page.locator("[data-ftr-score]").get_attribute("data-ftr-score")
    assert verdict is not None and score is not None
    return verdict, int(score)


def checked_answers(page: Page, scope: str = "all") -> Answers:
    """The answers the form shows, read from its checked radios."""
    pairs: list[list[str]] = page.eval_on_selector_all(
        f"form[data-scope='{scope}'] input[type=radio]:checked",
        "inputs => inputs.map(input => [input.name, input.value])",
    )
    return dict(pairs)


def stored(page: Page) -> Any:
    text = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return None if text is None else json.loads(text)
