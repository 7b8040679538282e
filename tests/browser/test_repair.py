"""Convert and Fix on the dataset page: offered after a check, previewed, and the downloads equal
what the command line writes, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(train))
    page.click("[data-ftr-dataset] button[type=submit]")
    expect(page.locator("[data-ftr-tool-status]")).to_contain_text(
        "Checked", timeout=PYODIDE_TIMEOUT_MS
    )
    expect(page.locator("[data-ftr-repair]")).to_be_visible()


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
    page.click("[data-ftr-repair-preview]")
    expect(page.locator("[data-ftr-repair-mapping]")).to_contain_text("user <- ")
    expect(page.locator("[data-ftr-repair-result]")).to_contain_text('"role": "assistant"')
    page.click("[data-ftr-repair-convert]")
    expect(page.locator("[data-ftr-repair-status]")).to_contain_text("Done: 0 errors")
    assert downloaded(page, "output") == expected.read_bytes()
    assert downloaded(page, "rejects") == (tmp_path / "cli.rejects.jsonl").read_bytes()
    assert b'"command": "convert"' in downloaded(page, "changes")


def test_fix_downloads_equal_the_cli(page: Page, site_url: str, tmp_path: Path) -> None:
    expected = cli(tmp_path, "fix", str(FIX / "train.jsonl"), "--drop-near-duplicates")
    check(page, site_url, FIX / "train.jsonl")
    page.check("[data-ftr-repair-near]")
    page.click("[data-ftr-repair-fix]")
    expect(page.locator("[data-ftr-repair-status]")).to_contain_text("Done: 0 errors")
    assert downloaded(page, "output") == expected.read_bytes()
    assert downloaded(page, "rejects") == (tmp_path / "cli.rejects.jsonl").read_bytes()


def test_a_clean_chat_file_is_offered_nothing(page: Page, site_url: str) -> None:
    page.goto(site_url + "dataset/")
    page.set_input_files("#dataset-train", str(CONVERT / "csv-header" / "expected.jsonl"))
    page.click("[data-ftr-dataset] button[type=submit]")
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
    page.set_input_files("#dataset-train", str(train))
    page.set_input_files("#dataset-validation", str(validation))
    page.click("[data-ftr-dataset] button[type=submit]")
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
