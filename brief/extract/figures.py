"""Figures: counts of people, drones and missiles, with qualifier, place, date and claimant.

Kinds and trigger words live in ``brief/data/figures.toml``. For each number in a sentence (and each
"a child", "a woman" that an event word governs): drop it when it is an age, a date, money, a rate or a
measure; find what it counts (the noun it stands on, or people when it stands alone) and the event word
tied to it in the parse ("were killed", "launch of", "18 injured", "killing 15"); the nearest tie names the
kind. The claimant is the sentence's speaker (``attribution.py``), else the subject of a speech verb in
the sentence ("the ministry said"), resolved to the body named earlier ("Russia's Defense Ministry").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from brief.extract.attribution import Attribution, side_of
from brief.extract.numbers import SINGULAR, find_numbers
from brief.extract.text import cite, ents_in, full_text
from brief.models import Article, Figure, Speaker
from brief.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos", "npadvmod", "oprd", "ROOT",
                "dep", "ccomp", "advcl", "acl", "relcl", "xcomp"}
MODIFIER_DEPS = {"amod", "acl", "relcl", "advmod", "prep", "appos"}
MAX_HOPS = 4
MAX_NUMBERS = 8
QUOTE_OPENERS = "\"“‘'«"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Kind:
    kind: str
    units: frozenset[str]
    events: frozenset[str]
    phrases: tuple[tuple[str, str], ...]
    self_units: frozenset[str]
    weapon: bool
    people: bool
    any_noun: bool
    whole: bool


@dataclass(frozen=True)
class Rules:
    kinds: tuple[Kind, ...]
    excluded_after: frozenset[str]
    excluded_before: tuple[str, ...]
    excluded_entities: frozenset[str]
    soft_entities: frozenset[str]
    pronoun_one: frozenset[str]
    role_preps: frozenset[str]
    rates: tuple[str, ...]
    supply: frozenset[str]
    qualifiers_before: tuple[tuple[str, str], ...]
    qualifiers_after: tuple[tuple[str, str], ...]
    subcount: tuple[str, ...]
    totals: tuple[str, ...]
    place_nouns: frozenset[str]
    place_preps: frozenset[str]
    place_speech: frozenset[str]
    attack_verbs: frozenset[str]
    movers: frozenset[str]
    speech_verbs: frozenset[str]
    relative_days: tuple[tuple[str, int], ...]
    rise_verbs: frozenset[str]
    modals: frozenset[str]
    conditions: frozenset[str]
    unreal_verbs: frozenset[str]
    unreal_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> Rules:
    data: dict[str, Any] = load_rules("figures")
    units = data["units"]
    kinds = []
    for k in data["kinds"]:
        unit_words = units[k["units"]] if isinstance(k.get("units"), str) else k.get("units", [])
        if k.get("people"):
            unit_words = [*unit_words, *units["people"]]
        events = [e for e in k["events"] if " " not in e]
        phrases = tuple(tuple(e.split(" ", 1)) for e in k["events"] if " " in e)
        kinds.append(Kind(k["kind"], frozenset(unit_words), frozenset(events), phrases,  # type: ignore[arg-type]
                          frozenset(k.get("self_units", [])), k.get("units") in ("drones", "missiles"),
                          bool(k.get("people")), bool(k.get("any_noun")), bool(k.get("whole"))))
    ex, q = data["exclusions"], data["qualifiers"]
    return Rules(
        kinds=tuple(kinds), excluded_after=frozenset(ex["after"]), excluded_before=tuple(ex["before"]),
        excluded_entities=frozenset(ex["entities"]),
        soft_entities=frozenset(ex["soft_entities"]),
        pronoun_one=frozenset(ex["pronoun_one"]), role_preps=frozenset(ex["role_preps"]), rates=tuple(ex["rates"]),
        supply=frozenset(data["supply"]["verbs"]),
        qualifiers_before=tuple((a, b) for a, b in q["before"]), qualifiers_after=tuple((a, b) for a, b in q["after"]),
        subcount=tuple(data["subcount"]["before"]), totals=tuple(data["totals"]["cues"]),
        place_nouns=frozenset(data["places"]["nouns"]), place_preps=frozenset(data["places"]["preps"]),
        place_speech=frozenset(data["places"]["speech"]), attack_verbs=frozenset(data["places"]["attack"]),
        movers=frozenset(data["places"]["movers"]),
        speech_verbs=frozenset(data["claimant"]["verbs"]),
        relative_days=tuple((a, int(b)) for a, b in data["dates"]["relative"]),
        rise_verbs=frozenset(data["totals"]["rise_verbs"]),
        modals=frozenset(data["hypothetical"]["modals"]), conditions=frozenset(data["hypothetical"]["marks"]),
        unreal_verbs=frozenset(data["hypothetical"]["verbs"]), unreal_nouns=frozenset(data["hypothetical"]["nouns"]),
    )


SINCE_THEN = re.compile(r"\b(?:since|after|before)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
                        r"(?:second\s+world\s+war|world\s+war\s+(?:ii|two|2)|wwii|ww2|1[89]\d\d|20[01]\d)\b",
                        re.IGNORECASE)


@lru_cache(maxsize=1)
def _context() -> tuple[re.Pattern[str], int]:
    data = load_rules("figures")["context"]
    words = sorted([*data["history"], *data["elsewhere"]], key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")s?(?![\w-])",
                         re.IGNORECASE)  # "Venezuelans", "Syrians": the plural too
    return pattern, int(data["before_year"])


def about_another_conflict(text: str) -> bool:
    """The sentence tells of an earlier era ("in 1932", "the Holodomor", "World War II") or another war
    ("in Syria"): its counts are not this conflict's figures."""
    pattern, before_year = _context()
    text = SINCE_THEN.sub(" ", text)  # "the largest since the Second World War" compares, it does not tell of then
    if pattern.search(text):
        return True
    return any(1800 <= int(y) < before_year for y in re.findall(r"(?<!\d)(1[89]\d\d|20[01]\d)(?!\d)", text))


