"""The release workflow: its build job ran in this session (conftest's ``dist``), so here are what
it produced, what the jobs after it would publish, how every action is pinned, and the release
notes script on changelogs that must stop a release."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import checker
from tests.release.conftest import ROOT, WORKFLOW, Dist, build_job_runs, load_script

notes = load_script("release_notes")
WORKFLOWS = (".github/workflows/release.yml", ".github/workflows/pages.yml", "action.yml")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def _job_steps(job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = WORKFLOW["jobs"][job]["steps"]
    return steps


def _run_output(dist: Dist, command: str) -> str:
    (run,) = [run for run in build_job_runs() if run.startswith(command)]
    return dist.steps[run].stdout


def test_a_version_tag_starts_it() -> None:
    assert WORKFLOW[True] == {"push": {"tags": ["v*"]}}  # YAML reads the key `on` as True


def test_the_build_job_checked_what_it_built(dist: Dist) -> None:
    assert "PASSED" in _run_output(dist, "python -m twine check --strict dist/*")
    assert _run_output(dist, "python -m twine check").count("PASSED") == 2
    smoke = _run_output(dist, "python scripts/smoke_wheel.py dist")
    assert smoke.startswith(f"smoke_wheel: {dist.wheel.name}: ")
    assert sorted(p.name for p in dist.folder.iterdir()) == sorted(
        [dist.sdist.name, dist.wheel.name]
    )  # PyPI gets everything in dist/: the two files, nothing else


def test_the_release_notes_are_the_changelog_section_of_the_version(dist: Dist) -> None:
    written = (dist.checkout / "release-notes.md").read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert written == notes.changelog_section(changelog, checker.__version__)
    assert "### Added" in written and "## [" not in written


def test_the_artifacts_uploaded_are_those_the_later_jobs_download(dist: Dist) -> None:
    steps = [s for s in _job_steps("build") if "upload-artifact" in s.get("uses", "")]
    uploads = {s["with"]["name"]: s["with"]["path"] for s in steps}
    assert set(uploads) == {"dist", "release-notes"}
    assert all((dist.checkout / path).exists() for path in uploads.values())
    for job in ("publish", "github-release"):
        downloads = {s["with"]["name"] for s in _job_steps(job) if "download" in s.get("uses", "")}
        assert downloads <= set(uploads)


def test_publishing_is_trusted_publishing_with_no_stored_token() -> None:
    text = (ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8")
    assert WORKFLOW["permissions"] == {"contents": "read"}
    publish = WORKFLOW["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    (publisher,) = [s for s in publish["steps"] if "gh-action-pypi-publish" in s.get("uses", "")]
    assert "with" not in publisher  # no password, no token: PyPI trusts the workflow
    assert "secrets." not in text
    others = [job for name, job in WORKFLOW["jobs"].items() if name != "publish"]
    assert all("id-token" not in job.get("permissions", {}) for job in others)


def test_the_github_release_gets_the_files_and_the_notes() -> None:
    job = WORKFLOW["jobs"]["github-release"]
    assert job["needs"] == "publish"
    assert job["permissions"] == {"contents": "write"}
    (create,) = [s["run"] for s in job["steps"] if "run" in s]
    assert create.startswith('gh release create "$GITHUB_REF_NAME" dist/*')
    assert "--notes-file release-notes.md" in create


@pytest.mark.parametrize("path", WORKFLOWS)
def test_every_action_is_pinned_by_commit_with_its_release_named(path: str) -> None:
    uses = [m for m in map(USES.match, (ROOT / path).read_text("utf-8").splitlines()) if m]
    if path != "action.yml":
        assert uses, "a workflow that uses no action: is the pattern still right?"
    for found in uses:
        assert PINNED.match(found.group(1)), found.group(1)
        assert re.match(r"^\s*# v\d", found.group(2)), f"{found.group(1)}: name the release"


def _project(tmp_path: Path, changelog: str, version: str = "1.2.0") -> Path:
    (tmp_path / "checker").mkdir()
    (tmp_path / "checker" / "__init__.py").write_text(f'__version__ = "{version}"\n', "utf-8")
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    return tmp_path


CHANGELOG = """# Changelog

## [Unreleased]

### Added

- Not released yet.

## [1.2.0] - 2027-01-05

### Fixed

- The fix.

## [1.1.0] - 2026-12-20

- Older.

[1.2.0]: https://example.invalid/compare/v1.1.0...v1.2.0
"""


def test_release_notes_are_the_section_of_the_tagged_version(tmp_path: Path) -> None:
    root = _project(tmp_path, CHANGELOG)
    assert notes.release_notes("v1.2.0", root) == "### Fixed\n\n- The fix.\n"


@pytest.mark.parametrize(
    ("tag", "changelog", "message"),
    [
        ("v1.2.1", CHANGELOG, "tag 'v1.2.1' does not match the package version (expected v1.2.0)"),
        ("1.2.0", CHANGELOG, "does not match the package version"),
        ("v1.2.0", CHANGELOG.replace("## [1.2.0] - 2027-01-05", "## [1.2.0]"), "has no date"),
        ("v1.2.0", CHANGELOG.replace("[1.2.0] - 2027", "[1.3.0] - 2027"), "no section for 1.2.0"),
        ("v1.2.0", CHANGELOG.replace("### Fixed\n\n- The fix.\n", ""), "is empty"),
    ],
)
def test_a_release_stops_on_a_wrong_tag_or_changelog(
    tmp_path: Path, tag: str, changelog: str, message: str
) -> None:
    root = _project(tmp_path, changelog)
    with pytest.raises(notes.ReleaseError, match=re.escape(message)):
        notes.release_notes(tag, root)


def test_the_changelog_has_an_unreleased_section_and_one_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert headings[:2] == ["Unreleased", checker.__version__]
