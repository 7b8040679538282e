"""Fixtures shared by the site and browser tests (the checker unit tests in tests/checker do not
use them, so they also run inside Pyodide), and the Hypothesis profiles every test runs under."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests try FULL_EXAMPLES inputs each in CI (where CI=true is set by the CI service) and a
# fifth of that on a developer's machine, where the loop should be quick; HYPOTHESIS_PROFILE=ci or
# dev picks one by hand.
FULL_EXAMPLES = 150
settings.register_profile("ci", max_examples=FULL_EXAMPLES, deadline=None)
settings.register_profile("dev", max_examples=FULL_EXAMPLES // 5, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")
)


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
