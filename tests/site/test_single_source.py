"""The checklists come from the criteria file and nowhere else: change the file in a copy of the
project, build it, and the pages change; break the pages, and the build says where."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.site_build import ROOT, build_site

COPIED = (
    "mkdocs.yml", "docs", "hooks", "checker", "overrides", "pyproject.toml", "README.md",
    "package-lock.json",
)  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changing_the_criteria_changes_the_built_pages(project: Path, tmp_path: Path) -> None:
    criteria = project / "checker" / "criteria.toml"
    edit(criteria, 'advice = "Measure a baseline first:', 'advice = "Zebra-striped advice first:')
    edit(criteria, 'version = "', 'version = "edited-')
    result = build_site(tmp_path / "site", project)
    assert result.returncode == 0, result.stderr
    for page in ("questions/tried", "checklist"):
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        assert "Zebra-striped advice first:" in html
        assert "Measure a baseline first:" not in html
        assert 'data-criteria-version="edited-' in html


def test_a_marker_naming_an_unknown_question_fails_the_build(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "key-terms.md"
    page.write_text(page.read_text() + "\n<!-- checklist: budget -->\n")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "key-terms.md: checklist marker names question 'budget'" in result.stderr


def test_a_question_without_a_page_fails_the_build(project: Path, tmp_path: Path) -> None:
    edit(project / "docs" / "questions" / "data.md", "<!-- checklist: data -->", "")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "question 'data' has no page" in result.stderr


def test_a_broken_criteria_file_fails_the_build(project: Path, tmp_path: Path) -> None:
    criteria = project / "checker" / "criteria.toml"
    edit(criteria, 'kind = "warning"\nseverity', 'kind = "worry"\nseverity')
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "kind 'worry' is not one of ready, warning" in result.stderr


def test_missing_browser_runtime_names_the_install_command(project: Path, tmp_path: Path) -> None:
    (project / "node_modules").unlink()
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "Pyodide runtime files missing" in result.stderr
    assert "npm ci" in result.stderr


def test_a_tampered_pyodide_file_fails_the_build(project: Path, tmp_path: Path) -> None:
    (project / "node_modules").unlink()
    shutil.copytree(ROOT / "node_modules" / "pyodide", project / "node_modules" / "pyodide")
    with (project / "node_modules" / "pyodide" / "pyodide.mjs").open("a") as tampered:
        tampered.write("\n// one more line\n")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "node_modules/pyodide/pyodide.mjs is not the file of pyodide" in result.stderr
    assert "npm ci" in result.stderr
