"""Convert and Fix on the dataset page: a file in another format is said to be one and sent to
Convert, Fix says what it leaves out, the result is checked again, and the downloads equal what
the command line writes, byte for byte, naming no working folder of the page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .conftest import PYODIDE_TIMEOUT_MS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CONVERT = ROOT / "tests" / "data" / "convert"
FIX = ROOT / "tests" / "data" / "fix" / "basic"


def cli(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "cli.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "checker", *args, "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return out


def check(page: Page, site_url: str, train: Path) -> None:
    """Choose the file (the check starts by itself) and wait for Convert or Fix."""
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(train))
    expect(page.locator("[data-ftr-repair]")).to_be_visible(timeout=PYODIDE_TIMEOUT_MS)


def downloaded(page: Page, key: str) -> bytes:
    with page.expect_download() as download:
        page.click(f"[data-ftr-repair-download={key}]")
    return Path(download.value.path()).read_bytes()


@pytest.mark.parametrize(
    "case", ["csv-header", "prompt-completion", "auto-csv-bom", "json-array-alpaca"]
)
def test_convert_downloads_equal_the_cli(
    page: Page, site_url: str, tmp_path: Path, case: str
) -> None:
    source = next((CONVERT / case).glob("input.*"))
    expected = cli(tmp_path, "convert", str(source), "--from", "auto")
    check(page, site_url, source)
    # The mapping and the preview come by themselves; the button shows them again.
    expect(page.locator("[data-ftr-repair-mapping]")).to_contain_text("user <- ")
    expect(page.locator("[data-ftr-repair-result]")).to_contain_text('"role": "assistant"')
    page.click("[data-ftr-repair-convert]")
    expect(page.locator("[data-ftr-repair-status]")).to_contain_text("Done: 0 errors")
    assert downloaded(page, "output") == expected.read_bytes()
    assert downloaded(page, "rejects") == (tmp_path / "cli.rejects.jsonl").read_bytes()
    changes = json.loads(downloaded(page, "changes"))
    assert changes["command"] == "convert"
    # The reader's file names, not the page's working folders (/tmp/repair-N/...).
    assert changes["files"]["input"] == source.name
    assert all("/" not in name for name in changes["files"].values()), changes["files"]
    assert "repair-" not in json.dumps(changes)


def test_a_csv_of_questions_and_answers_is_sent_to_convert_and_checked_again(
    page: Page, site_url: str
) -> None:
    source = CONVERT / "csv-header" / "input.csv"
    expected = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "checker",
                "validate",
                str(CONVERT / "csv-header" / "expected.jsonl"),
                "--format",
                "json",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        ).stdout
    )
    check(page, site_url, source)
    verdict = page.locator("[data-ftr-dataset-verdict]").first
    expect(verdict).to_have_text(
        "This is a CSV file with Question and Answer columns, not chat JSON Lines: "
        "convert it below."
    )
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text("convert it below")
    # No FAIL and no list of errors in sight: the check of the file as it is is folded away.
    as_is = page.locator("[data-ftr-dataset-report] .ftr-verdict--fail")
    expect(as_is).to_have_count(1)
    expect(as_is).to_be_hidden()
    expect(page.locator("[data-ftr-finding]").first).to_be_hidden()
    expect(page.locator("[data-ftr-repair] h3")).to_be_focused()
    expect(page.locator("[data-ftr-repair-from]")).to_have_value("auto")
    mapping = page.locator("[data-ftr-repair-mapping]")
    expect(mapping).to_contain_text("user <- column Question")
    expect(mapping.locator("code").first).to_have_text("Question")
    # The preview reads from the left, wraps, and can be reached and scrolled from the keyboard.
    preview = page.locator(".ftr-repair__preview pre").first
    expect(preview).to_have_attribute("tabindex", "0")
    preview.focus()
    expect(preview).to_be_focused()
    styles = preview.evaluate(
        """(pre) => [getComputedStyle(pre.closest("figure")).textAlign,
                     getComputedStyle(pre.querySelector("code")).whiteSpace]"""
    )
    assert styles == ["left", "pre-wrap"], styles
    border = page.locator("[data-ftr-repair-system]").evaluate(
        "(input) => getComputedStyle(input).borderTopStyle"
    )
    assert border == "solid"
    violations = Axe().run(page, context="[data-ftr-repair]").response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []

    page.click("[data-ftr-repair-convert]")
    checked = page.locator("[data-ftr-repair-checked]")
    expect(checked.locator(".ftr-verdict")).to_have_text(
        f"The converted file, checked again: {expected['examples']:,} examples. "
        f"{expected['verdict_label']}"
    )
    expect(checked).to_have_attribute("data-ftr-repair-checked", expected["verdict"])
    # The converted file's checklist answers are offered; the CSV's own never were.
    expect(page.locator("[data-ftr-evidence-item='training-examples']")).to_contain_text(
        f"holds {expected['examples']:,} examples"
    )


def test_fix_downloads_equal_the_cli(page: Page, site_url: str, tmp_path: Path) -> None:
    expected = cli(tmp_path, "fix", str(FIX / "train.jsonl"), "--drop-near-duplicates")
    check(page, site_url, FIX / "train.jsonl")
    removes = page.locator("[data-ftr-repair-removes]")
    expect(removes).to_contain_text("duplicate example")
    expect(removes.locator("code.ftr-code-label").first).to_be_visible()
    page.check("[data-ftr-repair-near]")
    page.click("[data-ftr-repair-fix]")
    expect(page.locator("[data-ftr-repair-status]")).to_contain_text("Done: 0 errors")
    assert downloaded(page, "output") == expected.read_bytes()
    assert downloaded(page, "rejects") == (tmp_path / "cli.rejects.jsonl").read_bytes()
    changes = downloaded(page, "changes")
    assert b"repair-" not in changes and b"/tmp/" not in changes
    expect(page.locator("[data-ftr-repair-checked]")).to_contain_text(
        "The fixed file, checked again: "
    )


def test_a_clean_chat_file_is_offered_nothing(page: Page, site_url: str) -> None:
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(CONVERT / "csv-header" / "expected.jsonl"))
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text(
        "Checked", timeout=PYODIDE_TIMEOUT_MS
    )
    page.wait_for_timeout(500)
    assert page.locator("[data-ftr-repair]").count() == 0


def test_fix_of_two_files_with_one_name(page: Page, site_url: str, tmp_path: Path) -> None:
    """A training and a validation file both called data.jsonl (from two folders): both fixed
    files are offered, and the dropped lines too."""
    train, validation = tmp_path / "a" / "data.jsonl", tmp_path / "b" / "data.jsonl"
    for path, source in ((train, "train.jsonl"), (validation, "validation.jsonl")):
        path.parent.mkdir()
        path.write_bytes((FIX / source).read_bytes())
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-validation", str(validation))
    page.set_input_files("#dataset-train", str(train))
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text(
        "Checked", timeout=PYODIDE_TIMEOUT_MS
    )
    page.click("[data-ftr-repair-fix]")
    expect(page.locator("[data-ftr-repair-status]")).to_contain_text("Done: ")
    expect(page.locator("[data-ftr-repair-status]")).not_to_contain_text("named for two outputs")
    expect(page.locator("[data-ftr-repair-download=validation_output]")).to_contain_text(
        "data.validation.fixed.jsonl"
    )
    assert downloaded(page, "output") and downloaded(page, "validation_output")
    assert b'"same_as"' in downloaded(page, "dropped")
