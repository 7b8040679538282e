"""``python -m checker --version``: the package version with the criteria and facts versions
that saved answers and cost estimates depend on."""

from __future__ import annotations

import pytest

import checker
import checker.facts
import checker.readiness.criteria
from checker.facts import FactsError, load_facts
from checker.readiness.criteria import CriteriaError, load_criteria
from tests.checker.cli_run import run


def test_version_prints_the_three_versions() -> None:
    code, out, err = run(["--version"])
    criteria, facts = load_criteria().version, load_facts().version
    assert (code, err) == (0, "")
    assert out == f"finetune-checker {checker.__version__} (criteria {criteria}, facts {facts})\n"


def test_version_is_listed_in_help() -> None:
    code, out, _ = run(["--help"])
    assert code == 0
    assert "--version" in out


def test_an_unreadable_data_file_is_named_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_facts() -> None:
        raise FactsError("facts.toml: broken")

    def broken_criteria() -> None:
        raise CriteriaError("criteria.toml: broken")

    monkeypatch.setattr(checker.facts, "load_facts", broken_facts)
    monkeypatch.setattr(checker.readiness.criteria, "load_criteria", broken_criteria)
    code, out, _ = run(["--version"])
    assert code == 0
    assert (
        out == f"finetune-checker {checker.__version__} (criteria unreadable, facts unreadable)\n"
    )
