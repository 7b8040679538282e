"""Plain text and Markdown views of the criteria and of an assessment."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from checker.readiness.answers import AnswerValue
from checker.readiness.criteria import Criteria, Item
from checker.readiness.scoring import Assessment, Section, describe_scoring


def _item_tag(item: Item) -> str:
    if item.kind == "choice":
        tag = f"one of {', '.join(item.options)}"
    elif item.kind == "number":
        assert item.number is not None
        tag = f"number, in {item.number.unit}"
    else:
        tag = "ready sign" if item.kind == "ready" else "warning sign"
    if item.severity:
        tag += f", {item.severity}"
    if item.required:
        tag += ", required"
    return tag


def criteria_markdown(criteria: Criteria) -> str:
    lines = [f"# Fine-tuning readiness checklist (version {criteria.version})", ""]
    lines += ["## About the project (optional, not scored)", ""]
    for item in criteria.context:
        lines += [
            f"- **{item.statement}** (`{item.id}`, {_item_tag(item)})",
            f"  {item.explanation}",
        ]
    lines.append("")
    for question in criteria.questions:
        lines += [f"## {question.title}", "", question.summary, ""]
        for item in question.items:
            lines += [
                f"- **{item.statement}** (`{item.id}`, {_item_tag(item)}, weight {item.weight})",
                f"  {item.explanation}",
                f"  *What to do:* {item.advice}",
            ]
            if item.applies_when:
                lines.append(f"  *Applies when* {item.applies_when}; otherwise answer n/a.")
            if item.essential:
                lines.append('  *Essential:* there is no "ready" without it.')
        lines.append("")
    lines += ["## When you are ready", ""]
    lines += [
        f"{n}. {step.text}" + (f" (for {', '.join(step.methods)})" if step.methods else "")
        for n, step in enumerate(criteria.ready_steps, 1)
    ]
    lines += ["", "## How the score is computed", "", describe_scoring(criteria)]
    return "\n".join(lines)


def criteria_json(criteria: Criteria) -> str:
    return json.dumps(asdict(criteria), indent=2, ensure_ascii=False)


def answer_text(value: AnswerValue | None, item: Item | None = None) -> str:
    if value is None:
        return "not answered"
    if isinstance(value, float):
        number = f"{value:,.0f}" if value.is_integer() else f"{value:g}"
        unit = item.number.unit if item is not None and item.number is not None else ""
        return f"{number} {unit}".strip()
    return value


def _score_text(section_score: int | None, complete: bool) -> str:
    if section_score is None:
        return "  -"
    return f"{section_score:>3}" + ("" if complete else "*")


def move_lines(result: Assessment) -> list[str]:
    """The next move and why, then any answers that contradict each other."""
    move = result.next_move
    lines = [f"Next move ({move.route}): {move.text}", f"Why: {move.why}"]
    if move.route != "reconcile":  # otherwise the contradictions are the reason given
        lines += [f"Contradiction: {found.text}" for found in result.contradictions]
    return lines


def section_score_label(section: Section) -> str:
    """A question's score as the Markdown report and the page show it: "58", "58 (partial)"
    while required statements are unanswered, or "not started"."""
    if section.score is None:
        return "not started"
    return f"{section.score}" + ("" if section.complete else " (partial)")


def section_progress(section: Section) -> str:
    """How much of a question is answered: "3/7 answered, 2 required left"."""
    progress = f"{section.answered}/{section.total} answered"
    return progress + (f", {section.left} required left" if section.left else "")


def section_lines(result: Assessment) -> dict[str, dict[str, str]]:
    """Each question's score label and progress, by question id, for the page."""
    return {
        section.id: {"label": section_score_label(section), "progress": section_progress(section)}
        for section in result.sections
    }


def _statements(count: int) -> str:
    return f"{count} required statement{'' if count == 1 else 's'}"


