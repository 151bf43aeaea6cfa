"""Developments: the article's most newsworthy sentences, ranked and trimmed, never reworded."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from brief.extract.text import cite
from brief.models import Article, Development
from brief.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MAX_PER_ARTICLE = 7


@lru_cache(maxsize=1)
def _event_lemmas() -> frozenset[str]:
    return frozenset(load_rules("developments")["event_lemmas"])
TAIL = re.compile(r",\s+(?:[\w.’'-]+\s+){1,6}(?:said|says|claimed|added|stated|reported|announced|wrote|"
                  r"told\s+\w+)(?:\s+on\s+\w+)?\.?$")


def find_developments(doc: Doc, article: Article) -> list[Development]:
    sents = [s for s in doc.sents if len(s) >= 6 and not s.text.strip().endswith("?")]
    title_words = _content(article.source.title or "")
    scored = []
    for index, sent in enumerate(sents):
        scored.append((_score(sent, index, title_words), index, sent))
    scored.sort(key=lambda item: (-item[0], item[1]))
    developments = []
    chosen: list[set[str]] = []
    for score, _, sent in scored:
        if len(developments) >= MAX_PER_ARTICLE:
            break
        words = _keywords(sent)
        if any(len(words & kept) >= 0.5 * max(len(words), 1) for kept in chosen):
            continue  # the same event again: leave room for another one
        chosen.append(words)
        start, end = sent.start_char, _trimmed_end(sent)
        citation = cite(article, start, end)
        developments.append(Development(
            text=citation.quote,
            score=round(score, 3),
            date=article.source.published,
            citations=(citation,),
            keywords=tuple(sorted(_keywords(sent))),
        ))
    return developments


def _score(sent: Span, index: int, title_words: set[str]) -> float:
    lemmas = {t.lemma_.lower() for t in sent}
    ents = {e.label_ for e in sent.ents}
    score = 1.5 / (1 + 0.5 * index)
    score += 0.4 * len(lemmas & _event_lemmas())
    score += 0.2 * len(ents & {"GPE", "PERSON", "ORG", "NORP"})
    score += 0.3 * ("CARDINAL" in ents)
    score += 0.5 * len(_keywords(sent) & title_words) / (1 + len(title_words)) * 4
    return score


def _trimmed_end(sent: Span) -> int:
    text = sent.text.rstrip()
    match = TAIL.search(text)
    if match and match.start() > 40:
        return sent.start_char + match.start()
    return sent.start_char + len(text)


def _content(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][\w’'-]{3,}", text)}


def _keywords(sent: Span) -> set[str]:
    return {t.lemma_.lower() for t in sent if t.pos_ in ("NOUN", "PROPN", "VERB") and not t.is_stop and t.is_alpha}
