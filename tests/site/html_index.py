"""Read a built site's HTML: ids, links and resources of each page (a test helper)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# <link rel=...> kinds the browser fetches (a canonical or alternate link is only a reference).
LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
RESOURCE_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
}


@dataclass
class PageIndex:
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.index = PageIndex()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.index.ids.append(values["id"])
        if tag == "a" and "href" in values:
            self.index.links.append(values["href"])
        loaded = set(values.get("rel", "").split()) & LOADED_LINKS
        if tag == "link" and "href" in values and loaded:
            self.index.resources.append(values["href"])
        attribute = RESOURCE_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            self.index.resources.append(values[attribute])


def index_page(path: Path) -> PageIndex:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.index


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
