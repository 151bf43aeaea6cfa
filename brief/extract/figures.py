"""Figures: counts of people, drones and missiles, with qualifier, place and claimant.

Kinds and trigger words live in ``brief/data/figures.toml``. For each number in a sentence: skip it when
the words around it make it an age, a duration, money or equipment; find what it counts (a unit word right
after it) and what happened to it (an event word in the sentence); the first kind whose unit and event both
match wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from brief.extract.attribution import Attribution
from brief.extract.numbers import find_numbers
from brief.extract.text import cite
from brief.models import Article, Figure
from brief.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc

QUALIFIER_CUES: tuple[tuple[str, str], ...] = (
    ("more than", "at_least"), ("at least", "at_least"), ("over", "at_least"), ("upwards of", "at_least"),
    ("in excess of", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
    ("up to", "at_most"), ("fewer than", "at_most"), ("less than", "at_most"), ("at most", "at_most"),
    ("no more than", "at_most"), ("under", "at_most"),
    ("about", "approx"), ("around", "approx"), ("nearly", "approx"), ("almost", "approx"), ("some", "approx"),
    ("approximately", "approx"), ("roughly", "approx"), ("an estimated", "approx"), ("estimated", "approx"),
    ("close to", "approx"), ("circa", "approx"), ("almost", "approx"),
)


@dataclass(frozen=True)
class Kind:
    kind: str
    units: frozenset[str]
    events: tuple[str, ...]


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[Kind, ...], frozenset[str], frozenset[str]]:
    rules: dict[str, Any] = load_rules("figures")
    kinds = tuple(Kind(k["kind"], frozenset(k["units"]), tuple(k["events"])) for k in rules["kinds"])
    return kinds, frozenset(rules["exclusions"]["after"]), frozenset(rules["exclusions"]["before"])


def kind_labels() -> dict[str, str]:
    return dict(load_rules("figures")["labels"])


def find_figures(doc: Doc, article: Article, attributions: list[Attribution]) -> list[Figure]:
    kinds, excluded_after, excluded_before = _kinds()
    figures: list[Figure] = []
    seen: set[tuple[str, int]] = set()
    for sent, attribution in zip(doc.sents, attributions):
        text = sent.text
        lemmas = " ".join(t.lemma_.lower() for t in sent)
        lowered = text.lower()
        for number in find_numbers(text):
            after = lowered[number.end:].lstrip(" -")
            before = lowered[: number.start].rstrip()
            next_word = re.split(r"[\s,.;:()]+", after, maxsplit=1)[0] if after else ""
            if next_word in excluded_after or after.startswith(("year-old", "years-old", "-year")):
                continue
            if any(before.endswith(word) for word in excluded_before):
                continue
            start_char = sent.start_char + number.start
            unit_tokens = [t for t in doc if start_char + len(number.text) <= t.idx < start_char + 60][:5]
            unit_lemmas = {t.lemma_.lower() for t in unit_tokens} | {t.text.lower() for t in unit_tokens}
            kind = next((k for k in kinds if k.units & unit_lemmas and any(
                re.search(rf"\b{re.escape(e)}\b", lemmas) or re.search(rf"\b{re.escape(e)}\b", lowered)
                for e in k.events)), None)
            if kind is None:
                continue
            key = (kind.kind, number.value)
            if key in seen:
                continue
            seen.add(key)
            speaker = attribution.speaker
            figures.append(Figure(
                kind=kind.kind,
                value=number.value,
                qualifier=qualifier(before),
                location=_location(sent),
                date=article.source.published,
                claimant=speaker.name if speaker else None,
                side=speaker.side if speaker else None,
                citations=(cite(article, sent.start_char, sent.end_char),),
            ))
    return figures


def qualifier(before: str) -> str:
    """The qualifier from the words right before a number."""
    tail = before[-30:]
    for cue, name in QUALIFIER_CUES:
        if re.search(rf"\b{re.escape(cue)}$", tail):
            return name
    return "exact"


def _location(sent: Any) -> str | None:
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            end = ent.end
            doc = sent.doc
            if end < sent.end and doc[end].lower_ in ("region", "oblast", "province", "district"):
                return doc[ent.start:end + 1].text
            return ent.text
    return None
