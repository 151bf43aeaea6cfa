"""Extract: one spaCy pass per article (``nlp.pipe``) → figures, positions and developments.

``extract`` streams articles through ``nlp.pipe`` in batches (``n_process`` workers when asked) and runs the
rule-based extractors on each parsed doc. ``extract_cached`` puts the facts cache in front of it: only
articles whose facts are not stored are parsed, and the model is not even loaded when none is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brief.extract.attribution import attribute_sentences
from brief.extract.developments import find_developments
from brief.extract.figures import find_figures
from brief.extract.positions import find_positions
from brief.models import Article, ArticleFacts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from brief.cache import FactsCache

EXTRACTOR_VERSION = "1"  # bump when extraction output changes (rule files and extractor code are also hashed)
BATCH_SIZE = 16  # articles per nlp.pipe batch: news articles are long, larger batches only cost memory
COMMIT_EVERY = BATCH_SIZE  # articles per cache transaction: a killed run keeps all but the last few
# Pipeline components extraction never reads. Every other component of the sm pipeline is read: tagger and
# attribute_ruler (pos_), lemmatizer (lemma_), parser (dep_, sentences), ner (ents); senter is off in it.
UNUSED_COMPONENTS: tuple[str, ...] = ("senter", "textcat", "textcat_multilabel", "entity_linker", "spancat")


def extract_doc(doc: Doc, article: Article) -> ArticleFacts:
    """Everything one parsed article says."""
    attributions = attribute_sentences(doc, article.source.published)
    return ArticleFacts(
        source=article.source,
        figures=tuple(find_figures(doc, article, attributions)),
        positions=tuple(find_positions(doc, article, attributions)),
        developments=tuple(find_developments(doc, article, attributions)),
    )


def parse(articles: Iterable[Article], nlp: Language, *, workers: int = 1,
          batch_size: int = BATCH_SIZE) -> Iterator[tuple[Doc, Article]]:
    """``(doc, article)`` pairs in input order, from one batched ``nlp.pipe`` stream."""
    disabled = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        yield from nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size,
                            n_process=workers)


def extract(articles: Sequence[Article], nlp: Language, *, workers: int = 1, batch_size: int = BATCH_SIZE,
            progress: Callable[[int], None] | None = None) -> list[ArticleFacts]:
    """Parse ``articles`` in one ``nlp.pipe`` stream and extract each, in input order."""
    results: list[ArticleFacts] = []
    for doc, article in parse(articles, nlp, workers=workers, batch_size=batch_size):
        results.append(extract_doc(doc, article))
        if progress is not None:
            progress(1)
    return results


@dataclass(frozen=True)
class ExtractStats:
    """How a cached extraction went: articles served from the cache, parsed, and whether the model loaded."""

    cached: int
    parsed: int
    model_loaded: bool


def extract_cached(articles: Sequence[Article], model: str, cache: FactsCache | None, *, workers: int = 1,
                   batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
                   load: Callable[[str], Language] | None = None) -> tuple[list[ArticleFacts], ExtractStats]:
    """The facts of ``articles`` in input order: stored ones from ``cache``, the rest parsed and stored.

    The same text twice in one run is parsed once. Results are committed every ``COMMIT_EVERY`` articles, so
    an interrupted run keeps most of its work.
    """
    from brief.cache import article_key, facts_from_json, facts_to_json, with_source
    from brief.nlp import identity_of, load_nlp, model_identity

    load = load or load_nlp
    if cache is None:
        facts = extract(articles, load(model), workers=workers, batch_size=batch_size, progress=progress)
        return facts, ExtractStats(cached=0, parsed=len(articles), model_loaded=True)

    nlp: Language | None = None
    identity = model_identity(model)
    if identity is None:  # a model we cannot read the meta of without loading it
        nlp = load(model)
        identity = identity_of(nlp)
    keys = [article_key(a, identity) for a in articles]
    stored = cache.get_many(keys)
    results: dict[str, ArticleFacts] = {}
    for key, article in zip(keys, articles):
        if key in stored and key not in results:
            results[key] = facts_from_json(stored[key], article.source)
    if progress is not None and stored:
        progress(sum(1 for k in keys if k in stored))

    missing = {k: a for k, a in zip(keys, articles) if k not in stored}  # first article of each text
    if missing:
        nlp = nlp or load(model)
        pending: list[tuple[str, str]] = []
        for doc, article in parse(missing.values(), nlp, workers=workers, batch_size=batch_size):
            key = article_key(article, identity)  # workers send back copies: match by key, not identity
            facts = extract_doc(doc, article)
            results[key] = facts
            pending.append((key, facts_to_json(facts)))
            if len(pending) >= COMMIT_EVERY:
                cache.put_many(pending)
                pending = []
            if progress is not None:
                progress(sum(1 for k in keys if k == key))
        cache.put_many(pending)

    out = []
    for key, article in zip(keys, articles):
        facts = results[key]
        out.append(facts if facts.source == article.source else with_source(facts, article.source))
    cached = sum(1 for k in keys if k in stored)
    return out, ExtractStats(cached=cached, parsed=len(missing), model_loaded=nlp is not None)
