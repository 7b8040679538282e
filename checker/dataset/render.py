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
from checker.dataset.tokens import BY_CONVENTION, UPPER_BOUND
from checker.textsafe import for_terminal, md_code, md_text, one_line, plural
from checker.view import Chart, evidence_markdown, evidence_text, svg_element

VERDICTS = VERDICT_LABELS
ROWS = (
    ("messages_per_example", "messages per example"),
    ("tokens_per_example", "tokens per example"),
    ("assistant_tokens_per_example", "assistant tokens per example"),
)


def report_json(report: DatasetReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def fact_rows(data: dict[str, Any], name: Callable[[str], str]) -> list[tuple[str, str]]:
    """(label, value) for each file and the training estimates: the text and Markdown reports
    print them as ``label: value``, the page as a table. ``name`` escapes a file name for the
    view."""
    rows = []
    for file in data["files"]:
        bom = ", with a byte-order mark" if file["byte_order_mark"] else ""
        rows.append(
            (
                f"{file['file']} ({name(file['name'])})",
                f"{plural(file['examples'], 'example')}, {file['format']}: "
                f"{file['format_description']}"
                f"{bom}; {plural(file['errors'], 'error')}, {plural(file['warnings'], 'warning')}",
            )
        )
    method = data["method"]
    if method:
        rows.append(("method", method["summary"]))
    stats = data["stats"]
    model = f"; model: {data['model']}" if data["model"] else ""
    rows.append(("provider", f"{data['provider_name']}{model}"))
    figures = stats.get("token_figures") or {}
    if stats.get("token_limit"):
        how = figures.get("examples_over_token_limit")
        rows.append(
            (
                f"over the {stats['token_limit']:,}-token limit of {stats['model']}",
                plural(stats["examples_over_token_limit"], "example")
                + (f" ({how})" if how else ""),
            )
        )
    if stats.get("estimated_epochs"):
        cap = (
            ""
            if stats.get("token_limit")
            else f" (no per-example limit published for {stats['model']}: no cap applied)"
            if stats.get("model")
            else " (no model given: no per-example cap applied)"
        )
        billed = figures.get("billed_tokens") or f"about {stats['estimated_billed_tokens']:,}"
        rows.append(
            (
                "estimated epochs",
                f"{stats['estimated_epochs']}; billed training tokens: {billed}{cap}",
            )
        )
    return rows


def _facts(data: dict[str, Any], name: Callable[[str], str]) -> list[str]:
    return [f"{label}: {value}" for label, value in fact_rows(data, name)]


SHORT = {
    "exact": "exact",
    "mixed": "part exact",
    "estimated": "est.",
    BY_CONVENTION: "text exact",
    UPPER_BOUND: "upper bound",
}


DISTRIBUTION_COLUMNS = ("min", "median", "p90", "max")


def distribution_rows(stats: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(label, [min, median, p90, max]) per training-data figure, the numbers as shown."""
    figures = stats.get("token_figures") or {}

    def label(key: str, text: str) -> str:
        head = figures.get(key, "estimated" if "token" in key else "").split(":")[0]
        short = SHORT.get(head) or SHORT.get(head.split(" ")[0])
        return f"{text} ({short})" if short else text

    return [
        (label(key, text), [f"{stats[key][column]:,}" for column in DISTRIBUTION_COLUMNS])
        for key, text in ROWS
        if stats.get(key)
    ]


def finding_groups(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each finding code as shown: ``code``, ``severity``, ``count``, ``title`` (what it is, in
    words), ``label`` (severity and count), ``advice`` (what it is and what to do), ``action``,
    ``shown`` (``where``, ``message``, ``excerpt``, ``line`` of each listed finding) and ``more``
    ("" or how many more).
    Messages are as the checker wrote them: each view escapes them for where they go."""
    groups = []
    for code, group in data["findings"].items():
        more = group["count"] - len(group["shown"])
        groups.append(
            {
                "code": code,
                "severity": group["severity"],
                "count": f"{group['count']:,}",
                "title": group["description"],
                "label": f"{group['severity']}, {group['count']:,} found",
                "advice": f"{group['description']} {group['action']}",
                "action": group["action"],
                "shown": [
                    {
                        "where": f"{item['file']} line {item['line']}"
                        if item["line"]
                        else f"{item['file']} file",
                        "message": item["message"],
                        "excerpt": item["excerpt"],
                        "line": item["line"],
                    }
                    for item in group["shown"]
                ],
                "more": f"... and {more:,} more" if more > 0 else "",
            }
        )
    return groups


def histogram_chart(stats: dict[str, Any]) -> dict[str, Any] | None:
    """The page's histogram of tokens per example as SVG elements (``checker.view.Chart``): a bar
    per bin, each with its range and count as a tooltip, and the range at both ends; None without
    examples. A bin holds its lower edge and not its upper one, so labels end one token below the
    upper edge."""
    bins = stats.get("token_histogram")
    if not bins or not bins.get("counts"):
        return None
    edges, counts = bins["edges"], bins["counts"]
    width, height = 560, 160
    most = max(*counts, 1)
    step = (width - 20) / len(counts)

    def span(low: int, high: int) -> str:
        return f"{low:,} tokens" if low == high else f"{low:,} to {high:,} tokens"

    elements = []
    for index, (low, high, count) in enumerate(zip(edges, edges[1:], counts, strict=False)):
        tall = round(count / most * height, 1)
        tooltip = svg_element("title", f"{span(low, high - 1)}: {plural(count, 'example')}")
        elements.append(
            svg_element(
                "rect",
                children=[tooltip],
                x=round(10 + index * step, 1),
                y=height - tall,
                width=round(max(1.0, step - 2), 1),
                height=tall,
                class_="ftr-chart__bar",
            )
        )
    elements += [
        svg_element("text", f"{edges[0]:,} tokens", x=10, y=height + 20, class_="ftr-chart__value"),
        svg_element(
            "text",
            f"{edges[-1] - 1:,} tokens",
            x=width - 10,
            y=height + 20,
            text_anchor="end",
            class_="ftr-chart__value",
        ),
    ]
    title = f"Histogram of tokens per example: {span(edges[0], edges[-1] - 1)}"
    caption = "Tokens per training example"
    return Chart(width, height + 30, title, tuple(elements), caption).to_dict()


def cost_figures(data: dict[str, Any]) -> dict[str, str] | None:
    """What the cost calculator is opened with: training tokens per epoch, epochs and the model,
    as its form fields take them; None without an estimate."""
    stats = data["stats"]
    epochs, billed = stats.get("estimated_epochs"), stats.get("estimated_billed_tokens")
    if not epochs or not billed:
        return None
    figures = {"training-tokens": str(round(billed / epochs)), "epochs": str(epochs)}
    if stats.get("model"):
        figures["model"] = str(stats["model"])
    return figures


def report_text(report: DatasetReport) -> str:
    data = report.to_dict()
    lines = [VERDICTS[data["verdict"]], ""]
    lines += _facts(data, for_terminal)
    rows = distribution_rows(data["stats"])
    if rows:
        lines += ["", f"{'training data':<38}{'min':>8}{'median':>9}{'p90':>9}{'max':>9}"]
        for label, (low, median, p90, high) in rows:
            lines.append(f"  {label:<36}{low:>8}{median:>9}{p90:>9}{high:>9}")
    every = finding_groups(data)
    for severity, title in (("error", "Errors"), ("warning", "Warnings")):
        groups = [group for group in every if group["severity"] == severity]
        if not groups:
            continue
        lines += ["", f"{title}:"]
        for group in groups:
            lines.append(f"  {group['code']} ({group['count']}): {group['action']}")
            for item in group["shown"]:
                lines.append(f"    {item['where']}: {for_terminal(item['message'])}")
                if item["excerpt"]:
                    lines.append(f"      > {for_terminal(item['excerpt'])}")
            if group["more"]:
                lines.append(f"    {group['more']}")
    if data["notes"]:
        lines += ["", "Notes:"] + [f"  - {for_terminal(note)}" for note in data["notes"]]
    lines += ["", *evidence_text(data["checklist_evidence"])]
    lines += ["", f"Note: {data['token_estimate_note']}"]
    return "\n".join(lines) + "\n"


def report_markdown(report: DatasetReport) -> str:
    data = report.to_dict()
    lines = ["# Dataset check", "", f"**{VERDICTS[data['verdict']]}**", ""]
    lines += [f"- {fact}" for fact in _facts(data, md_code)]
    rows = distribution_rows(data["stats"])
    if rows:
        lines += [
            "",
            "## Training data",
            "",
            "| | min | median | p90 | max |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [f"| {label} | {' | '.join(values)} |" for label, values in rows]
    groups = finding_groups(data)
    if groups:
        lines += ["", "## Findings", "", "| code | severity | count |", "|---|---|---:|"]
        lines += [f"| `{g['code']}` | {g['severity']} | {g['count']} |" for g in groups]
        for group in groups:
            lines += ["", f"### `{group['code']}` ({group['label']})", "", group["advice"], ""]
            for item in group["shown"]:
                excerpt = f": {md_code(item['excerpt'])}" if item["excerpt"] else ""
                lines.append(f"- {item['where']}: {md_text(item['message'])}{excerpt}")
            if group["more"]:
                lines.append(f"- {group['more']}")
    if data["notes"]:
        lines += ["", "## Notes", ""] + [f"- {md_text(note)}" for note in data["notes"]]
    lines += ["", *evidence_markdown(data["checklist_evidence"])]
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
