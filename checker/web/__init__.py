"""The Python side of the browser worker's protocol.

The worker (docs/assets/js/worker.js) calls ``handle(name, *args)`` with the name of a request in
``REQUESTS`` and its arguments as JSON text, and gets JSON text back, so no Python object outlives
a call and the page never sees a proxy. Every reply has one shape, made by ``reply``: ``{"ok":
true, ...}``, or ``{"ok": false, "error": one line}``. The rules stay in the package; the
functions here only read a request, run a tool and return what the page shows.

The dataset check is the one exception to the table: the worker streams a file through a
session object (``dataset_session``) chunk by chunk, and its ``finish_json`` replies through the
same ``reply``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from checker.errors import InputError
from checker.readiness.answers import read_answers
from checker.readiness.criteria import load_criteria
from checker.readiness.render import (
    assessment_json,
    assessment_markdown,
    question_view,
    section_lines,
)
from checker.readiness.scoring import Assessment, assess_checked

if TYPE_CHECKING:
    from checker.dataset.session import DatasetSession, Role

# The comparison and the dataset checker are imported inside the functions that use them, so a
# checklist page does not wait for them to compile when Python starts in the browser.

Reply = dict[str, Any]


def reply(build: Callable[[], Reply]) -> str:
    """``{"ok": true, **build()}``; input a user can fix (``InputError``) becomes its one-line
    message, any other exception a one-line internal error, so the page never waits on a reply
    that was lost and never shows a traceback."""
    from checker.textsafe import one_line

    try:
        return json.dumps({"ok": True, **build()}, ensure_ascii=False)
    except InputError as error:
        message = one_line(str(error))
    except Exception as error:  # a bug: said as such, in one line
        message = one_line(f"internal error ({type(error).__name__}): {error}")
    return json.dumps({"ok": False, "error": message}, ensure_ascii=False)


def _object(text: str, what: str) -> dict[str, Any]:
    """A request's JSON object; anything else is unusable input."""
    try:
        value = json.loads(text)
    except ValueError:
        raise InputError(f"{what} must be JSON") from None
    if not isinstance(value, dict):
        raise InputError(f"{what} must be a JSON object")
    return value


def _lenient(answers_json: str) -> tuple[Assessment, dict[str, str]]:
    """Score what can be scored; an unusable answer (a number out of range, say) is left out and
    comes back as a message for its field, so one bad field does not stop the page."""
    criteria = load_criteria()
    answers, problems = read_answers(_object(answers_json, "answers"), criteria, source="answer")
    return assess_checked(answers, criteria), problems


def assess_answers(answers_json: str, question: str = "") -> Reply:
    """``{"item-id": "yes", "training-examples": "40", ...}`` → ``{"result": ..., "sections":
    ...}``: the assessment as ``assess --format json`` prints it, plus ``field_errors``
    ``{item_id: message}``; ``sections`` holds each question's score label and progress in
    words (``{question_id: {"label", "progress"}}``), as the reports word them. With a
    ``question`` id (the checklist on that question's page), ``question`` holds that question's
    own result (``checker.readiness.render.question_view``)."""
    result, problems = _lenient(answers_json)
    fields = {key: text.removeprefix(f"answer: item {key!r}: ") for key, text in problems.items()}
    own = {"question": question_view(result, load_criteria(), question)} if question else {}
    return {
        "result": {**result.to_dict(), "field_errors": fields},
        "sections": section_lines(result),
        **own,
    }


def assessment_report(answers_json: str, report_format: str) -> Reply:
    """The downloadable report, ``markdown`` or ``json`` (which ``assess`` reads back):
    ``{"text": ...}``."""
    if report_format not in ("markdown", "json"):
        raise ValueError(f"unknown report format {report_format!r}")
    result, _ = _lenient(answers_json)
    render = assessment_markdown if report_format == "markdown" else assessment_json
    return {"text": render(result)}


def checklist_evidence(tool: str, result_json: str, answers_json: str = "{}") -> Reply:
    """Suggested checklist answers from a tool's result (its ``to_dict()``, whose
    ``checklist_evidence`` the tool's result wrote), offered one by one against the reader's
    saved answers (``answers_json``): ``{"version", "heading", "items": [...]}``, each item as
    ``checker.web.evidence.offer`` words it. Only ids of the current criteria are suggested; an
    answer the reader gave is replaced only when they press Replace on its line."""
    from checker.web.evidence import offers

    if tool not in ("dataset", "compare"):
        raise ValueError(f"unknown tool {tool!r}")
    evidence = _object(result_json, f"the {tool} result").get("checklist_evidence")
    criteria = load_criteria()
    items = offers(evidence, _object(answers_json, "answers"), criteria)
    source = "check" if tool == "dataset" else "comparison"
    return {
        "version": criteria.version,
        "heading": f"Use this {source} in your checklist",
        "items": items,
    }


