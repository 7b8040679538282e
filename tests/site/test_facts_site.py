"""Provider facts on the built site: the tables equal checker/facts.toml, every page that states a
fact shows when it was checked and where from, no page offers a shut-down model, the glossary is
generated from its one file, and `make test`'s staleness warning fires for an old date."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from checker.facts import load_facts
from factsgen import (
    FactsMarkerError,
    limits_rows,
    methods_rows,
    offered_models,
    render_facts,
    routes_rows,
    training_text,
)
from glossary import glossary_entries
from tests.site.html_index import html_pages
from tests.site.test_single_source import COPIED
from tests.site_build import ROOT, build_site

DOCS = ROOT / "docs"
FACTS_PAGES = sorted(
    path.relative_to(DOCS).as_posix()
    for path in DOCS.rglob("*.md")
    if "includes" not in path.parts and re.search(r"<!--\s*facts?:", path.read_text())
)


def built(site_dir: Path, page: str) -> str:
    return (site_dir / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def article(page_html: str) -> str:
    return page_html[page_html.index("<article") : page_html.index("</article>")]


class _Blocks(HTMLParser):
    """The inner HTML of each <div class="ftr-facts">, found by tracking div nesting."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.blocks: list[str] = []
        self._depth = self._start = 0
        self._lines = [0]
        for line in source.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        if self._depth:
            self._depth += 1
        elif ("class", "ftr-facts") in attrs:
            self._depth, self._start = 1, self._offset()

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
            if not self._depth:
                self.blocks.append(self.source[self._start : self._offset()])


def facts_blocks(body: str) -> list[str]:
    parser = _Blocks(body)
    parser.feed(body)
    return parser.blocks


def cells(row_html: str) -> list[str]:
    found = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.DOTALL)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in found]


def test_the_pages_that_state_facts_are_the_ones_expected() -> None:
    assert {"providers.md", "questions/why.md", "questions/data.md", "first-run.md"} <= set(
        FACTS_PAGES
    )


@pytest.mark.parametrize("page", FACTS_PAGES)
def test_every_page_stating_facts_shows_the_checked_date_and_sources(
    site_dir: Path, page: str
) -> None:
    body = article(built(site_dir, page))
    lines = re.findall(r'<p class="ftr-facts-checked">(.*?)</p>', body, re.DOTALL)
    assert lines, f"{page}: no 'Facts checked on' line"
    oldest = min(checked for _, checked in load_facts().checked_dates())
    for line in lines:
        assert line.startswith("Facts checked on <time datetime=")
        stamp = re.search(r'datetime="([0-9-]+)"', line)
        assert stamp, line
        date = dt.date.fromisoformat(stamp.group(1))
        assert date >= oldest
        assert re.search(r'<a href="https://[^"]+">', line), line
    # each table of facts is followed by its own line
    blocks = facts_blocks(body)
    assert blocks or page not in ("providers.md", "questions/why.md")
    followed_by_its_line = re.compile(
        r"</(?:table|ul)>\s*(?:</div>\s*)*(?:<p>.*?</p>\s*)*<p class=\"ftr-facts-checked\">",
        re.DOTALL,
    )
    for block in blocks:
        ends = len(re.findall(r"</table>|</ul>", block))
        assert ends and len(followed_by_its_line.findall(block)) == ends, page


def test_the_models_tables_equal_the_facts(site_dir: Path) -> None:
    facts = load_facts()
    for page in ("providers.md", "questions/why.md"):
        body = article(built(site_dir, page))
        for provider in facts.providers:
            table = re.search(rf'<table data-provider="{provider}">(.*?)</table>', body, re.DOTALL)
            assert table, f"{page}: no models table for {provider}"
            rows = re.findall(r"<tr data-model=.*?</tr>", table.group(1), re.DOTALL)
            shown = [cells(row) for row in rows]
            expected = [
                [
                    f"{m.name} ({m.snapshot})" if m.snapshot else m.name,
                    ", ".join(x.upper() for x in m.methods),
                    f"{m.token_limit:,}" if m.token_limit else "Not published",
                    training_text(m, dt.date.today()),
                ]
                for m in facts.models_of(provider)
            ]
            assert [row[:4] for row in shown] == expected, (page, provider)
            for model, row in zip(facts.models_of(provider), shown, strict=True):
                if model.retires is not None:
                    assert model.retires.isoformat() in row[4]
                else:
                    assert row[4] == "No end announced"


