"""The result of a dataset check: per-file summaries, findings, a verdict, checklist evidence."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

from checker.dataset.findings import CATALOGUE, CODES, Finding, FindingLog
from checker.dataset.formats import Format
from checker.dataset.limits import FORMAT_METHODS, METHOD_NAMES, Limits
from checker.dataset.tokens import TOKEN_ESTIMATE_NOTE, token_note
from checker.textsafe import display_path, plural

Verdict = Literal["pass", "pass-with-warnings", "fail"]
DUPLICATE_CODES = ("duplicate-example", "near-duplicate-example")
EVIDENCE = {
    "sft": "`messages` lists with assistant replies",
    "dpo": "`input` with `preferred_output` and `non_preferred_output`",
    "rft": "`messages` lists that end with the user's turn, for the model to answer",
}
VERDICT_LABELS = {
    "pass": "PASS: no problems found",
    "pass-with-warnings": "PASS WITH WARNINGS: the file can be used; review the warnings",
    "fail": "FAIL: fix the errors before uploading",
}


@dataclass(frozen=True)
class FileSummary:
    role: str
    name: str
    format: Format
    detected: Format  # what the file looked like, when a declared method overrode it
    bytes: int
    had_bom: bool
    examples: int
    invalid: int
    overlap: int
    stats: dict[str, object]
    notes: list[str]


@dataclass(frozen=True)
class DatasetReport:
    files: tuple[FileSummary, ...]
    shown: dict[str, list[Finding]]
    counts: dict[str, int]
    by_file: dict[str, dict[str, int]]
    limits: Limits

    @classmethod
    def build(cls, done: dict[str, FileSummary], log: FindingLog, limits: Limits) -> DatasetReport:
        files = tuple(done[role] for role in ("train", "validation") if role in done)
        by_file = {f.role: {s: log.total(s, f.role) for s in ("error", "warning")} for f in files}
        return cls(files, dict(log.shown), dict(log.counts), by_file, limits)

    @property
    def model(self) -> str | None:
        return self.limits.model.name if self.limits.model else None

    def method(self) -> dict[str, str] | None:
        """The training method the file is checked for, and how it was known."""
        train = self.train
        method = FORMAT_METHODS.get(train.format.name)
        if method is None:
            return None
        name = METHOD_NAMES[method]
        if self.limits.method:
            why = "as declared (--method)"
            return {"method": method, "source": "declared", "why": why, "summary": f"{name}, {why}"}
        why = f"detected: the lines hold {EVIDENCE[method]}"
        return {"method": method, "source": "detected", "why": why, "summary": f"{name}, {why}"}

    @property
    def train(self) -> FileSummary:
        return self.files[0]

    @property
    def validation(self) -> FileSummary | None:
        return self.files[1] if len(self.files) > 1 else None

    @property
    def errors(self) -> int:
        return sum(counts["error"] for counts in self.by_file.values())

    @property
    def warnings(self) -> int:
        return sum(counts["warning"] for counts in self.by_file.values())

    @property
    def verdict(self) -> Verdict:
        if self.errors:
            return "fail"
        return "pass-with-warnings" if self.warnings else "pass"

    def findings(self) -> dict[str, dict[str, Any]]:
        """Findings grouped by code, errors first: severity, total count, the ones listed."""
        order = sorted(self.counts, key=lambda code: (self._severity(code) != "error", code))
        return {
            code: {
                "severity": self._severity(code),
                "description": CATALOGUE[code].description,
                "action": CATALOGUE[code].action,
                "count": self.counts[code],
                "shown": [asdict(item) for item in self.shown.get(code, [])],
            }
            for code in order
        }

    def _severity(self, code: str) -> str:
        return CODES[code]

    def checklist_evidence(self) -> dict[str, dict[str, str]]:
        """Suggested answers for the readiness checklist items this check says something about.

        Nothing is said about the holdout set: a validation file is not a holdout set (it steers
        training), and one that shares examples with training is a finding about the data."""
        examples = self.train.examples
        evidence = {
            "dataset-formatted": (
                {"answer": "yes", "reason": "the dataset checker found no errors"}
                if not self.errors
                else {
                    "answer": "no",
                    "reason": f"the dataset checker found {plural(self.errors, 'error')}",
                }
            ),
            "training-examples": {
                "answer": str(examples),
                "reason": f"the checked training file holds {plural(examples, 'example')}",
            },
        }
        duplicates = sum(self.counts.get(code, 0) for code in DUPLICATE_CODES)
        evidence["dataset-curated"] = (
            {"answer": "no", "reason": f"{plural(duplicates, 'duplicate example')} found"}
            if duplicates
            else {
                "answer": "unsure",
                "reason": "no duplicates found, but a clean file does not prove the examples "
                "were reviewed",
            }
        )
        return evidence

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists, ready for ``json.dumps`` or a JavaScript object."""
        train = self.train
        data = {
            "format": train.format.name,
            "format_description": train.format.description,
            "examples": train.examples,
            "errors": self.errors,
            "warnings": self.warnings,
            "verdict": self.verdict,
            "verdict_label": VERDICT_LABELS[self.verdict],
            "provider": self.limits.provider.key,
            "provider_name": self.limits.provider.name,
            "method": self.method(),
            "model": self.model,
            "stats": train.stats,
            "files": [self._file_dict(f) for f in self.files],
            "findings": self.findings(),
            "notes": [note for f in self.files for note in f.notes],
            "token_estimate_note": self.token_note(),
            "checklist_evidence": self.checklist_evidence(),
        }
        plain: dict[str, Any] = json.loads(json.dumps(data))
        return plain

    def token_note(self) -> str:
        figures = self.train.stats.get("token_figures")
        return token_note(figures) if isinstance(figures, dict) else TOKEN_ESTIMATE_NOTE

    def _file_dict(self, summary: FileSummary) -> dict[str, Any]:
        return {
            "file": summary.role,
            "name": display_path(summary.name),
            "format": summary.format.name,
            "format_description": summary.format.description,
            "bytes": summary.bytes,
            "byte_order_mark": summary.had_bom,
            "examples": summary.examples,
            "examples_with_errors": summary.invalid,
            "examples_in_training": summary.overlap if summary.role == "validation" else None,
            "errors": self.by_file[summary.role]["error"],
            "warnings": self.by_file[summary.role]["warning"],
            "stats": summary.stats,
        }
