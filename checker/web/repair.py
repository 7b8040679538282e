"""The dataset page's Convert and Fix: what to offer after a check, a preview, and the run itself.

The worker mounts the chosen files read-only (Emscripten's WORKERFS, which reads the browser's
File lazily, so nothing is copied or uploaded) and makes the ``repair_request`` request (see
``checker.web``) with their paths and an output folder in memory; the files written there are
the ones the command line writes, byte for byte, because the same ``convert_file`` and
``fix_files`` write them. The page then offers them for download.
"""

from __future__ import annotations

import os
from typing import Any

from checker.errors import InputError
from checker.textsafe import plural

# Formats of a checked file that ``convert`` can turn into chat examples.
CONVERTIBLE = ("csv", "json-array", "prompt-completion", "question-answer", "unknown")
# Findings that ``fix`` removes (or moves to its rejects file with the reason).
FIXABLE = (
    "duplicate-example",
    "near-duplicate-example",
    "train-validation-overlap",
    "invalid-json",
    "invalid-utf8",
    "not-an-object",
    "line-too-long",
    "nested-too-deeply",
)
PREVIEW_EXAMPLES = 3
PREVIEW_CHARS = 400


def offer(report: dict[str, Any]) -> dict[str, Any]:
    """What the page should offer for a report (``DatasetReport.to_dict()``): ``convert``, ``fix``,
    ``reasons``, and ``sources``, the input formats Convert can be told (``convert --from``)."""
    from checker.convert import SOURCES

    convert = report.get("format") in CONVERTIBLE
    findings = report.get("findings") or {}
    fixes = [code for code in FIXABLE if code in findings]
    bom = any(file.get("byte_order_mark") for file in report.get("files") or [])
    fix = not convert and (bool(fixes) or bom)
    reasons = []
    if convert:
        reasons.append("the file is not chat JSON Lines; it can be converted to chat examples")
    if fix:
        found = ", ".join(fixes + (["a byte-order mark"] if bom else []))
        reasons.append(f"a corrected copy can remove: {found}")
    return {"convert": convert, "fix": fix, "reasons": reasons, "sources": ["auto", *SOURCES]}


def _beside(folder: str, source: str, suffix: str) -> str:
    """``folder/NAME.chat.jsonl`` for ``…/NAME.csv``: the source's name without its extension."""
    stem = os.path.splitext(os.path.basename(source))[0] or "data"
    return os.path.join(folder, stem + suffix)


def _short(text: str) -> str:
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def _first_lines(path: str, count: int) -> list[str]:
    lines: list[str] = []
    with open(path, "rb") as stream:
        for raw in stream:
            text = raw.decode("utf-8", "replace").removeprefix("\ufeff").rstrip("\r\n")
            if text.strip():
                lines.append(_short(text))
            if len(lines) >= count:
                break
    return lines


def repair(request: dict[str, Any]) -> dict[str, Any]:
    """Run one request; InputError for input the user can fix.

    Request: ``{"action": "preview" | "convert" | "fix", "train": PATH, "validation": PATH?,
    "out": FOLDER, "from": "auto", "system": TEXT?, "drop_near_duplicates": false}``."""
    from checker.convert import convert_chunks, convert_file, plan
    from checker.convert.common import path_chunks
    from checker.convert.detect import HEAD_BYTES
    from checker.convert.fix import fix_files
    from checker.convert.run import default_path
    from checker.dataset import report_markdown

    action, train, out = request["action"], request["train"], request["out"]
    name = os.path.basename(train)
    system = request.get("system") or None
    before = _first_lines(train, PREVIEW_EXAMPLES)
    if action == "preview":
        import io

        head = next(path_chunks(train, HEAD_BYTES), b"")
        mapping = plan(head, name, request.get("from", "auto"))
        sink = io.BytesIO()
        try:
            convert_chunks([head], mapping, sink, io.BytesIO(), system=system, name=name)
        except InputError:
            if not sink.getvalue():
                raise
        after = [_short(line) for line in sink.getvalue().decode().split("\n") if line]
        return {
            "mapping": mapping.describe(),
            "detected": mapping.notes,
            "before": before,
            "after": after[:PREVIEW_EXAMPLES],
        }
    suffix = ".chat.jsonl" if action == "convert" else ".fixed.jsonl"
    outputs = {"output": _beside(out, train, suffix)}
    if action == "convert":
        converted = convert_file(
            train, outputs["output"], source_format=request.get("from", "auto"), system=system
        )
        summary, report = converted.summary(), converted.report
    elif action == "fix":
        validation = request.get("validation")
        if validation:
            validation_output = _beside(out, validation, suffix)
            if validation_output == outputs["output"]:  # two files of one name: keep both outputs
                validation_output = _beside(out, validation, ".validation" + suffix)
            outputs["validation_output"] = validation_output
        fixed = fix_files(
            train,
            outputs["output"],
            validation=validation or None,
            validation_output=outputs.get("validation_output"),
            drop_near_duplicates=bool(request.get("drop_near_duplicates")),
        )
        summary, report = fixed.summary(), fixed.report
    else:
        raise InputError(f"unknown action {action!r}")
    outputs["rejects"] = default_path(outputs["output"], ".rejects.jsonl")
    if action == "fix":
        outputs["dropped"] = default_path(outputs["output"], ".dropped.jsonl")
    outputs["changes"] = default_path(outputs["output"], ".changes.json")
    if report is None:
        raise RuntimeError(f"the {action}ed file was not checked")
    counts = f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}"
    return {
        "status": f"Done: {counts} in the result. Nothing was uploaded.",
        "summary": summary,
        "report": report.to_dict(),
        "markdown": report_markdown(report),
        "files": outputs,
        "before": before,
        "after": _first_lines(outputs["output"], PREVIEW_EXAMPLES),
    }