def test_the_models_table_names_who_can_train_until_when_and_the_disagreement(
    site_dir: Path,
) -> None:
    body = article(built(site_dir, "providers.md"))
    azure = re.search(r'<table data-provider="azure">(.*?)</table>', body, re.DOTALL)
    assert azure
    rows = {
        cells(r)[0]: cells(r)
        for r in re.findall(r"<tr data-model=.*?</tr>", azure.group(1), re.DOTALL)
    }
    today = dt.date.today()
    if today <= dt.date(2027, 4, 14):
        assert rows["gpt-4.1 (2025-04-14)"][3] == "Open to everyone, until 2027-04-14"
    if dt.date(2026, 10, 17) <= today <= dt.date(2027, 4, 16):
        assert (
            rows["o4-mini (2025-04-16)"][3] == "Existing customers only, at least until 2027-04-16"
        )
    assert rows["gpt-oss-20b"][2] == "Not published"
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    # the older version of the retirement schedule is kept, and the page says they disagree
    assert "Two versions of the source disagree on gpt-4.1, gpt-4.1-mini, gpt-4.1-nano" in text
    assert "gave 2026-10-14" in text and "gives 2027-04-14" in text
    assert "revised 2 September 2026" in text
    assert "model-retirement-schedule-content.md" in body  # the older source is linked


def test_the_routes_table_has_one_dated_sourced_row_per_route(site_dir: Path) -> None:
    facts = load_facts()
    body = article(built(site_dir, "providers.md"))
    table = re.search(r'data-ftr-facts="routes">.*?<tbody>(.*?)</tbody>', body, re.DOTALL)
    assert table
    rows = re.findall(r"<tr data-route=\"([^\"]+)\">(.*?)</tr>", table.group(1), re.DOTALL)
    expected = [r.key for r in routes_rows(facts, dt.date.today())]
    assert [key for key, _ in rows] == expected
    assert {"azure", "azure-open-weight", "openai", "cohere", "mistral-ai"} <= set(expected)
    for key, row in rows:
        assert re.search(r'<a href="https://[^"]+">', row), key
        assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', row), key
    shown = dict((key, cells(row)) for key, row in rows)
    if dt.date.today() <= dt.date(2027, 1, 6):
        assert "Existing customers only, until 2027-01-06" in shown["openai"][2]
    assert shown["cohere"][1] == "Deprecated"
    assert "Managed compute" in shown["azure-open-weight"][4]


def test_a_method_no_model_offers_is_not_offered(site_dir: Path) -> None:
    body = article(built(site_dir, "choosing-a-method.md"))
    table = re.search(r'data-ftr-facts="methods">.*?<table>(.*?)</table>', body, re.DOTALL)
    assert table
    shown = [cells(row) for row in table.group(1).split("<tbody>")[1].split("</tr>") if "<t" in row]
    providers, rows, _ = methods_rows(load_facts(), dt.date.today())
    assert shown == [[row.label, *row.cells] for row in rows]
    rft = dict(
        zip([p.key for p in providers], next(r for r in shown if r[0] == "RFT")[1:], strict=True)
    )
    assert rft["openai"] == "No model any more"  # OpenAI's only RFT model shut down
    limits = article(built(site_dir, "providers.md"))
    assert "Open (SFT, DPO, RFT)" in limits  # Azure still trains o4-mini for existing customers


def test_the_limits_table_equals_the_facts(site_dir: Path) -> None:
    body = article(built(site_dir, "providers.md"))
    table = re.search(r'data-ftr-facts="limits">.*?<table>(.*?)</table>', body, re.DOTALL)
    assert table
    body_rows = table.group(1).split("<tbody>")[1].split("</tr>")
    shown = [cells(row) for row in body_rows if "<t" in row]
    providers, rows, _ = limits_rows(load_facts())
    assert shown == [[row.label, *row.cells] for row in rows]
    head = re.search(r"<thead>(.*?)</thead>", table.group(1), re.DOTALL)
    assert head
    header = cells(head.group(1))
    assert header[1:] == [provider.name for provider in providers]


def _units(page_html: str) -> list[str]:
    """The page's text as sentences and table rows, the units a claim is made in."""
    text = re.sub(r"</(tr|li|p|h[1-6]|dd|dt|caption)>", "\n", article(page_html))
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    units = []
    for line in text.splitlines():
        units += [u for u in re.split(r"(?<=[.!?])\s+", " ".join(line.split())) if u]
    return units


SHUT = re.compile(r"shut down|shuts down|retire", re.IGNORECASE)


def test_no_page_names_a_retired_model_as_available(site_dir: Path) -> None:
    facts = load_facts()
    today = dt.date.today()
    names_of = {m.name: {m.name, *m.aliases} for m in facts.models}
    retired_everywhere = {
        name
        for name in names_of
        if all(m.retired_on(today) for m in facts.models if m.name == name)
    }
    retired_at = {
        (m.name, facts.provider(m.provider).short_name) for m in facts.models if m.retired_on(today)
    }
    assert retired_everywhere, "the facts list no model retired everywhere; check the test"
    problems = []
    for path in html_pages(site_dir):
        for unit in _units(path.read_text(encoding="utf-8")):
            if SHUT.search(unit):
                continue
            everywhere = any(
                re.search(rf"\b{re.escape(n)}\b", unit)
                for name in retired_everywhere
                for n in names_of[name]
            )
            at_provider = any(
                re.search(rf"\b{re.escape(name)}\b", unit) and provider in unit
                for name, provider in retired_at
            )
            if everywhere or at_provider:
                problems.append(f"{path.relative_to(site_dir)}: {unit}")
    assert not problems, "\n".join(problems)


