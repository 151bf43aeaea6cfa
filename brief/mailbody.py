"""The body of a brief's email: its text read from the brief HTML, as plain text and as email-safe HTML.

The brief HTML is for browsers and WeasyPrint (a ``<style>`` sheet, print-only footnotes); mail
clients strip or mangle such pages. So the email gets a page of its own, made from the brief's text
with inline styles only: no stylesheet, image, script, link or any other remote reference, so
nothing is fetched when it is opened.

Read from the HTML: headings, paragraphs, list items (numbered in ``<ol>``), block quotes and table
rows. Dropped: ``<style>``, ``<script>``, SVG, images, anything ``hidden``/``aria-hidden``, and the
print-only parts of the built-in template (``.fn`` footnote bodies, ``.running`` headers, ``.back``
links); a footnote call (``a.call``) shows as ``[n]``. An element of class ``footnote`` (a plain
WeasyPrint footnote) becomes a note listed after the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = ("h1", "h2", "h3", "h4")


@dataclass(frozen=True)
class Block:
    """One block: a heading ``h1``–``h4``, ``p``, ``li`` (``number`` in a numbered list), ``quote``,
    or a table ``row``/``head`` (``cells``)."""

    kind: str
    text: str = ""
    cells: tuple[str, ...] = ()
    number: int | None = None


@dataclass(frozen=True)
class BriefText:
    """What an email can show of a brief page."""

    title: str = ""  # the <title>
    heading: str = ""  # the first <h1>
    blocks: tuple[Block, ...] = ()
    notes: tuple[str, ...] = ()  # text of class="footnote" elements, in order
    meta: dict[str, str] = field(default_factory=dict)  # <meta name=... content=...>


_SKIP_TAGS = {"style", "script", "svg", "math", "noscript", "template", "iframe", "object", "nav", "button",
              "form", "select", "textarea", "canvas", "audio", "video"}
_SKIP_CLASSES = {"fn", "running", "back"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HEADING_OF = {"h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "dl", "dt", "dd",
           "li", "blockquote", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr",
           "pre", "address", "body", "html", "details", "summary", *_HEADING_OF}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self._open: list[tuple[str, dict[str, str]]] = []  # open block elements and their attributes
        self._buffer: list[str] = []
        self._cells: list[str] | None = None
        self._header_cells = 0
        self._counters: list[int] = []  # the next number of each open <ol>
        self._skipping: tuple[str, int] | None = None  # (tag, depth) of a dropped element
        self._note: tuple[str, int, list[str]] | None = None  # (tag, depth, text) of a class=footnote element
        self._in_title = False
        self._call = False

    # -- the element tree

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self._skipping is not None:
            self._skipping = (tag, self._skipping[1] + 1) if tag == self._skipping[0] else self._skipping
            return
        if tag == "meta" and values.get("name") and values.get("content"):
            self.meta[values["name"].lower()] = values["content"]
        if tag == "title":
            self._in_title = True
        if tag in _VOID or tag == "title":
            if tag == "br":
                self._text(" ")
            return
        classes = set(values.get("class", "").split())
        hidden = "hidden" in values or values.get("aria-hidden") == "true"
        if tag in _SKIP_TAGS or hidden or classes & _SKIP_CLASSES:
            self._skipping = (tag, 1)
            return
        if self._note is not None:
            tag_, depth, parts = self._note
            self._note = (tag_, depth + (tag == tag_), parts)
            return
        if "footnote" in classes:
            self._note = (tag, 1, [])
        elif tag == "a" and "call" in classes:
            self._call = True
            self._text("[")
        elif tag == "q":
            self._text("“")
        elif tag in _BLOCKS:
            self._block_start(tag, values)
        elif tag in ("td", "th") and self._cells is not None:
            self._flush()
            self._header_cells += tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if self._skipping is not None:
            if tag == self._skipping[0]:
                depth = self._skipping[1] - 1
                self._skipping = (tag, depth) if depth else None
            return
        if tag == "title":
            self._in_title = False
        elif self._note is not None:
            self._note_end(tag)
        elif tag == "a" and self._call:
            self._call = False
            self._text("]")
        elif tag == "q":
            self._text("”")
        elif tag in ("td", "th") and self._cells is not None:
            self._flush()
        elif any(name == tag for name, _ in self._open):
            self._block_end(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif self._skipping is None:
            self._text(data)

    def close(self) -> None:
        super().close()
        self._flush()

    # -- blocks

    def _block_start(self, tag: str, values: dict[str, str]) -> None:
        self._flush()
        if tag == "tr":
            self._cells, self._header_cells = [], 0
        elif tag == "ol":
            self._counters.append(_int(values.get("start"), 1))
        elif tag == "li":
            parent = next((name for name, _ in reversed(self._open) if name in ("ol", "ul")), None)
            if parent == "ol" and self._counters:
                number = _int(values.get("value"), self._counters[-1])
                self._counters[-1] = number + 1
                values = {**values, "number": str(number)}
        self._open.append((tag, values))

    def _block_end(self, tag: str) -> None:
        self._flush()
        while self._open:
            name, _ = self._open.pop()
            if name == "ol" and self._counters:
                self._counters.pop()
            if name == tag:
                break
        if tag == "tr" and self._cells is not None:
            if self._cells:
                kind = "head" if self._header_cells >= len(self._cells) else "row"
                self.blocks.append(Block(kind, cells=tuple(self._cells)))
            self._cells = None

    def _note_end(self, tag: str) -> None:
        assert self._note is not None
        name, depth, parts = self._note
        if tag != name:
            return
        if depth > 1:
            self._note = (name, depth - 1, parts)
            return
        self._note = None
        self.notes.append(squash("".join(parts)))
        self._text(f"[{len(self.notes)}]")

    def _text(self, data: str) -> None:
        (self._note[2] if self._note is not None else self._buffer).append(data)

    def _flush(self) -> None:
        text = squash("".join(self._buffer))
        self._buffer.clear()
        if not text:
            return
        if self._cells is not None:
            self._cells.append(text)
            return
        kind, number = self._kind()
        self.blocks.append(Block(kind, text, number=number))

    def _kind(self) -> tuple[str, int | None]:
        names = [name for name, _ in self._open]
        for name in reversed(names):
            if name in _HEADING_OF:
                return _HEADING_OF[name], None
        for name, values in reversed(self._open):
            if name == "li":
                return "li", _int(values.get("number"), 0) or None
            if name == "dd":
                return "li", None
        return ("quote" if "blockquote" in names else "p"), None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def squash(text: str) -> str:
    """Collapse whitespace; no space before closing punctuation or a footnote call."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ([.,;:)\]]|\[\d)", r"\1", text)


