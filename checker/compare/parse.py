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
import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Literal

from checker.compare.metrics import METRICS, check_json_reference
from checker.errors import InputError
from checker.textsafe import shorten
from checker.userfiles import parse_json, text_lines

Kind = Literal["pass/fail", "score"]
ID_COLUMNS = ("id", "item_id")
BASELINE_COLUMNS = ("baseline", "base")
CANDIDATE_COLUMNS = ("candidate", "tuned", "finetuned", "fine_tuned")
OUTPUT_COLUMNS = ("output",)
REFERENCE_COLUMNS = ("reference", "output")
PASS_WORDS = frozenset({"true", "pass", "passed", "yes", "correct"})
FAIL_WORDS = frozenset({"false", "fail", "failed", "no", "incorrect"})
SHOW_IDS = 5
MAX_ITEMS = 2_000_000
"""More items than this are refused: memory stays about 150 bytes per item (see PairedResults)."""
MAX_SCORE = 1e15
"""Scores beyond +-1e15 are refused: doubles stop holding whole numbers exactly there, and sums of
squares of a million such scores stay far from overflow."""

Lines = Iterable[tuple[int, str]]


@dataclass(frozen=True)
class PairedResults:
    """Both models' outcomes on the same items, in file order. Pass/fail outcomes are 1.0/0.0.

    Outcomes are held as ``array('d')`` (8 bytes each); with the ids this is about 150 bytes
    per item for short ids."""

    ids: Sequence[str]
    baseline: Sequence[float]
    candidate: Sequence[float]
    kind: Kind
    source: str = "results"
    metric: str | None = None


class Cell:
    """One value of a row, with where it came from (for messages)."""

    __slots__ = ("line", "source", "unit", "value")

    def __init__(self, value: object, source: str, line: int, unit: str = "line") -> None:
        self.value, self.source, self.line, self.unit = value, source, line, unit

    @property
    def where(self) -> str:  # "results.csv: line 4"
        return f"{self.source}: {self.unit} {self.line}"


class Row:
    """One row: {lowercased column: value}, and where it came from. Cells are made on demand,
    so a row costs one dict however many columns it has."""

    __slots__ = ("line", "source", "unit", "values")

    def __init__(self, values: dict[str, object], source: str, line: int, unit: str = "line"):
        self.values, self.source, self.line, self.unit = values, source, line, unit

    def __contains__(self, column: str) -> bool:
        return column in self.values

    def __getitem__(self, column: str) -> Cell:
        return Cell(self.values[column], self.source, self.line, self.unit)

    @property
    def where(self) -> str:
        return f"{self.source}: {self.unit} {self.line}"


def _shown(value: object) -> str:
    """A value from the file, quoted and cut short for a message."""
    return shorten(repr(value), 80)


def _format(first: str, name: str) -> str:
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
    return "jsonl" if first.lstrip().startswith("{") else "csv"


def iter_rows(lines: Lines, name: str) -> Iterator[Row]:
    """Rows of a JSONL or CSV file as {lowercased column: Cell}, one at a time."""
    lines = iter(lines)
    skipped: list[tuple[int, str]] = []
    for number, line in lines:
        skipped.append((number, line))
        if line.strip():
            break
    if not skipped or not skipped[-1][1].strip():
        return
    kind = _format(skipped[-1][1], name)
    everything = chain(skipped, lines)
    if kind == "jsonl":
        yield from _jsonl_rows(everything, name)
    else:
        yield from _csv_rows(everything, name, kind)


def read_rows(text: str, name: str) -> list[Row]:
    """Rows of JSONL or CSV text as {lowercased column: Cell}. Raises InputError if empty."""
    rows = list(iter_rows(text_lines(text), name))
    if not rows:
        raise InputError(f"{name}: no rows (the file is empty)")
    return rows


def _jsonl_rows(lines: Lines, name: str) -> Iterator[Row]:
    for number, line in lines:
        if not line.strip():
            continue
        record = parse_json(line, name, number)
        if not isinstance(record, dict):
            raise InputError(
                f"{name}: line {number}: expected a JSON object, got {type(record).__name__}"
            )
        yield Row({str(key).strip().lower(): value for key, value in record.items()}, name, number)


