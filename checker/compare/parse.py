"""Text to rows: read a results file, or three output files scored against references.

A results file (JSONL or CSV) has one row per holdout item with an id and each model's outcome.
Accepted column names (case-insensitive): ``id`` or ``item_id``; ``baseline`` or ``base``;
``candidate``, ``tuned``, ``finetuned`` or ``fine_tuned``. Outcomes are pass/fail (true/false,
1/0, pass/fail, yes/no, correct/incorrect) or numeric scores, never a mix.

Output files have ``id`` and ``output``; a reference file has ``id`` and ``reference`` (or
``output``). The format is chosen by extension (.csv, .tsv, .jsonl, .json, .ndjson), otherwise by
the first character (``{`` means JSONL).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from checker.compare.metrics import METRICS, check_json_reference
from checker.errors import InputError
from checker.userfiles import parse_json

Kind = Literal["pass/fail", "score"]
ID_COLUMNS = ("id", "item_id")
BASELINE_COLUMNS = ("baseline", "base")
CANDIDATE_COLUMNS = ("candidate", "tuned", "finetuned", "fine_tuned")
OUTPUT_COLUMNS = ("output",)
REFERENCE_COLUMNS = ("reference", "output")
PASS_WORDS = frozenset({"true", "pass", "passed", "yes", "correct"})
FAIL_WORDS = frozenset({"false", "fail", "failed", "no", "incorrect"})
SHOW_IDS = 5


@dataclass(frozen=True)
class PairedResults:
    """Both models' outcomes on the same items, in file order. Pass/fail outcomes are 1.0/0.0."""

    ids: tuple[str, ...]
    baseline: tuple[float, ...]
    candidate: tuple[float, ...]
    kind: Kind
    source: str = "results"
    metric: str | None = None


@dataclass(frozen=True)
class Cell:
    value: object
    where: str  # "results.csv: line 4"


Row = dict[str, Cell]


def _format(text: str, name: str) -> str:
    lower = name.lower()
    for suffix, kind in (
        (".csv", "csv"),
        (".tsv", "tsv"),
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
    ):
        if lower.endswith(suffix):
            return kind
    if lower.endswith(".json"):
        return "jsonl"
    return "jsonl" if text.lstrip().startswith("{") else "csv"


def read_rows(text: str, name: str) -> list[Row]:
    """Rows of a JSONL or CSV file as {lowercased column: Cell}. Raises InputError if empty."""
    text = text.removeprefix("\ufeff")
    kind = _format(text, name)
    rows = list(_jsonl_rows(text, name) if kind == "jsonl" else _csv_rows(text, name, kind))
    if not rows:
        raise InputError(f"{name}: no rows (the file is empty)")
    return rows


def _jsonl_rows(text: str, name: str) -> Iterator[Row]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}: line {number}"
        record = parse_json(line, name, number)
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
        yield {str(key).strip().lower(): Cell(value, where) for key, value in record.items()}


def _csv_rows(text: str, name: str, kind: str) -> Iterator[Row]:
    delimiter = "\t" if kind == "tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header: list[str] | None = None
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in cells]
                continue
            where = f"{name}: line {reader.line_num}"
            if len(cells) > len(header):
                raise InputError(
                    f"{where}: {len(cells)} cells but the header has {len(header)} columns"
                )
            cells += [""] * (len(header) - len(cells))  # a short row: its last cells are empty
            yield {column: Cell(cell, where) for column, cell in zip(header, cells, strict=True)}
    except csv.Error as error:
        raise InputError(f"{name}: line {reader.line_num}: invalid CSV: {error}") from None


def rows_from_records(records: Iterable[Mapping[str, object]], name: str = "rows") -> list[Row]:
    """Rows handed over in Python (dicts), located by their position, counted from 1."""
    rows: list[Row] = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, Mapping):
            raise InputError(
                f"{name}: row {number}: expected a mapping, got {type(record).__name__}"
            )
        where = f"{name}: row {number}"
        rows.append({str(key).strip().lower(): Cell(value, where) for key, value in record.items()})
    if not rows:
        raise InputError(f"{name}: no rows")
    return rows


