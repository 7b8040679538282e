"""The Python side of the browser worker's protocol.

The worker (docs/assets/js/worker.js) calls these functions with JSON text and gets JSON text back,
so no Python object outlives a call and the page never sees a proxy. The rules stay in the package;
this module only translates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from checker.errors import InputError
from checker.readiness.answers import read_answers
from checker.readiness.criteria import load_criteria
from checker.readiness.render import assessment_json, assessment_markdown
from checker.readiness.scoring import Assessment, assess_checked

if TYPE_CHECKING:
    from checker.dataset.session import DatasetSession, Role

# The comparison and the dataset checker are imported inside the functions that use them, so a
# checklist page does not wait for them to compile when Python starts in the browser.


def _reply(build: Callable[[], dict[str, Any]]) -> str:
    """Every reply has one shape: ``{"ok": true, ...}`` or ``{"ok": false, "error": message}``.

    Bad input (``InputError``, malformed JSON, a wrong type) comes back as a message for the page
    to show; so does an unexpected failure, named as such, so the page never waits on a reply.
    """
    try:
        return json.dumps({"ok": True, **build()}, ensure_ascii=False)
    except (InputError, ValueError, TypeError, KeyError) as error:
        message = str(error) or type(error).__name__
    except Exception as error:  # the page shows this line instead of hanging on a lost reply
        message = f"internal error ({type(error).__name__}): {error}"
    return json.dumps({"ok": False, "error": message}, ensure_ascii=False)


def _answers(answers_json: str) -> dict[str, Any]:
    answers = json.loads(answers_json)
    if not isinstance(answers, dict):
        raise TypeError("answers must be a JSON object")
    return answers


def _lenient(answers_json: str) -> tuple[Assessment, dict[str, str]]:
    """Score what can be scored; an unusable answer (a number out of range, say) is left out and
    comes back as a message for its field, so one bad field does not stop the page."""
    criteria = load_criteria()
    answers, problems = read_answers(_answers(answers_json), criteria, source="answer")
    return assess_checked(answers, criteria), problems


def assess_answers(answers_json: str) -> str:
    """``{"item-id": "yes", "training-examples": "40", ...}`` → ``{"ok": true, "result": ...}``:
    the assessment as ``assess --format json`` prints it, plus ``field_errors``
    ``{item_id: message}``."""

    def build() -> dict[str, Any]:
        result, problems = _lenient(answers_json)
        fields = {
            key: text.removeprefix(f"answer: item {key!r}: ") for key, text in problems.items()
        }
        return {"result": {**result.to_dict(), "field_errors": fields}}

    return _reply(build)


def assessment_report(answers_json: str, report_format: str) -> str:
    """The downloadable report, ``markdown`` or ``json`` (which ``assess`` reads back):
    ``{"ok": true, "text": ...}``."""

    def build() -> dict[str, Any]:
        if report_format not in ("markdown", "json"):
            raise ValueError(f"unknown report format {report_format!r}")
        result, _ = _lenient(answers_json)
        render = assessment_markdown if report_format == "markdown" else assessment_json
        return {"text": render(result)}

    return _reply(build)


def checklist_evidence(tool: str, result_json: str) -> str:
    """Suggested checklist answers from a tool's result, for the tools' "use as evidence":
    ``{"version", "answers": {item_id: answer}, "reasons": {item_id: why}}``. Only ids of the
    current criteria are suggested; the page asks before replacing an answer the reader gave.
    In the reply envelope: ``{"ok": true, "version", "answers", "reasons"}``."""
    return _reply(lambda: _evidence(tool, json.loads(result_json)))


def _evidence(tool: str, result: dict[str, Any]) -> dict[str, Any]:
    criteria = load_criteria()
    known = {item.id for item in criteria.items()}
    suggested: dict[str, tuple[str, str]] = {}
    if tool == "dataset":
        for item_id, entry in (result.get("checklist_evidence") or {}).items():
            if isinstance(entry, dict) and isinstance(entry.get("answer"), str):
                suggested[item_id] = (entry["answer"], str(entry.get("reason", "")))
    elif tool == "compare":
        items = result.get("items")
        if isinstance(items, int) and not isinstance(items, bool) and items > 0:
            reason = f"you compared both models on {items:,} items"
            suggested["compare-with-base"] = ("yes", reason)
            suggested["quantitative-metric"] = ("yes", "the comparison scored every item")
            suggested["holdout-examples"] = (str(items), reason)
        baseline = (result.get("baseline") or {}).get("estimate")
        if result.get("kind") == "pass/fail" and isinstance(baseline, int | float):
            suggested["baseline-pass-rate"] = (
                f"{100 * baseline:.1f}".removesuffix(".0"),
                f"the baseline passed {100 * baseline:.1f}% of the compared items",
            )
    else:
        raise ValueError(f"unknown tool {tool!r}")
    kept = {key: value for key, value in suggested.items() if key in known}
    return {
        "version": criteria.version,
        "answers": {key: answer for key, (answer, _) in kept.items()},
        "reasons": {key: reason for key, (_, reason) in kept.items()},
    }


def compare_precheck(files_json: str) -> str:
    """Before the page reads dropped files: ``[{"name", "size"}, ...]`` →
    ``{"ok": true}`` or ``{"ok": false, "error": why the page will not compare them}``."""
    from checker.compare import page_refusal

    files = json.loads(files_json)
    refusal = page_refusal((entry["name"], entry["size"]) for entry in files)
    return json.dumps({"ok": refusal is None, "error": refusal}, ensure_ascii=False)


def compare_files(request_json: str) -> str:
    """Compare dropped or pasted files. The request holds file contents, not paths:

    ``{"results": {"name", "text"}}`` or ``{"baseline": {...}, "candidate": {...},
    "reference": {...}, "metric": "normalized"}``, plus an optional ``"seed"``.
    Returns ``{"ok", "result", "view", "markdown"}``: ``view`` is ``checker.view.View`` as a
    dict (the sentence, rows, notes, evidence and chart the page shows, as the CLI prints them).
    """
    from checker.compare import compare_texts, comparison_markdown
    from checker.compare.metrics import DEFAULT_METRIC
    from checker.compare.render import comparison_view

    def build() -> dict[str, Any]:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise TypeError("the request must be a JSON object")
        files = {
            role: request[role]
            for role in ("results", "baseline", "candidate", "reference")
            if request.get(role)
        }
        named = {f"{role}_name": entry["name"] for role, entry in files.items()}
        texts = {f"{role}_text": entry["text"] for role, entry in files.items()}
        result = compare_texts(
            **texts,
            **named,
            metric=request.get("metric", DEFAULT_METRIC),
            seed=int(request.get("seed", 0)),
        )
        return {
            "result": result.to_dict(),
            "view": comparison_view(result).to_dict(),
            "markdown": comparison_markdown(result),
        }

    return _reply(build)


class BrowserDatasetSession:
    """A dataset check fed by the worker, chunk by chunk, from a file the page never uploads."""

    def __init__(self, model: str | None) -> None:
        from checker.dataset.session import DatasetSession

        self._session: DatasetSession = DatasetSession(model=model or None)

    def begin(self, role: Role, name: str, size: int) -> None:
        self._session.begin(role, name=name, size=size)

    def feed(self, chunk: Any) -> None:
        # From JavaScript a Uint8Array arrives as a proxy with to_bytes(); from Python, bytes.
        self._session.feed(chunk.to_bytes() if hasattr(chunk, "to_bytes") else bytes(chunk))

    def end(self) -> None:
        self._session.end()

    def examples_seen(self) -> int:
        examples = self._session.progress()["examples"]
        return examples if isinstance(examples, int) else 0

    def progress_json(self, done: int, total: int, seconds: float) -> str:
        """The progress bar's value and line while the files stream in:
        ``{"percent": 42, "text": "42%, 1,234 examples, 560 examples/s"}``."""
        percent = round(100 * done / total) if total > 0 else 0
        examples = self.examples_seen()
        rate = round(examples / max(seconds, 0.001))
        text = f"{percent}%, {examples:,} examples, {rate:,} examples/s"
        return json.dumps({"percent": percent, "text": text})

    def finish_json(self) -> str:
        """``{"ok": true, "report", "markdown", "view"}``: ``view`` is what the page shows, as
        the text report words and formats it (see ``dataset_view``)."""
        from checker.dataset.render import report_markdown

        def build() -> dict[str, Any]:
            report = self._session.finish()
            data = report.to_dict()
            return {"report": data, "markdown": report_markdown(report), "view": dataset_view(data)}

        return _reply(build)


def dataset_view(data: dict[str, Any]) -> dict[str, Any]:
    """The dataset report as the page shows it, from the functions the CLI's text and Markdown
    use: ``verdict`` (code and label), ``status`` (the line shown when done), ``facts``
    ([label, value]), ``distribution`` (columns and [label, values]), ``chart``, ``findings``,
    ``notes``, ``token_note`` and ``cost`` (the cost calculator's fields, or null). File names
    and messages are left as they are: the page puts them in the DOM as text."""
    from checker.dataset.render import (
        DISTRIBUTION_COLUMNS,
        VERDICTS,
        cost_figures,
        distribution_rows,
        fact_rows,
        finding_groups,
        histogram_chart,
    )

    return {
        "verdict": {"code": data["verdict"], "label": VERDICTS[data["verdict"]]},
        "status": f"Checked. {VERDICTS[data['verdict']]}",
        "facts": fact_rows(data, str),
        "distribution": {
            "columns": list(DISTRIBUTION_COLUMNS),
            "rows": distribution_rows(data["stats"]),
        },
        "chart": histogram_chart(data["stats"]),
        "findings": finding_groups(data),
        "notes": list(data["notes"]),
        "token_note": data["token_estimate_note"],
        "cost": cost_figures(data),
    }


def dataset_session(model: str | None) -> BrowserDatasetSession:
    return BrowserDatasetSession(model)


def cost_estimate(request_json: str) -> str:
    """The cost page's form as JSON: ``{"model", "provider", "deployment", "training_tokens",
    "epochs", "training_hours", "requests_per_day", "prompt_tokens", "prompt_tokens_after",
    "output_tokens", "hosting_hours_per_day", "prices": {key: value}}``; empty values are left
    out. Returns ``{"ok", "headline", "result", "rows", "chart", "json", "markdown"}`` (``json``
    is exactly what ``cost --format json`` prints) or ``{"ok": false, "error"}``."""
    from checker.cost import (
        cost_chart,
        cost_json,
        cost_markdown,
        cost_rows,
        headline,
        request_inputs,
    )

    def build() -> dict[str, Any]:
        from checker.cost import estimate_cost

        result = estimate_cost(request_inputs(json.loads(request_json)))
        return {
            "headline": headline(result),
            "pays_back": result.pays_back,
            "result": result.to_dict(),
            "rows": cost_rows(result),
            "chart": cost_chart(result),
            "json": cost_json(result),
            "markdown": cost_markdown(result),
        }

    return _reply(build)


# Convert and Fix on the dataset page (see checker.web.repair; the worker mounts the files).


def repair_offer(report_json: str) -> str:
    """``{"ok": true, "convert", "fix", "reasons"}`` or ``{"ok": false, "error"}``."""
    from checker.web.repair import offer

    return _reply(lambda: dict(json.loads(offer(report_json))))


def repair_request(request_json: str) -> str:
    from checker.web.repair import repair

    return repair(request_json)
