"""The dataset page's Convert and Fix: what to offer after a check, a preview, and the run itself.

The worker mounts the chosen files read-only (Emscripten's WORKERFS, which reads the browser's
File lazily, so nothing is copied or uploaded) and makes the ``repair_request`` request (see
``checker.web``) with their paths and an output folder in memory; the files written there are
the ones the command line writes, byte for byte, because the same ``convert_file`` and
``fix_files`` write them. The page then offers them for download. The worker's folders are its
own business: the change log and the messages name the reader's files by their names only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from checker.errors import InputError
from checker.textsafe import display_path, plural

if TYPE_CHECKING:
    from checker.convert.mapping import Mapping

# Formats of a checked file that ``convert`` can turn into chat examples.
CONVERTIBLE = ("csv", "json-array", "prompt-completion", "question-answer", "unknown")
# Findings that ``fix`` removes (or moves to its rejects file with the reason), in words:
# code -> (one, several, what happens to them).
FIX_WORDS = {
    "duplicate-example": (
        "duplicate example",
        "duplicate examples",
        "the first copy of each is kept",
    ),
    "near-duplicate-example": (
        "example whose prompt repeats an earlier one's",
        "examples whose prompt repeats an earlier one's",
        "only when you tick the box below",
    ),
    "train-validation-overlap": (
        "validation example that also appears in the training file",
        "validation examples that also appear in the training file",
        "they would make the validation score look better than it is",
    ),
    "invalid-json": (
        "line that is not valid JSON",
        "lines that are not valid JSON",
        "moved to the rejects file",
    ),
    "invalid-utf8": (
        "line with bytes that are not UTF-8 text",
        "lines with bytes that are not UTF-8 text",
        "moved to the rejects file",
    ),
    "not-an-object": (
        "line that is not a JSON object",
        "lines that are not JSON objects",
        "moved to the rejects file",
    ),
    "line-too-long": (
        "line longer than the provider allows",
        "lines longer than the provider allows",
        "moved to the rejects file",
    ),
    "nested-too-deeply": (
        "line nested too deeply to read",
        "lines nested too deeply to read",
        "moved to the rejects file",
    ),
}
FIXABLE = tuple(FIX_WORDS)
CONTAINER_WORDS = {"json-array": "a JSON array", "jsonl": "a JSON Lines file"}
RECORD_WORDS = {
    "alpaca": "of Alpaca records (instruction, input, output)",
    "prompt-completion": "of prompt/completion pairs",
    "sharegpt": "of ShareGPT conversations",
    "chat": "of chat examples",
}
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
    removes = []
    if convert:
        reasons.append("The file is not chat JSON Lines; it can be converted to chat examples.")
    if fix:
        reasons.append("A corrected copy of the file can leave out:")
        for code in fixes:
            one, several, note = FIX_WORDS[code]
            count = int(findings[code].get("count", 0))
            words = f"{count:,} {one if count == 1 else several}"
            removes.append({"code": code, "text": f"{words} ({note})"})
        if bom:
            removes.append(
                {"code": "byte-order-mark", "text": "the byte-order mark at the start of the file"}
            )
    return {
        "convert": convert,
        "fix": fix,
        "reasons": reasons,
        "removes": removes,
        "sources": ["auto", *SOURCES],
    }


def source_verdict(mapping: Mapping) -> str:
    """What a file in another format is, in a sentence, and where to go: "This is a CSV file
    with question and answer columns, not chat JSON Lines: convert it below."."""
    if mapping.container == "csv":
        what = "a tab-separated file" if mapping.delimiter == "\t" else "a CSV file"
        noun = "column" if mapping.header else "column number"
    else:
        what = CONTAINER_WORDS.get(mapping.container, "a file")
        noun = "field"
    fields = mapping.fields
    if mapping.shape == "fields" and "user" in fields and "assistant" in fields:
        if mapping.container == "csv" and not mapping.header:
            user, assistant = fields["user"], fields["assistant"]
            kind = f"with prompts in column {user} and replies in column {assistant}"
        else:
            kind = f"with {fields['user']} and {fields['assistant']} {noun}s"
    else:
        kind = RECORD_WORDS.get(mapping.records, f"of {mapping.records} records")
    return f"This is {what} {kind}, not chat JSON Lines: convert it below."


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


