"""The changelog section of a release, after checking that the tag names the package's version.

    python scripts/release_notes.py v0.1.0 > notes.md

The release workflow runs this before building: a tag that does not match
``checker.__version__``, or a version with no dated section in CHANGELOG.md, stops the release
with one line saying which. Standard library only.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)
HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


class ReleaseError(Exception):
    pass


def package_version(root: Path = ROOT) -> str:
    found = VERSION_LINE.search((root / "checker" / "__init__.py").read_text(encoding="utf-8"))
    if found is None:
        raise ReleaseError("checker/__init__.py: no __version__ line")
    return found.group(1)


def changelog_section(changelog: str, version: str) -> str:
    """The body of ``## [version] - date`` up to the next ``## `` heading (link lines dropped)."""
    lines = changelog.splitlines()
    for index, line in enumerate(lines):
        heading = HEADING.match(line)
        if heading is None or heading["version"] != version:
            continue
        if heading["date"] is None:
            raise ReleaseError(f"CHANGELOG.md: the section for {version} has no date")
        body: list[str] = []
        for following in lines[index + 1 :]:
            if following.startswith("## ") or re.match(r"^\[[^\]]+\]: ", following):
                break
            body.append(following)
        text = "\n".join(body).strip()
        if not text:
            raise ReleaseError(f"CHANGELOG.md: the section for {version} is empty")
        return text + "\n"
    raise ReleaseError(f"CHANGELOG.md: no section for {version} ('## [{version}] - YYYY-MM-DD')")


def release_notes(tag: str, root: Path = ROOT) -> str:
    version = package_version(root)
    if tag != f"v{version}":
        raise ReleaseError(f"tag {tag!r} does not match the package version (expected v{version})")
    return changelog_section((root / "CHANGELOG.md").read_text(encoding="utf-8"), version)


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        print("usage: release_notes.py TAG", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(release_notes(args[0]))
    except ReleaseError as error:
        print(f"release_notes: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
