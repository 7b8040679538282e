"""One shape for what a tool shows: a verdict sentence, rows, notes, evidence and a chart.

Every tool's result can be turned into a ``View``; the command line's text and Markdown and the
page's report show the same sentences and rows, and ``to_dict()`` is what the browser adapter
sends. A chart is a list of SVG elements whose geometry and labels Python works out;
``docs/assets/js/svg.js`` only creates them (``createElementNS`` and ``textContent``), so the page
computes nothing and cannot put markup from a label into the page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SvgElement = dict[str, Any]
"""``{"tag": "line", "attrs": {"x1": 0, ...}, "text"?: "label", "children"?: [SvgElement]}``."""

Evidence = Mapping[str, Mapping[str, str]]
"""Suggested checklist answers: ``{item_id: {"answer": ..., "reason": ...}}``."""


def svg_element(
    tag: str, text: str | None = None, children: list[SvgElement] | None = None, **attrs: Any
) -> SvgElement:
    """One SVG element. Attribute names are written the Python way: ``class_`` for ``class``,
    ``text_anchor`` for ``text-anchor``."""
    item: SvgElement = {
        "tag": tag,
        "attrs": {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()},
    }
    if text is not None:
        item["text"] = text
    if children:
        item["children"] = children
    return item


def nice_step(raw: float) -> float:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) at least ``raw``."""
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


@dataclass(frozen=True)
class LegendEntry:
    """A legend line: a small mark (SVG elements in a 24 by 12 box) and what it stands for."""

    text: str
    mark: tuple[SvgElement, ...]


@dataclass(frozen=True)
class Chart:
    """An SVG chart described by data; ``title`` is its accessible name."""

    width: int
    height: int
    title: str
    elements: tuple[SvgElement, ...]
    caption: str = ""
    legend: tuple[LegendEntry, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "width": self.width,
            "height": self.height,
            "title": self.title,
            "elements": list(self.elements),
            "caption": self.caption,
            "legend": [{"text": entry.text, "mark": list(entry.mark)} for entry in self.legend],
        }


@dataclass(frozen=True)
class View:
    """What a result shows: ``code`` names the verdict for styling and tests, ``verdict`` says it
    in a sentence; ``rows`` are (label, value) pairs, as the text report prints them."""

    code: str
    verdict: str
    rows: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
    evidence: Evidence = field(default_factory=dict)
    chart: Chart | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "verdict": self.verdict,
            "rows": [list(row) for row in self.rows],
            "notes": list(self.notes),
            "evidence": {key: dict(value) for key, value in self.evidence.items()},
            "chart": None if self.chart is None else self.chart.to_dict(),
        }


def evidence_text(evidence: Evidence) -> list[str]:
    """The checklist evidence as the terminal shows it, a heading and a line per item."""
    lines = ["Checklist evidence:"]
    for item, entry in evidence.items():
        lines.append(f"  {item}: {entry['answer']} ({entry['reason']})")
    return lines


def evidence_markdown(evidence: Evidence) -> list[str]:
    """The checklist evidence as a Markdown section with a table."""
    from checker.textsafe import md_text

    lines = ["## Checklist evidence", "", "| item | suggested answer | why |", "|---|---|---|"]
    lines += [
        f"| `{item}` | {entry['answer']} | {md_text(entry['reason'])} |"
        for item, entry in evidence.items()
    ]
    return lines


def view_text(view: View) -> str:
    """The verdict, the rows aligned after their labels, the notes and the evidence."""
    lines = [f"Verdict: {view.verdict}", ""]
    width = max((len(label) for label, _ in view.rows), default=0) + 1
    lines += [f"{label + ':':<{width}} {value}" for label, value in view.rows]
    if view.notes:
        lines += ["", *(f"Note: {note}" for note in view.notes)]
    if view.evidence:
        lines += ["", *evidence_text(view.evidence)]
    return "\n".join(lines) + "\n"


def view_markdown(view: View, title: str) -> str:
    """The same as ``view_text`` as a Markdown section: the rows as a table."""
    lines = [f"## {title}", "", f"**Verdict: {view.verdict}**", "", "| | |", "|---|---|"]
    lines += [f"| {label} | {value.replace('|', chr(92) + '|')} |" for label, value in view.rows]
    if view.notes:
        lines += ["", *(f"- {note}" for note in view.notes)]
    if view.evidence:
        lines += ["", *evidence_markdown(view.evidence)]
    return "\n".join(lines)