def brief_text(source: str) -> BriefText:
    """The title, text blocks and footnotes of a brief page (nothing is fetched)."""
    reader = _Reader()
    reader.feed(source)
    reader.close()
    heading = next((b.text for b in reader.blocks if b.kind == "h1"), "")
    return BriefText(squash("".join(reader.title)), heading, tuple(reader.blocks), tuple(reader.notes), reader.meta)


def _body_blocks(title: str, text: BriefText) -> list[Block]:
    """The blocks to show below the email's own heading: not the page's own ``h1`` of the title, nor a heading
    with nothing under it in text (the chart's heading: the chart is a picture the email does not carry)."""
    blocks = [b for b in text.blocks if not (b.kind == "h1" and b.text == squash(title))]
    kept = []
    for i, block in enumerate(blocks):
        if block.kind in HEADINGS:
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following is None or following.kind in HEADINGS and following.kind[1:] <= block.kind[1:]:
                continue
        kept.append(block)
    return kept


def plain_body(title: str, period: str, text: BriefText, footer: str) -> str:
    """The text part: the title, the brief's blocks as plain text, notes, and ``footer``."""
    lines = [squash(title) or "Situation brief"]
    blocks = _body_blocks(title, text)
    if period and not blocks:
        lines.append(period)
    for block in blocks:
        if block.kind in HEADINGS:
            lines += ["", block.text, ("=" if block.kind in ("h1", "h2") else "-") * min(len(block.text), 72)]
        elif block.kind in ("row", "head"):
            lines.append(" | ".join(block.cells))
        elif block.kind == "li":
            lines.append(f"{block.number}. {block.text}" if block.number is not None else f"- {block.text}")
        elif block.kind == "quote":
            lines += ["", f"> {block.text}"]
        else:
            lines += ["", block.text]
    if text.notes:
        lines += ["", "Notes", "-----"]
        lines += [f"[{n}] {note}" for n, note in enumerate(text.notes, 1)]
    lines += ["", footer, ""]
    return "\n".join(lines)


