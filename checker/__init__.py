"""Readiness checks for fine-tuning a language model.

Standard library only, so the same code runs on CPython and in the browser on Pyodide.
"""

from checker.answers import check_answers
from checker.criteria import Criteria, CriteriaError, Item, Question, load_criteria
from checker.errors import InputError
from checker.scoring import Assessment, assess, describe_scoring

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Criteria",
    "CriteriaError",
    "InputError",
    "Item",
    "Question",
    "__version__",
    "assess",
    "check_answers",
    "describe_scoring",
    "load_criteria",
]