@contextmanager
def _working_in(folder: str) -> Iterator[None]:
    """Write the outputs by their bare names (the change log and the checked report name them)."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _short_names(inputs: list[str]) -> dict[str, str]:
    """Each input as the checker names it -> as the reader knows it (its file name)."""
    return {display_path(path): display_path(os.path.basename(path)) for path in inputs}


def _names_only(changes: str, inputs: list[str]) -> None:
    """The change log with each input named by its file name, not the worker's path to it."""
    with open(changes, encoding="utf-8") as stream:
        data = json.load(stream)
    shown = _short_names(inputs)
    data["files"] = {key: shown.get(value, value) for key, value in data["files"].items()}
    with open(changes, "w", encoding="utf-8") as stream:
        stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _without_paths(error: InputError, inputs: list[str]) -> InputError:
    message = str(error)
    for path, name in _short_names(inputs).items():
        message = message.replace(path, name)
    return InputError(message)


def repair(request: dict[str, Any]) -> dict[str, Any]:
    """Run one request; InputError for input the user can fix, naming files by their names.

    Request: ``{"action": "preview" | "convert" | "fix", "train": PATH, "validation": PATH?,
    "out": FOLDER, "from": "auto", "system": TEXT?, "drop_near_duplicates": false}``."""
    inputs = [request[role] for role in ("train", "validation") if request.get(role)]
    try:
        return _repair(request, inputs)
    except InputError as error:
        raise _without_paths(error, inputs) from None


def _repair(request: dict[str, Any], inputs: list[str]) -> dict[str, Any]:
    from checker.convert import convert_chunks, convert_file, plan
    from checker.convert.common import path_chunks
    from checker.convert.detect import HEAD_BYTES
    from checker.convert.fix import fix_files
    from checker.convert.run import default_path
    from checker.dataset import report_markdown
    from checker.web import dataset_view

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
            "verdict": source_verdict(mapping),
            "before": before,
            "after": after[:PREVIEW_EXAMPLES],
        }
    suffix = ".chat.jsonl" if action == "convert" else ".fixed.jsonl"
    names = {"output": _beside("", train, suffix)}
    with _working_in(out):
        if action == "convert":
            converted = convert_file(
                train, names["output"], source_format=request.get("from", "auto"), system=system
            )
            summary, report = converted.summary(), converted.report
        elif action == "fix":
            validation = request.get("validation")
            if validation:
                validation_output = _beside("", validation, suffix)
                if validation_output == names["output"]:  # two files of one name: keep both
                    validation_output = _beside("", validation, ".validation" + suffix)
                names["validation_output"] = validation_output
            fixed = fix_files(
                train,
                names["output"],
                validation=validation or None,
                validation_output=names.get("validation_output"),
                drop_near_duplicates=bool(request.get("drop_near_duplicates")),
            )
            summary, report = fixed.summary(), fixed.report
        else:
            raise InputError(f"unknown action {action!r}")
        names["rejects"] = default_path(names["output"], ".rejects.jsonl")
        if action == "fix":
            names["dropped"] = default_path(names["output"], ".dropped.jsonl")
        names["changes"] = default_path(names["output"], ".changes.json")
        _names_only(names["changes"], inputs)
    if report is None:
        raise RuntimeError(f"the {action}ed file was not checked")
    outputs = {key: os.path.join(out, value) for key, value in names.items()}
    counts = f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}"
    data = report.to_dict()
    view = dataset_view(data)
    what = "converted" if action == "convert" else "fixed"
    return {
        "status": f"Done: {counts} in the result. Nothing was uploaded.",
        "checked": f"The {what} file, checked again: "
        f"{plural(report.train.examples, 'example')}. {view['verdict']['label']}",
        "summary": summary,
        "report": data,
        "view": view,
        "markdown": report_markdown(report),
        "files": outputs,
        "names": names,
        "before": before,
        "after": _first_lines(outputs["output"], PREVIEW_EXAMPLES),
    }
