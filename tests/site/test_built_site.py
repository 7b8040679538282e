"""The built site: checklists generated from the criteria, links that resolve, nothing loaded
from another host, and a Content-Security-Policy on every page."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markupsafe import escape

from checker.readiness.criteria import load_criteria
from runtime import sri
from tests.site.html_index import html_pages, index_page


def built(site_dir: Path, page: str) -> str:
    return (site_dir / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def test_every_item_appears_once_on_its_page_and_on_the_checklist(site_dir: Path) -> None:
    checklist = built(site_dir, "checklist.md")
    for question in load_criteria().questions:
        page = built(site_dir, question.page)
        for item in question.items:
            for html in (page, checklist):
                assert html.count(f'<fieldset class="ftr-item" id="{item.id}"') == 1, item.id
                assert html.count(str(escape(item.advice))) == 1, item.id
                assert str(escape(item.statement)) in html


def test_question_pages_hold_only_their_own_items(site_dir: Path) -> None:
    criteria = load_criteria()
    for question in criteria.questions:
        html = built(site_dir, question.page)
        others = {item.id for item in criteria.items()} - {item.id for item in question.items}
        for other in others:
            assert f'<fieldset class="ftr-item" id="{other}"' not in html


def test_scoring_page_shows_the_generated_rule(site_dir: Path) -> None:
    html = built(site_dir, "scoring.md")
    scoring = load_criteria().scoring
    assert f"score of {scoring.ready_at} or more" in html
    assert f"at least {scoring.question_ready_at} on every question" in html
    assert "Not assessed yet" in html
    assert "<!-- scoring-rule -->" not in html


def test_no_page_has_duplicate_ids(site_dir: Path) -> None:
    for path in html_pages(site_dir):
        duplicates = [i for i, n in Counter(index_page(path).ids).items() if n > 1]
        assert not duplicates, f"{path.relative_to(site_dir)}: duplicate ids {duplicates}"


def _target(site_dir: Path, page: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    base = site_dir if parts.path.startswith("/") else page.parent  # the site is served at /
    path = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
    if path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_internal_links_and_anchors_resolve(site_dir: Path) -> None:
    ids_of: dict[Path, set[str]] = {}
    broken = []
    for page in html_pages(site_dir):
        for href in index_page(page).links:
            target = _target(site_dir, page, href)
            if target is None:
                continue
            path, anchor = target
            if not path.exists():
                broken.append(f"{page.relative_to(site_dir)} -> {href} (no such file)")
                continue
            if anchor and path.suffix == ".html":
                if path not in ids_of:
                    ids_of[path] = set(index_page(path).ids)
                if anchor not in ids_of[path]:
                    broken.append(f"{page.relative_to(site_dir)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_pages_load_nothing_from_other_hosts(site_dir: Path) -> None:
    for page in html_pages(site_dir):
        for resource in index_page(page).resources:
            parts = urlsplit(resource)
            assert not parts.netloc, f"{page.relative_to(site_dir)} loads {resource}"
    for stylesheet in site_dir.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*['\"]?(?:https?:)?//", text):
            pytest.fail(f"{stylesheet.relative_to(site_dir)} loads {url}")
        assert "@import url(http" not in text


def test_every_page_has_a_content_security_policy(site_dir: Path) -> None:
    for page in html_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert match, f"{page.relative_to(site_dir)} has no CSP"
        policy = match.group(1)
        assert "default-src 'self'" in policy
        assert "'wasm-unsafe-eval'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1]


def test_browser_runtime_is_self_hosted(site_dir: Path) -> None:
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (site_dir / "pyodide" / name).is_file()
    wheels = list((site_dir / "wheels").glob("*-py3-none-any.whl"))
    assert len(wheels) == 1


def test_the_vocabulary_is_a_site_file_not_in_the_wheel(site_dir: Path) -> None:
    """Every page downloads the wheel: the 1 MB vocabulary stays out of it and is fetched by
    the worker when counting starts (the package checks its sha256 when reading it)."""
    import hashlib
    import zipfile

    from checker.tokens.bpe import SPECS

    (wheel,) = (site_dir / "wheels").glob("*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        record = archive.read(next(n for n in names if n.endswith(".dist-info/RECORD")))
    assert "checker/tokens/bpe.py" in names
    assert not [n for n in names if n.endswith(".ranks.zlib")]
    assert b".ranks.zlib" not in record
    assert wheel.stat().st_size < 400_000
    manifest = json.loads((site_dir / "assets" / "runtime.json").read_text(encoding="utf-8"))
    spec = SPECS["o200k_base"]
    assert manifest["vocabulary"] == {spec.filename: f"../vocabulary/{spec.filename}"}
    served = (site_dir / "vocabulary" / spec.filename).read_bytes()
    assert hashlib.sha256(served).hexdigest() == spec.sha256
    assert manifest["vocabularyIntegrity"] == {spec.filename: sri(served)}


def test_runtime_manifest_carries_integrity_hashes_of_what_it_serves(site_dir: Path) -> None:
    manifest = json.loads((site_dir / "assets" / "runtime.json").read_text(encoding="utf-8"))
    wheel = (site_dir / "assets" / manifest["wheel"]).resolve()
    assert manifest["wheelIntegrity"] == sri(wheel.read_bytes())
    assert manifest["wheelIntegrity"].startswith("sha384-")
    for name, integrity in manifest["pyodideIntegrity"].items():
        assert sri((site_dir / "pyodide" / name).read_bytes()) == integrity, name
    snapshot = (site_dir / "assets" / manifest["snapshot"]).resolve()
    assert manifest["snapshotIntegrity"] == sri(snapshot.read_bytes())
    # The worker checks them all (tests/browser/test_startup.py alters each on the way).
    worker = (site_dir / "assets" / "js" / "worker.js").read_text(encoding="utf-8")
    assert "runtimeFile(manifest.wheel, manifest.wheelIntegrity)" in worker
    assert "runtimeFile(manifest.snapshot, manifest.snapshotIntegrity)" in worker


def test_a_404_page_exists(site_dir: Path) -> None:
    assert (site_dir / "404.html").is_file()
