"""Views of a DatasetReport: text (terminal), Markdown (download), JSON, ``lines`` (one line per
finding, for pre-commit and editors) and ``github`` (workflow annotations).

Everything that comes from the data (file names, messages quoting keys or roles, excerpts) is
escaped for where it goes: ``for_terminal`` in text, code spans and ``md_text`` in Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from checker.dataset.report import VERDICT_LABELS, DatasetReport
from checker.textsafe import for_terminal, md_code, md_text, one_line

VERDICTS = VERDICT_LABELS
ROWS = (
    ("messages_per_example", "messages per example"),
    ("tokens_per_example", "tokens per example"),
    ("assistant_tokens_per_example", "assistant tokens per example"),
)


def report_json(report: DatasetReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def _facts(data: dict[str, Any], name: Callable[[str], str]) -> list[str]:
    """One line per file and the training estimates, shared by both text views; ``name``
    escapes a file name for the view."""
    lines = []
    for file in data["files"]:
        bom = ", with a byte-order mark" if file["byte_order_mark"] else ""
        lines.append(
            f"{file['file']} ({name(file['name'])}): {file['examples']:,} examples, "
            f"{file['format']}: {file['format_description']}{bom}; "
            f"{_count(file['errors'], 'error')}, {_count(file['warnings'], 'warning')}"
        )
    method = data["method"]
    if method:
        lines.append(f"method: {method['summary']}")
    stats = data["stats"]
    provider = data["provider_name"]
    lines.append(f"provider: {provider}" + (f"; model: {data['model']}" if data["model"] else ""))
    figures = stats.get("token_figures") or {}
    if stats.get("token_limit"):
        how = figures.get("examples_over_token_limit")
        lines.append(
            f"over the {stats['token_limit']:,}-token limit of {stats['model']}: "
            f"{stats['examples_over_token_limit']:,} examples" + (f" ({how})" if how else "")
        )
    if stats.get("estimated_epochs"):
        cap = "" if stats.get("token_limit") else " (no model given: no per-example cap applied)"
        billed = figures.get("billed_tokens") or f"about {stats['estimated_billed_tokens']:,}"
        lines.append(
            f"estimated epochs: {stats['estimated_epochs']}; billed training tokens: {billed}{cap}"
        )
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


SHORT = {"exact": "exact", "mixed": "part exact", "estimated": "est."}


def _rows(stats: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    figures = stats.get("token_figures") or {}

    def label(key: str, text: str) -> str:
        how = figures.get(key, "estimated" if "token" in key else "").split(":")[0].split(" ")[0]
        return f"{text} ({SHORT[how]})" if how in SHORT else text

    return [(label(key, text), stats[key]) for key, text in ROWS if stats.get(key)]


def report_text(report: DatasetReport) -> str:
    data = report.to_dict()
    lines = [VERDICTS[data["verdict"]], ""]
    lines += _facts(data, for_terminal)
    rows = _rows(data["stats"])
    if rows:
        lines += ["", f"{'training data':<38}{'min':>8}{'median':>9}{'p90':>9}{'max':>9}"]
        for label, s in rows:
            lines.append(
                f"  {label:<36}{s['min']:>8,}{s['median']:>9,}{s['p90']:>9,}{s['max']:>9,}"
            )
    for severity, title in (("error", "Errors"), ("warning", "Warnings")):
        groups = {c: g for c, g in data["findings"].items() if g["severity"] == severity}
        if not groups:
            continue
        lines += ["", f"{title}:"]
        for code, group in groups.items():
            lines.append(f"  {code} ({group['count']:,}): {group['action']}")
            for item in group["shown"]:
                where = f"line {item['line']}" if item["line"] else "file"
                lines.append(f"    {item['file']} {where}: {for_terminal(item['message'])}")
                if item["excerpt"]:
                    lines.append(f"      > {for_terminal(item['excerpt'])}")
            more = group["count"] - len(group["shown"])
            if more > 0:
                lines.append(f"    ... and {more:,} more")
    if data["notes"]:
        lines += ["", "Notes:"] + [f"  - {for_terminal(note)}" for note in data["notes"]]
    lines += ["", "Checklist evidence:"]
    for item, evidence in data["checklist_evidence"].items():
        lines.append(f"  {item}: {evidence['answer']} ({evidence['reason']})")
    lines += ["", f"Note: {data['token_estimate_note']}"]
    return "\n".join(lines) + "\n"


def report_markdown(report: DatasetReport) -> str:
    data = report.to_dict()
    lines = ["# Dataset check", "", f"**{VERDICTS[data['verdict']]}**", ""]
    lines += [f"- {fact}" for fact in _facts(data, md_code)]
    rows = _rows(data["stats"])
    if rows:
        lines += [
            "",
            "## Training data",
            "",
            "| | min | median | p90 | max |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {label} | {s['min']} | {s['median']} | {s['p90']} | {s['max']} |"
            for label, s in rows
        ]
    if data["findings"]:
        lines += ["", "## Findings", "", "| code | severity | count |", "|---|---|---:|"]
        lines += [
            f"| `{c}` | {g['severity']} | {g['count']} |" for c, g in data["findings"].items()
        ]
        for code, group in data["findings"].items():
            lines += ["", f"### `{code}` ({group['severity']}, {group['count']})", ""]
            lines += [f"{group['description']} {group['action']}", ""]
            for item in group["shown"]:
                where = f"line {item['line']}" if item["line"] else "whole file"
                excerpt = f": {md_code(item['excerpt'])}" if item["excerpt"] else ""
                lines.append(f"- {item['file']}, {where}: {md_text(item['message'])}{excerpt}")
            more = group["count"] - len(group["shown"])
            if more > 0:
                lines.append(f"- ... and {more} more")
    if data["notes"]:
        lines += ["", "## Notes", ""] + [f"- {md_text(note)}" for note in data["notes"]]
    lines += ["", "## Checklist evidence", "", "| item | suggested answer | why |", "|---|---|---|"]
    lines += [
        f"| `{item}` | {e['answer']} | {md_text(e['reason'])} |"
        for item, e in data["checklist_evidence"].items()
    ]
    lines += ["", f"*{data['token_estimate_note']}*", ""]
    return "\n".join(lines)


def _located(report: DatasetReport) -> list[tuple[str, int | None, dict[str, Any], str]]:
    """(file name, line, finding, code) for every listed finding, errors first, and one entry
    per code for the findings past the listed ones."""
    data = report.to_dict()
    names = {file["file"]: file["name"] for file in data["files"]}
    out: list[tuple[str, int | None, dict[str, Any], str]] = []
    for code, group in data["findings"].items():
        for item in group["shown"]:
            out.append((names.get(item["file"], item["file"]), item["line"], item, code))
        more = group["count"] - len(group["shown"])
        if more > 0:
            last = group["shown"][-1]
            extra = dict(last, message=f"... and {more:,} more like this", line=None)
            out.append((names.get(last["file"], last["file"]), None, extra, code))
    return out


def report_lines(report: DatasetReport) -> str:
    """``path:line: severity code message``, one line per finding (``path: ...`` for the file
    as a whole); nothing when there is nothing to report."""
    lines = []
    for name, line, item, code in _located(report):
        where = f"{for_terminal(name)}:{line}" if line else for_terminal(name)
        lines.append(f"{where}: {item['severity']} {code} {one_line(item['message'])}")
    return "".join(line + "\n" for line in lines)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(report: DatasetReport) -> str:
    """GitHub Actions workflow commands: one ``::error`` or ``::warning`` annotation per
    finding, placed on the file and line."""
    lines = []
    for name, line, item, code in _located(report):
        place = f"file={_gh_property(name)}" + (f",line={line}" if line else "")
        message = one_line(item["message"])
        lines.append(
            f"::{item['severity']} {place},title={_gh_property(code)}::{_gh_data(message)}"
        )
    return "".join(line + "\n" for line in lines)


RENDERERS: dict[str, Callable[[DatasetReport], str]] = {
    "text": report_text,
    "json": report_json,
    "markdown": report_markdown,
    "lines": report_lines,
    "github": report_github,
}
