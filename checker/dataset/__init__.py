"""The dataset checker: streaming checks of fine-tuning JSON Lines files, standard library only.

``validate_dataset(train, validation=None, model=None, provider="azure", method=None)`` checks
files or lines in one call; ``DatasetSession`` takes bytes in chunks (the browser's path); both
give a ``DatasetReport``. Provider limits come from ``checker/facts.toml``; finding codes and
their meaning from ``codes.CATALOGUE``.
"""

from checker.dataset.api import validate_dataset
from checker.dataset.codes import CATALOGUE
from checker.dataset.findings import CODES, Finding
from checker.dataset.limits import model_names, provider_names
from checker.dataset.render import (
    RENDERERS,
    report_github,
    report_json,
    report_lines,
    report_markdown,
    report_text,
)
from checker.dataset.report import DatasetReport
from checker.dataset.session import DatasetSession

__all__ = [
    "CATALOGUE",
    "CODES",
    "RENDERERS",
    "DatasetReport",
    "DatasetSession",
    "Finding",
    "model_names",
    "provider_names",
    "report_github",
    "report_json",
    "report_lines",
    "report_markdown",
    "report_text",
    "validate_dataset",
]