def question_view(result: Assessment, criteria: Criteria, question_id: str) -> dict[str, Any]:
    """One question's own result, for the checklist on its page: how much of it is answered, its
    score and band once its required statements are answered (a score from a few answers says
    little), a sentence for each, and the next steps about its statements. The overall verdict is
    left to the full checklist."""
    question = criteria.question(question_id)
    section = next(s for s in result.sections if s.id == question_id)
    scored = section.complete and section.score is not None
    progress = f"{section.answered} of {section.total} statements answered"
    if section.left:
        progress += f", {section.left} required left"
    # Statements for another training method are on the page but not part of the score.
    others = len(question.items) - section.total
    if others:
        progress += (
            f"; {others} more {'is' if others == 1 else 'are'} for some training methods only"
        )
    rule = criteria.scoring
    if not scored and section.left:
        verb = "is" if section.left == 1 else "are"
        summary = f"No score until its {_statements(section.left)} {verb} answered"
    elif not scored:
        summary = "No score until you answer its statements"
    elif section.band == "low":
        summary = (
            f"Score {section.score}/100: under {rule.question_ready_at}, the least every "
            "question needs for a ready verdict"
        )
    elif section.band == "middle":
        summary = (
            f"Score {section.score}/100: above the floor of {rule.question_ready_at}, "
            f"under the ready mark of {rule.ready_at}"
        )
    else:
        summary = f"Score {section.score}/100: at the ready mark of {rule.ready_at} or above"
    own = {item.id for item in question.items}
    steps = [{**asdict(step), "label": step.label} for step in result.next_steps if step.id in own]
    return {
        "id": question.id,
        "title": question.title,
        "answered": section.answered,
        "total": section.total,
        "left": section.left,
        "progress": progress,
        "score": section.score if scored else None,
        "band": section.band if scored else None,
        "summary": summary,
        "steps": steps,
        "steps_shown": result.steps_shown,
    }


def assessment_text(result: Assessment) -> str:
    lines = [*move_lines(result), f"Verdict: {result.summary} ({result.verdict})"]
    if result.score is None:
        lines.append("No overall score until every required statement is answered.")
    else:
        lines.append(f"Score: {result.score}/100")
    lines += [f"Criteria version {result.criteria_version}", ""]
    for section in result.sections:
        bar = "#" * round((section.score or 0) / 5)
        band = f" [{section.band}]" if section.band else ""
        lines.append(
            f"  {_score_text(section.score, section.complete)}  {bar:<20}  {section.title}"
            f"  ({section_progress(section)}){band}"
        )
    if any(not s.complete and s.score is not None for s in result.sections):
        lines.append("  * partial: that question still has required statements to answer")
    lines.append("")
    if result.next_steps:
        lines.append("Next steps:")
        for n, step in enumerate(result.next_steps, 1):
            lines.append(f"  {n}. [{step.label.lower()}] {step.text}")
    return "\n".join(lines).rstrip() + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def assessment_markdown(result: Assessment, criteria: Criteria | None = None) -> str:
    from checker.readiness.criteria import load_criteria

    criteria = criteria or load_criteria()
    lines = [
        "# Fine-tuning readiness report",
        "",
        f"**Next move ({result.next_move.route}):** {result.next_move.text}  ",
        f"*Why:* {result.next_move.why}",
        "",
        *(f"- {line}" for line in move_lines(result)[2:]),
        *([""] if len(move_lines(result)) > 2 else []),
        f"**Verdict:** {result.summary}  ",
        (
            "**Score:** none yet (required statements are unanswered)  "
            if result.score is None
            else f"**Score:** {result.score}/100  "
        ),
        f"**Criteria version:** {result.criteria_version}",
        "",
        "| Question | Score | Band | Answered |",
        "| --- | ---: | --- | ---: |",
    ]
    for s in result.sections:
        score = "-" if s.score is None else section_score_label(s)
        lines.append(f"| {s.title} | {score} | {s.band or '-'} | {s.answered}/{s.total} |")
    lines.append("")
    if result.next_steps:
        lines += ["## Next steps", ""]
        lines += [
            f"{n}. **{step.label}**: {step.text}" for n, step in enumerate(result.next_steps, 1)
        ]
        lines.append("")
    lines += ["## Your answers", "", "### About the project", "", "| Question | Answer |"]
    lines.append("| --- | --- |")
    for item in criteria.context:
        answer = answer_text(result.answers.get(item.id), item)
        lines.append(f"| {_md_cell(item.statement)} (`{item.id}`) | {answer} |")
    lines.append("")
    for question in criteria.questions:
        lines += [f"### {question.title}", "", "| Statement | Answer |", "| --- | --- |"]
        for item in question.items:
            answer = answer_text(result.answers.get(item.id), item)
            lines.append(f"| {_md_cell(item.statement)} (`{item.id}`) | {answer} |")
        lines.append("")
    return "\n".join(lines)


def assessment_json(result: Assessment) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
