"""Text (terminal), Markdown (download) and JSON views of a DatasetReport."""

from __future__ import annotations

import json
from typing import Any

from checker.dataset.report import DatasetReport

VERDICTS = {
    "pass": "PASS: no problems found",
    "pass-with-warnings": "PASS WITH WARNINGS: the file can be used; review the warnings",
    "fail": "FAIL: fix the errors before uploading",
}
ROWS = (
    ("messages_per_example", "messages per example"),
    ("tokens_per_example", "tokens per example (est.)"),
    ("assistant_tokens_per_example", "assistant tokens per example (est.)"),
)


def report_json(report: DatasetReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def _facts(data: dict[str, Any]) -> list[str]:
    """One line per file and the training estimates, shared by both text views."""
    lines = []
    for file in data["files"]:
        bom = ", with a byte-order mark" if file["byte_order_mark"] else ""
        lines.append(
            f"{file['file']} ({file['name']}): {file['examples']:,} examples, "
            f"{file['format']}: {file['format_description']}{bom}; "
            f"{_count(file['errors'], 'error')}, {_count(file['warnings'], 'warning')}"
        )
    stats = data["stats"]
    if stats.get("token_limit"):
        lines.append(
            f"over the {stats['token_limit']:,}-token limit of {stats['model']}: "
            f"{stats['examples_over_token_limit']:,} examples"
        )
    if stats.get("estimated_epochs"):
        cap = "" if stats.get("token_limit") else " (no model given: no per-example cap applied)"
        lines.append(
            f"estimated epochs: {stats['estimated_epochs']}; estimated billed training tokens: "
            f"{stats['estimated_billed_tokens']:,}{cap}"
        )
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _rows(stats: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    return [(label, stats[key]) for key, label in ROWS if stats.get(key)]


def report_text(report: DatasetReport) -> str:
    data = report.to_dict()
    lines = [VERDICTS[data["verdict"]], ""]
    lines += _facts(data)
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
            lines.append(f"  {code} ({group['count']:,})")
            for item in group["shown"]:
                where = f"line {item['line']}" if item["line"] else "file"
                lines.append(f"    {item['file']} {where}: {item['message']}")
                if item["excerpt"]:
                    lines.append(f"      > {item['excerpt']}")
            more = group["count"] - len(group["shown"])
            if more > 0:
                lines.append(f"    ... and {more:,} more")
    if data["notes"]:
        lines += ["", "Notes:"] + [f"  - {note}" for note in data["notes"]]
    lines += ["", "Checklist evidence:"]
    for item, evidence in data["checklist_evidence"].items():
        lines.append(f"  {item}: {evidence['answer']} ({evidence['reason']})")
    lines += ["", f"Note: {data['token_estimate_note']}"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def report_markdown(report: DatasetReport) -> str:
    data = report.to_dict()
    lines = ["# Dataset check", "", f"**{VERDICTS[data['verdict']]}**", ""]
    lines += [f"- {fact}" for fact in _facts(data)]
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
            for item in group["shown"]:
                where = f"line {item['line']}" if item["line"] else "whole file"
                excerpt = f": `{_cell(item['excerpt'])}`" if item["excerpt"] else ""
                lines.append(f"- {item['file']}, {where}: {_cell(item['message'])}{excerpt}")
            more = group["count"] - len(group["shown"])
            if more > 0:
                lines.append(f"- ... and {more} more")
    if data["notes"]:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in data["notes"]]
    lines += ["", "## Checklist evidence", "", "| item | suggested answer | why |", "|---|---|---|"]
    lines += [
        f"| `{item}` | {e['answer']} | {_cell(e['reason'])} |"
        for item, e in data["checklist_evidence"].items()
    ]
    lines += ["", f"*{data['token_estimate_note']}*", ""]
    return "\n".join(lines)
