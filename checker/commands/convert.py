"""``convert``: turn another dataset format into chat JSON Lines, with rejects and a change log."""

from __future__ import annotations

import argparse

from checker.commands import written
from checker.convert import RECORD_FORMATS, SOURCES, convert_file, parse_map

NAME = "convert"
HELP = (
    "Convert prompt/completion, question/answer, CSV/TSV, a JSON array, ShareGPT or Alpaca "
    "records into chat JSON Lines; unconvertible records go to a rejects file."
)
USAGE = "convert FILE"
SEE = "#convert-fix"  # the page (relative to docs/) that explains it
EXIT_CODES = written.EXIT_CODES


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="the file to convert")
    parser.add_argument(
        "--from",
        dest="source",
        choices=("auto", *SOURCES),
        required=True,
        help="the input's format; auto detects it and prints the mapping it used",
    )
    parser.add_argument(
        "--map",
        action="append",
        metavar="ROLE=FIELD",
        help="which field or CSV column (name, or number from 1 without a header) holds a role: "
        "user, assistant, system; alpaca also input; sharegpt: the `from` names of a role "
        "(comma-separated) and conversations=KEY. Repeat for each role.",
    )
    parser.add_argument(
        "--records",
        choices=RECORD_FORMATS,
        help="with --from json-array: the format of each element (default chat)",
    )
    parser.add_argument("--delimiter", metavar="CHAR", help="CSV delimiter (default: detected)")
    parser.add_argument(
        "--header",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="CSV: the first row is (or is not) a header (default: detected, and printed)",
    )
    parser.add_argument(
        "--system", metavar="TEXT", help="system message added to every example without one"
    )
    parser.add_argument(
        "--strip-legacy",
        action="store_true",
        help="remove legacy prompt/completion artefacts: separators at the end of prompts "
        "(such as \\n\\n###\\n\\n), stop sequences at the end of completions (###, END) "
        "and leading spaces (found and reported either way)",
    )
    written.add_output_arguments(parser, "rejected records")


def run(args: argparse.Namespace) -> int:
    from checker.errors import InputError

    delimiter = args.delimiter
    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            raise InputError(f"--delimiter must be one character, not {args.delimiter!r}")
    result = convert_file(
        args.input,
        args.output,
        source_format=args.source,
        overrides=parse_map(args.map),
        records=args.records,
        delimiter=delimiter,
        header=args.header,
        system=args.system,
        rejects=args.rejects,
        changes=args.changes,
        strip_legacy=args.strip_legacy,
    )
    return written.report_written(result, "output")
