"""Developments: the article's most newsworthy sentences, ranked and trimmed, never reworded.

A sentence ranks high when it comes early, tells an event (an attack, a meeting, an agreement), names the
actors, or is a party's own announcement or statement ("Putin said Russia had moved ...", "The government
defended its dealings ..."): a reader of a brief must know what each side said it did. It ranks low when it
is a fragment of a longer quote told elsewhere, or has no verb of its own ("And the fact that ...").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from brief.extract.attribution import QUOTE_CHARS, Attribution, attribute_sentences, doc_quoted_mask
from brief.extract.positions import is_party
from brief.extract.text import cite, ents_in, full_text
from brief.models import Article, Development
from brief.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MAX_PER_ARTICLE = 7
RECENT_DAYS = 60  # a year named in an article this soon after it ended may still be the news
SHORT_WORDS = 6  # fewer words of its own than this and a sentence says too little to be a development


@lru_cache(maxsize=1)
def _event_lemmas() -> frozenset[str]:
    return frozenset(load_rules("developments")["event_lemmas"])


@lru_cache(maxsize=1)
def _weights() -> tuple[dict[str, float], float]:
    """The ranker's weight of each feature, and its bias."""
    weights = dict(load_rules("developments")["weights"])
    return weights, weights.pop("bias")

TAIL = re.compile(r",\s+(?:[\w.’'-]+\s+){1,6}(?:said|says|claimed|added|stated|reported|announced|wrote|"
                  r"told\s+\w+)(?:\s+on\s+\w+)?\.?$")


def find_developments(doc: Doc, article: Article, attributions: list[Attribution] | None = None
                      ) -> list[Development]:
    """The article's best few sentences; ``attributions`` (one per sentence) saves attributing them again."""
    weights, bias = _weights()
    scored = [(rank(features, weights, bias), index, sent, words)
              for index, (sent, words, features) in enumerate(sentence_features(doc, article, attributions))]
    developments = []
    for score, sent, words in choose(scored):
        citation = cite(article, sent.start_char, _trimmed_end(sent))
        developments.append(Development(
            text=citation.quote,
            score=round(score, 3),
            date=article.source.published,
            citations=(citation,),
            keywords=tuple(sorted(words.keywords)),
        ))
    return developments


def rank(features: dict[str, float], weights: dict[str, float], bias: float) -> float:
    """How likely the sentence is a key development (0..1): a logistic model over its features."""
    logit = bias + sum(weights[name] * value for name, value in features.items())
    return 1 / (1 + math.exp(-logit))


def choose(scored: list[tuple[float, int, Span, _Words]]) -> list[tuple[float, Span, _Words]]:
    """The best ``MAX_PER_ARTICLE`` of ``(score, index, sentence, words)``, one sentence per event: a sentence
    that shares half its event words with one already chosen tells the same event again, and one right next to
    a chosen one most often goes on telling its event, so it gives way (``neighbour_penalty``) to a sentence
    as good elsewhere. Each keeps its own score."""
    penalty = _neighbour_penalty()
    chosen: list[tuple[float, int, Span, _Words]] = []
    pool = sorted(scored, key=lambda item: (-item[0], item[1]))
    while len(chosen) < MAX_PER_ARTICLE:
        best: tuple[float, tuple[float, int, Span, _Words]] | None = None
        for item in pool:
            score, index, _, words = item
            if any(len(words.event & kept.event) >= 0.5 * max(len(words.event), 1) for _, _, _, kept in chosen):
                continue  # the same event again: leave room for another one
            value = score - penalty * any(abs(index - other) == 1 for _, other, _, _ in chosen)
            if best is None or value > best[0]:
                best = (value, item)
        if best is None:
            break
        chosen.append(best[1])
        pool.remove(best[1])
    return [(score, sent, words) for score, _, sent, words in chosen]


@lru_cache(maxsize=1)
def _neighbour_penalty() -> float:
    return float(load_rules("developments")["neighbour_penalty"])


def sentence_features(doc: Doc, article: Article, attributions: list[Attribution] | None = None
                      ) -> list[tuple[Span, _Words, dict[str, float]]]:
    """Each candidate sentence, its words, and the features the ranker weighs (``[weights]`` of
    ``developments.toml`` names and explains each one). A candidate has six tokens or more, is no question, and
    says six words or more besides who said it or tells an event."""
    said = dict(zip((s.start for s in doc.sents), attributions or attribute_sentences(doc, article.source.published)))
    inside = doc_quoted_mask(doc)
    text = full_text(doc)
    sents = [s for s in doc.sents if len(s) >= 6 and not text[s.start_char:s.end_char].strip().endswith("?")]
    words_of = [_words(s) for s in sents]
    central = _centrality([w.event for w in words_of])
    lead_words = words_of[0].keywords if words_of else frozenset()
    published = article.source.published
    past_year = (published - timedelta(days=RECENT_DAYS)).year if published is not None else None
    rows = []
    paragraph, last_end = 0, 0
    for index, sent in enumerate(sents):
        words = words_of[index]
        if "\n" in text[last_end:sent.start_char]:
            paragraph += 1
        last_end = sent.end_char
        attribution = said.get(sent.start)
        speaker = attribution is not None and attribution.speaker is not None
        fragment = speaker and attribution.inherited and _part_of_longer_quote(sent, inside)
        labels = {e.label_ for e in ents_in(sent)}
        events = len(words.lemmas & _event_lemmas())
        alpha = sum(1 for t in sent if t.is_alpha)
        own = text[sent.start_char:sent.end_char]  # Span.text and Span.root are rebuilt on every access
        root = sent.root
        features = {
            "lead": float(index == 0),
            "position": 1.0 / (1 + 0.5 * index),
            "relative_position": index / max(len(sents) - 1, 1),
            "paragraph_position": 1.0 / (1 + 0.5 * paragraph),
            "paragraph_start": float(sent.start_char == 0 or "\n" in text[max(0, sent.start_char - 2):sent.start_char]),
            "event_words": float(events),
            "event": float(events > 0),
            "actors": float(len(labels & {"GPE", "PERSON", "ORG", "NORP"})),
            "count": float("CARDINAL" in labels),
            "money": float("MONEY" in labels),
            "when": float(bool(WHEN.search(own))),
            "past_tense": float(root.tag_ in ("VBD", "VBN")),
            "present_tense": float(root.tag_ in ("VBZ", "VBP")),
            "speaker": float(speaker),
            "party_statement": float(speaker and not fragment and is_party(attribution.speaker)),  # type: ignore[union-attr]
            "opens_quote": float(own.lstrip()[:1] in QUOTE_CHARS + "‘'"),
            "no_verb": float(root.pos_ not in ("VERB", "AUX")),
            "background": float(past_year is not None and _of_the_past(own, past_year)),
            "central": central[index],
            "length": min(len(sent), 60) / 60,
            "density": len(words.keywords) / max(alpha, 1),
            "lead_overlap": 0.0 if index == 0 else len(words.keywords & lead_words) / (1 + len(lead_words)) * 4,
        }
        if _own_words(sent, attribution) < SHORT_WORDS and not events:
            continue  # '"This is true," the president said.': too little said to be news
        rows.append((sent, words, features))
    return rows


