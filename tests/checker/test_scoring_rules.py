"""The rules of the readiness model, one by one, beside the persona scenarios on disk."""

from __future__ import annotations

import json

import pytest

import checker
from checker import web
from checker.compare.power import holdout_power
from checker.readiness.criteria import load_criteria

CRITERIA = load_criteria()
GOOD: dict[str, object] = {
    item.id: ("yes" if item.kind == "ready" else "no") for item in CRITERIA.scored_items()
}
GOOD.update(
    {
        "training-examples": 800,
        "holdout-examples": 400,
        "baseline-pass-rate": 70,
        "smallest-gain": 10,
    }
)


def test_unanswered_is_not_unsure() -> None:
    blank = checker.assess({})
    unsure = checker.assess({item.id: "unsure" for item in CRITERIA.scored_items()})
    assert blank.verdict == "incomplete" and blank.score is None
    assert all(section.score is None for section in blank.sections)
    assert unsure.verdict == "not-ready" and unsure.score == 50
    assert unsure.summary.startswith("Not ready yet")


def test_not_applicable_neither_earns_nor_loses() -> None:
    rag = CRITERIA.item("rag-tried")
    section = next(q for q in CRITERIA.questions if any(i.id == rag.id for i in q.items))
    weak = {**GOOD, "attempts-recorded": "no"}
    with_na = checker.assess({**weak, rag.id: "n/a"})
    with_yes = checker.assess({**weak, rag.id: "yes"})
    with_no = checker.assess({**weak, rag.id: "no"})
    na, yes, no = (
        next(s.score or 0 for s in r.sections if s.id == section.id)
        for r in (with_na, with_yes, with_no)
    )
    assert no < na < yes
    assert rag.id not in [step.id for step in with_na.next_steps]


def test_a_holdout_just_big_enough_passes_and_one_less_fails() -> None:
    needed = holdout_power(1, 70, 10).needed
    assert checker.assess({**GOOD, "holdout-examples": needed}).verdict == "ready"
    short = checker.assess({**GOOD, "holdout-examples": needed - 1})
    assert short.verdict == "not-ready"
    assert f"about {needed:,} examples would" in short.blockers[0].detail
    assert "as if their mistakes were independent" in short.blockers[0].detail


def test_provider_minimum_comes_from_the_facts() -> None:
    from checker.facts import DEFAULT_PROVIDER, load_facts

    least = load_facts().provider(DEFAULT_PROVIDER).min_training_examples
    assert (
        checker.assess({**GOOD, "training-examples": least - 1}).blockers[0].id
        == "training-examples"
    )
    at_least = checker.assess({**GOOD, "training-examples": least})
    assert not at_least.blockers and at_least.cautions[0].id == "training-examples"


def test_every_question_must_pass_its_floor_for_ready() -> None:
    why = next(q for q in CRITERIA.questions if q.id == "why")
    weak_why = {
        **GOOD,
        **{i.id: ("no" if i.kind == "ready" else "yes") for i in why.items if not i.required},
    }
    result = checker.assess(weak_why)
    assert result.score is not None and result.score >= CRITERIA.scoring.ready_at
    assert result.verdict == "almost", "a high average does not hide a weak question"


def test_next_steps_hold_each_item_once_blockers_first() -> None:
    bad = {
        item.id: ("no" if item.kind == "ready" else "yes")
        for item in CRITERIA.scored_items()
        if item.kind != "number"
    }
    result = checker.assess(
        {
            **bad,
            "training-examples": 5,
            "holdout-examples": 0,
            "baseline-pass-rate": "unsure",
            "smallest-gain": 5,
        }
    )
    context = {item.id for item in CRITERIA.context}
    kinds = [step.kind for step in result.next_steps if step.id not in context]
    ids = [step.id for step in result.next_steps]
    assert len(ids) == len(set(ids))
    order = {"blocker": 0, "unknown": 1, "caution": 2, "improve": 3}
    assert kinds == sorted(kinds, key=order.__getitem__)
    assert ids[-1] == "provider", "what the team has not said about its context comes last"
    assert result.steps_shown == CRITERIA.scoring.steps_shown