def test_retired_rows_say_so(site_dir: Path) -> None:
    body = article(built(site_dir, "providers.md"))
    retired_rows = re.findall(r"<tr data-model=\"[^\"]+\" data-retired>.*?</tr>", body, re.DOTALL)
    assert retired_rows
    for row in retired_rows:
        assert "Shut down on" in row or "served until" in row


def test_no_page_says_at_the_time_of_writing(site_dir: Path) -> None:
    for path in html_pages(site_dir):
        assert "at the time of writing" not in path.read_text(encoding="utf-8").lower(), path


def test_the_glossary_is_generated_and_shown_on_hover(site_dir: Path) -> None:
    entries = glossary_entries((DOCS / "includes" / "abbreviations.md").read_text())
    terms = {term for term, _ in entries}
    required = {
        "epoch", "token", "context length", "grader", "prompt caching", "semantic search",
        "re-ranking", "reasoning model", "statistical power", "JSON mode", "LoRA", "adapter",
    }  # fmt: skip
    assert required <= terms
    key_terms = article(built(site_dir, "key-terms.md"))
    glossary = key_terms[key_terms.index('id="glossary"') :]
    for term, meaning in entries:
        assert f"<dt>{html.escape(term, quote=False)}</dt>" in glossary or term in glossary
        assert html.escape(meaning, quote=False) in glossary
    lora = key_terms[key_terms.index('id="lora"') : key_terms.index('id="holdout-set"')]
    assert "LoRA" in lora and 'class="ftr-facts-checked"' in key_terms  # dated and sourced
    assert "interactive-post-training/concepts" in key_terms
    why = built(site_dir, "questions/why.md")
    assert '<abbr title="A provider feature that bills' in why
    assert not (site_dir / "includes").exists()


def test_render_facts_rejects_unknown_markers() -> None:
    facts = load_facts()
    with pytest.raises(FactsMarkerError, match=r"unknown fact 'azure\.nope'"):
        render_facts("x <!-- fact:azure.nope --> y", facts, dt.date(2026, 11, 29))
    with pytest.raises(FactsMarkerError, match="unknown facts marker"):
        render_facts("<!-- facts:tables -->", facts, dt.date(2026, 11, 29))
    with pytest.raises(FactsMarkerError, match="not a facts marker"):
        render_facts("<!-- facts: Models -->", facts, dt.date(2026, 11, 29))
    text = render_facts("Fee <!-- fact:azure.hosting-per-hour -->.", facts, dt.date(2026, 11, 29))
    assert text.startswith("Fee $1.70.")
    assert "Facts checked on" in text


def _facts_age() -> ModuleType:
    spec = importlib.util.spec_from_file_location("facts_age", ROOT / "scripts" / "facts_age.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stale_warning_prints_for_an_old_date(capsys: pytest.CaptureFixture[str]) -> None:
    facts_age = _facts_age()
    newest = max(checked for _, checked in load_facts().checked_dates())
    assert facts_age.main(["--today", newest.isoformat()]) == 0
    assert capsys.readouterr().err == ""
    late = newest + dt.timedelta(days=91)
    assert facts_age.main(["--today", late.isoformat()]) == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: ")
    assert "model openai/gpt-4o" in err and "note azure/hosting" in err
    assert "more than 90 days ago" in err


def test_the_stale_warning_runs_as_make_test_runs_it() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/facts_age.py", "--today", "2099-01-01"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.startswith("warning: ")
    makefile = (ROOT / "Makefile").read_text()
    test_target = makefile[makefile.index("\ntest:") :].split("\n\n")[0]
    assert "scripts/facts_age.py" in test_target


def test_a_bad_facts_marker_fails_the_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    page = project / "docs" / "first-run.md"
    page.write_text(page.read_text() + "\nFee: <!-- fact:azure.no-such-fee -->\n")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "first-run.md: unknown fact 'azure.no-such-fee'" in result.stderr


def test_the_model_choices_leave_out_models_shut_down_everywhere() -> None:
    facts = load_facts()
    names = ["gpt-35-turbo", "gpt-3.5-turbo", "o4-mini", "gpt-4o", "my-own-model"]
    after = offered_models(names, facts, dt.date(2026, 11, 29))
    assert after == ["o4-mini", "gpt-4o", "my-own-model"]  # o4-mini still serves on Azure
    assert offered_models(names, facts, dt.date(2026, 1, 1)) == names
