"""The command-line page's tables come from the commands: every command, every option it really
has, and what each exit code means for it."""

from __future__ import annotations

import html
from pathlib import Path

from checker.commands import all_commands
from clidocs import command_options


def test_every_command_declares_its_docs() -> None:
    for command in all_commands():
        assert command.USAGE.split()[0] == command.NAME
        assert set(command.EXIT_CODES) <= {0, 1, 2} and 0 in command.EXIT_CODES


def test_cli_page_lists_every_command_option_and_exit_code(site_dir: Path) -> None:
    page = html.unescape((site_dir / "cli" / "index.html").read_text(encoding="utf-8"))
    options = command_options()
    assert "--validation-fraction" in options["split"] and "--debug" not in options["split"]
    for command in all_commands():
        assert f"<code>{command.USAGE}</code>" in page, command.NAME
        for flag in options[command.NAME]:
            assert f"<code>{flag}</code>" in page, (command.NAME, flag)
        for meaning in command.EXIT_CODES.values():
            assert meaning.split("`")[0] in page, (command.NAME, meaning)