def figure_rules() -> Rules:
    """The figure rules, parsed once (for other extractors that ask whether a sentence states a count)."""
    return _rules()


def kind_labels() -> dict[str, str]:
    return dict(load_rules("figures")["labels"])


@dataclass(frozen=True)
class Mention:
    """A count found in a sentence, before its claimant and place are settled."""

    kind: str
    value: int
    qualifier: str
    anchor: int  # token index of the counted noun (or of the number when it stands alone)
    note: str | None
    who: str | None = None  # the surname of one person named ("Skopin was arrested"), counted once an article


def find_figures(doc: Doc, article: Article, attributions: list[Attribution]) -> list[Figure]:
    """Every figure of ``article``; the same count of the same thing is kept once."""
    rules = _rules()
    figures: list[Figure] = []
    last_place: str | None = None
    last_speaker: Speaker | None = None
    named: set[tuple[str, str]] = set()  # (kind, surname) of the people named as killed, hurt or detained
    introduced: Speaker | None = None  # who said a sentence ending in a colon: the list after it is theirs
    for sent, attribution in zip(doc.sents, attributions):
        if "\n\n" in full_text(doc)[max(sent.start_char - 2, 0):sent.start_char + 1]:
            last_place = None  # a new paragraph: the earlier place no longer carries over
        if about_another_conflict(sent.text):
            continue
        mentions = sentence_mentions(sent, rules)
        place_here = None
        for mention in mentions:
            if mention.who is not None:
                if (mention.kind, mention.who) in named:
                    continue  # "Pielieshenko has been killed ... Pielieshenko died during combat": one person
                named.add((mention.kind, mention.who))
            place = place_of(sent, mention.anchor, rules) or last_place
            place_here = place_here or place
            speaker = attribution.speaker or claimant_fallback(sent, rules, last_speaker) or introduced
            if speaker is None and _quoted(sent, doc[mention.anchor].idx):
                speaker = last_speaker  # a quote of the speaker named before: "UNHCR said ..." then "‘‘11.6 million ...’’"
            figures.append(Figure(
                kind=mention.kind, value=mention.value, qualifier=mention.qualifier, location=place,
                date=event_date(sent.text, article.source.published, rules),
                claimant=speaker.name if speaker else None, side=speaker.side if speaker else None,
                note=mention.note, citations=(cite(article, sent.start_char, sent.end_char),),
            ))
        last_place = place_here or first_place(sent, rules) or last_place
        last_speaker = attribution.speaker or last_speaker
        # "OHCHR recorded 30,457 civilian casualties in the country: 10,582 killed and 19,875 injured."
        introduced = (attribution.speaker or claimant_fallback(sent, rules, last_speaker)) \
            if sent.text.rstrip().endswith(":") else None
    return dedupe(figures)


def _quoted(sent: Span, char: int) -> bool:
    """Whether ``char`` lies inside a quotation: the sentence opens with one, or one opened before ``char``
    is still open there."""
    if sent.text.lstrip()[:1] in QUOTE_OPENERS:
        return True
    before = full_text(sent.doc)[sent.start_char:char]
    opened = before.count("“") + before.count("«") + before.count("‘‘")
    closed = before.count("”") + before.count("»") + before.count("’’")
    return opened > closed or before.count('"') % 2 == 1


