"""Plain text and Markdown views of the criteria and of an assessment."""

from __future__ import annotations

import json
from dataclasses import asdict

from checker.criteria import Criteria
from checker.scoring import VERDICT_LABELS, Assessment, Flag, describe_scoring


def criteria_markdown(criteria: Criteria) -> str:
    lines = [f"# Fine-tuning readiness checklist (version {criteria.version})", ""]
    for question in criteria.questions:
        lines += [f"## {question.title}", "", question.summary, ""]
        for item in question.items:
            tag = "ready sign" if item.kind == "ready" else "warning sign"
            if item.severity:
                tag += f", {item.severity}"
            lines += [
                f"- **{item.statement}** (`{item.id}`, {tag}, weight {item.weight})",
                f"  {item.explanation}",
                f"  *What to do:* {item.advice}",
            ]
        lines.append("")
    lines += ["## How the score is computed", "", describe_scoring(criteria)]
    return "\n".join(lines)


def criteria_json(criteria: Criteria) -> str:

    return json.dumps(asdict(criteria), indent=2, ensure_ascii=False)


def _flag_lines(title: str, flags: tuple[Flag, ...], bullet: str) -> list[str]:
    if not flags:
        return []
    lines = [title]
    for flag in flags:
        lines.append(f"{bullet}{flag.statement} [{flag.id}]")
        lines.append(f"  What to do: {flag.advice}")
    return [*lines, ""]


def assessment_text(result: Assessment) -> str:
    lines = [
        f"Verdict: {VERDICT_LABELS[result.verdict]} ({result.verdict})",
        f"Score: {result.score}/100   (criteria version {result.criteria_version})",
        "",
    ]
    for section in result.sections:
        bar = "#" * round(section.score / 5)
        lines.append(
            f"  {section.score:>3}  {bar:<20}  {section.title}"
            f"  ({section.answered}/{section.total} answered)"
        )
    lines.append("")
    lines += _flag_lines("Blockers:", result.blockers, "  x ")
    lines += _flag_lines("Blockers you are unsure of:", result.open_blockers, "  ? ")
    lines += _flag_lines("Cautions:", result.cautions, "  ! ")
    if result.next_steps:
        lines.append("Next steps:")
        lines += [f"  {n}. {step.text}" for n, step in enumerate(result.next_steps, 1)]
    return "\n".join(lines).rstrip() + "\n"


def assessment_markdown(result: Assessment) -> str:
    lines = [
        "# Fine-tuning readiness report",
        "",
        f"**Verdict:** {VERDICT_LABELS[result.verdict]}  ",
        f"**Score:** {result.score}/100  ",
        f"**Criteria version:** {result.criteria_version}",
        "",
        "| Question | Score | Answered |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {s.title} | {s.score} | {s.answered}/{s.total} |" for s in result.sections]
    lines.append("")
    for title, flags in (
        ("Blockers", result.blockers),
        ("Blockers you are unsure of", result.open_blockers),
        ("Cautions", result.cautions),
    ):
        if flags:
            lines += [f"## {title}", ""]
            lines += [f"- **{f.statement}** (`{f.id}`): {f.advice}" for f in flags]
            lines.append("")
    if result.next_steps:
        lines += ["## Next steps", ""]
        lines += [f"{n}. {step.text}" for n, step in enumerate(result.next_steps, 1)]
        lines.append("")
    return "\n".join(lines)


def assessment_json(result: Assessment) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
