"""Readiness checks for fine-tuning a language model.

Standard library only, so the same code runs on CPython and in the browser on Pyodide.
"""

from checker.answers import check_answers
from checker.compare import Comparison, compare_outputs, compare_results, compare_texts
from checker.criteria import Criteria, CriteriaError, Item, Question, load_criteria
from checker.dataset import DatasetReport, DatasetSession, validate_dataset
from checker.errors import InputError
from checker.scoring import Assessment, assess, describe_scoring
from checker.split import SplitReport, split_dataset, split_text

__version__ = "0.1.0"

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
    "describe_scoring",
    "load_criteria",
    "split_dataset",
    "split_text",
    "validate_dataset",
]
