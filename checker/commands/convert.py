"""``convert``: turn another dataset format into chat JSON Lines, with rejects and a change log."""

from __future__ import annotations

import argparse
import sys

from checker.convert import RECORD_FORMATS, SOURCES, convert_file, parse_map

NAME = "convert"
HELP = (
    "Convert prompt/completion, question/answer, CSV/TSV, a JSON array, ShareGPT or Alpaca "
    "records into chat JSON Lines; unconvertible records go to a rejects file."
)
USAGE = "convert FILE"
SEE = "#convert-fix"  # the page (relative to docs/) that explains it
EXIT_CODES = {
    0: "Written, and the result validates clean",
    1: "Written, but the result still has errors",
    2: "Input that cannot be used, or bad arguments; nothing written",
}


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
    parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    parser.add_argument(
        "--rejects", metavar="FILE", help="rejected records (default OUT.rejects.jsonl)"
    )
    parser.add_argument("--changes", metavar="FILE", help="change log (default OUT.changes.json)")


def run(args: argparse.Namespace) -> int:
    from checker.dataset import report_text
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
    )
    files = result.paths
    sys.stdout.write(result.summary())
    print(f"Output: {files['output']}  rejects: {files['rejects']}  changes: {files['changes']}")
    assert result.report is not None
    print(f"\nCheck of {files['output']}:")
    sys.stdout.write(report_text(result.report))
    return 1 if result.report.errors else 0