def test_page_scoring_reports_bad_numbers_per_field() -> None:
    reply = json.loads(
        web.handle(
            "assess_answers",
            json.dumps({**GOOD, "training-examples": "-3", "holdout-examples": "lots"}),
        )
    )["result"]
    assert reply["field_errors"] == {
        "training-examples": "-3 is out of range: give 0 to 10,000,000 examples",
        "holdout-examples": "'lots' is not a number of examples (or unsure)",
    }
    assert reply["verdict"] == "incomplete"


def test_page_report_round_trips_through_assess() -> None:
    report = json.loads(
        json.loads(web.handle("assessment_report", json.dumps(GOOD), "json"))["text"]
    )
    again = checker.assess(report)
    assert again.to_dict() == report


@pytest.mark.parametrize("bad", [{1: "yes"}, {"use-case-defined": {"toString": "yes"}}, {"x": 1}])
def test_bad_api_input_is_an_input_error(bad: dict[object, object]) -> None:
    with pytest.raises(checker.InputError):
        checker.assess(bad)  # type: ignore[arg-type]


def test_dataset_evidence_suggests_the_example_count_and_only_current_items() -> None:
    report = checker.validate_dataset(
        [
            json.dumps(
                {
                    "messages": [
                        {"role": "user", "content": f"q{i}"},
                        {"role": "assistant", "content": "a"},
                    ]
                }
            ).encode()
            for i in range(40)
        ]
    ).to_dict()
    report["checklist_evidence"]["dataset-volume"] = {"answer": "no", "reason": "older item"}
    reply = json.loads(web.handle("checklist_evidence", "dataset", json.dumps(report)))
    assert reply["version"] == CRITERIA.version
    answers = {item["id"]: item["answer"] for item in reply["items"]}
    assert answers["training-examples"] == "40"
    assert "dataset-volume" not in answers
    assert checker.assess(answers).answers["training-examples"] == 40


def test_every_evidence_id_the_tools_emit_is_a_current_item() -> None:
    known = {item.id for item in CRITERIA.items()}
    lines = [
        json.dumps(
            {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}
        ).encode()
    ]
    dataset = checker.validate_dataset(lines * 3, lines).to_dict()["checklist_evidence"]
    compared = _compared(9, 4).checklist_evidence()
    assert set(dataset) <= known and dataset
    assert set(compared) <= known and compared


def _compared(items: int, baseline_passes: int) -> checker.Comparison:
    """A pass/fail comparison of ``items`` items whose baseline passes the first few."""
    rows = [
        {"id": i, "baseline": i < baseline_passes, "candidate": i % 2 == 0} for i in range(items)
    ]
    return checker.compare_results(rows, replicates=200)


def test_comparison_evidence_gives_the_observed_disagreement() -> None:
    evidence = _compared(200, 140).checklist_evidence()
    differ = sum(1 for i in range(200) if (i < 140) != (i % 2 == 0))
    share = f"{100 * differ / 200:.1f}"
    assert evidence["disagreement-rate"]["answer"] == share.removesuffix(".0")
    assert f"{share}% of the compared items" in evidence["disagreement-rate"]["reason"]


def test_comparison_evidence_fills_measurement_items() -> None:
    result = _compared(120, 75).to_dict()
    reply = json.loads(web.handle("checklist_evidence", "compare", json.dumps(result)))
    assert {item["id"]: item["answer"] for item in reply["items"]} == {
        "compare-with-base": "yes",
        "quantitative-metric": "yes",
        "holdout-examples": "120",
        "baseline-pass-rate": "62.5",
        "disagreement-rate": "49.2",  # 59 of the 120 items: exactly one model passed
    }
