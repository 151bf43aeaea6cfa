"""Who says each sentence: the speaker of a speech verb or of "according to X", resolved across the article.

Shared by figures (the claimant) and positions (the speaker). ``attribute_sentences(doc)`` returns one
``Attribution`` per ``doc.sents``, in order; a pronoun or a role noun ("the president") is resolved to the
last compatible named speaker, and a surname to the full name given earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from brief.models import Speaker
from brief.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

QUOTE_CHARS = "\"“”«»"


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker | None
    verb: str | None = None
    quoted: bool = False


@lru_cache(maxsize=1)
def _speech() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    rules = load_rules("speech")
    return (frozenset(rules["verbs"]), tuple(rules["according"]), frozenset(rules["pronouns"]),
            tuple(rules["roles"]))


@lru_cache(maxsize=1)
def _actors() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    rules = load_rules("actors")
    return rules["people"], rules["bodies"], rules["side_words"]


def side_of(name: str, title: str | None = None) -> str | None:
    """The side ``name`` speaks for, from the actor table, then from side words in its title or name."""
    people, bodies, side_words = _actors()
    key = name.lower().strip()
    if key in people:
        return people[key]
    if key in bodies:
        return bodies[key]
    last = key.split()[-1] if key.split() else key
    if last in people and len(key.split()) <= 3:
        return people[last]
    for text in (title or "", name):
        for word in re.findall(r"[\w.'’]+", text.lower()):
            word = word.replace("’", "'")
            if word in side_words:
                return side_words[word]
    return None


class SpeakerMemory:
    """The named speakers of an article so far, for surnames, pronouns and role nouns."""

    def __init__(self) -> None:
        self.named: list[Speaker] = []

    def remember(self, speaker: Speaker) -> Speaker:
        full = self.full_name(speaker.name)
        if full is not None and full.name != speaker.name:
            speaker = Speaker(full.name, speaker.side or full.side, speaker.title or full.title)
        self.named.append(speaker)
        return speaker

    def full_name(self, name: str) -> Speaker | None:
        last = name.split()[-1].lower() if name.split() else ""
        for earlier in reversed(self.named):
            parts = earlier.name.lower().split()
            if len(parts) > len(name.split()) and parts and parts[-1] == last:
                return earlier
        return None

    def last(self, role: str | None = None) -> Speaker | None:
        for earlier in reversed(self.named):
            if role is None or (earlier.title and role in earlier.title.lower()):
                return earlier
        return self.named[-1] if self.named and role is None else None


def attribute_sentences(doc: Doc) -> list[Attribution]:
    memory = SpeakerMemory()
    found: list[Attribution] = []
    for sent in doc.sents:
        found.append(attribute(sent, memory))
    return found


def attribute(sent: Span, memory: SpeakerMemory) -> Attribution:
    verbs, according, pronouns, roles = _speech()
    quoted = any(ch in sent.text for ch in QUOTE_CHARS)
    text_lower = sent.text.lower()
    for phrase in according:
        at = text_lower.find(phrase)
        if at >= 0:
            after = sent.char_span(sent.start_char + at + len(phrase), sent.end_char, alignment_mode="expand")
            if after is not None:
                speaker = _speaker_from(after, memory, pronouns, roles)
                if speaker is not None:
                    return Attribution(speaker, phrase, quoted)
    for token in sent:
        if token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None and token.dep_ in ("conj", "advcl", "xcomp") and token.head.pos_ == "VERB":
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is None:
                continue
            span = sent.doc[subject.left_edge.i: subject.right_edge.i + 1]
            speaker = _speaker_from(span, memory, pronouns, roles)
            if speaker is not None:
                return Attribution(speaker, token.lemma_.lower(), quoted)
    return Attribution(None, None, quoted)


def _speaker_from(span: Span, memory: SpeakerMemory, pronouns: frozenset[str], roles: tuple[str, ...]
                  ) -> Speaker | None:
    """A named person or body in ``span``, or the speaker a pronoun or role noun refers to."""
    people = [e for e in span.ents if e.label_ == "PERSON"]
    if people:
        person = people[0]
        title = span.doc[span.start:person.start].text.strip() or None
        name = _clean_name(person.text)
        return memory.remember(Speaker(name, side_of(name, title), title))
    bodies = [e for e in span.ents if e.label_ in ("ORG", "GPE", "NORP")]
    if bodies:
        body = bodies[0]
        name = _clean_name(body.text)
        return memory.remember(Speaker(name, side_of(name, span.text), None))
    head: Token = span.root
    word = head.text.lower()
    if word in pronouns:
        return memory.last()
    phrase = span.text.lower()
    for role in roles:
        if re.search(rf"\b{re.escape(role)}\b", phrase):
            side = side_of(span.text)
            earlier = memory.last(role)
            if earlier is not None:
                return earlier
            if side is not None:
                return Speaker(span.text.strip(), side, None)
            return None
    return None


def _clean_name(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip())
    return name.strip(" ,.;:\"“”")
