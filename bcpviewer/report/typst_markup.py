"""Typst source for the pack, written safely: every piece of data goes in as a Typst string literal (never
as markup, so no text from a spreadsheet can change the layout), tables with header rows, figures with alt
text, and the document's set-up (language, font, sizes, running header and footer)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bcpviewer.model.links import safe_url

Part = str  # a Typst code expression that evaluates to content or a string

SECTION_LABEL = "pack-section"
BODY_PT = 11.5
TABLE_PT = 10.5  # the smallest size of anything a reader must read (headers and footers are artifacts)
NOTE_PT = 10.5
INK, MUTED = "#1A1A1A", "#4D4D4D"
BETTER_FILL, WORSE_FILL = "#D6EEE6", "#F8DCCF"  # light tints of Okabe-Ito green and vermillion


def q(text: object) -> str:
    """``text`` as a Typst string literal."""
    out = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n")
    return '"' + out.replace("\n", "\\n").replace("\t", " ") + '"'


def join(*parts: Part) -> Part:
    """Parts one after another, as one content value."""
    kept = [p for p in parts if p]
    if not kept:
        return '""'
    return kept[0] if len(kept) == 1 else "{" + "; ".join(kept) + "}"


def strong(text: object) -> Part:
    return f"strong({q(text)})"


def emph(text: object) -> Part:
    return f"emph({q(text)})"


def link(url: str, text: object | None = None) -> Part:
    """A live link when ``url`` is a web address; else just the text."""
    safe = safe_url(url)
    if not safe or not safe.lower().startswith(("http://", "https://")):
        return q(text if text is not None else url)
    return f"link({q(safe)}, {q(text if text is not None else safe)})"


def small(part: Part, colour: str = MUTED) -> Part:
    return f"text(size: {NOTE_PT}pt, fill: rgb({q(colour)}), {part})"


def par(*parts: Part) -> str:
    return f"#par({join(*parts)})\n"


def note(text: str) -> str:
    """An explanatory paragraph under a heading, in the muted ink."""
    return f"#par({small(q(text))})\n"


def heading(level: int, text: str, *, outlined: bool = True, page_break: bool = False) -> str:
    brk = "#pagebreak(weak: true)\n" if page_break else ""
    where = (f"#context [#metadata((title: {q(text)}, page: here().page())) <{SECTION_LABEL}>]\n"
             if level == 1 and outlined else "")  # so the pack can say on which page each section starts
    return f"{brk}#heading(level: {level}, outlined: {'true' if outlined else 'false'}, {q(text)})\n{where}"


def bullets(items: Iterable[Part], numbered: bool = False) -> str:
    kind = "enum" if numbered else "list"
    body = ", ".join(f"[#{p}]" if not p.startswith("[") else p for p in items)
    return f"#{kind}({body})\n" if body else ""


class Cell:
    """A table cell: text (or parts), optionally bold, filled, aligned right."""

    def __init__(self, text: object = "", *, bold: bool = False, fill: str | None = None, right: bool = False,
                 part: Part | None = None) -> None:
        self.part = part if part is not None else (strong(text) if bold else q(text))
        self.fill = fill
        self.right = right

    def code(self) -> str:
        args = []
        if self.fill:
            args.append(f"fill: rgb({q(self.fill)})")
        if self.right:
            args.append("align: right")
        return f"table.cell({', '.join(args)}{', ' if args else ''}{self.part})" if args else f"[#{self.part}]"


def table(columns: Sequence[str], header: Sequence[str], rows: Iterable[Sequence[Cell | str | None]]) -> str:
    """A table whose first row holds header cells, repeated on each page; ``columns`` are Typst track
    sizes ("auto", "1fr", "2fr"). Empty cells print a dash."""
    head = ", ".join(f"table.cell({strong(h)})" if h else "[]" for h in header)
    body = [(c if isinstance(c, Cell) else Cell("–" if c is None or c == "" else c)).code()
            for row in rows for c in row]
    cols = "(" + ", ".join(columns) + ("," if len(columns) == 1 else "") + ")"
    return f"#table(columns: {cols},\n  table.header({head}),\n  " + ",\n  ".join(body) + ")\n"


def figure(svg_name: str, alt: str, caption: Part | None, *, width: str = "100%") -> str:
    """An SVG (a file beside the document) as a figure with alt text and an optional caption."""
    img = f"image({q(svg_name)}, format: \"svg\", width: {width}, alt: {q(alt)})"
    cap = f", caption: {caption}" if caption else ""
    return f"#figure({img}{cap})\n"


def preamble(title: str, author: str, keywords: Sequence[str], running_left: str, running_right: str,
             footer_left: str, landscape: bool = False) -> str:
    """The document's set-up: metadata, en-GB, the shipped sans without ligatures, sizes and page furniture."""
    kw = "(" + ", ".join(q(k) for k in keywords) + ("," if len(keywords) == 1 else "") + ")"
    authors = f"author: {q(author)}, " if author.strip() else ""
    return f"""#set document(title: {q(title)}, {authors}keywords: {kw})
#set text(lang: "en", region: "GB", font: ("Atkinson Hyperlegible", "DejaVu Sans"), size: {BODY_PT}pt,
  fill: rgb("{INK}"), ligatures: false, discretionary-ligatures: false, historical-ligatures: false)
#set par(justify: false, leading: 0.62em, spacing: 0.9em)
#set page(paper: "a4", flipped: {'true' if landscape else 'false'}, margin: (x: 17mm, top: 22mm, bottom: 20mm),
  header: context {{
    if counter(page).get().first() > 1 {{
      set text(size: 9pt, fill: rgb("{MUTED}"))
      grid(columns: (1fr, auto), {q(running_left)}, {q(running_right)})
      line(length: 100%, stroke: 0.5pt + rgb("#8C8C8C"))
    }}
  }},
  footer: context {{
    if counter(page).get().first() > 1 {{
      set text(size: 9pt, fill: rgb("{MUTED}"))
      grid(columns: (1fr, auto), {q(footer_left)},
        [Page #counter(page).display() of #counter(page).final().first()])
    }}
  }})
#set heading(numbering: none)
#show heading: set block(above: 1.3em, below: 0.7em)
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): set text(size: 13.5pt)
#show heading.where(level: 3): set text(size: 12pt)
#set table(inset: (x: 4pt, y: 3.5pt), stroke: 0.5pt + rgb("#8C8C8C"), fill: (_, y) => if y == 0 {{ rgb("#EDEDED") }})
#show table: set text(size: {TABLE_PT}pt)
#set table.cell(breakable: false)
#show table: set par(justify: false)
#show figure: set block(breakable: false)
#show figure.caption: set text(size: {NOTE_PT}pt)
#show link: set text(fill: rgb("#0B5CAD"))
#show link: underline
"""
