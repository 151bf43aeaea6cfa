"""Citations: verbatim spans of an article, trimmed of surrounding space and dangling punctuation."""

from __future__ import annotations

from brief.models import Article, Citation

TRIM = " \t\r\n"


def cite(article: Article, start: int, end: int) -> Citation:
    """A citation of ``article.text[start:end]`` with outer white space removed (still verbatim)."""
    text = article.text
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return Citation(source=article.source.id, quote=text[start:end], start=start, end=end)
