"""Generate the site's checklists and scoring text from the checker's criteria.

Plain functions with no MkDocs import, so another MkDocs-compatible engine can call them; the
MkDocs glue is ``mkdocs_hooks.py`` beside this file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.readiness.answers import NUMBER_PATTERN, page_notices
from checker.readiness.criteria import Criteria
from checker.readiness.scoring import describe_scoring
from templating import environment

ALL = "all"
MARKER = re.compile(r"<!--\s*checklist:\s*([a-z0-9-]+)\s*-->")
SCORING_MARKER = "<!-- scoring-rule -->"
REPOSITORY_MARKER = "<!-- repository -->"
WIDGET_MARKERS = {
    "<!-- dataset-checker -->": "dataset.html",
    "<!-- compare-tool -->": "compare.html",
    "<!-- cost-tool -->": "cost.html",
}
CHOICES = (("yes", "Yes"), ("no", "No"), ("unsure", "Unsure"))
# How the context's choices read on the page (values not listed show as they are: model names).
OPTION_LABELS = {
    "azure": "Azure",
    "openai": "OpenAI",
    "other": "Other",
    "sft": "Supervised (SFT)",
    "dpo": "Preference pairs (DPO)",
    "rft": "Reinforcement (RFT)",
    "distillation": "Distillation",
    "yes": "Yes",
    "no": "No",
    "unsure": "Unsure",
}
NOT_APPLICABLE = ("n/a", "Does not apply")

_environment = environment


class SiteError(Exception):
    """The pages and the criteria disagree; the message says which page and which question."""


@dataclass(frozen=True)
class Placement:
    page: str
    question: str


def find_markers(markdown: str) -> list[str]:
    """The question ids (or ``all``) named by checklist markers in a page's Markdown."""
    return MARKER.findall(markdown)


def check_placements(placements: list[Placement], criteria: Criteria) -> None:
    """Every marker names a real question, and every question has exactly one page."""
    known = {question.id for question in criteria.questions}
    pages_of: dict[str, list[str]] = {}
    for placement in placements:
        if placement.question != ALL and placement.question not in known:
            raise SiteError(
                f"{placement.page}: checklist marker names question {placement.question!r}, "
                f"which is not in the criteria (known: {', '.join(sorted(known))})"
            )
        pages_of.setdefault(placement.question, []).append(placement.page)
    for question in criteria.questions:
        pages = pages_of.get(question.id, [])
        if not pages:
            raise SiteError(
                f"question {question.id!r} has no page: add <!-- checklist: {question.id} --> "
                f"to {question.page}"
            )
        if len(pages) > 1:
            raise SiteError(f"question {question.id!r} has a checklist on several pages: {pages}")
        if pages[0] != question.page:
            raise SiteError(
                f"question {question.id!r}: its checklist is on {pages[0]}, "
                f"but the criteria say its page is {question.page}"
            )


def link_targets(criteria: Criteria) -> set[str]:
    """Every page (docs-relative path, no anchor) the criteria link to."""
    targets = {question.page for question in criteria.questions}
    targets |= {item.link.partition("#")[0] for item in criteria.items()}
    targets |= {step.link.partition("#")[0] for step in criteria.ready_steps}
    targets |= {route.link.partition("#")[0] for route in criteria.routes}
    return targets


def page_data(criteria: Criteria, url_for: Callable[[str], str]) -> dict[str, object]:
    """What the page script needs to know: the version, every item id (which take numbers,
    which allow n/a), the number rule of the share link, the notes about answers given for
    older versions, and where links go."""
    targets = {item.link for item in criteria.items()} | {s.link for s in criteria.ready_steps}
    targets |= {route.link for route in criteria.routes}
    links = {link: url_for(link) for link in sorted(targets)}
    links.update({question.id: url_for(question.page) for question in criteria.questions})
    links["checklist"] = url_for("checklist.md")
    return {
        "version": criteria.version,
        "items": [item.id for item in criteria.items()],
        "numbers": [item.id for item in criteria.items() if item.kind == "number"],
        "na": [item.id for item in criteria.items() if item.applies_when],
        "choices": {item.id: list(item.options) for item in criteria.items() if item.options},
        # A question's bar is "low" under the floor every question needs for "ready", and "high"
        # at the overall ready mark: the <meter> colours follow (the result's ``band`` says so).
        "bands": {"low": criteria.scoring.question_ready_at, "high": criteria.scoring.ready_at},
        "number_pattern": NUMBER_PATTERN,
        "notices": page_notices(criteria),
        "links": links,
    }


def render_checklist(
    criteria: Criteria,
    scope: str,
    url_for: Callable[[str], str],
    offered: Callable[[tuple[str, ...]], list[str]] = list,
) -> str:
    """The HTML form for one question (``scope`` = its id) or for all of them (``all``).

    ``url_for`` turns a docs-relative link ("questions/why.md#cost") into a URL relative to the
    page being built; ``offered`` keeps the options a choice shows (the build leaves out models
    every provider has shut down; an answer naming one is still read, and the gate blocks it).
    """
    questions = criteria.questions if scope == ALL else (criteria.question(scope),)
    data = page_data(criteria, url_for)
    return _environment.get_template("checklist.html").render(
        criteria=criteria,
        questions=questions,
        scope=scope,
        choices=CHOICES,
        option_labels=OPTION_LABELS,
        not_applicable=NOT_APPLICABLE,
        url_for=url_for,
        page_data=data,
        offered=offered,
    )


def render_widget(template: str, **context: object) -> str:
    return _environment.get_template(template).render(**context)


def runs_python(markdown: str) -> bool:
    """Whether the page has a checklist or a tool, and so needs the Python worker."""
    return bool(MARKER.search(markdown)) or any(marker in markdown for marker in WIDGET_MARKERS)


def starts_python_early(markdown: str) -> bool:
    """Whether the page is a tool (the full checklist, the dataset checker, the comparison) that
    starts Python while it loads. Reading pages with a question's checklist start it on the
    reader's first touch of that checklist, so most of their readers download 600 KB, not 14 MB."""
    return ALL in find_markers(markdown) or any(marker in markdown for marker in WIDGET_MARKERS)


def insert_scoring_rule(markdown: str, criteria: Criteria) -> str:
    return markdown.replace(SCORING_MARKER, describe_scoring(criteria))


def replace_markers(html: str, render: Callable[[str], str]) -> str:
    """Swap each checklist marker in built HTML for ``render(question_id)``."""
    return MARKER.sub(lambda match: render(match.group(1)), html)


def insert_repository_link(markdown: str, repo_url: str | None) -> str:
    """The project's repository as a link when the build knows its address (``REPO_URL``),
    otherwise plain words: never a made-up address."""
    words = f"[this project's repository]({repo_url})" if repo_url else "this project's repository"
    return markdown.replace(REPOSITORY_MARKER, words)
