"""Text, Markdown and JSON views of a Comparison."""

from __future__ import annotations

import json

from checker.compare.comparison import Comparison, Estimate

VERDICT_LINES = {
    "better": "The candidate is better than the baseline",
    "worse": "The candidate is worse than the baseline",
    "no detectable difference at this sample size": (
        "No detectable difference at this sample size"
    ),
}


def _share(value: float, kind: str) -> str:
    return f"{value:.1%}" if kind == "pass/fail" else f"{value:.4g}"


def _signed(value: float, kind: str) -> str:
    """A difference: for pass rates in percentage points, not a percentage of something."""
    return f"{value * 100:+.1f} points" if kind == "pass/fail" else f"{value:+.4g}"


def _estimate(estimate: Estimate, kind: str, signed: bool = False) -> str:
    show = _signed if signed else _share
    return (
        f"{show(estimate.estimate, kind)}  "
        f"(95% interval {show(estimate.low, kind)} to {show(estimate.high, kind)})"
    )


def _p(value: float) -> str:
    return f"{value:.4f}" if value >= 0.0001 else f"{value:.2e}"


def _body(result: Comparison) -> list[tuple[str, str]]:
    """(label, value) pairs shared by the text and Markdown views."""
    kind = result.kind
    mde = result.minimum_detectable_effect
    rows = [
        (
            "Items",
            f"{result.items} ({kind}" + (f", metric {result.metric})" if result.metric else ")"),
        ),
        ("Baseline", _estimate(result.baseline, kind)),
        ("Candidate", _estimate(result.candidate, kind)),
        ("Difference (candidate - baseline)", _estimate(result.difference, kind, signed=True)),
    ]
    if result.counts:
        counts = result.counts
        rows.append(
            (
                "Agreement",
                f"both right {counts.both_right}, only baseline right {counts.only_baseline}, "
                f"only candidate right {counts.only_candidate}, both wrong {counts.both_wrong}",
            )
        )
    rows += [
        ("Test", f"{result.test.name}: p = {_p(result.test.p_value)} (alpha {result.alpha})"),
        (
            "Smallest detectable difference",
            ("not estimable" if mde.value is None else _signed(mde.value, kind).lstrip("+"))
            + f"  (80% power, two-sided alpha 0.05; {mde.formula})",
        ),
        ("Model intervals", result.baseline.method),
        ("Difference interval", result.difference.method),
    ]
    return rows


def comparison_text(result: Comparison) -> str:
    lines = [f"Verdict: {VERDICT_LINES[result.verdict]}.", ""]
    rows = _body(result)
    width = max(len(label) for label, _ in rows) + 1
    lines += [f"{label + ':':<{width}} {value}" for label, value in rows]
    if result.notes:
        lines += ["", *(f"Note: {note}" for note in result.notes)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def comparison_markdown(result: Comparison) -> str:
    lines = [
        "## Fine-tuned model against its baseline",
        "",
        f"**Verdict: {VERDICT_LINES[result.verdict]}.**",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {label} | {_cell(value)} |" for label, value in _body(result)]
    if result.notes:
        lines += ["", *(f"- {note}" for note in result.notes)]
    return "\n".join(lines)


def comparison_json(result: Comparison) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
