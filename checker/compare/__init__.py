"""Did the fine-tuned model beat its baseline? Paired comparison on the same holdout items.

Three layers, each usable alone: ``parse`` (text to rows), ``comparison`` and ``stats`` (rows to a
Comparison), ``render`` (a Comparison to text, Markdown or JSON). The functions here join them:
``compare_results`` and ``compare_outputs`` read files, ``compare_texts`` takes file contents
(the browser has contents, not paths).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from contextlib import ExitStack

from checker.compare.comparison import Comparison, compare_paired
from checker.compare.metrics import DEFAULT_METRIC
from checker.compare.parse import (
    PairedResults,
    paired_from_rows,
    parse_outputs_texts,
    parse_results_lines,
    parse_results_text,
    rows_from_records,
)
from checker.compare.render import comparison_json, comparison_markdown, comparison_text
from checker.errors import InputError
from checker.userfiles import check_path, lines_of, name_of, open_binary, read_text

__all__ = [
    "PAGE_MAX_BYTES",
    "Comparison",
    "PairedResults",
    "compare_outputs",
    "compare_paired",
    "compare_results",
    "compare_texts",
    "comparison_json",
    "comparison_markdown",
    "comparison_text",
    "page_refusal",
    "read_text",
]


PAGE_MAX_BYTES = 32 * 1024 * 1024
"""The browser holds a dropped file several times over (the file's text in JavaScript, its copy
sent to the worker, Python's copy) before the comparison's own ~150 bytes per item, so the page
refuses more than this in total before reading anything; the command line has no such limit."""


def page_refusal(files: Iterable[tuple[str, int]]) -> str | None:
    """Why the page should not start on these (name, size in bytes) files, or None."""
    sized = [(str(name), int(size)) for name, size in files]
    total = sum(size for _, size in sized)
    if total <= PAGE_MAX_BYTES:
        return None
    largest = max(sized, key=lambda entry: entry[1])
    return (
        f"{largest[0]} is {largest[1] / 1048576:.0f} MB and the files come to "
        f"{total / 1048576:.0f} MB; the page compares up to {PAGE_MAX_BYTES // 1048576} MB in "
        "total so your browser tab does not run out of memory. Compare a sample here, or the "
        "whole file with the command line: python -m checker compare FILE"
    )


def compare_results(
    rows_or_path: str | os.PathLike[str] | Iterable[Mapping[str, object]],
    *,
    seed: int = 0,
    replicates: int | None = None,
) -> Comparison:
    """Compare from a results file (JSONL or CSV; ``-`` is standard input) or from rows already
    in memory.

    Each row has an id and the baseline's and candidate's outcome (see ``checker.compare.parse``
    for the accepted column names and values). The file is read one line at a time. Raises
    InputError for unusable input, TypeError for arguments of the wrong type.
    """
    if isinstance(rows_or_path, str | os.PathLike):
        path = check_path("rows_or_path", rows_or_path)
        name = name_of(path)
        with open_binary(path, "results file") as stream:
            paired = parse_results_lines(lines_of(stream, name), name)
    elif isinstance(rows_or_path, Iterable):
        paired = paired_from_rows(rows_from_records(rows_or_path), "rows")
    else:
        raise TypeError(
            "rows_or_path must be a path or an iterable of mappings, "
            f"not {type(rows_or_path).__name__}"
        )
    return compare_paired(paired, seed=seed, replicates=replicates)


def compare_outputs(
    baseline: str | os.PathLike[str],
    candidate: str | os.PathLike[str],
    reference: str | os.PathLike[str],
    *,
    metric: str = DEFAULT_METRIC,
    seed: int = 0,
    replicates: int | None = None,
) -> Comparison:
    """Score two models' raw outputs against references (joined by id), then compare."""
    paths = {
        label: check_path(label, value)
        for label, value in (
            ("baseline", baseline),
            ("candidate", candidate),
            ("reference", reference),
        )
    }
    if sum(os.fspath(path) == "-" for path in paths.values()) > 1:
        raise InputError("only one of baseline, candidate and reference can be standard input")
    _text("metric", metric)
    with ExitStack() as stack:
        sources = []
        for path in paths.values():
            name = name_of(path)
            stream = stack.enter_context(open_binary(path))
            sources.append((lines_of(stream, name), name))
        paired = parse_outputs_texts(sources[0], sources[1], sources[2], metric)
    return compare_paired(paired, seed=seed, replicates=replicates)


def compare_texts(
    results_text: str | None = None,
    results_name: str | None = None,
    *,
    baseline_text: str | None = None,
    baseline_name: str = "baseline.jsonl",
    candidate_text: str | None = None,
    candidate_name: str = "candidate.jsonl",
    reference_text: str | None = None,
    reference_name: str = "reference.jsonl",
    metric: str = DEFAULT_METRIC,
    seed: int = 0,
    replicates: int | None = None,
) -> Comparison:
    """Compare from file contents: either a results file, or three output files.

    The names only choose the format (.csv or JSONL) and label error messages.
    """
    for label, value in (
        ("results_text", results_text),
        ("baseline_text", baseline_text),
        ("candidate_text", candidate_text),
        ("reference_text", reference_text),
    ):
        if value is not None:
            _text(label, value)
    outputs = (baseline_text, candidate_text, reference_text)
    if results_text is not None:
        if any(text is not None for text in outputs):
            raise InputError("give either a results file or baseline, candidate and reference")
        paired: PairedResults = parse_results_text(results_text, results_name or "results.jsonl")
    elif baseline_text is not None and candidate_text is not None and reference_text is not None:
        paired = parse_outputs_texts(
            (baseline_text, baseline_name),
            (candidate_text, candidate_name),
            (reference_text, reference_name),
            metric,
        )
    else:
        raise InputError("give a results file, or all three of baseline, candidate and reference")
    return compare_paired(paired, seed=seed, replicates=replicates)


def _text(label: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{label} must be text (str), not {type(value).__name__}")
    return value