def _column(row: Row, aliases: tuple[str, ...], first: Cell | None = None) -> tuple[str, Cell]:
    for alias in aliases:
        if alias in row:
            return alias, row[alias]
    where = first.where if first else next(iter(row.values())).where if row else "a row"
    also = f" (or {', '.join(repr(a) for a in aliases[1:])})" if len(aliases) > 1 else ""
    found = ", ".join(repr(column) for column in row) or "none"
    raise InputError(f"{where}: no {aliases[0]!r} column{also}; columns found: {found}")


def _id(row: Row) -> tuple[str, Cell]:
    _, cell = _column(row, ID_COLUMNS)
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f"{cell.where}: id must be text or a whole number, not {value!r}")
    text = str(value).strip()
    if not text:
        raise InputError(f"{cell.where}: missing id")
    return text, cell


def _unique_ids(rows: list[Row], name: str) -> list[tuple[str, Row]]:
    seen: dict[str, str] = {}
    keyed: list[tuple[str, Row]] = []
    for row in rows:
        item_id, cell = _id(row)
        if item_id in seen:
            raise InputError(
                f"{name}: duplicate id {item_id!r} ({seen[item_id].split(': ', 1)[-1]} and "
                f"{cell.where.split(': ', 1)[-1]})"
            )
        seen[item_id] = cell.where
        keyed.append((item_id, row))
    return keyed


# An outcome is a pass/fail word, a 0/1 number (either kind), or another number (a score).
Outcome = tuple[Literal["word", "bit", "number"], float]