def sentence_mentions(sent: Span, rules: Rules) -> list[Mention]:
    """The counts one sentence states, each number once (found once per sentence: positions ask too)."""
    found = sent.doc.user_data.setdefault("brief_mentions", {})
    if sent.start not in found:
        found[sent.start] = tuple(_sentence_mentions(sent, rules))
    return list(found[sent.start])


def _sentence_mentions(sent: Span, rules: Rules) -> list[Mention]:
    found: list[Mention] = []
    taken: set[int] = set()
    numbers = find_numbers(sent.text)
    if len(numbers) > MAX_NUMBERS and sum(t.pos_ == "VERB" for t in sent) < len(numbers) / 4:
        return []  # a table flattened into text, not a sentence
    for number in numbers:
        span = sent.char_span(number.start, number.end, alignment_mode="expand")
        if span is None or span.end - 1 in taken or _excluded(sent, span, rules):
            continue
        mention = _mention(sent, span, number.value, rules) or _listed_after(sent, span, number.value, found, rules)
        if mention is not None and not hypothetical(sent.doc[mention.anchor], rules):
            taken.add(span.end - 1)
            found.append(mention)
    for token in sent:
        if token.lower_ in SINGULAR and token.dep_ == "det" and token.head.tag_ in ("NN", "NNP"):
            if token.i in taken or token.head.i in taken or token.lower_ == "one":
                continue
            mention = _singular(sent, token.head, rules)
            if mention is not None and not hypothetical(token.head, rules):
                found.append(mention)
    for ent in ents_in(sent):
        mention = _named_person(sent, ent, rules)
        if mention is not None and mention.anchor not in taken and not hypothetical(sent.doc[mention.anchor], rules):
            found.append(mention)
    return found


NAMED_KINDS = ("killed", "injured", "detained")


def _named_person(sent: Span, ent: Span, rules: Rules) -> Mention | None:
    """ "Oleksandr Pielieshenko has been killed", "Skopin was arrested": one person, named, whom the event
    befell (the subject of a passive event verb, or of "died")."""
    if ent.label_ != "PERSON":
        return None
    root = ent.root
    verb = root.head
    if root.dep_ not in ("nsubjpass", "nsubj") or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return None
    if verb.dep_ in ("relcl", "acl"):
        return None  # "the penal colony where Navalny died": a description, not the news of a death
    if root.dep_ == "nsubj" and any(c.dep_ in ("dobj", "auxpass") for c in verb.children):
        return None  # "Putin killed the deal": the doer, not the victim
    for kind in rules.kinds:
        if kind.kind in NAMED_KINDS and _is_event(verb, kind) and (root.dep_ == "nsubjpass" or kind.kind == "killed"
                                                                   and verb.lemma_.lower() in ("die", "perish")):
            return Mention(kind.kind, 1, "exact", root.i, _note(sent, ent, rules), ent[-1].lower_)
    return None


def _listed_after(sent: Span, span: Span, value: int, found: list[Mention], rules: Rules) -> Mention | None:
    """ "the death of four Russian generals, 58 colonels and 176 lieutenant colonels": a count listed after
    one of people of a kind is of that kind too."""
    noun = _counted_noun(span)
    if noun is None or noun.dep_ != "conj":
        return None
    head = noun.head
    while head.dep_ == "conj" and head.head.i != head.i and not any(m.anchor == head.i for m in found):
        head = head.head
    earlier = next((m for m in found if m.anchor == head.i), None)
    kind = next((k for k in rules.kinds if earlier is not None and k.kind == earlier.kind), None)
    if earlier is None or kind is None or not (_unit_word(noun) in kind.units or _people_noun(noun, kind, rules)):
        return None
    return Mention(kind.kind, value, qualifier_of(sent, span, noun, rules), noun.i, _note(sent, span, rules))


def hypothetical(anchor: Token, rules: Rules) -> bool:
    """The count is of what has not happened: its verb is modal ("could flee") or conditional ("if ... are
    killed"), or it completes a plan, a request or a fear ("asked to be evacuated", "a plan to evacuate")."""
    token = anchor
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head  # the count's own verb
    chain = [token]
    while token.dep_ in ("xcomp", "acl") and token.head.i != token.i and len(chain) < MAX_HOPS:
        token = token.head  # "braced itself to receive", "a plan to evacuate", "prepared to leave"
        chain.append(token)
    for token in chain:
        if token.pos_ in ("NOUN", "PROPN"):
            if token.lemma_.lower() in rules.unreal_nouns:
                return True
            continue
        # a plan or request the count completes ("braced to receive"), or one whose doer or object it is
        # ("2.8 million people have asked", "expects 10,000 refugees")
        own = token is chain[0]
        if token.lemma_.lower() in rules.unreal_verbs and (not own or token.pos_ == "VERB"
                                                            and anchor.dep_ in ("dobj", "nsubj")):
            return True
        children = list(token.children)
        perfect = any(c.lower_ in ("have", "'ve") and c.dep_ == "aux" for c in children)
        if not perfect and any(c.tag_ == "MD" and c.lower_ in rules.modals for c in children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in rules.conditions for c in children):
            return True
        if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in rules.conditions for g in c.children)
               for c in children):
            return True
    return False


