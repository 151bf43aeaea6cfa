"""Citations: verbatim spans of an article, trimmed of surrounding space and dangling punctuation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from brief.models import Article, Citation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

TRIM = " \t\r\n"


def cite(article: Article, start: int, end: int) -> Citation:
    """A citation of ``article.text[start:end]`` with outer white space removed (still verbatim)."""
    text = article.text
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return Citation(source=article.source.id, quote=text[start:end], start=start, end=end)


def full_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token again on each access, which made the
    per-sentence look-ups quadratic in the article's length."""
    text = doc.user_data.get("brief_text")
    if text is None:
        text = doc.user_data["brief_text"] = doc.text
    return text


def ents_in(span: Span | Doc) -> tuple[Span, ...]:
    """The entities inside ``span`` (as ``span.ents``), from the doc's entities made once per doc: spaCy's
    ``Span.ents`` builds every entity of the doc again on each call."""
    doc = span if not hasattr(span, "doc") or span.doc is span else span.doc
    ents = doc.user_data.get("brief_ents")
    if ents is None:
        ents = doc.user_data["brief_ents"] = tuple(doc.ents)
    if span is doc:
        return ents
    start, end = span.start, span.end
    return tuple(e for e in ents if e.start >= start and e.end <= end)
