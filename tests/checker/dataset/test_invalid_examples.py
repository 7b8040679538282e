"""Every case in tests/data/invalid-datasets, through the API and through the CLI in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from checker.dataset import validate_dataset
from tests.checker.dataset.helpers import INVALID

CASES = sorted(path.name[: -len(".expected.json")] for path in INVALID.glob("*.expected.json"))
Key = tuple[str, str, int, str]


def load_case(case: str) -> tuple[Path, Path | None, dict[str, Any]]:
    expected = json.loads((INVALID / f"{case}.expected.json").read_text(encoding="utf-8"))
    validation = INVALID / expected["validation"] if "validation" in expected else None
    return INVALID / f"{case}.jsonl", validation, expected


def finding_keys(report: dict[str, Any], ignore: list[str]) -> list[Key]:
    keys = []
    for code, group in report["findings"].items():
        if code in ignore:
            continue
        assert group["count"] == len(group["shown"]), f"{code}: keep cases under the list cap"
        keys += [(f["code"], f["severity"], f["line"] or 0, f["file"]) for f in group["shown"]]
    return sorted(keys)


def options(expected: dict[str, Any]) -> dict[str, Any]:
    """The case's provider, model and method, as keyword arguments."""
    return {
        "provider": expected.get("provider", "azure"),
        "model": expected.get("model"),
        "method": expected.get("method"),
    }


def cli_options(expected: dict[str, Any]) -> list[str]:
    return [f"--{k}={v}" for k, v in options(expected).items() if v]


def expected_keys(expected: dict[str, Any]) -> list[Key]:
    return sorted(
        (f["code"], f["severity"], f["line"] or 0, f["file"]) for f in expected["findings"]
    )


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES)
def test_case_through_the_api(case: str) -> None:
    train, validation, expected = load_case(case)
    report = validate_dataset(train, validation, **options(expected)).to_dict()
    assert report["format"] == expected["format"]
    assert finding_keys(report, expected["ignore"]) == expected_keys(expected)
    assert (report["verdict"] == "fail") == (expected["exit"] == 1)


@pytest.mark.parametrize("case", CASES)
def test_case_through_the_cli(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    train, validation, expected = load_case(case)
    argv = ["validate", str(train), "--format", "json"]
    if validation:
        argv += ["--validation", str(validation)]
    argv += cli_options(expected)
    code = main(argv)
    report = json.loads(capsys.readouterr().out)
    assert code == expected["exit"]
    assert finding_keys(report, expected["ignore"]) == expected_keys(expected)


@pytest.mark.parametrize("case", CASES)
def test_case_gives_the_same_report_in_small_chunks(case: str) -> None:
    """The browser feeds chunks of any size: 7-byte chunks must change nothing."""
    from checker.dataset import DatasetSession

    train, validation, expected = load_case(case)
    session = DatasetSession(**options(expected))
    for role, path in (("train", train), ("validation", validation)):
        if path is None:
            continue
        data = path.read_bytes()
        session.begin(role, name=str(path), size=len(data))  # type: ignore[arg-type]
        for start in range(0, len(data), 7):
            session.feed(data[start : start + 7])
        session.end()
    chunked = session.finish().to_dict()
    whole = validate_dataset(train, validation, **options(expected)).to_dict()
    assert chunked == whole
