"""Teams an experienced ML lead has judged: each persona under tests/data/personas holds a team's
answers, the day it asks, and the verdict and first move the lead would give. They run through
the API and through ``main()``, judged with the fixed facts beside them (facts.toml there), so
updating the packaged facts does not move them. Change an expectation only with a reason in the
commit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.cli import main
from checker.facts import load_facts
from checker.readiness.criteria import ROUTES

PERSONAS = Path(__file__).parent.parent / "data" / "personas"
CASES = sorted(PERSONAS.glob("*.json"))
FACTS = load_facts(PERSONAS / "facts.toml")


def persona(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def check(result: dict[str, Any], expect: dict[str, Any]) -> None:
    assert result["verdict"] == expect["verdict"]
    move = result["next_move"]
    assert move["route"] == expect["next_move"], move
    assert move["text"] and move["why"]
    if "why_says" in expect:
        assert expect["why_says"] in move["why"]
    for key in ("blockers", "cautions"):
        if key in expect:
            assert [flag["id"] for flag in result[key]] == expect[key], key
    for flag_id in expect.get("blockers_include", []):
        assert flag_id in [flag["id"] for flag in result["blockers"]]
    if "contradictions" in expect:
        assert [found["id"] for found in result["contradictions"]] == expect["contradictions"]
    texts = [step["text"] for step in result["next_steps"]]
    for words in expect.get("steps_say", []):
        assert any(words in text for text in texts), words
    for words in expect.get("no_step_mentions", []):
        assert not any(words in text for text in texts), words
    if result["verdict"] == "ready":
        kinds = [step["kind"] for step in result["next_steps"]]
        assert kinds[-1] == "ready", "the training steps come after every other piece of advice"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_persona_through_the_api(path: Path) -> None:
    data = persona(path)
    today = dt.date.fromisoformat(data["today"])
    result = checker.assess(data["answers"], today=today, facts=FACTS)
    check(result.to_dict(), data["expect"])


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_persona_through_main(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = persona(path)
    monkeypatch.setattr("checker.readiness.scoring.load_facts", lambda: FACTS)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(data["answers"]), encoding="utf-8")
    code = main(["assess", str(answers), "--format", "json", "--today", data["today"]])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    check(result, data["expect"])
    assert main(["assess", str(answers), "--today", data["today"]]) == 0
    text = capsys.readouterr().out
    first, second = text.splitlines()[:2]
    assert first.startswith(f"Next move ({data['expect']['next_move']}): ")
    assert second.startswith("Why: ")


def test_every_route_has_a_persona() -> None:
    routes = {persona(path)["expect"]["next_move"] for path in CASES}
    assert routes == set(ROUTES)


def test_an_openai_newcomer_is_not_ready_with_the_packaged_facts_too() -> None:
    data = persona(PERSONAS / "openai-newcomer.json")
    result = checker.assess(data["answers"], today=dt.date(2026, 12, 2))
    assert result.verdict == "not-ready"
    assert result.next_move.route == "provider"
    assert "2027-01-06" in result.next_move.why


def test_the_day_decides_the_serving_caution() -> None:
    answers = persona(PERSONAS / "pilot-sft.json")["answers"]
    early = checker.assess(answers, today=dt.date(2026, 9, 1), facts=FACTS)
    late = checker.assess(answers, today=dt.date(2026, 12, 2), facts=FACTS)
    assert early.next_move.route == "pilot" and not early.cautions
    assert late.next_move.route == "provider" and [c.id for c in late.cautions] == ["model"]