def _csv_rows(lines: Lines, name: str, kind: str) -> Iterator[Row]:
    delimiter = "\t" if kind == "tsv" else ","
    reader = csv.reader((line + "\n" for _, line in lines), delimiter=delimiter, strict=True)
    try:
        header: list[str] | None = None
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in cells]
                continue
            number = reader.line_num
            if len(cells) > len(header):
                raise InputError(
                    f"{name}: line {number}: {len(cells)} cells but the header has "
                    f"{len(header)} columns"
                )
            cells += [""] * (len(header) - len(cells))  # a short row: its last cells are empty
            yield Row(dict(zip(header, cells, strict=True)), name, number)
    except csv.Error as error:
        raise InputError(f"{name}: line {reader.line_num}: invalid CSV: {error}") from None


def rows_from_records(records: Iterable[Mapping[str, object]], name: str = "rows") -> Iterator[Row]:
    """Rows handed over in Python (dicts), located by their position, counted from 1."""
    if isinstance(records, str | bytes | Mapping):
        raise TypeError(
            "rows_or_path: expected a path or an iterable of mappings, "
            f"got {type(records).__name__}"
        )
    for number, record in enumerate(records, start=1):
        if not isinstance(record, Mapping):
            raise InputError(
                f"{name}: row {number}: expected a mapping, got {type(record).__name__}"
            )
        values = {str(key).strip().lower(): value for key, value in record.items()}
        yield Row(values, name, number, "row")


def _column(row: Row, aliases: tuple[str, ...], first: Cell | None = None) -> tuple[str, Cell]:
    for alias in aliases:
        if alias in row:
            return alias, row[alias]
    where = first.where if first else row.where
    also = f" (or {', '.join(repr(a) for a in aliases[1:])})" if len(aliases) > 1 else ""
    found = ", ".join(_shown(column) for column in list(row.values)[:20]) or "none"
    raise InputError(f"{where}: no {aliases[0]!r} column{also}; columns found: {found}")


def _id(row: Row) -> tuple[str, Cell]:
    _, cell = _column(row, ID_COLUMNS)
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f"{cell.where}: id must be text or a whole number, not {_shown(value)}")
    text = str(value).strip()
    if not text:
        raise InputError(f"{cell.where}: missing id")
    return text, cell


