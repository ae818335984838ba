"""The offline user guide: its pages in resources/help/, with the parts that come from the code filled
in when a page is shown (the headers each sheet understands, the briefing pack's sections, the menus'
keyboard shortcuts), so the guide cannot drift from what the app does. No Qt here."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

INDEX = "index.html"
SHORTCUTS = "shortcuts.html"
_PLACEHOLDER = re.compile(r"<!--\s*bcpviewer:([a-z-]+)\s*-->")
_HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_KIND_TITLES = {"actions": "Actions sheet", "events": "Events sheet", "metrics": "Metrics sheet",
                "sources": "Sources sheet"}


@dataclass(frozen=True)
class Shortcut:
    """A menu command and the keys that run it."""

    command: str  # as the menu shows it, without the & of its access key
    menu: str  # "File", "View › Zoom to period"; "" when the command is in no menu
    keys: tuple[str, ...]  # as the platform writes them ("Ctrl+O")


def folder() -> Path | None:
    """The folder of the guide's pages: the installed package's, else the source tree's resources/help."""
    from bcpviewer.bundled import resources_path

    index = resources_path(f"help/{INDEX}")
    return None if index is None else index.parent


def pages(where: Path | None = None) -> list[str]:
    """The guide's pages (file names) in the order the contents page lists them, then any others."""
    where = where or folder()
    if where is None:
        return []
    found = sorted(p.name for p in where.glob("*.html"))
    index = where / INDEX
    listed = [INDEX] if index.is_file() else []
    if index.is_file():
        for target in local_links(index.read_text(encoding="utf-8")):
            if target in found and target not in listed:
                listed.append(target)
    return listed + [p for p in found if p not in listed]


def title(name: str, where: Path | None = None) -> str:
    """A page's <title>, or its file name when it has none."""
    where = where or folder()
    path = None if where is None else where / name
    if path is None or not path.is_file():
        return name
    found = _TITLE.search(path.read_text(encoding="utf-8"))
    return html.unescape(found.group(1).strip()) if found else name


def local_links(text: str) -> list[str]:
    """The guide pages and files a page links to (file names; web links and #anchors left out)."""
    out = []
    for target in _HREF.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("#"):
            continue
        name = target.split("#", 1)[0]
        if name and name not in out:
            out.append(name)
    return out


def broken_links(where: Path | None = None) -> list[tuple[str, str]]:
    """(page, target) for every link from a guide page to a file that is not in the guide."""
    where = where or folder()
    if where is None:
        return [(INDEX, "the guide's folder")]
    return [(page, target) for page in pages(where)
            for target in local_links((where / page).read_text(encoding="utf-8"))
            if not (where / target).is_file()]


def render(name: str, shortcuts: Sequence[Shortcut] | None = None, where: Path | None = None) -> str:
    """Page ``name`` as HTML with its generated parts filled in. ``shortcuts`` are the window's menu
    commands with keys; None when the guide is shown without a window (the page then says so)."""
    where = where or folder()
    path = None if where is None else where / name
    if path is None or not path.is_file():
        return (f"<h1>Page not found</h1><p>The user guide has no page called {html.escape(name)}. "
                f'<a href="{INDEX}">Contents</a></p>')
    parts = {
        "synonyms": synonyms_html,
        "sheet-names": sheet_names_html,
        "sections": sections_html,
        "shortcuts": lambda: shortcuts_html(shortcuts),
    }

    def fill(match: re.Match[str]) -> str:
        make = parts.get(match.group(1))
        return make() if make is not None else match.group(0)

    return _PLACEHOLDER.sub(fill, path.read_text(encoding="utf-8"))


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{cells}</tr>{body}</table>"


def synonyms_html() -> str:
    """One table per sheet: each field's header, whether it is required, its synonyms and its help,
    straight from the importer's layout (bcpviewer.io.layout)."""
    from bcpviewer.io.layout import FIELDS

    out = []
    for kind, fields in FIELDS.items():
        rows = []
        for f in fields:
            header = f"<b>{html.escape(f.header)}</b>" + (" (required)" if f.required else "")
            others = ", ".join(html.escape(s) for s in f.synonyms[1:]) or "&mdash;"
            rows.append((header, others, html.escape(f.help)))
        out.append(f"<h3>{_KIND_TITLES.get(kind, kind)}</h3>"
                   + _table(("Header", "Also understood", "What it holds"), rows))
    return "\n".join(out)


def sheet_names_html() -> str:
    """The sheet names the importer recognises for each kind of record (bcpviewer.io.layout)."""
    from bcpviewer.io.layout import SHEET_NAMES

    rows = [(f"<b>{html.escape(names[0])}</b>", ", ".join(html.escape(n) for n in names[1:]))
            for names in SHEET_NAMES.values()]
    return (_table(("Sheet", "Also understood"), rows)
            + "<p>Sheets with other names are read when their headers match. Sheets for people rather than "
            "records (such as Instructions, Notes, Lists and Contents) are skipped.</p>")


def sections_html() -> str:
    """The briefing pack's optional sections, as the export dialog offers them (bcpviewer.model.briefing)."""
    from bcpviewer.model.briefing import SECTIONS

    return "<ul>" + "".join(f"<li>{html.escape(label)}</li>" for _key, label in SECTIONS) + "</ul>"


def shortcuts_html(shortcuts: Sequence[Shortcut] | None) -> str:
    """The menu commands that have keys, as a table; a note when there is no window to ask."""
    if shortcuts is None:
        return ("<p>Open this page from the app's <b>Help</b> menu to see every menu command "
                "with its keys.</p>")
    rows = [(html.escape(s.menu or "—"), html.escape(s.command), " or ".join(
        f"<kbd>{html.escape(k)}</kbd>" for k in s.keys)) for s in shortcuts if s.keys]
    return _table(("Menu", "Command", "Keys"), rows)
