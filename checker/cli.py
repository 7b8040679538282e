"""Command line entry point: ``python -m checker COMMAND ...``.

Each command is a module in ``checker.commands`` with ``configure(parser)`` and
``run(args) -> int``; only the module of the command being run is imported.

The exit-code contract is enforced here, at the door, whatever a command does:

- 0: fine; 1: the check found a problem (the command's own verdict);
- 2: unusable input or arguments, with one line on stderr saying what and where;
- 3: an internal error (a bug), as one line that says so and how to see the traceback
  (``--debug`` or ``CHECKER_DEBUG=1``); 130 when interrupted.

Every stderr line goes through ``textsafe.one_line``: control characters escaped, shortened.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Collection, Sequence
from contextlib import suppress
from typing import NoReturn

from checker.commands import SUMMARIES, load
from checker.errors import EXIT_BUG, EXIT_INPUT, EXIT_INTERRUPTED, InputError
from checker.textsafe import one_line

PROG = "python -m checker"
DISTRIBUTION = "finetune-checker"  # the name on PyPI; the import name is ``checker``
DEBUG_ENV = "CHECKER_DEBUG"
MESSAGE_CHARS = 400


def _say(message: str) -> None:
    # Cut before escaping, so a 50 MB message costs no more than a short one.
    print(
        f"{PROG}: error: {one_line(message[: MESSAGE_CHARS + 1], MESSAGE_CHARS)}", file=sys.stderr
    )


class OneLineParser(argparse.ArgumentParser):
    """Argument errors as one line, like every other error of the CLI (argparse adds the usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            EXIT_INPUT, f"{self.prog}: error: {one_line(message, MESSAGE_CHARS)} (see --help)\n"
        )


def version_text() -> str:
    """The package version with the criteria and facts versions beside it: a saved answers file
    or a cost estimate depends on all three. A data file that cannot be read says so here and
    stays for the command that needs it to report in full."""
    from checker import __version__
    from checker.facts import FactsError, load_facts
    from checker.readiness.criteria import CriteriaError, load_criteria

    try:
        criteria = load_criteria().version
    except CriteriaError:
        criteria = "unreadable"
    try:
        facts = load_facts().version
    except FactsError:
        facts = "unreadable"
    return f"{DISTRIBUTION} {__version__} (criteria {criteria}, facts {facts})"


class _VersionAction(argparse.Action):
    """``--version``: like argparse's own, but the data files are read only when it is asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(version_text())
        parser.exit()


def build_parser(configured: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The CLI's parser. Every command is listed; only those in ``configured`` (default: all)
    are imported and get their options, so a run pays only for the command it runs."""
    parser = OneLineParser(
        prog=PROG,
        description="Check whether you are ready to fine-tune a language model.",
        epilog="Exit codes: 0 fine, 1 the check found a problem, 2 unusable input or arguments, "
        f"3 internal error (a bug; --debug or {DEBUG_ENV}=1 shows the traceback).",
    )
    debug_help = f"on an internal error, show the traceback (or set {DEBUG_ENV}=1)"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="print the version, with the versions of the criteria and the facts, and exit",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in SUMMARIES.items():
        escaped = summary.replace("%", "%%")  # argparse %-formats help, not descriptions
        sub = subparsers.add_parser(name, help=escaped, description=summary)
        if configured is None or name in configured:
            command = load(name)
            command.configure(sub)
            sub.set_defaults(run=command.run)
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    return parser


def _command_named(argv: Sequence[str]) -> list[str]:
    """The command ``argv`` runs: its first argument that is not an option (the options before
    a command, --debug and --help, take no value)."""
    return [next((arg for arg in argv if not arg.startswith("-")), "")]


def _debugging(argv: Sequence[str] | None) -> bool:
    args = sys.argv[1:] if argv is None else argv
    return "--debug" in args or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _safe_stdout() -> None:
    """Never let an unencodable character (a lone surrogate, a non-UTF-8 locale) crash a report
    that has already been computed: such characters print as escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that refuses keeps its settings
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _safe_stdout()
    parser = build_parser(_command_named(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its one-line usage error (or --help)
        return exit_.code if isinstance(exit_.code, int) else EXIT_INPUT
    try:
        code: int = args.run(args)
    except InputError as error:
        _say(str(error))
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, and quietly at exit too
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except MemoryError:
        _say("ran out of memory: the input is too large for this machine")
        return EXIT_INPUT
    except RecursionError:
        _say("the input is nested too deeply to process")
        return EXIT_INPUT
    except Exception as error:
        if _debugging(argv):
            raise
        _say(
            f"internal error ({type(error).__name__}: {error}); this is a bug in the checker, "
            f"please report it. Run again with --debug (or {DEBUG_ENV}=1) to see the traceback"
        )
        return EXIT_BUG
    return code


def _silence_stdout() -> None:
    with suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