class _Ids:
    """Ids seen so far, in order, with the line each came from (for duplicate messages)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: dict[str, int] = {}

    def add(self, row: Row) -> tuple[str, Cell]:
        item_id, cell = _id(row)
        first = self.lines.setdefault(item_id, cell.line)
        if first != cell.line:
            raise InputError(
                f"{self.name}: duplicate id {_shown(item_id)} ({cell.unit} {first} and "
                f"{cell.unit} {cell.line})"
            )
        if len(self.lines) > MAX_ITEMS:
            raise InputError(
                f"{self.name}: more than {MAX_ITEMS:,} items; compare a sample of them "
                "(a few thousand items already detect differences of a few points)"
            )
        return item_id, cell


# An outcome is a pass/fail word, a 0/1 number (either kind), or another number (a score).
Outcome = tuple[Literal["word", "bit", "number"], float]


_COMMON: dict[object, Outcome] = {
    **{word: ("word", 1.0) for word in PASS_WORDS},
    **{word: ("word", 0.0) for word in FAIL_WORDS},
    "0": ("bit", 0.0),
    "1": ("bit", 1.0),
}


def read_outcome(cell: Cell, column: str) -> Outcome:
    value = cell.value
    if type(value) is str and value in _COMMON:  # the usual cells, without strip() and lower()
        return _COMMON[value]
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
            if math.isinf(number) and "inf" not in text:  # digits beyond any float
                number = MAX_SCORE * 10
        except ValueError:
            raise InputError(
                f"{cell.where}: column {column!r}: cannot read {_shown(value)} as pass/fail or "
                "a number"
            ) from None
    elif isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            number = MAX_SCORE * 10
    elif value is None:
        raise InputError(f"{cell.where}: column {column!r} is empty (null)")
    else:
        raise InputError(
            f"{cell.where}: column {column!r}: cannot read {_shown(value)} as pass/fail or a number"
        )
    if not math.isfinite(number):
        raise InputError(f"{cell.where}: column {column!r}: {_shown(value)} is not a finite number")
    if abs(number) > MAX_SCORE:
        raise InputError(
            f"{cell.where}: column {column!r}: {_shown(value)} is beyond +-1e15, the range this "
            "comparison handles; rescale the scores"
        )
    return ("bit" if number in (0.0, 1.0) else "number"), number


class _Kinds:
    """The first pass/fail word and the first other number seen in each column."""

    def __init__(self) -> None:
        self.words: dict[str, Cell] = {}
        self.numbers: dict[str, Cell] = {}

    def see(self, column: str, kind: str, cell: Cell) -> None:
        if kind == "word" and column not in self.words:
            self.words[column] = cell
        elif kind == "number" and column not in self.numbers:
            self.numbers[column] = cell

    def kind(self) -> Kind:
        for column in ("baseline", "candidate"):
            word, number = self.words.get(column), self.numbers.get(column)
            if word and number:
                raise InputError(
                    f"column {column!r} mixes pass/fail ({word.where}: {_shown(word.value)}) "
                    f"and numeric scores ({number.where}: {_shown(number.value)})"
                )
        if self.words and self.numbers:
            w_column = next(c for c in ("baseline", "candidate") if c in self.words)
            n_column = next(c for c in ("baseline", "candidate") if c in self.numbers)
            word, number = self.words[w_column], self.numbers[n_column]
            raise InputError(
                f"column {w_column!r} is pass/fail ({word.where}: {_shown(word.value)}) but "
                f"column {n_column!r} has numeric scores ({number.where}: "
                f"{_shown(number.value)}); use one kind for both"
            )
        return "score" if self.numbers else "pass/fail"


def paired_from_rows(rows: Iterable[Row], name: str) -> PairedResults:
    """Rows with id, baseline and candidate columns to PairedResults; InputError if unusable.

    The rows are consumed one at a time: only the ids and two arrays of outcomes are kept."""
    ids = _Ids(name)
    kinds = _Kinds()
    outcomes = {"baseline": array("d"), "candidate": array("d")}
    for row in rows:
        ids.add(row)
        for aliases in (BASELINE_COLUMNS, CANDIDATE_COLUMNS):
            column, cell = _column(row, aliases)
            kind, value = read_outcome(cell, column)
            kinds.see(aliases[0], kind, cell)
            outcomes[aliases[0]].append(value)
    if not ids.lines:
        raise InputError(f"{name}: no rows (the file is empty)")
    return PairedResults(
        ids=tuple(ids.lines),
        baseline=outcomes["baseline"],
        candidate=outcomes["candidate"],
        kind=kinds.kind(),
        source=name,
    )


def parse_results_lines(lines: Lines, name: str) -> PairedResults:
    """A results file's lines (JSONL or CSV), read one at a time, to PairedResults."""
    return paired_from_rows(iter_rows(lines, name), name)


def parse_results_text(text: str, name: str) -> PairedResults:
    """A results file's contents (JSONL or CSV) to PairedResults."""
    return parse_results_lines(text_lines(text), name)


def read_outputs(text: str | Lines, name: str, aliases: tuple[str, ...]) -> dict[str, Cell]:
    """{id: output cell} of an outputs or references file (its text, or its lines)."""
    lines = text_lines(text) if isinstance(text, str) else text
    outputs: dict[str, Cell] = {}
    ids = _Ids(name)
    for row in iter_rows(lines, name):
        item_id, _ = ids.add(row)
        _, cell = _column(row, aliases)
        outputs[item_id] = cell
    if not outputs:
        raise InputError(f"{name}: no rows (the file is empty)")
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
                shown = ", ".join(_shown(item_id) for item_id in missing[:SHOW_IDS])
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
    baseline_scores = array("d")
    candidate_scores = array("d")
    for item_id, cell in reference.items():
        if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            raise InputError(f"{cell.where}: empty reference for id {_shown(item_id)}")
        expected = check_json_reference(cell.value, cell.where) if metric == "json" else cell.value
        baseline_scores.append(float(score(baseline[item_id].value, expected)))
        candidate_scores.append(float(score(candidate[item_id].value, expected)))
    return PairedResults(
        ids=tuple(reference),
        baseline=baseline_scores,
        candidate=candidate_scores,
        kind="pass/fail",
        source=f"{baseline_name} and {candidate_name} against {reference_name}",
        metric=metric,
    )


def parse_outputs_texts(
    baseline: tuple[str | Lines, str],
    candidate: tuple[str | Lines, str],
    reference: tuple[str | Lines, str],
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
