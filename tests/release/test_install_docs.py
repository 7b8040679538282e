"""The install instructions for users outside the repository: present in the README and on the
CLI page, and every pinned example names the version this checkout would release."""

from __future__ import annotations

import re

import pytest

import checker
from tests.release.conftest import ROOT

PAGES = ("README.md", "docs/cli.md")
VERSION = r"(\d[\w.+-]*\w)"
PINS = re.compile(rf"finetune-checker=={VERSION}|OWNER/REPO@v{VERSION}|rev: v{VERSION}")


@pytest.mark.parametrize("page", PAGES)
def test_every_pinned_example_names_the_current_version(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    pins = [next(v for v in m.groups() if v) for m in PINS.finditer(text)]
    assert len(pins) >= 2
    assert set(pins) == {checker.__version__}


@pytest.mark.parametrize("page", PAGES)
def test_the_install_section_names_the_distribution_and_the_clash(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    assert "pip install finetune-checker==" in text
    assert "python -m checker --version" in text
    assert re.search(r"unrelated[^.]*`checker`", text)  # the other project on PyPI
    assert re.search(r"cannot be installed (side by side|in the same environment)", text)