_FONT = "font-family:Georgia,'Times New Roman',serif;color:#1a1a1a"
_TEXT = "font-size:15px;line-height:1.5"
_CELL = "font-size:14px;padding:4px 8px;text-align:left;vertical-align:top"
STYLES = {
    "h1": "font-size:22px;line-height:1.3;margin:0 0 8px",
    "h2": "font-size:18px;margin:24px 0 8px;border-bottom:1px solid #cccccc;padding-bottom:4px",
    "h3": "font-size:16px;margin:18px 0 6px",
    "h4": "font-size:15px;margin:14px 0 6px",
    "p": f"{_TEXT};margin:0 0 12px",
    "li": f"{_TEXT};margin:0 0 6px",
    "quote": f"{_TEXT};margin:0 0 12px;padding-left:12px;border-left:3px solid #cccccc",
    "list": "margin:0 0 12px;padding-left:24px",
    "table": "border-collapse:collapse;margin:0 0 12px;width:100%",
    "row": f"{_CELL};border-bottom:1px solid #e5e5e5",
    "head": f"{_CELL};border-bottom:2px solid #999999;font-weight:bold",
    "note": "font-size:13px;line-height:1.4;color:#444444;margin:0 0 4px",
    "period": "font-size:14px;color:#555555;margin:0 0 16px",
    "footer": "font-size:13px;color:#555555;margin:20px 0 0;border-top:1px solid #cccccc;padding-top:8px",
}


def html_body(title: str, period: str, text: BriefText, footer: str) -> str:
    """The HTML part: inline styles only; no stylesheet, image, link, script or remote reference."""
    e = html.escape
    out: list[str] = []
    group: list[Block] = []  # consecutive list items or table rows, written together

    def close_group() -> None:
        if not group:
            return
        if group[0].kind == "li":
            tag = "ol" if group[0].number is not None else "ul"
            items = "".join(
                f'<li{f" value={b.number}" if b.number is not None else ""} style="{STYLES["li"]}">{e(b.text)}</li>'
                for b in group
            )
            out.append(f'<{tag} style="{STYLES["list"]}">{items}</{tag}>')
        else:
            rows = "".join(
                "<tr>" + "".join(f'<td style="{STYLES[b.kind]}">{e(c)}</td>' for c in b.cells) + "</tr>" for b in group
            )
            out.append(f'<table role="presentation" cellpadding="0" cellspacing="0" style="{STYLES["table"]}">'
                       f"{rows}</table>")
        group.clear()

    blocks = _body_blocks(title, text)
    for block in blocks:
        family = _family(block)
        if group and family != _family(group[0]):
            close_group()
        if family is not None:
            group.append(block)
        elif block.kind == "quote":
            out.append(f'<blockquote style="{STYLES["quote"]}">{e(block.text)}</blockquote>')
        else:
            tag = "h2" if block.kind == "h1" else block.kind
            out.append(f'<{tag} style="{STYLES[tag]}">{e(block.text)}</{tag}>')
    close_group()
    if text.notes:
        out.append(f'<h2 style="{STYLES["h2"]}">Notes</h2>')
        out += [f'<p style="{STYLES["note"]}">[{n}] {e(note)}</p>' for n, note in enumerate(text.notes, 1)]
    heading = e(squash(title) or "Situation brief")
    when = f'<p style="{STYLES["period"]}">{e(period)}</p>\n' if period and not blocks else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>{heading}</title></head>\n'
        '<body style="margin:0;padding:0;background:#ffffff">\n'
        f'<div style="max-width:680px;margin:0 auto;padding:16px;{_FONT}">\n'
        f'<h1 style="{STYLES["h1"]}">{heading}</h1>\n{when}'
        + "\n".join(out)
        + f'\n<p style="{STYLES["footer"]}">{e(footer)}</p>\n</div>\n</body></html>\n'
    )


def _family(block: Block) -> str | None:
    """Blocks written together: items of one kind of list, or table rows."""
    if block.kind == "li":
        return "ol" if block.number is not None else "ul"
    return "table" if block.kind in ("row", "head") else None