def _excluded(sent: Span, span: Span, rules: Rules) -> bool:
    """An age, a date, money, a measure, a rate, a model name: not a count."""
    doc = sent.doc
    last = doc[span.end - 1]
    labels = {doc[i].ent_type_ for i in range(span.start, span.end)} & rules.excluded_entities
    if labels and not (labels <= rules.soft_entities and _stands_on_unit(span, rules)):
        return True
    after = full_text(doc)[last.idx + len(last.text):sent.end_char].lower()
    before = full_text(doc)[sent.start_char:span.start_char].lower().rstrip()
    next_word = re.split(r"[\s,.;:()\"“”]+", after.lstrip(" -"), maxsplit=1)[0]
    if next_word in rules.excluded_after or re.match(r"^\s*-?\s*(year|month|week|day|hour)s?\b", after):
        return True
    if before.endswith(rules.excluded_before) or re.search(r"[-/]$", before):
        return True
    previous = doc[span.start - 1] if span.start > sent.start else None
    if span.text.lower() == "one" and previous is not None and previous.lower_ in rules.pronoun_one \
            and previous.dep_ == "det":
        return True  # "the one who started it", "no one": a pronoun
    if re.match(r"^\s*(?:[-/]\s*\d|%|st\b|nd\b|rd\b|th\b)", after):
        return True  # "70-80", "2/3", "3%": ranges and shares are not counts
    value_text = span.text.replace(",", "")
    if re.fullmatch(r"(19|20)\d\d", value_text):
        return True  # a year
    if before.endswith(",") and span.start > 0 and doc[span.start - 2].ent_type_ == "PERSON" \
            and re.match(r"^\s*[,)]", after):
        return True  # "Mr Zakrzewski, 55, ..." is an age
    window = " ".join(t.lower_ for t in doc[max(span.start - 6, sent.start):min(span.end + 8, sent.end)])
    return any(re.search(rf"\b{re.escape(rate)}\b(?!\s+(?:after|before|ago|later|earlier|since))", window)
               for rate in rules.rates)  # "a week after" is a time, not a rate


def _stands_on_unit(span: Span, rules: Rules) -> bool:
    noun = _counted_noun(span)
    return noun is not None and any(_unit_word(noun) in k.units for k in rules.kinds)


def _counted_noun(span: Span) -> Token | None:
    """The noun the number counts: its head ("103 attack drones"), or what "N of X" names."""
    doc = span.doc
    last = doc[span.end - 1]
    if last.dep_ in ("nummod", "quantmod", "amod", "compound") and last.head.pos_ in ("NOUN", "PROPN", "PRON") \
            and last.head.i > last.i:
        return last.head
    obj = _part_of(last)
    if obj is not None and (obj.like_num or obj.pos_ == "NUM"):
        return _counted_noun(doc[obj.i:obj.i + 1])
    return obj


def _part_of(number: Token) -> Token | None:
    """What the number is a part of: "91 of its rescuers" → rescuers, "16 of the 36" → 36."""
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _is_whole(number: Token) -> bool:
    """The M of "N of the M drones": the number, or the noun it stands on, is the object of "of" after a number."""
    token = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
    of = token.head
    return token.dep_ == "pobj" and of.lower_ == "of" and of.head.i != of.i \
        and (of.head.like_num or of.head.pos_ == "NUM")


def _elided_noun(sent: Span, number: Token, rules: Rules) -> Token | None:
    """ "shooting down incoming missiles, disabling 16 of the 36": the counted noun left unsaid is the last
    unit noun before the number."""
    units = set().union(*(k.units for k in rules.kinds))
    for token in reversed(sent.doc[sent.start:number.i]):
        if token.pos_ in ("NOUN", "PROPN") and _unit_word(token) in units:
            return token
    return None


