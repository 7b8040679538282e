"""The dataset checker and comparison pages: the tool first, a check that starts on its own, the
same answers as the command line, dataset text shown as text, a long check that can be
cancelled, and checklist answers offered line by line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from checker.readiness.criteria import load_criteria
from tests.site_build import QuietHandler

from .conftest import PYODIDE_TIMEOUT_MS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
DATASETS = DATA / "datasets"
CRITERIA_VERSION = load_criteria(ROOT / "checker" / "criteria.toml").version
BROKEN = DATA / "invalid-datasets"


def cli_json(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "checker", *args, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def cli_text(*args: str) -> list[str]:
    """The CLI's text report, less the file names (paths there, bare names on the page) and the
    backticks around code (shown as code elements on the page)."""
    done = subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return [without_name(line).replace("`", "") for line in done.stdout.splitlines()]


def without_name(line: str) -> str:
    return re.sub(r"^(train|validation) \(.*?\): ", r"\1: ", line)


PAGE_ROWS = """([facts, table]) => [facts, table].map((part) => part ? Array.from(
    part.querySelectorAll("tbody tr"), (row) => Array.from(row.cells, (cell) => cell.textContent)
) : [])"""


def downloaded_json(page: Page, button: str) -> dict[str, Any]:
    with page.expect_download() as download:
        page.click(button)
    path = download.value.path()
    result: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return result


def without_names(report: dict[str, Any]) -> dict[str, Any]:
    """The report less the file names, which are paths on the CLI and bare names on the page."""
    copy: dict[str, Any] = json.loads(json.dumps(report))
    for file in copy["files"]:
        file.pop("name")
    return copy


def check_on_page(
    page: Page, site_url: str, train: Path, validation: Path | None = None, done: str = "Checked"
) -> None:
    """Choose the files; the check starts by itself (no button). The validation file is chosen
    first, so the one check that finishes is of both files."""
    page.goto(site_url + "dataset/")
    if validation:
        page.set_input_files("#dataset-validation", str(validation))
    page.set_input_files("#dataset-train", str(train))
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text(done, timeout=PYODIDE_TIMEOUT_MS)


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_the_drop_zone_is_on_the_first_screen(
    browser: Browser, site_url: str, size: tuple[int, int]
) -> None:
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + "dataset/")
    zone = page.locator("[data-ftr-dataset] .ftr-drop").first.bounding_box()
    context.close()
    assert zone is not None and zone["y"] + zone["height"] <= height, zone


def test_a_dropped_file_is_checked_without_a_button(page: Page, site_url: str) -> None:
    text = (DATASETS / "sft-gsm8k-train.jsonl").read_text(encoding="utf-8")
    page.goto(site_url + "dataset/")
    expect(page.locator("[data-ftr-dataset][data-ftr-ready]")).to_be_attached()
    page.evaluate(
        """(text) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], "train.jsonl", { type: "application/jsonl" }));
            document.querySelector("[data-ftr-dataset] .ftr-drop").dispatchEvent(
                new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        text,
    )
    expect(page.locator("[data-ftr-dataset-verdict]")).to_have_attribute(
        "data-ftr-dataset-verdict", "pass", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text("Checked. PASS")
    # Another model checks the same file again, by itself; the button checks again on demand.
    page.select_option("#dataset-model", "gpt-4o-mini")
    expect(page.locator("[data-ftr-dataset-report]")).to_contain_text(
        "gpt-4o-mini", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(page.get_by_role("button", name="Check again")).to_be_visible()


CASES = {
    "gsm8k with validation": (
        DATASETS / "sft-gsm8k-train.jsonl",
        DATASETS / "sft-gsm8k-validation.jsonl",
    ),
    "tool calls": (DATASETS / "sft-toolcall-train.jsonl", None),
    "preference": (DATASETS / "dpo-orca-validation.jsonl", None),
    "question-answer pairs": (DATASETS / "not-chat-qa-pairs.jsonl", None),
    "leakage": (BROKEN / "leakage.jsonl", BROKEN / "leakage.validation.jsonl"),
    "bad weights": (BROKEN / "bad-weight.jsonl", None),
    "deeply nested": (BROKEN / "deeply-nested.jsonl", None),
    "invalid utf-8": (BROKEN / "invalid-utf8.jsonl", None),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_dataset_page_gives_the_cli_report(page: Page, site_url: str, case: str) -> None:
    train, validation = CASES[case]
    args = ["validate", str(train)] + (["--validation", str(validation)] if validation else [])
    expected = cli_json(*args)
    # A file to convert is said to be one; the check of it as it is waits, folded, below that.
    convert = expected["format"] in ("question-answer", "csv", "json-array", "prompt-completion")
    check_on_page(page, site_url, train, validation, "convert it below" if convert else "Checked")
    if convert:
        page.click("[data-ftr-dataset-report] details.ftr-as-is summary")
    shown = downloaded_json(page, "[data-ftr-download=json]")
    assert without_names(shown) == without_names(expected)
    text = cli_text(*args)
    facts, table = page.evaluate(
        PAGE_ROWS,
        [
            page.locator(".ftr-summary:not([data-ftr-distribution])").element_handle(),
            page.locator("[data-ftr-distribution]").element_handle()
            if page.locator("[data-ftr-distribution]").count()
            else None,
        ],
    )
    assert [without_name(f"{label}: {value}") for label, value in facts] == text[2 : 2 + len(facts)]
    labels = {row[0] for row in table}
    assert table == [
        [line[2:38].strip(), *line[38:].split()]
        for line in text
        if line.startswith("  ") and line[2:38].strip() in labels
    ]
    for code, group in expected["findings"].items():
        finding = page.locator(f"[data-ftr-finding='{code}']")
        expect(finding).to_contain_text(f"{group['count']:,} found")
        for line in {f["line"] for f in group["shown"] if f["line"]}:
            expect(finding.locator(f"li[data-line='{line}']").first).to_be_visible()


def test_dataset_text_is_shown_as_text(page: Page, site_url: str, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.jsonl"
    script = "<script>window.hacked = 1</script>"
    image = "<img src=x onerror='window.hacked = 2'>"
    example = {
        "messages": [
            {"role": "user", "content": script},
            {"role": "assistant", "content": image, "weight": 2},
        ]
    }
    hostile.write_text(json.dumps(example) + "\n" + script + "\n", encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    check_on_page(page, site_url, hostile)
    report = page.locator("[data-ftr-dataset-report]")
    expect(report).to_contain_text(script)
    expect(report).to_contain_text("onerror=")
    assert report.locator("img, script").count() == 0
    assert page.evaluate("window.hacked") is None
    assert dialogs == []


def test_a_long_check_can_be_cancelled(page: Page, site_url: str, tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    line = json.dumps(
        {
            "messages": [
                {"role": "user", "content": "hi " * 40},
                {"role": "assistant", "content": "ok"},
            ]
        }
    )
    big.write_text((line + "\n") * 150_000, encoding="utf-8")
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(big))
    expect(page.locator("[data-ftr-dataset-rate]")).to_contain_text(
        "examples/s", timeout=PYODIDE_TIMEOUT_MS
    )
    page.click("[data-ftr-cancel]")
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text("Cancelled")
    expect(page.locator("[data-ftr-dataset-report]")).to_be_hidden()


def evidence_line(page: Page, item: str) -> Any:
    return page.locator(f"[data-ftr-evidence] [data-ftr-evidence-item='{item}']")


def test_dataset_evidence_is_offered_in_words_and_reaches_the_checklist(
    page: Page, site_url: str
) -> None:
    train = DATASETS / "sft-gsm8k-train.jsonl"
    examples = cli_json("validate", str(train))["examples"]
    statement = load_criteria().item("training-examples").statement
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    check_on_page(page, site_url, train, DATASETS / "sft-gsm8k-validation.jsonl")
    line = evidence_line(page, "training-examples")
    expect(line).to_contain_text(
        f"The checked training file holds {examples:,} examples: answer {examples} examples to "
        f"“{statement}”",
        timeout=PYODIDE_TIMEOUT_MS,
    )
    expect(page.locator("[data-ftr-evidence]")).not_to_contain_text("training-examples")
    # A validation file is not a holdout set: nothing is suggested for it.
    expect(evidence_line(page, "holdout-set")).to_have_count(0)
    line.get_by_role("button", name="Use").click()
    expect(line).to_contain_text(f"Done: your checklist now answers {examples} examples to")
    expect(line.get_by_role("button")).to_have_count(0)
    formatted = evidence_line(page, "dataset-formatted")
    expect(formatted).to_contain_text("The dataset checker found no errors: answer Yes to “")
    formatted.get_by_role("button", name="Use").click()
    expect(formatted).to_contain_text("Done: your checklist now answers Yes to “")
    # Only what was used is saved.
    saved = json.loads(page.evaluate("localStorage.getItem('ftr:answers')"))["answers"]
    assert saved == {"training-examples": str(examples), "dataset-formatted": "yes"}
    assert dialogs == []
    page.goto(site_url + "questions/data/")
    expect(page.locator("#data--dataset-formatted--yes")).to_be_checked()
    expect(page.locator("#data--training-examples--number")).to_have_value(str(examples))


def test_evidence_asks_replace_or_keep_before_replacing_an_answer(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "404.html")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [
            "ftr:answers",
            json.dumps(
                {
                    "version": CRITERIA_VERSION,
                    "answers": {"dataset-formatted": "no", "training-examples": "5"},
                }
            ),
        ],
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    check_on_page(page, site_url, DATASETS / "sft-gsm8k-train.jsonl")
    examples = evidence_line(page, "training-examples")
    expect(examples).to_contain_text(
        "Your checklist answers 5 examples to “", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(examples).to_contain_text("Replace your answer?")
    expect(examples.get_by_role("button", name="Use")).to_have_count(0)
    violations = Axe().run(page, context="[data-ftr-evidence]").response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    examples.get_by_role("button", name="Keep").click()
    expect(examples).to_contain_text("Kept: your checklist still answers 5 examples to “")
    kept = json.loads(page.evaluate("localStorage.getItem('ftr:answers')"))["answers"]
    assert kept["dataset-formatted"] == "no" and kept["training-examples"] == "5"

    formatted = evidence_line(page, "dataset-formatted")
    expect(formatted).to_contain_text("Your checklist answers No to “")
    formatted.get_by_role("button", name="Replace").click()
    expect(formatted).to_contain_text("Done: your checklist now answers Yes to “")
    replaced = json.loads(page.evaluate("localStorage.getItem('ftr:answers')"))["answers"]
    assert replaced["dataset-formatted"] == "yes" and replaced["training-examples"] == "5"
    assert dialogs == []


def test_comparison_evidence_fills_the_measurement_items(page: Page, site_url: str) -> None:
    results = DATA / "compare" / "pass_fail.jsonl"
    expected = cli_json("compare", str(results))
    page.goto(site_url + "compare/")
    page.set_input_files("#compare-results", str(results))
    page.click("[data-ftr-compare] button[type=submit]")
    expect(page.locator("[data-ftr-compare-verdict]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)
    for item in ("compare-with-base", "holdout-examples"):
        line = evidence_line(page, item)
        expect(line).to_contain_text(f"You compared both models on {expected['items']:,} items")
        line.get_by_role("button", name="Use").click()
        expect(line).to_contain_text("Done: your checklist now answers")
    page.goto(site_url + "questions/measure/")
    expect(page.locator("#measure--compare-with-base--yes")).to_be_checked()
    expect(page.locator("#measure--holdout-examples--number")).to_have_value(str(expected["items"]))


def test_comparison_page_gives_the_cli_result(page: Page, site_url: str) -> None:
    results = DATA / "compare" / "pass_fail.jsonl"
    expected = cli_json("compare", str(results), "--seed", "3")
    page.goto(site_url + "compare/")
    page.set_input_files("#compare-results", str(results))
    seed = page.locator("#compare-seed")
    expect(seed).to_be_hidden()  # the seed waits under "More options", after the Compare button
    page.click("[data-ftr-more-options] summary")
    seed.fill("3")
    page.click("[data-ftr-compare] button[type=submit]")
    verdict = page.locator("[data-ftr-compare-verdict]")
    expect(verdict).to_have_attribute(
        "data-ftr-compare-verdict", expected["verdict"], timeout=PYODIDE_TIMEOUT_MS
    )
    shown = downloaded_json(page, "[data-ftr-tool-actions] [data-ftr-download=json]")
    expected["source"] = shown["source"]  # a path on the CLI, the file's name on the page
    assert shown == expected
    assert page.locator("[data-ftr-compare-report] svg.ftr-chart").count() == 1


def test_comparison_of_raw_outputs_and_a_bad_file(page: Page, site_url: str) -> None:
    outputs = DATA / "compare" / "outputs"
    files = {role: outputs / f"{role}.jsonl" for role in ("baseline", "candidate", "reference")}
    expected = cli_json(
        "compare",
        *[arg for role, path in files.items() for arg in (f"--{role}", str(path))],
        "--metric",
        "normalized",
    )
    page.goto(site_url + "compare/")
    page.check("#compare-mode-outputs")
    for role, path in files.items():
        page.set_input_files(f"#compare-{role}", str(path))
    page.select_option("#compare-metric", "normalized")
    page.click("[data-ftr-compare] button[type=submit]")
    expect(page.locator("[data-ftr-compare-verdict]")).to_have_attribute(
        "data-ftr-compare-verdict", expected["verdict"], timeout=PYODIDE_TIMEOUT_MS
    )
    expect(page.locator("[data-ftr-compare-report]")).to_contain_text(
        f"{expected['items']} ({expected['kind']}, metric normalized)"
    )
    page.set_input_files("#compare-candidate", str(outputs / "candidate_missing.jsonl"))
    page.click("[data-ftr-compare] button[type=submit]")
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text("Cannot compare: ")
    # The earlier result and its download buttons are gone: nothing stale stays under an error.
    expect(page.locator("[data-ftr-compare-report]")).to_be_hidden()
    expect(page.locator("[data-ftr-compare-verdict]")).to_have_count(0)
    expect(page.locator("[data-ftr-compare] [data-ftr-tool-actions]")).to_be_hidden()


def test_exact_token_counts_on_the_page_and_the_vocabulary_on_need(
    browser: Browser, site_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: the SVG example (~71.6k real tokens, estimated at ~40k) is over gpt-4o-mini's
    limit and the prose one (~55k, estimated far over) is not, as on the command line; the
    page downloads the tokenizer's vocabulary only once a check starts, not with the page. (The
    service worker keeps it for offline use after a visit has started Python: blocked here, so
    only the page's own requests are seen; tests/browser/test_startup.py covers that.)"""
    from tests.checker.dataset.test_exact_tokens import filler, prose_example, svg_example, write

    records = filler(120)
    records[30] = svg_example()
    records[60] = prose_example()
    train = write(tmp_path / "train.jsonl", records)
    served: list[str] = []

    def record(self: QuietHandler, format: str, *args: object) -> None:
        served.append(str(args[0]) if args else "")

    monkeypatch.setattr(QuietHandler, "log_message", record)
    context = browser.new_context(service_workers="block", accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + "dataset/")
    deadline = time.monotonic() + PYODIDE_TIMEOUT_MS / 1000
    # The checker arrives in the memory snapshot (or, without it, in the wheel).
    started = (".snapshot.gz", ".whl")
    while not any(name in line for line in served for name in started):
        assert time.monotonic() < deadline, served
        page.wait_for_timeout(250)
    page.wait_for_timeout(3000)  # Python starting or ready: the vocabulary is still not needed
    assert not [line for line in served if "/vocabulary/" in line]
    page.select_option("#dataset-model", "gpt-4o-mini")
    page.set_input_files("#dataset-train", str(train))
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text(
        "Checked", timeout=PYODIDE_TIMEOUT_MS
    )
    assert [line for line in served if "/vocabulary/o200k_base.ranks.zlib" in line]
    shown = downloaded_json(page, "[data-ftr-download=json]")
    expected = cli_json("validate", str(train), "--model", "gpt-4o-mini")
    assert without_names(shown) == without_names(expected)
    over = shown["findings"]["over-token-limit"]["shown"]
    assert [item["line"] for item in over] == [31]
    assert "(counted exactly)" in over[0]["message"]
    expect(page.locator("[data-ftr-finding='over-token-limit']")).to_contain_text("exactly")
    context.close()


def test_an_oversized_comparison_is_refused_before_reading(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    big = tmp_path / "results.csv"
    row = b"item,1,0\n"
    with big.open("wb") as out:
        out.write(b"id,baseline,candidate\n")
        out.write(row * (33 * 1024 * 1024 // len(row) + 1))
    page.goto(site_url + "compare/")
    page.set_input_files("#compare-results", str(big))
    page.click("[data-ftr-compare] button[type=submit]")
    status = page.locator("[data-ftr-tool-status]")
    expect(status).to_contain_text(
        "Cannot compare: results.csv is 33 MB", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(status).to_contain_text("python -m checker compare FILE")
    assert page.locator("[data-ftr-compare-report]").is_hidden()
