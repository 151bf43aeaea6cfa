"""Extract: one spaCy pass per article (``nlp.pipe``) → figures, positions and developments."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from brief.extract.attribution import attribute_sentences
from brief.extract.developments import find_developments
from brief.extract.figures import find_figures
from brief.extract.positions import find_positions
from brief.models import Article, ArticleFacts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "1"
BATCH_SIZE = 16


def extract_doc(doc: Doc, article: Article) -> ArticleFacts:
    """Everything one parsed article says."""
    attributions = attribute_sentences(doc)
    return ArticleFacts(
        source=article.source,
        figures=tuple(find_figures(doc, article, attributions)),
        positions=tuple(find_positions(doc, article, attributions)),
        developments=tuple(find_developments(doc, article)),
    )


def extract(articles: Sequence[Article], nlp: Language, *, workers: int = 1, batch_size: int = BATCH_SIZE,
            progress: Callable[[int], None] | None = None) -> list[ArticleFacts]:
    """Parse ``articles`` in one ``nlp.pipe`` stream and extract each, in input order."""
    results: list[ArticleFacts] = []
    pairs: Iterable[tuple[Doc, Article]] = nlp.pipe(
        ((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size, n_process=workers)
    for doc, article in pairs:
        results.append(extract_doc(doc, article))
        if progress is not None:
            progress(1)
    return results
