"""The one wheel builder: a wheel from a scratch copy, nothing left in the tree, and the site's
wheel without the vocabulary it serves separately."""

from __future__ import annotations

import zipfile
from pathlib import Path

from runtime import build_checker_wheel, checker_wheel, source_digest

ROOT = Path(__file__).resolve().parents[2]


def _leftovers() -> set[str]:
    return {path.name for path in [ROOT / "build", *ROOT.glob("*.egg-info")] if path.exists()}


def test_wheel_builds_from_a_scratch_copy_and_leaves_the_tree_clean(tmp_path: Path) -> None:
    before = _leftovers()
    wheel = build_checker_wheel(ROOT, tmp_path / "full")
    assert _leftovers() == before
    names = zipfile.ZipFile(wheel).namelist()
    assert "checker/criteria.toml" in names and "checker/facts.toml" in names
    assert any(name.endswith(".ranks.zlib") for name in names)
    assert any(name.endswith("checker/tokens/LICENSE-tiktoken") for name in names)
    assert any(name.endswith("licenses/LICENSE") or name.endswith("/LICENSE") for name in names)
    site = zipfile.ZipFile(checker_wheel(ROOT, tmp_path / "site")).namelist()
    assert not any(name.endswith(".ranks.zlib") for name in site)


def test_cache_key_covers_the_project_metadata(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    (copy / "checker").mkdir(parents=True)
    (copy / "checker" / "__init__.py").write_text("")
    (copy / "pyproject.toml").write_text('[project]\nname = "a"\n')
    first = source_digest(copy)
    (copy / "pyproject.toml").write_text('[project]\nname = "b"\n')
    assert source_digest(copy) != first
