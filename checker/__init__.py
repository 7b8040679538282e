"""Readiness checks for fine-tuning a language model.

Standard library only, so the same code runs on CPython and in the browser on Pyodide.

Every part loads on first use (``checker.assess`` imports the scoring, ``checker.validate_dataset``
the dataset checker), so a page that only scores a checklist does not pay for compiling the
dataset checker in the browser (Pyodide compiles every module it imports), and
``python -m checker validate`` does not pay for the checklist.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from checker.errors import InputError

if TYPE_CHECKING:
    from checker.compare import Comparison, compare_outputs, compare_results, compare_texts
    from checker.convert import convert_file
    from checker.convert.fix import fix_files
    from checker.cost import estimate_cost
    from checker.dataset import DatasetReport, DatasetSession, validate_dataset
    from checker.readiness.answers import check_answers
    from checker.readiness.criteria import Criteria, CriteriaError, Item, Question, load_criteria
    from checker.readiness.scoring import Assessment, assess, describe_scoring
    from checker.split import SplitReport, split_dataset, split_text

__version__ = "0.1.0"

_LAZY = {
    "checker.readiness.answers": ("check_answers",),
    "checker.readiness.criteria": (
        "Criteria",
        "CriteriaError",
        "Item",
        "Question",
        "load_criteria",
    ),
    "checker.readiness.scoring": ("Assessment", "assess", "describe_scoring"),
    "checker.compare": ("Comparison", "compare_outputs", "compare_results", "compare_texts"),
    "checker.dataset": ("DatasetReport", "DatasetSession", "validate_dataset"),
    "checker.split": ("SplitReport", "split_dataset", "split_text"),
    "checker.convert": ("convert_file",),
    "checker.convert.fix": ("fix_files",),
    "checker.cost": ("estimate_cost",),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Assessment",
    "Comparison",
    "Criteria",
    "CriteriaError",
    "DatasetReport",
    "DatasetSession",
    "InputError",
    "Item",
    "Question",
    "SplitReport",
    "__version__",
    "assess",
    "check_answers",
    "compare_outputs",
    "compare_results",
    "compare_texts",
    "convert_file",
    "describe_scoring",
    "estimate_cost",
    "fix_files",
    "load_criteria",
    "split_dataset",
    "split_text",
    "validate_dataset",
]
