"""The criteria loader accepts the packaged file and names the bad entry in a broken one."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from checker.readiness.answers import BASELINE_ID, GAIN_ID
from checker.readiness.criteria import CriteriaError, load_criteria, parse_criteria

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


def test_every_question_gates_and_measurement_is_a_blocker() -> None:
    criteria = load_criteria()
    for question in criteria.questions:
        assert any(item.required for item in question.items), question.id
    items = {item.id: item for item in criteria.items()}
    for blocker in ("holdout-set", "compare-with-base", "holdout-examples", "data-rights"):
        assert items[blocker].severity == "blocker", blocker
    assert criteria.scoring.question_ready_at > 0


def test_number_items_and_the_holdout_inputs() -> None:
    items = {item.id: item for item in load_criteria().items()}
    for item_id, unit in (
        ("training-examples", "examples"),
        ("holdout-examples", "examples"),
        (BASELINE_ID, "percent"),
        (GAIN_ID, "percentage points"),
    ):
        rule = items[item_id].number
        assert rule is not None and rule.unit == unit, item_id
    assert items["training-examples"].number.check == "provider-minimum"  # type: ignore[union-attr]
    assert items["holdout-examples"].number.check == "holdout-power"  # type: ignore[union-attr]


def test_new_items_and_their_advice() -> None:
    items = {item.id: item for item in load_criteria().items()}
    assert "distillation" in items["cost-main-motive"].advice
    assert items["structured-outputs-tried"].applies_when
    assert "JSON schema" in items["structured-outputs-tried"].advice
    assert "retire" in items["running-costs-planned"].statement
    assert items["understands-fine-tuning"].severity == "caution"
    assert items["rag-tried"].applies_when and not items["baseline-measured"].applies_when
    assert load_criteria().ready_steps


def test_migration_from_the_previous_version() -> None:
    migration = load_criteria().migration_from("2026.11.1")
    assert migration is not None and "dataset-volume" in migration.removed


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
        'id = "cost-main-motive"\nroute = "cost"\nkind = "warning"',
        'id = "cost-main-motive"\nroute = "cost"\nkind = "worry"',
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
        'id = "model-chosen"\nroute = "provider"\nkind = "ready"\nweight = 1',
        'id = "model-chosen"\nroute = "provider"\nkind = "ready"\nweight = 7',
        "item 'model-chosen': weight must be a whole number from 1 to 3",
    ),
    "bad id": ('id = "data-rights"', 'id = "Data Rights"', "id 'Data Rights' must be lowercase"),
    "missing version": (
        'version = "',
        'versio = "',
        "broken.toml: field 'version' is missing or empty",
    ),
    "question without title": (
        'title = "What data will you use?"',
        'titel = "What data will you use?"',
        "question 'data': field 'title' is missing or empty",
    ),
    "bad thresholds": ("ready_at = 80", "ready_at = 20", "almost_at <= ready_at"),
    "invalid toml": ('version = "', "version = ", "invalid TOML"),
    "number without unit": ('unit = "percent"', 'units = "percent"', "unknown field 'units'"),
    "number field on a yes/no item": (
        'id = "attempts-recorded"\nroute = "baseline"\nkind = "ready"',
        'id = "attempts-recorded"\nroute = "baseline"\nkind = "ready"\nunit = "x"',
        "item 'attempts-recorded': field 'unit' is only for number items",
    ),
    "unknown check": ('check = "input"', 'check = "vibes"', "check 'vibes' is not one of"),
    "bad range": ("maximum = 100\n", "maximum = -1\n", "minimum < maximum"),
    "removed id still exists": (
        "removed = { dataset-volume",
        "removed = { rag-tried",
        "'rag-tried' is listed as removed but still exists",
    ),
    "no ready steps": ("[[ready_steps]]", "[[ready_stepz]]", "needs at least one [[ready_steps]]"),
    "unknown route": ('route = "holdout"', 'route = "vibes"', "route 'vibes' is not one of"),
    "route missing": ('id = "pilot"', 'id = "launch"', "must list each of answer"),
    "essential caution": (
        'essential = true\nkind = "ready"\nseverity = "blocker"',
        'essential = true\nkind = "ready"\nseverity = "caution"',
        "essential must be true on a blocker",
    ),
    "method item without n/a": (
        'methods = ["rft"]\napplies_when = "you train by reinforcement with a grader (RFT)"\n',
        'methods = ["rft"]\n',
        "an item for some methods needs applies_when",
    ),
    "unknown method": (
        'methods = ["dpo"]\napplies_when',
        'methods = ["ppo"]\napplies_when',
        "item 'preference-agreement': methods 'ppo' is not one of sft, dpo",
    ),
    "choice without options": (
        'options = ["sft", "dpo", "rft", "distillation"]',
        "options = []",
        "a choice needs options",
    ),
    "contradiction on an unknown item": (
        "when = { holdout-set = ",
        "when = { holdout-sets = ",
        "'when' names unknown item 'holdout-sets'",
    ),
    "unusable condition": (
        'holdout-examples = "> 0"',
        'holdout-examples = "= 3"',
        "condition '= 3'",
    ),
    "deep toml": ('version = "', "x = " + "[" * 600 + "]" * 600 + '\nversion = "', "invalid TOML"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_criteria_name_the_bad_entry(case: str) -> None:
    old, new, message = BROKEN[case]
    assert old in PACKAGED, "the test's anchor text must exist in the packaged file"
    broken = PACKAGED.replace(old, new, 1 if case != "no ready steps" else -1)
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(broken, "broken.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("broken.toml")


def test_the_scoring_page_explains_every_route() -> None:
    from checker.readiness.criteria import ROUTES

    page = (Path(__file__).parents[2] / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert [route for route in ROUTES if f"| `{route}` |" not in page] == []
