"""The dataset checker: streaming checks of fine-tuning JSON Lines files, standard library only.

``validate_dataset(train, validation=None, model=None)`` checks files or lines in one call;
``DatasetSession`` takes bytes in chunks (the browser's path); both give a ``DatasetReport``.
"""

from checker.dataset.api import validate_dataset
from checker.dataset.findings import CODES, Finding
from checker.dataset.models import model_names, resolve_model
from checker.dataset.render import report_json, report_markdown, report_text
from checker.dataset.report import DatasetReport
from checker.dataset.session import DatasetSession

__all__ = [
    "CODES",
    "DatasetReport",
    "DatasetSession",
    "Finding",
    "model_names",
    "report_json",
    "report_markdown",
    "report_text",
    "resolve_model",
    "validate_dataset",
]
