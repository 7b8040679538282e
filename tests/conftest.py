"""Fixtures shared by the site and browser tests. The checker unit tests (tests/checker) do not
use them, so they also run inside Pyodide."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.site_build import build_site

    target = tmp_path_factory.mktemp("site")
    result = build_site(target)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return target


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    from tests.site_build import serve

    with serve(site_dir) as url:
        yield url
