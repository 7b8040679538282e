"""hooks/instant.py: Material's sitemap reader rewritten so instant navigation works on any host,
port or path; the build fails loudly if the theme's code changes shape."""

from __future__ import annotations

import subprocess

import pytest

from instant import InstantNavigationError, rebase_sitemap_reader
from sitegen import insert_repository_link

BUNDLE = "var a=1;function fi(e,t){return e.protocol=t.protocol,e.hostname=t.hostname,e}var b=2;"


def run(bundle: str, loc: str, base: str) -> str:
    script = bundle + f"console.log(String(fi(new URL({loc!r}), new URL({base!r}))))"
    done = subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("loc", "base", "expected"),
    [
        (
            "http://127.0.0.1:8000/questions/why/",
            "http://127.0.0.1:4321/",
            "http://127.0.0.1:4321/questions/why/",
        ),
        (
            "http://127.0.0.1:8000/",
            "https://example.test/preview/",
            "https://example.test/preview/",
        ),
        ("http://other.test:9/x/", "http://127.0.0.1:4321/", "http://127.0.0.1:9/x/"),
    ],
)
def test_addresses_from_site_url_move_to_the_served_base(
    loc: str, base: str, expected: str
) -> None:
    patched = rebase_sitemap_reader(BUNDLE, "http://127.0.0.1:8000/")
    assert patched.startswith("var a=1;") and patched.endswith("var b=2;")
    assert run(patched, loc, base) == expected


def test_a_changed_theme_fails_the_build() -> None:
    with pytest.raises(InstantNavigationError, match="found 0"):
        rebase_sitemap_reader("function fi(e,t){return e}", "http://127.0.0.1:8000/")


def test_repository_link_only_with_a_known_address() -> None:
    text = "From a clone of <!-- repository -->, run"
    assert insert_repository_link(text, "https://github.com/o/r") == (
        "From a clone of [this project's repository](https://github.com/o/r), run"
    )
    assert insert_repository_link(text, None) == "From a clone of this project's repository, run"
    assert insert_repository_link(text, "") == "From a clone of this project's repository, run"