def _mention(sent: Span, span: Span, value: int, rules: Rules) -> Mention | None:
    doc = sent.doc
    number = doc[span.end - 1]
    part = _part_of(number)
    noun = _counted_noun(span)
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
            and noun.head.head.lemma_.lower() in ("body", "remains"):
        noun = noun.head.head  # "the bodies of 212 soldiers were returned": bodies are what was returned
    anchor = noun if noun is not None else number
    if part is not None or _is_whole(number):
        anchor = number  # the number heads its clause: "disabling 16 of the 36", "29 of the 31 drones"
        if noun is None:
            noun = _elided_noun(sent, number, rules)
    if part is not None and value == 1 and noun is not None and _unit_word(noun) in _weapon_units(rules):
        return None  # "one of the two missiles launched struck": one of a salvo, not a count of it
    if _is_whole(number):
        kind = _whole_kind(noun, rules)
    else:
        kind = _kind_of(anchor, noun, sent, rules, number)
    if kind is None and noun is None:
        elided = _elided_noun(sent, number, rules)  # "attacked with 40 Shahed drones; 37 were shot down"
        if elided is not None and _unit_word(elided) in _weapon_units(rules):
            kind = _kind_of(number, elided, sent, rules, number)
    if kind is None:
        share = _share_of(anchor, rules)
        if share is not None:  # "Of the 10,582 killed, 587 were children"
            return Mention(share, value, qualifier_of(sent, span, anchor, rules), anchor.i, "subcount")
        return None
    return Mention(kind, value, qualifier_of(sent, span, anchor, rules), anchor.i, _note(sent, span, rules))


def _share_of(anchor: Token, rules: Rules) -> str | None:
    """The kind of the whole a count is a share of: "Of the 10,582 killed, 587 were children", "Of those
    injured, 30 are in a serious condition" (the count is the subject of a clause opened by "of" + the event)."""
    clause = anchor.head
    if anchor.dep_ not in ("nsubj", "nsubjpass") or clause.lemma_.lower() != "be":
        return None
    for prep in clause.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < anchor.i:
            for whole in (c for c in prep.children if c.dep_ == "pobj"):
                words = [whole, *(c for c in whole.children if c.dep_ in ("acl", "amod", "relcl"))]
                kind = next((k.kind for k in rules.kinds if not k.weapon and "people" in k.units
                             and any(_is_event(w, k) for w in words)), None)
                if kind is not None:
                    return kind
    return None


def _whole_kind(noun: Token | None, rules: Rules) -> str | None:
    """The kind of M in "N of the M drones": drones that came (launched); the M of people counts nothing."""
    lemma = _unit_word(noun) if noun is not None else None
    return next((k.kind for k in rules.kinds if k.whole and lemma in k.units), None)


def _singular(sent: Span, noun: Token, rules: Rules) -> Mention | None:
    """ "A woman was killed", "a child ... was hurt": one person, when an event word governs the noun."""
    kinds = [k for k in rules.kinds if not k.weapon and k.kind != "prisoners_exchanged"]
    lemma = _unit_word(noun)
    if not any(lemma in k.units for k in kinds) or lemma in ("other", "they", "life", "body", "family"):
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ in rules.role_preps:
        return None  # "died as an infant": a role, not a count
    kind = _kind_of(noun, noun, sent, rules, noun, kinds=kinds)
    if kind is None:
        return None
    span = sent.doc[noun.i:noun.i + 1]
    return Mention(kind, 1, qualifier_of(sent, span, noun, rules), noun.i, _note(sent, span, rules))


def _kind_of(anchor: Token, noun: Token | None, sent: Span, rules: Rules, number: Token,
             kinds: list[Kind] | None = None) -> str | None:
    """The kind whose unit is the counted noun and whose event is tied closest to it."""
    candidates = kinds if kinds is not None else list(rules.kinds)
    lemma = _unit_word(noun) if noun is not None else None
    text = noun.lower_ if noun is not None else None
    if noun is not None and noun.pos_ == "PRON" and lemma not in ("they", "whom", "which", "other"):
        return None
    for kind in candidates:
        if lemma is not None and (lemma in kind.self_units or text in kind.self_units):
            return kind.kind
    if noun is None:
        candidates = [k for k in candidates if "people" in k.units]  # a number alone counts people
    else:
        candidates = [k for k in candidates if lemma in k.units or text in k.units or _people_noun(noun, k, rules)]
    if not candidates:
        return None
    best: tuple[int, int, str] | None = None
    for order, kind in enumerate(candidates):
        distance = _event_distance(anchor, number, sent, kind, rules, alone=noun is None)
        if distance is not None and (best is None or (distance, order) < best[:2]):
            best = (distance, order, kind.kind)
    return best[2] if best else None