def read_outcome(cell: Cell, column: str) -> Outcome:
    value = cell.value
    if isinstance(value, bool):
        return "word", float(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in PASS_WORDS or text in FAIL_WORDS:
            return "word", float(text in PASS_WORDS)
        if not text:
            raise InputError(f"{cell.where}: column {column!r} is empty")
        try:
            number = float(text)
        except ValueError:
            raise InputError(
                f"{cell.where}: column {column!r}: cannot read {value!r} as pass/fail or a number"
            ) from None
    elif isinstance(value, int | float):
        number = float(value)
    elif value is None:
        raise InputError(f"{cell.where}: column {column!r} is empty (null)")
    else:
        raise InputError(
            f"{cell.where}: column {column!r}: cannot read {value!r} as pass/fail or a number"
        )
    if not math.isfinite(number):
        raise InputError(f"{cell.where}: column {column!r}: {value!r} is not a finite number")
    return ("bit" if number in (0.0, 1.0) else "number"), number


def _kind(columns: dict[str, list[tuple[Outcome, Cell]]]) -> Kind:
    words: tuple[str, Cell] | None = None
    numbers: tuple[str, Cell] | None = None
    for column, outcomes in columns.items():
        first_word = next((cell for (kind, _), cell in outcomes if kind == "word"), None)
        first_number = next((cell for (kind, _), cell in outcomes if kind == "number"), None)
        if first_word and first_number:
            raise InputError(
                f"column {column!r} mixes pass/fail ({first_word.where}: {first_word.value!r}) "
                f"and numeric scores ({first_number.where}: {first_number.value!r})"
            )
        words = words or ((column, first_word) if first_word else None)
        numbers = numbers or ((column, first_number) if first_number else None)
    if words and numbers:
        raise InputError(
            f"column {words[0]!r} is pass/fail ({words[1].where}: {words[1].value!r}) but column "
            f"{numbers[0]!r} has numeric scores ({numbers[1].where}: {numbers[1].value!r}); "
            "use one kind for both"
        )
    return "score" if numbers else "pass/fail"


def paired_from_rows(rows: list[Row], name: str) -> PairedResults:
    """Rows with id, baseline and candidate columns to PairedResults; InputError if unusable."""
    keyed = _unique_ids(rows, name)
    columns: dict[str, list[tuple[Outcome, Cell]]] = {}
    for _, row in keyed:
        for aliases in (BASELINE_COLUMNS, CANDIDATE_COLUMNS):
            column, cell = _column(row, aliases)
            columns.setdefault(aliases[0], []).append((read_outcome(cell, column), cell))
    kind = _kind(columns)
    return PairedResults(
        ids=tuple(item_id for item_id, _ in keyed),
        baseline=tuple(value for (_, value), _ in columns["baseline"]),
        candidate=tuple(value for (_, value), _ in columns["candidate"]),
        kind=kind,
        source=name,
    )


def parse_results_text(text: str, name: str) -> PairedResults:
    """A results file's contents (JSONL or CSV) to PairedResults."""
    return paired_from_rows(read_rows(text, name), name)


def read_outputs(text: str, name: str, aliases: tuple[str, ...]) -> dict[str, Cell]:
    """{id: output cell} of an outputs or references file."""
    outputs: dict[str, Cell] = {}
    for item_id, row in _unique_ids(read_rows(text, name), name):
        _, cell = _column(row, aliases)
        outputs[item_id] = cell
    return outputs


def _missing(ids: Iterable[str], other: Mapping[str, object]) -> list[str]:
    return [item_id for item_id in ids if item_id not in other]


def _check_same_ids(files: list[tuple[str, dict[str, Cell]]]) -> None:
    """The first file is the reference; every other file must have exactly its ids."""
    (reference_name, reference), *others = files
    problems: list[str] = []
    for other_name, other in others:
        for here_name, here, there_name, there in (
            (reference_name, reference, other_name, other),
            (other_name, other, reference_name, reference),
        ):
            missing = _missing(here, there)
            if missing:
                shown = ", ".join(repr(item_id) for item_id in missing[:SHOW_IDS])
                more = ", ..." if len(missing) > SHOW_IDS else ""
                problems.append(
                    f"{len(missing)} id(s) in {here_name} are not in {there_name} ({shown}{more})"
                )
    if problems:
        raise InputError("ids do not match: " + "; ".join(dict.fromkeys(problems)))


def score_outputs(
    baseline: dict[str, Cell],
    candidate: dict[str, Cell],
    reference: dict[str, Cell],
    metric: str,
    names: tuple[str, str, str] = ("baseline", "candidate", "reference"),
) -> PairedResults:
    """Join outputs to references by id and score each with ``metric``: pass/fail results."""
    if metric not in METRICS:
        raise InputError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    baseline_name, candidate_name, reference_name = names
    _check_same_ids(
        [(reference_name, reference), (baseline_name, baseline), (candidate_name, candidate)]
    )
    score = METRICS[metric]
    baseline_scores: list[float] = []
    candidate_scores: list[float] = []
    for item_id, cell in reference.items():
        if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            raise InputError(f"{cell.where}: empty reference for id {item_id!r}")
        expected = check_json_reference(cell.value, cell.where) if metric == "json" else cell.value
        baseline_scores.append(float(score(baseline[item_id].value, expected)))
        candidate_scores.append(float(score(candidate[item_id].value, expected)))
    return PairedResults(
        ids=tuple(reference),
        baseline=tuple(baseline_scores),
        candidate=tuple(candidate_scores),
        kind="pass/fail",
        source=f"{baseline_name} and {candidate_name} against {reference_name}",
        metric=metric,
    )


def parse_outputs_texts(
    baseline: tuple[str, str],
    candidate: tuple[str, str],
    reference: tuple[str, str],
    metric: str,
) -> PairedResults:
    """Each argument is (text, file name). Scores both models' outputs against the references."""
    return score_outputs(
        read_outputs(*baseline, OUTPUT_COLUMNS),
        read_outputs(*candidate, OUTPUT_COLUMNS),
        read_outputs(*reference, REFERENCE_COLUMNS),
        metric,
        names=(baseline[1], candidate[1], reference[1]),
    )
