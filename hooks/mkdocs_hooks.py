"""The site's MkDocs hooks: generate the checklists, the tools, the scoring rule, the provider
facts, the CLI tables, the glossary, the browser runtime, the Content-Security-Policy, the
service worker and instant navigation from ``checker`` and the templates beside this file.

Thin on purpose: each event guards on what it serves and calls a plain function in ``sitegen``,
``factsgen``, ``clidocs``, ``findingcodes``, ``glossary``, ``runtime``, ``csp``, ``offline`` or
``instant`` (beside this file). The criteria and the facts
are read afresh on every build, and ``watch:`` in mkdocs.yml makes ``mkdocs serve`` rebuild when
they change.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from checker.compare.metrics import METRIC_TABLE
from checker.cost import cost_form
from checker.dataset.limits import model_names
from checker.facts import Facts, FactsError, load_facts
from checker.readiness.criteria import Criteria, CriteriaError, load_criteria
from clidocs import COMMANDS_MARKER, EXIT_CODES_MARKER, insert_cli_tables
from csp import add_policy
from factsgen import FactsMarkerError, offered_models, render_facts, uses_facts
from findingcodes import FINDING_CODES_MARKER, insert_finding_codes
from glossary import GLOSSARY_MARKER, render_glossary
from instant import InstantNavigationError, patch_site
from offline import write_service_worker
from runtime import (
    PYODIDE_FILES,
    RuntimeSetupError,
    checker_wheel,
    pyodide_dir,
    pyodide_version,
    sri,
    verify_pyodide_files,
    vocabulary_files,
)
from sitegen import (
    REPOSITORY_MARKER,
    SCORING_MARKER,
    WIDGET_MARKERS,
    Placement,
    SiteError,
    check_placements,
    find_markers,
    insert_repository_link,
    insert_scoring_rule,
    link_targets,
    render_checklist,
    render_widget,
    replace_markers,
    runs_python,
    starts_python_early,
)

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_MANIFEST = "assets/runtime.json"
GLOSSARY_FILE = "docs/includes/abbreviations.md"  # appended to every page by pymdownx.snippets
_criteria: Criteria | None = None
_facts: Facts | None = None
_serving = False  # `mkdocs serve` injects an inline live-reload script no policy hash can cover


def criteria() -> Criteria:
    if _criteria is None:
        raise PluginError("criteria not loaded: on_config did not run")
    return _criteria


def facts() -> Facts:
    if _facts is None:
        raise PluginError("provider facts not loaded: on_config did not run")
    return _facts


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _criteria, _facts
    try:
        _criteria = load_criteria(ROOT / "checker" / "criteria.toml")
    except CriteriaError as error:
        raise PluginError(f"checker criteria: {error}") from None
    try:
        _facts = load_facts(ROOT / "checker" / "facts.toml")
    except FactsError as error:
        raise PluginError(f"provider facts: {error}") from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    placements = [
        Placement(file.src_uri, question)
        for file in files.documentation_pages()
        for question in find_markers(file.content_string)
    ]
    try:
        check_placements(placements, criteria())
    except SiteError as error:
        raise PluginError(str(error)) from None
    for target in sorted(link_targets(criteria())):
        if files.get_file_from_path(target) is None:
            raise PluginError(
                f"checker criteria link to {target!r}, which is not a page of the site"
            )
    _add_runtime(files, config)
    return files


def _add_runtime(files: Files, config: MkDocsConfig) -> None:
    try:
        source = pyodide_dir(ROOT)
        pyodide_hashes = verify_pyodide_files(ROOT)
        wheel = checker_wheel(ROOT, ROOT / ".cache" / "site-wheel")
    except RuntimeSetupError as error:
        raise PluginError(str(error)) from None
    for name in PYODIDE_FILES:
        files.append(_static(config, f"pyodide/{name}", source / name))
    files.append(_static(config, f"wheels/{wheel.name}", wheel))
    vocabularies = vocabulary_files(ROOT)
    for vocabulary in vocabularies:
        files.append(_static(config, f"vocabulary/{vocabulary.name}", vocabulary))
    manifest = {
        "pyodide": "../pyodide/",
        "wheel": f"../wheels/{wheel.name}",
        "wheelIntegrity": sri(wheel.read_bytes()),
        "pyodideIntegrity": pyodide_hashes,
        "vocabulary": {path.name: f"../vocabulary/{path.name}" for path in vocabularies},
        "vocabularyIntegrity": {path.name: sri(path.read_bytes()) for path in vocabularies},
        "pyodideVersion": pyodide_version(ROOT),
        "criteriaVersion": criteria().version,
    }
    files.append(File.generated(config, RUNTIME_MANIFEST, content=json.dumps(manifest)))


def _static(config: MkDocsConfig, dest_uri: str, source: Path) -> File:
    return File.generated(config, dest_uri, abs_src_path=str(source))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if runs_python(markdown) and starts_python_early(markdown):
        page.meta["ftr_runs_python"] = True  # overrides/main.html starts the worker early
    if REPOSITORY_MARKER in markdown:
        markdown = insert_repository_link(markdown, config.repo_url)
    if COMMANDS_MARKER in markdown or EXIT_CODES_MARKER in markdown:
        markdown = insert_cli_tables(markdown)
    if FINDING_CODES_MARKER in markdown:
        markdown = insert_finding_codes(markdown)
    if uses_facts(markdown):
        try:
            markdown = render_facts(markdown, facts(), dt.date.today())
        except FactsMarkerError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    if GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(GLOSSARY_MARKER, render_glossary(ROOT / GLOSSARY_FILE))
    if SCORING_MARKER not in markdown:
        return markdown
    return insert_scoring_rule(markdown, criteria())


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker, template in WIDGET_MARKERS.items():
        if marker in html:
            today = dt.date.today()
            models = offered_models(model_names(), facts(), today)
            names = list(dict.fromkeys(model.name for model in facts().models))
            cost_models = offered_models(names, facts(), today)
            widget = render_widget(
                template,
                criteria=criteria(),
                models=models,
                facts=facts(),
                cost_form=cost_form(facts(), cost_models, today),
                metrics=METRIC_TABLE,
            )
            html = html.replace(marker, widget)
    if "checklist:" not in html:
        return html

    def url_for(link: str) -> str:
        path, _, anchor = link.partition("#")
        target = files.get_file_from_path(path)
        if target is None:  # on_files has checked every link; this is a guard for new callers
            raise PluginError(f"{page.file.src_uri}: criteria link {link!r} has no page")
        url = target.url_relative_to(page.file)
        return f"{url}#{anchor}" if anchor else url

    return replace_markers(html, lambda scope: render_checklist(criteria(), scope, url_for))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return output if _serving else add_policy(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> Any:
    return add_policy(output) if template_name.endswith(".html") and not _serving else output


def on_post_build(config: MkDocsConfig) -> None:
    if config.site_url:
        try:
            patch_site(Path(config.site_dir), config.site_url)
        except InstantNavigationError as error:
            raise PluginError(str(error)) from None
    write_service_worker(Path(config.site_dir), serving=_serving)  # last: it digests every file