def _people_noun(noun: Token, kind: Kind, rules: Rules) -> bool:
    """A plural nationality counts people ("263 dead Crimeans"); for killed and injured, any plural noun that is
    not a weapon ("four media professionals had been killed")."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return False
    if kind.people and noun.ent_type_ == "NORP":
        return True
    weapons = _weapon_units(rules)
    head = noun
    while head.dep_ == "conj":
        head = head.head
    return kind.any_noun and noun.pos_ == "NOUN" and _unit_word(noun) not in weapons \
        and head.dep_ in ("nsubj", "nsubjpass", "dobj")  # who was killed, not "destruction of 890 carriers"


def _weapon_units(rules: Rules) -> set[str]:
    return set().union(*(k.units for k in rules.kinds if k.weapon))


def _unit_word(noun: Token) -> str:
    """The lemma of a counted noun, singular even where the tagger kept a plural proper noun ("Ukrainians")."""
    lemma = noun.lemma_.lower()
    return lemma[:-1] if noun.pos_ == "PROPN" and lemma.endswith("s") else lemma


def _is_event(token: Token, kind: Kind) -> bool:
    words = {token.lemma_.lower(), token.lower_}
    if words & kind.events:
        return True
    nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "dobj", "advmod")} | {nxt}
    return any(first in words and second.split()[-1] in particles for first, second in kind.phrases)


def _event_distance(anchor: Token, number: Token, sent: Span, kind: Kind, rules: Rules, *, alone: bool
                    ) -> int | None:
    """How closely an event word of ``kind`` is tied to the count: 0 right after it, then up the parse."""
    doc = sent.doc
    # 1. right after: "18 injured", "ten people dead", "364 killed"
    for i in range(anchor.i + 1, min(anchor.i + 3, sent.end)):
        token = doc[i]
        if token.is_punct or token.lower_ in ("and", "or", "but"):
            break
        if _is_event(token, kind) and token.dep_ != "compound":
            return None if _agent(anchor, token, rules) or _lumped(token) else 0
    # 2. a participle or "among the injured" hanging on the noun
    for child in anchor.children:
        between = child.dep_ == "amod" and number.i < child.i < anchor.i  # "263 dead Crimeans"
        if child.dep_ in ("amod", "acl", "relcl") and (child.i > anchor.i or between) and _is_event(child, kind) \
                and not any(g.dep_ == "dobj" for g in child.children):
            return 1
        if child.dep_ == "prep" and child.lower_ in ("among",):
            if any(_is_event(g, kind) for g in child.children):
                return 1
    # 3. up the parse: "people were killed", "launch of 103 drones", "wounding six others"
    token, hop = anchor, 0
    while hop < MAX_HOPS and token.head.i != token.i:
        # a step along a list of names costs nothing: "Kumok, and three journalists ... had been detained"
        lateral = token.dep_ in ("conj", "appos") and token.head.pos_ in ("NOUN", "PROPN")
        token = token.head
        if kind.weapon and token.pos_ in ("VERB", "AUX", "NOUN") and token.lemma_.lower() in rules.supply:
            return None  # "sending 1,600 missiles": a delivery, not a strike
        if _is_event(token, kind) and token.dep_ != "compound":
            if _lumped(token) or _agent(anchor, token, rules):
                return None
            return 2 + hop
        if any(c.dep_ in ("acomp", "oprd", "xcomp") and _is_event(c, kind) for c in token.children):
            return 2 + hop  # "remained displaced", "left ten people dead"
        if token.pos_ == "VERB" and token.lemma_.lower() in rules.rise_verbs and _toll_subject(token, kind):
            return 2 + hop  # "the death toll has risen to 23", "the number of injured reached 50"
        if token.pos_ == "VERB" and token.dep_ != "prep":
            break  # the count belongs to the first verb above it ("captured 5,000 troops" is not "killed")
        if token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass") and _is_event(token.head, kind):
            return 3 + hop  # "3.7 million people remain internally displaced" (parsed as remain ← displaced)
        if token.pos_ == "AUX" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break  # "twenty people are on the list", a clause of its own
        hop += 0 if lateral else 1
    # 4. right before: "killing 15", "death toll to 15", "the death of 10 generals"
    start = number.i - (len(number.text) and 0)
    for i in range(start - 1, max(start - 5, sent.start - 1), -1):
        token = doc[i]
        if token.is_punct and token.text not in ("-",):
            break
        if _is_event(token, kind):
            return None if _lumped(token) else 6
    return None


def _toll_subject(verb: Token, kind: Kind) -> bool:
    """The verb's subject is a tally of the kind: "the death toll", "the number of dead"."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if _is_event(subject, kind):
            return True
        of = [g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        if subject.lemma_.lower() in ("number", "count", "tally", "total") and any(_is_event(g, kind) for g in of):
            return True
    return False


def _lumped(verb: Token) -> bool:
    """ "killed, injured or captured 5,000 troops", "the injury or death of at least one": one count shared by
    events of several kinds is a lump."""
    chain = [verb.head] if verb.dep_ == "conj" else []
    chain += [c for c in verb.children if c.dep_ == "conj"]
    return any(c.pos_ in ("VERB", "NOUN", "ADJ") and not any(g.dep_ == "dobj" for g in c.children) for c in chain) \
        and any(c.lower_ == "or" for c in [*verb.children, *verb.head.children])


def _agent(anchor: Token, verb: Token, rules: Rules) -> bool:
    """ "The two released a pact": a count that is the doer of a verb with its own object is not its victim;
    but who "fled the country" moved themselves."""
    return anchor.dep_ == "nsubj" and anchor.head.i == verb.i and any(c.dep_ == "dobj" for c in verb.children) \
        and verb.lemma_.lower() not in rules.movers


def qualifier_of(sent: Span, span: Span, anchor: Token, rules: Rules) -> str:
    """exact, approx, at_least or at_most from the words that stand on this number."""
    doc = sent.doc
    before = full_text(doc)[max(sent.start_char, span.start_char - 40):span.start_char].lower().rstrip()
    before = re.sub(r"\s+", " ", before)
    for cue, name in rules.qualifiers_before:
        if re.search(rf"(?:^|[^\w]){re.escape(cue)}$", before):
            return name
    end = max(span.end, anchor.i + 1)
    after = full_text(doc)[doc[end - 1].idx + len(doc[end - 1].text):min(sent.end_char, doc[end - 1].idx + 40)].lower()
    after = re.sub(r"\s+", " ", after)
    number_after = full_text(doc)[span.end_char:min(sent.end_char, span.end_char + 12)].lower()
    for cue, name in rules.qualifiers_after:
        if after.lstrip().startswith(cue) or number_after.lstrip(" -").startswith(cue.lstrip("-")):
            return name
    return "exact"


def _note(sent: Span, span: Span, rules: Rules) -> str | None:
    """ "subcount" for "including five children", "running total" for counts since a start."""
    doc = sent.doc
    before = full_text(doc)[max(sent.start_char, span.start_char - 40):span.start_char].lower()
    if any(re.search(rf"\b{re.escape(cue)}\b[^,;]*$", before) for cue in rules.subcount):
        return "subcount"
    text = sent.text.lower()
    if any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in rules.totals):
        return "running total"
    return None


