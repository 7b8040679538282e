"""The Python side of the browser worker's protocol.

The worker (docs/assets/js/worker.js) calls these functions with JSON text and gets JSON text back,
so no Python object outlives a call and the page never sees a proxy. The rules stay in the package;
this module only translates.
"""

from __future__ import annotations

import json
from typing import Any

from checker.criteria import load_criteria
from checker.render import assessment_json, assessment_markdown
from checker.scoring import assess


def _answers(answers_json: str) -> dict[str, Any]:
    answers = json.loads(answers_json)
    if not isinstance(answers, dict):
        raise TypeError("answers must be a JSON object")
    return answers


def assess_answers(answers_json: str) -> str:
    """``{"item-id": "yes", ...}`` → the assessment as JSON, as ``assess --format json`` prints."""
    return assessment_json(assess(_answers(answers_json), load_criteria()))


def assessment_report(answers_json: str, report_format: str) -> str:
    """The downloadable report: ``markdown`` or ``json``."""
    result = assess(_answers(answers_json), load_criteria())
    return assessment_markdown(result) if report_format == "markdown" else assessment_json(result)