# When it happened, said the way news says it: "on Monday", "overnight", "on May 22", "on 22 May", "Feb. 24",
# "this week", "last month", "earlier this year".
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
WHEN = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|overnight|"
                  r"this morning|on \w+ \d+|(?:this|last|next) (?:week|month|weekend)|earlier (?:this|on|in)|"
                  rf"on {MONTH}|\d{{1,2}} {MONTH}|{MONTH} \d{{1,2}}(?!\d))\b")


def _centrality(words: list[set[str]]) -> list[float]:
    """How much each sentence shares with the rest of the article (its content words, ``words``, that other
    sentences use too), scaled to 0..1: the article's subject, not an aside."""
    counts: dict[str, int] = {}
    for w in words:
        for x in w:
            counts[x] = counts.get(x, 0) + 1
    raw = [sum(counts[x] - 1 for x in w) / (len(w) + 3) for w in words]
    top = max(raw, default=0.0) or 1.0
    return [r / top for r in raw]


@dataclass(frozen=True)
class _Words:
    """A sentence's words, gathered in one pass: every lemma, the content lemmas (``keywords``), and those
    that tell which event it is (``event``: not who reports it, nor the words every article of the war uses)."""

    lemmas: frozenset[str]
    keywords: frozenset[str]
    event: frozenset[str]


def _words(sent: Span) -> _Words:
    lemmas: set[str] = set()
    keywords: set[str] = set()
    event: set[str] = set()
    for t in sent:
        lemma = t.lemma_.lower()
        lemmas.add(lemma)
        if t.pos_ in ("NOUN", "PROPN", "VERB") and not t.is_stop and t.is_alpha:
            keywords.add(lemma)
            if t.ent_type_ not in ("PERSON", "ORG"):
                event.add(lemma)
    return _Words(frozenset(lemmas), frozenset(keywords), frozenset(event - _common()))


PAST = re.compile(r"\b(?:\w+ (?:years|decades) ago|(?:last|previous) year|in the past|has previously|had previously)\b",
                  re.IGNORECASE)


def _of_the_past(text: str, year: int) -> bool:
    """The sentence tells of an earlier year, not of the days the brief covers: it names only years before
    ``year`` (the article's, or last year's in its first weeks: "on Dec. 29, 2023" is news on 3 January 2024),
    or says "years ago", "last year"."""
    years = [int(y) for y in re.findall(r"(?<![\d.$€£])(?<!\d,)(19\d\d|20\d\d)(?!\d|,\d)", text)]
    if years:
        return max(years) < year
    return bool(PAST.search(text))


def _part_of_longer_quote(sent: Span, inside: list[bool]) -> bool:
    """The sentence is inside a quote opened before it or still open after it, not one whole quote of its own
    ("At the end of 2022, ‘‘11.6 million Ukrainians remained displaced,’’ creating ...")."""
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    end = sent.start_char + len(text.rstrip())
    if end <= start:
        return False
    opened_before = start > 0 and inside[start - 1] and inside[start]
    return opened_before or inside[end - 1] and text.rstrip()[-1] not in QUOTE_CHARS


def _own_words(sent: Span, attribution: Attribution | None) -> int:
    """Words of the sentence besides who said it: not the speech verb, not its subject."""
    skip: set[int] = set()
    end = sent.end
    if attribution is not None and attribution.verb_index is not None and not attribution.inherited:
        verb = sent.doc[attribution.verb_index]
        skip = {verb.i} | {x.i for c in verb.children if c.dep_ == "nsubj" for x in c.subtree}
    elif attribution is not None and attribution.verb == "—" and not attribution.inherited:
        dashes = [t.i for t in sent if t.text in "-–—" and t.whitespace_ and t.i > sent.start]
        end = dashes[-1] if dashes else end  # "It's simple - explains Andrij Kowalienko from ...": two words
    return sum(1 for t in sent.doc[sent.start:end] if t.is_alpha and t.i not in skip)


def _trimmed_end(sent: Span) -> int:
    text = sent.text.rstrip()
    match = TAIL.search(text)
    if match and match.start() > 40:
        return sent.start_char + match.start()
    return sent.start_char + len(text)


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return frozenset(load_rules("developments")["common"])

