"""The criteria loader accepts the packaged file and names the bad entry in a broken one."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from checker.criteria import CriteriaError, load_criteria, parse_criteria

PACKAGED = resources.files("checker").joinpath("criteria.toml").read_text(encoding="utf-8")


def test_packaged_criteria_has_the_five_questions() -> None:
    criteria = load_criteria()
    assert [q.id for q in criteria.questions] == ["why", "tried", "alternatives", "data", "measure"]
    assert criteria.version
    ids = [item.id for item in criteria.items()]
    assert len(ids) == len(set(ids))


def test_guidance_rules_are_encoded_as_blockers_and_cautions() -> None:
    items = {item.id: item for item in load_criteria().items()}
    for required in ("baseline-measured", "prompt-engineering-tried", "dataset-identified"):
        assert items[required].kind == "ready" and items[required].severity == "blocker"
    assert items["new-knowledge"].severity == "blocker"
    assert "retrieval augmented generation" in items["new-knowledge"].advice
    assert items["cost-main-motive"].severity == "caution"


def test_load_from_path(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text(PACKAGED.replace('version = "', 'version = "test-'), encoding="utf-8")
    assert load_criteria(path).version.startswith("test-")


def test_unreadable_path_is_an_error() -> None:
    with pytest.raises(CriteriaError, match="cannot read"):
        load_criteria("/nonexistent/criteria.toml")


BROKEN = {
    "duplicate id": (
        'id = "attempts-recorded"',
        'id = "rag-tried"',
        "item 'rag-tried': duplicate id 'rag-tried'",
    ),
    "unknown kind": (
        'id = "cost-main-motive"\nkind = "warning"',
        'id = "cost-main-motive"\nkind = "worry"',
        "item 'cost-main-motive': kind 'worry' is not one of ready, warning",
    ),
    "warning without severity": (
        'kind = "warning"\nseverity = "caution"\nweight = 1\nstatement = "Cutting',
        'kind = "warning"\nweight = 1\nstatement = "Cutting',
        "item 'cost-main-motive': a warning needs a severity",
    ),
    "missing advice": (
        'advice = "Measure a baseline first',
        'adv = "Measure a baseline first',
        "item 'baseline-measured': field 'advice' is missing or empty",
    ),
    "bad weight": (
        'id = "model-chosen"\nkind = "ready"\nweight = 1',
        'id = "model-chosen"\nkind = "ready"\nweight = 7',
        "item 'model-chosen': weight must be a whole number from 1 to 3",
    ),
    "bad id": ('id = "data-rights"', 'id = "Data Rights"', "id 'Data Rights' must be lowercase"),
    "missing version": ('version = "', 'versio = "', "'version' must be a non-empty string"),
    "question without title": (
        'title = "What data will you use?"',
        'titel = "What data will you use?"',
        "question 'data': field 'title' is missing or empty",
    ),
    "bad thresholds": ("ready_at = 80", "ready_at = 20", "almost_at <= ready_at"),
    "invalid toml": ('version = "', "version = ", "invalid TOML"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_criteria_name_the_bad_entry(case: str) -> None:
    old, new, message = BROKEN[case]
    assert old in PACKAGED, "the test's anchor text must exist in the packaged file"
    broken = PACKAGED.replace(old, new, 1)
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(broken, "broken.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("broken.toml")
