"""The tools' suggested checklist answers, item by item and in words.

A tool's result names checklist items with an answer and a reason (its ``checklist_evidence``);
the page offers each as one line ("The checked training file holds 812 examples: answer 812 to
“How many …?”") with a Use button, or, when the reader's checklist already holds another answer,
asks Replace or Keep. Every sentence the page shows is made here.
"""

from __future__ import annotations

from typing import Any

from checker.readiness.criteria import Criteria, Item

CHOICE_WORDS = {"yes": "Yes", "no": "No", "unsure": "Unsure", "n/a": "Does not apply"}
PLURAL_UNITS = {"examples", "tokens", "requests"}


def shown(item: Item, value: str) -> str:
    """An answer as a reader reads it: ``812 examples``, ``12.5%``, ``Yes``."""
    if item.kind != "number" or item.number is None:
        return CHOICE_WORDS.get(value, value)
    unit = item.number.unit
    if unit == "percent":
        return f"{value}%"
    if unit in PLURAL_UNITS and value == "1":
        return f"{value} {unit.removesuffix('s')}"
    return f"{value} {unit}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _quoted(statement: str) -> str:
    """A statement in quotes, without its full stop: the sentence around it goes on."""
    return f"“{statement.rstrip().removesuffix('.')}”"


def _asked(text: str) -> str:
    """A question ending in a quoted question keeps that one question mark."""
    return text if text.endswith("?”") else f"{text}?"


def offer(item: Item, answer: str, reason: str, current: str | None) -> dict[str, str | None]:
    """One item's line: the state (``new``, ``same`` or ``different``) and its sentences."""
    title = item.statement
    quoted = _quoted(title)
    value = shown(item, answer)
    why = _sentence(reason.rstrip("."))
    if current is None:
        state = "new"
        question = _asked(f"{why}: answer {value} to {quoted}")
    elif current == answer:
        state = "same"
        question = f"Your checklist already answers {value} to {quoted}."
    else:
        state = "different"
        question = (
            f"Your checklist answers {shown(item, current)} to {quoted}; {reason.rstrip('.')}, "
            f"which suggests {value}. Replace your answer?"
        )
    return {
        "id": item.id,
        "answer": answer,
        "current": current,
        "state": state,
        "title": title,
        "value": value,
        "reason": why,
        "question": question,
        "used": f"Done: your checklist now answers {value} to {quoted}.",
        "kept": (
            f"Kept: your checklist still answers {shown(item, current)} to {quoted}."
            if current is not None
            else None
        ),
    }


def offers(
    evidence: object, answers: dict[str, Any], criteria: Criteria
) -> list[dict[str, str | None]]:
    """The lines for a tool's evidence, in the criteria's order; ids the criteria do not know
    and malformed entries are left out. ``answers`` are the reader's saved answers."""
    entries = evidence if isinstance(evidence, dict) else {}
    lines = []
    for item in criteria.items():
        entry = entries.get(item.id)
        if not isinstance(entry, dict) or not isinstance(entry.get("answer"), str):
            continue
        saved = answers.get(item.id)
        current = saved if isinstance(saved, str) else None
        lines.append(offer(item, entry["answer"], str(entry.get("reason", "")), current))
    return lines