def place_of(sent: Span, anchor: int, rules: Rules) -> str | None:
    """The place in the sentence closest to the count, skipping places where something was only said.

    Of places hung on one word ("near Dnieper in central Ukraine") the first, most precise, is kept; a place
    that only names a thing ("a Kyiv apartment block") is used when nothing else is."""
    places = _places(sent, rules)
    if not places:
        return None
    return min(places, key=lambda p: (p[2], abs(p[0] - anchor), p[0] < anchor))[1]


def first_place(sent: Span, rules: Rules) -> str | None:
    places = [p for p in _places(sent, rules) if p[2] == 0]
    return places[0][1] if places else None


def _places(sent: Span, rules: Rules) -> list[tuple[int, str, int]]:
    """(token index, place as written, tier): tier 0 a place of the event, 1 a place naming a thing."""
    doc = sent.doc
    found: list[tuple[int, str, int]] = []
    used: set[int] = set()
    holders: set[int] = set()
    for token in sent:
        # "the Kyiv region", "along the Ukrainian-Belarus border": compounds before a place noun
        if token.lemma_.lower() in rules.place_nouns and token.i not in used:
            mods = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
                    and (c.ent_type_ in ("GPE", "LOC", "NORP", "FAC") or c.pos_ == "PROPN" or c.is_title)]
            holder = _event_place(token, rules)
            named = _named_by_of(token)
            if named is not None and holder is not None and holder not in holders:
                # "the central Ukraine region of Vinnytsia", "the city of Mariupol": the name is the place
                found.append((token.i, named.text, 0))
                used.update(range(token.left_edge.i, named.end))
                holders.add(holder)
                continue
            if mods and holder is not None and holder not in holders:
                start = min(m.left_edge.i for m in mods)
                while doc[start].pos_ in ("DET", "ADP"):
                    start += 1
                found.append((token.i, doc[start:token.i + 1].text, 0))
                used.update(range(start, token.i + 1))
                holders.add(holder)
    for ent in ents_in(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC") or ent.start in used:
            continue
        holder = _event_place(ent.root, rules)
        tier = 0
        if holder is None:
            if ent.root.dep_ not in ("compound", "amod", "nmod") or ent.root.head.pos_ != "NOUN":
                continue
            tier = 1
        elif holder in holders:
            continue
        holders.add(holder if holder is not None else -1)
        end = ent.end
        if end < sent.end and doc[end].lemma_.lower() in rules.place_nouns:
            found.append((ent.start, doc[ent.start:end + 1].text, tier))
        else:
            found.append((ent.start, ent.text.removeprefix("the ").strip(), tier))
    for token in sent:  # "A Kyiv apartment block": a capitalised modifier that NER left untagged
        if token.dep_ == "amod" and token.pos_ in ("ADJ", "PROPN") and token.is_title and not token.ent_type_ \
                and token.i > sent.start and token.head.pos_ == "NOUN" and not re.search(r"(an|ese|ish|ic)$", token.lower_):
            found.append((token.i, token.text, 1))
    return sorted(found)


def _named_by_of(noun: Token) -> Span | None:
    """The proper name a place noun is "of": "region of Vinnytsia" → "Vinnytsia"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == noun.i + 1:
            name = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if name is not None and (name.ent_type_ in ("GPE", "LOC", "FAC") or name.pos_ == "PROPN"):
                start = min((c.left_edge.i for c in name.children if c.dep_ == "compound"), default=name.i)
                return noun.doc[start:name.i + 1]
    return None


def _event_place(token: Token, rules: Rules) -> int | None:
    """The word a place of the event hangs on (a preposition's head, or an attack verb whose object it is);
    None for a place where something was only said ("a press conference in Istanbul")."""
    head = token
    while head.dep_ in ("compound", "amod", "appos", "conj") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "dobj" and head.head.lemma_.lower() in rules.attack_verbs:
        return head.head.i  # "attacking Moscow", "struck Kharkiv"
    if head.dep_ != "pobj" or head.head.lower_ not in rules.place_preps:
        return None
    holder = head.head.head
    if holder.ent_type_ in ("GPE", "LOC", "FAC"):
        return None  # "in Kharkiv in eastern Ukraine": the smaller place is the one
    return None if holder.lemma_.lower() in rules.place_speech else holder.i


def event_date(text: str, published: date | None, rules: Rules) -> date | None:
    """The day of the event: a weekday or "yesterday" counted back from the article's date."""
    if published is None:
        return None
    lowered = text.lower()
    for day, back in enumerate(WEEKDAYS):
        if re.search(rf"\b(?:on |last |this |early |late )?{back}\b", lowered):
            return published - timedelta(days=(published.weekday() - day) % 7)
    for phrase, back_days in rules.relative_days:
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return published - timedelta(days=back_days)
    return published


def claimant_fallback(sent: Span, rules: Rules, last: Speaker | None = None) -> Speaker | None:
    """ "..., the ministry said": the subject of a speech verb, named as the article named it before;
    "as he revealed": the last speaker of the article."""
    for token in sent:
        if token.lemma_.lower() not in rules.speech_verbs:
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if token.pos_ != "VERB" and subject is None:
            continue  # a speech verb the tagger took for a noun still has its subject: "As the Ministry notes, ..."
        if subject is not None and subject.lower_ in ("he", "she", "they") and last is not None:
            return last
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or not subject.is_alpha:
            continue
        if subject.lemma_.lower() in ("source", "report", "medium", "outlet", "newspaper", "agency"):
            continue
        span = sent.doc[subject.left_edge.i:subject.i + 1]
        name = _earlier_body(sent, subject) or span.text.removeprefix("the ").removeprefix("The ")
        return Speaker(name, side_of(name), None)
    return None


def _earlier_body(sent: Span, subject: Token) -> str | None:
    """The last organisation before ``sent`` whose name holds the subject noun ("ministry")."""
    word = subject.lower_
    doc = sent.doc
    for ent in reversed([e for e in ents_in(doc) if e.end <= subject.i and e.label_ == "ORG"]):
        if word in ent.text.lower():
            end = ent.end
            if doc[end - 1].lower_ == "of" and end < len(doc) and doc[end].ent_type_ == "GPE":
                end = next((e.end for e in ents_in(doc) if e.start == end), end + 1)  # "... Affairs of" + "Ukraine"
            return doc[ent.start:end].text.removeprefix("The ").removeprefix("the ")
    return None


def dedupe(figures: list[Figure]) -> list[Figure]:
    """The same number for the same thing counts once: keep the fullest telling, cite every sentence."""
    kept: list[Figure] = []
    for figure in figures:
        for i, other in enumerate(kept):
            if _same_claim(other, figure):
                kept[i] = replace(
                    other, claimant=other.claimant or figure.claimant, side=other.side or figure.side,
                    location=other.location or figure.location,
                    qualifier=other.qualifier if other.qualifier != "exact" else figure.qualifier,
                    citations=other.citations + tuple(c for c in figure.citations if c not in other.citations))
                break
        else:
            kept.append(figure)
    return kept


def _same_claim(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind or a.value != b.value:
        return False
    if a.location and b.location and a.location.split()[0] != b.location.split()[0]:
        return False  # the same count in two places: two events
    # the same count from two claimants of one article is still one figure (GUIDE: the same number for the
    # same thing counts once; only a different number from another claimant is a second figure)
    return not (a.value == 1 and a.citations != b.citations)