def compare_precheck(files_json: str) -> Reply:
    """Before the page reads dropped files: ``[{"name", "size"}, ...]`` → ``{}``, or InputError
    saying why the page will not compare them."""
    from checker.compare import page_refusal

    files = json.loads(files_json)
    refusal = page_refusal((entry["name"], entry["size"]) for entry in files)
    if refusal is not None:
        raise InputError(refusal)
    return {}


def compare_files(request_json: str) -> Reply:
    """Compare dropped or pasted files. The request holds file contents, not paths:

    ``{"results": {"name", "text"}}`` or ``{"baseline": {...}, "candidate": {...},
    "reference": {...}, "metric": "normalized"}``, plus an optional ``"seed"``.
    Returns ``{"result", "view", "markdown"}``: ``view`` is ``checker.view.View`` as a
    dict (the sentence, rows, notes, evidence and chart the page shows, as the CLI prints them).
    """
    from checker.compare import compare_texts, comparison_markdown
    from checker.compare.metrics import DEFAULT_METRIC
    from checker.compare.render import comparison_view

    request = _object(request_json, "the request")
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

        return reply(build)


def dataset_view(data: dict[str, Any]) -> dict[str, Any]:
    """The dataset report as the page shows it, from the functions the CLI's text and Markdown
    use: ``verdict`` (code and label), ``status`` (the line shown when done), ``facts``
    ([label, value]), ``distribution`` (columns and [label, values]), ``chart``, ``findings``,
    ``notes``, ``token_note`` (a sentence; the reports keep the full note) and ``cost`` (the cost
    calculator's fields, or null). File names and messages are left as they are: the page puts
    them in the DOM as text."""
    from checker.dataset.render import (
        DISTRIBUTION_COLUMNS,
        VERDICTS,
        cost_figures,
        distribution_rows,
        fact_rows,
        finding_groups,
        histogram_chart,
    )
    from checker.dataset.tokens import short_token_note

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
        "token_note": short_token_note(data["stats"].get("token_figures")),
        "cost": cost_figures(data),
    }


def dataset_session(model: str | None) -> BrowserDatasetSession:
    return BrowserDatasetSession(model)


def cost_estimate(request_json: str) -> Reply:
    """The cost page's form as JSON: ``{"model", "baseline_model", "provider", "deployment",
    "today", ... every name of checker.cost.FIELDS ..., "prices": {key: value}}``; empty values are
    left out. Returns ``{"headline", "pays_back", "result", "rows", "prices", "notes", "chart",
    "json", "markdown"}`` (``prices`` from ``checker.cost.price_table``; ``json`` is exactly what
    ``cost --format json`` prints), or ``{"field_error": {"fields", "message"}}`` when an input
    is missing or out of range (the message worded for the page; the fields by form name or
    ``price:KEY``), like the checklist's field errors."""
    from checker.cost import (
        FieldError,
        MissingInput,
        cost_chart,
        cost_json,
        cost_markdown,
        cost_rows,
        estimate_cost,
        headline,
        page_message,
        price_table,
        request_inputs,
    )

    try:
        result = estimate_cost(request_inputs(_object(request_json, "the request")))
    except (MissingInput, FieldError) as error:  # a field to point at: the page's words
        message, fields = page_message(error)
        return {"field_error": {"fields": list(fields), "message": message}}
    return {
        "headline": headline(result),
        "pays_back": result.pays_back,
        "result": result.to_dict(),
        "rows": cost_rows(result),
        "prices": price_table(result),
        "notes": list(result.notes),
        "chart": cost_chart(result),
        "json": cost_json(result),
        "markdown": cost_markdown(result),
    }


def repair_offer(report_json: str) -> Reply:
    """What the dataset page offers after a check: ``{"convert", "fix", "reasons"}``."""
    from checker.web.repair import offer

    return offer(_object(report_json, "the report"))


def repair_request(request_json: str) -> Reply:
    """Convert or Fix on the dataset page, or a preview (see ``checker.web.repair``)."""
    from checker.web.repair import repair

    return repair(_object(request_json, "the request"))


REQUESTS: dict[str, Callable[..., Reply]] = {
    "assess_answers": assess_answers,
    "assessment_report": assessment_report,
    "checklist_evidence": checklist_evidence,
    "compare_precheck": compare_precheck,
    "compare_files": compare_files,
    "cost_estimate": cost_estimate,
    "repair_offer": repair_offer,
    "repair_request": repair_request,
}
"""Every request the worker may make by name; each returns the reply's fields."""


def handle(name: str, *args: str) -> str:
    """The worker's one entry point: run request ``name`` on ``args``, as a reply (JSON text)."""

    def build() -> Reply:
        request = REQUESTS.get(name)
        if request is None:
            raise ValueError(f"unknown request {name!r}")
        return request(*args)

    return reply(build)
