"""Who says each sentence: the speaker of a speech verb, of "according to X", or of the quote a sentence is in.

Shared by figures (the claimant) and positions (the speaker). ``attribute_sentences(doc)`` returns one
``Attribution`` per ``doc.sents``, in order. Names are resolved across the whole article: a surname to the
full name of any earlier mention ("Zelenskyy" → "Volodymyr Zelenskyy", also when that mention was not a
speaker), "he"/"she" to the last person speaking, "it"/"they" to the last body, a role noun ("the
president", "the Belarusian leader") to the last speaker with that role or side. Sentences inside a quote
that runs over several sentences or paragraphs take the quote's speaker. The side comes from the actor table
(``brief/data/actors.toml``) or the speaker's title; an unknown side stays None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING

from brief.extract.text import ents_in, full_text
from brief.models import Speaker
from brief.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

QUOTE_CHARS = "\"“”«»"
OPENING = "“«"
CLOSING = "”»"
HONORIFICS = re.compile(r"^(?:mr|mrs|ms|dr|prof|gen|sir|lord|lady)\.?\s+", re.I)
DEEP_DEPS = frozenset({"relcl", "acl", "amod", "compound", "csubj", "nmod"})
SUBJECT_CUT = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"})


@dataclass(frozen=True)
class Attribution:
    """Who says one sentence. ``verb`` is the speech lemma or phrase; ``quoted``: the sentence quotes."""

    speaker: Speaker | None
    verb: str | None = None
    quoted: bool = False
    inherited: bool = False  # the speaker comes from the quote the sentence is part of, not the sentence
    verb_index: int | None = None  # doc index of the speech verb, for trimming the reported clause
    also: Attribution | None = None  # a second speaker of a clause of its own ("..., and Cameron said ...")


@dataclass(frozen=True)
class SpeechRules:
    verbs: frozenset[str]
    weak_verbs: frozenset[str]
    according: tuple[str, ...]
    person_pronouns: frozenset[str]
    body_pronouns: frozenset[str]
    quoted_pronouns: frozenset[str]
    roles: frozenset[str]
    group_roles: frozenset[str]
    documents: frozenset[str]
    body_nouns: frozenset[str]
    government_nouns: frozenset[str]
    generic_bodies: frozenset[str]
    name_preps: frozenset[str]
    name_titles: frozenset[str]
    topic_roles: frozenset[str]
    news_agencies: frozenset[str]
    top_office: frozenset[str]
    office_words: frozenset[str]
    state_offices: frozenset[str]
    private_bodies: frozenset[str]
    company_nouns: frozenset[str]
    unnamed_people: frozenset[str]


@lru_cache(maxsize=1)
def speech_rules() -> SpeechRules:
    r = load_rules("speech")
    return SpeechRules(frozenset(r["verbs"]), frozenset(r["weak_verbs"]), tuple(r["according"]),
                       frozenset(r["person_pronouns"]), frozenset(r["body_pronouns"]),
                       frozenset(r["quoted_pronouns"]), frozenset(r["roles"]), frozenset(r["group_roles"]),
                       frozenset(r["documents"]), frozenset(r["body_nouns"]), frozenset(r["government_nouns"]),
                       frozenset(r["generic_bodies"]), frozenset(r["name_preps"]),
                       frozenset(r["name_titles"]), frozenset(r["topic_roles"]),
                       frozenset(r["news_agencies"]), frozenset(r["top_office"]),
                       frozenset(r["office_words"]), frozenset(r["state_offices"]),
                       frozenset(r["private_bodies"]), frozenset(r["company_nouns"]),
                       frozenset(r["unnamed_people"]))


@lru_cache(maxsize=1)
def _actors() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    rules = load_rules("actors")
    people: dict[str, str] = rules["people"]
    surnames: dict[str, set[str]] = {}
    for name, side in people.items():
        surnames.setdefault(name.split()[-1], set()).add(side)
    unique = {last: next(iter(sides)) for last, sides in surnames.items() if len(sides) == 1}
    return people, unique, rules["bodies"], rules["side_words"], rules.get("side_acronyms", {})


def side_of(name: str, title: str | None = None) -> str | None:
    """The side ``name`` speaks for: its entry in the actor table, else the first side word of its title or name.

    "Dmitry Peskov" → Russia (table); "Ben Wallace" with title "Former British defence secretary" → United
    Kingdom; "Russian Foreign Ministry" → Russia; an unknown name with no side word → None, never a guess.
    """
    people, surnames, bodies, _, _ = _actors()
    key = HONORIFICS.sub("", _clean_name(name)).lower()
    key = re.sub(r"^the\s+", "", key)
    for table in (people, bodies):
        if key in table:
            return table[key]
    words = key.split()
    if words and 1 <= len(words) <= 3 and words[-1] in surnames and words[0][:1].isalpha():
        if len(words) == 1 or name.strip()[:1].isupper():
            return surnames[words[-1]]
    return _side_word(_without_topics(title or "")) or _side_word(name)


def _affiliation(titles: list[str | None]) -> str | None:
    """The organisation a private person speaks for, named in a title after "from", "of", "at", "with" or
    "by" ("William A. Reinsch from the Center for Strategic and International Studies in Washington", "the
    U.N. director of the International Crisis Group"): a name with a word of a private body and none of a
    state one but "council" ("the European Council on Foreign Relations"). The organisation is the side,
    not the place it is in; a body of the actor table keeps its side ("the Wagner Group"), and one named with
    a people's word is that country's ("the French Institute of International Relations": France)."""
    rules = speech_rules()
    for title in titles:
        for match in AFFILIATION.finditer(title or ""):
            name = _without_trailing_role(match.group(1), rules)
            words = set(re.findall(r"[a-z]+", name.lower()))
            if _state_office((title or "").replace(name, "")):
                break  # "Indian Minister of External Affairs": an office of a state
            if words & rules.private_bodies and not words & _state_body_words():
                return _body_table_side(name) or _national_side(name) or name
        acronym = AFFILIATION_ACRONYM.search(title or "")  # "a senior fellow for imagery analysis at CSIS"
        if acronym is not None and not _state_office(title):
            return _body_table_side(acronym.group(1)) or acronym.group(1)
    return None


def _national_side(name: str) -> str | None:
    """The country a people's word in an organisation's name gives ("the Polish Institute of International
    Affairs" is Poland's, "the Ukrainian press academy" Ukraine's); None for a name without one."""
    _, _, _, side_words, _ = _actors()
    for word in re.findall(r"[A-Za-z]+", name):
        if word.lower() in side_words and word.lower().endswith(DEMONYM_ENDINGS):
            return side_words[word.lower()]
    return None


def _without_trailing_role(name: str, rules: SpeechRules) -> str:
    """ "2022 World Press Institute Fellow" names the institute: a role word after it is the person's."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in rules.roles | {"fellow", "fellows", "correspondent"}:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1)
def _state_body_words() -> frozenset[str]:
    """Words of a body that is not a private one ("the House Foreign Affairs Committee", "the Ministry of
    Foreign Affairs"); "council" may be either ("the European Council on Foreign Relations")."""
    rules = speech_rules()
    return (rules.body_nouns | rules.government_nouns | {"house", "senate", "congress", "assembly"}) \
        - rules.private_bodies - {"council"}


def _body_table_side(text: str) -> str | None:
    """The side of a body or person of the actor table named in ``text`` ("Wagner Group" → Russia), not of a
    nationality word ("the Polish Institute of International Affairs" is no body of Poland's) nor of a body
    its name begins with ("the European Council on Foreign Relations" is not the EU's)."""
    lowered = text.lower().replace("’", "'")
    for pattern, sides, case_sensitive in _side_patterns()[1:]:
        match = pattern.search(text if case_sensitive else lowered)
        if match and len(lowered[match.end():].split()) <= 1:  # "Wagner Group", not "European Council on ..."
            return sides[match.group(1)]
    return None


WAR_PARTIES = frozenset({"Russia", "Ukraine"})
DEMONYM_ENDINGS = ("an", "ish", "ese", "ch", "i")  # a people's word ("Polish"), not a place ("Moscow")
STUDY_ROLES = frozenset({"scholar", "specialist", "historian", "academic", "researcher", "watcher", "hand"})


POSTING_ROLES = ("diplomat", "ambassador", "envoy", "consul", "correspondent", "reporter", "journalist", "attaché",
                 "attache", "observer", "monitor", "representative", "mission")
POSTED = re.compile(r"\b(?:stationed |based |posted |accredited )?(?:in|to)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def _without_postings(title: str) -> str:
    """A title without the place a diplomat or reporter is posted to: "A diplomat stationed in Kyiv", "the
    ambassador to Ukraine", "a BBC correspondent in Moscow" name where they serve, not whom they speak for."""
    lowered = title.lower()
    if not any(role in lowered for role in POSTING_ROLES):
        return title
    return POSTED.sub("", title)


def _without_topics(title: str) -> str:
    """A title without the place its holder studies or reports on: "Ukraine specialist" → "specialist". A
    nationality stays: "The British expert" is British, "Ukrainian military expert" Ukrainian ("Ukraine", a
    country's name, is a topic; "British", a people's word, is not), but one who studies a war party may study
    it from abroad: "Russian scholar and former Moscow correspondent" David Satter is American."""
    if not title:
        return title
    title = _without_postings(title)
    _, _, _, side_words, _ = _actors()

    def topic(match: re.Match[str]) -> str:
        words = match.group(0)[: match.start(1) - match.start(0)].split()
        national = [w for w in words if w.lower() in side_words and w.lower().endswith(DEMONYM_ENDINGS)]
        if match.group(1).lower().rstrip("s") in STUDY_ROLES:
            national = [w for w in national if side_words[w.lower()] not in WAR_PARTIES]
        return match.group(0) if national else match.group(1)

    return _topic_pattern().sub(topic, title)


@lru_cache(maxsize=1)
def _topic_pattern() -> re.Pattern[str]:
    """Up to two words before a topic noun: "Ukraine specialist", "a Ukraine war reporter"."""
    nouns = "|".join(sorted(speech_rules().topic_roles, key=len, reverse=True))
    return re.compile(rf"(?:[\w'’.-]+\s+){{1,2}}((?:{nouns})s?)\b", re.I)


def _side_word(text: str) -> str | None:
    """The side named first in ``text`` by a side word ("Russian"), a body ("the Kremlin") or an acronym ("US")."""
    if not text:
        return None
    lowered = text.lower().replace("’", "'")
    best: tuple[int, str] | None = None
    for pattern, sides, case_sensitive in _side_patterns():
        match = pattern.search(text if case_sensitive else lowered)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), sides[match.group(1)])
    return best[1] if best else None


@lru_cache(maxsize=1)
def _side_patterns() -> tuple[tuple[re.Pattern[str], dict[str, str], bool], ...]:
    """One compiled alternation per actor table (longest words first), searched once per text."""
    people, _, bodies, side_words, acronyms = _actors()

    def alternation(words: dict[str, str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    patterns = [(re.compile(rf"(?<![\w.-])({alternation(table)})s?(?![\w-])"), table, False)
                for table in (side_words, bodies, people) if table]
    if acronyms:
        patterns.append((re.compile(rf"(?<![\w.])({alternation(acronyms)})(?!\w)"), acronyms, True))
    return tuple(patterns)


@dataclass(frozen=True)
class Mention:
    """A person named in the article, with the words around the name that tell who they are."""

    name: str
    title: str | None
    start: int
    aged: bool = False  # "Michael Martin, 22,": a private person, not the actor table's one of that name
    reported: bool = False  # named in what someone says ("X said that Vladimir Putin is seeking ..."): talked about


TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "ADP", "DET"})  # the words of an office before a name


def person_mentions(doc: Doc) -> list[Mention]:
    """Every PERSON entity with its title: "Kremlin spokesman Dmitry Peskov", "Medinsky, the head of ..."."""
    found = []
    for ent in ents_in(doc):
        if ent.label_ != "PERSON":
            continue
        name, office = _without_office(HONORIFICS.sub("", _clean_name(ent.text)))
        if not name or not any(ch.isupper() for ch in name[:1]):
            continue
        found.append(Mention(name, _title_of(ent) or office, ent.start, _aged(ent), _reported(ent)))
    names = {m.name for m in found if len(m.name.split()) > 1}
    for ent in ents_in(doc):  # "Ambassador of Belarus to Russia Dmitry Krutoi", tagged an organisation here
        if ent.label_ in ("ORG", "GPE", "NORP") and len(ent) > 2:
            name = next((n for n in names if ent.text.endswith(f" {n}")), None)
            if name is not None:
                start = ent.start
                while start > max(ent.sent.start, ent.start - 8) and doc[start - 1].pos_ in TITLE_POS:
                    start -= 1  # "Ambassador of Belarus to" before "Russia Dmitry Krutoi"
                title = doc[start:ent.end].text[: -len(name)].strip()
                found.append(Mention(name, title or None, ent.end - len(name.split())))
    found.sort(key=lambda m: m.start)
    return found


def _reported(ent: Span) -> bool:
    """The name is in the clause a speech verb reports ("... said that Vladimir Putin is seeking to recreate the
    Soviet Union"): the one spoken of, not the one a "he" after it speaks as."""
    verbs = speech_rules().verbs
    token = ent.root
    while token.head.i != token.i:
        if token.dep_ in ("ccomp", "xcomp") and token.head.lemma_.lower() in verbs:
            return True
        token = token.head
    return False


def _aged(ent: Span) -> bool:
    """ "Michael Martin, 22, a former star at the college": a name with an age after it."""
    doc = ent.doc
    after = doc[ent.end:ent.end + 3]
    return len(after) >= 2 and after[0].text == "," and after[1].text.isdigit() and 0 < int(after[1].text) < 110 \
        and (len(after) == 2 or after[2].text in (",", ")", "."))


def _title_of(ent: Span) -> str | None:
    """The words that qualify a name: modifiers before it and an appositive after it (or the head it is in apposition to)."""
    doc = ent.doc
    root = ent.root
    parts = []
    left = root.left_edge.i
    cut = max((t.i + 1 for t in doc[left:ent.start] if _spaced_dash(t)), default=left)
    if cut > left and cut < ent.start and _speech_form(doc[cut].lower_):
        cut += 1  # "underway - assures Serhij Hajdaj": neither the quote nor its verb is a title
    if cut < ent.start and doc[cut:ent.start].text.strip():  # not "underway - assures" in "... - assures X"
        parts.append(re.split(f"[{QUOTE_CHARS}]", doc[cut:ent.start].text)[-1])  # not the quote before it
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.dep_ == "prep" and after.head.i != root.i and after.lower_ in \
            speech_rules().name_preps and after.head.i < ent.start:  # "- explains X from the press academy"
        parts.append(TITLE_END.split(doc[after.i:after.right_edge.i + 1].text)[0])
    for child in root.children:
        if child.i >= ent.end and (child.dep_ == "appos" or child.dep_ == "prep"
                                   and child.lower_ in speech_rules().name_preps):  # "X of ...", not "X on the crisis"
            parts.append(TITLE_END.split(doc[child.left_edge.i:child.right_edge.i + 1].text)[0])
        elif child.i == ent.end and child.dep_ == "prep" and child.lower_ == "at" and \
                any(t.ent_type_ in ("ORG", "FAC") for t in child.subtree):  # "said Liana Fix at the Council on ..."
            parts.append(TITLE_END.split(doc[child.left_edge.i:child.right_edge.i + 1].text)[0])
        if child.i >= ent.end and child.dep_ == "relcl" and child.lemma_ in ("serve", "be", "work"):
            role = next((c for c in child.children if c.dep_ in ("prep", "attr") and c.i > child.i), None)
            if role is not None:  # "Daniel Russel, who served as a high-ranking American diplomat for East Asia"
                parts.append(TITLE_END.split(doc[role.left_edge.i:role.right_edge.i + 1].text)[0])
    # the noun the name stands for comes first: in "Russia's ambassador to the US Anatoly Antonov" the side is
    # Russia's, "the US" is where he serves
    if root.dep_ == "appos" and root.head.i < ent.start:
        head = root.head
        parts.insert(0, doc[head.left_edge.i:head.i + 1].text)
    if root.dep_ == "pobj" and root.head.head.i < ent.start and root.head.head.pos_ in ("NOUN", "PROPN"):
        head = root.head.head  # "the governor of Serhij Łysak", "President of the Council Charles Michel"
        words = doc[head.left_edge.i:ent.start].text  # "Chairman of the House of Representatives Vladimir ..."
        parts.insert(0, re.sub(r"\s+of$", "", words) if len(words) <= 80 else doc[head.left_edge.i:head.i + 1].text)
    party = US_PARTY.match(full_text(doc)[ent.end_char:ent.end_char + 16])
    if party is not None and not any(party.group(1) in p for p in parts):
        parts.append(party.group(1))  # "Rep. Andy Biggs, R-Ariz.,": a member of Congress
    title = " ".join(p.strip(" ,") for p in parts if p.strip(" ,"))
    return title[:120] or None


@dataclass(frozen=True)
class BodyMention:
    """An organisation named in the article ("the Swedish Defence Research Agency") and the side it speaks for."""

    name: str
    side: str | None
    start: int


def body_mentions(doc: Doc, rules: SpeechRules, home: str | None) -> list[BodyMention]:
    """Every named organisation: an ORG entity ("the Institute for the Study of War"), or a noun phrase with a
    proper name whose head is a body noun ("the Auschwitz-Birkenau museum")."""
    found = []
    nouns = rules.body_nouns | rules.generic_bodies
    org_at = {i: e for e in ents_in(doc) if e.label_ == "ORG" for i in range(e.start, e.end)}
    for chunk in doc.noun_chunks:
        root = chunk.root
        org = org_at.get(root.i)
        if org is None and root.lemma_.lower() in nouns and any(t.pos_ == "PROPN" or t.ent_type_ for t in chunk):
            span = chunk
        else:
            inner = (org_at[i] for i in range(chunk.start, chunk.end) if i in org_at)
            span = org or next((e for e in inner if e.start >= chunk.start and e.end <= chunk.end), None)
        if span is not None and span[-1].lower_ == "of" and span.end < len(doc) and doc[span.end].ent_type_ == "GPE":
            country = next((e for e in ents_in(doc) if e.start == span.end), None)  # "the Ministry of Foreign
            span = doc[span.start:country.end if country is not None else span.end + 1]  # Affairs of" + "Ukraine"
        name = _org_name(span.text) if span is not None else ""
        if span is not None and span.end < chunk.end and chunk[-1].i == span.end and chunk[-1].text.isupper() \
                and len(chunk[-1].text) >= 3:
            name = f"{name} {chunk[-1].text}"  # "State Emergencies Service DSNS": the acronym after the name
        if name[:1].isupper() and not set(name.lower().split()) <= nouns:  # not a bare "Agency"
            owner = next((t for t in chunk if t.dep_ == "poss" and t.i < span.start and _side_word(t.text)), None)
            side = _side_word(owner.text) if owner is not None else _own_side(name, rules, home)
            if owner is None and side_of(name) is None:
                side = _named_before(name, found) or side
            found.append(BodyMention(name, side, chunk.start))  # "Ukraine's State Emergencies Service DSNS"
    return found


def _named_before(name: str, earlier: list[BodyMention]) -> str | None:
    """The side of the body a short name or an acronym stands for, named before it with its country: "the
    Ministry of Foreign Affairs" and "the MFA" after "the Ministry of Foreign Affairs of Ukraine"."""
    words = name.split()
    for body in reversed(earlier):
        if body.side is None or body.side == body.name or body.name == name:
            continue
        full = body.name.split()
        if len(words) < len(full) and full[:len(words)] == words or _acronym_of(name, body.name):
            return body.side
    return None


def _acronym_of(acronym: str, name: str) -> bool:
    """``acronym`` ("MFA", "MoD", "KIIS") is made of the first letters of words in a row of ``name`` ("Ministry of
    Foreign Affairs of Ukraine", "British Ministry of Defense", "Kyiv International Institute of Sociology"),
    with or without its small words."""
    if " " in acronym or len(acronym) < 2 or not acronym.isalpha() or sum(ch.isupper() for ch in acronym) < 2 \
            or not acronym[0].isupper():
        return False
    for initials in _initials(name):
        if acronym.lower() == initials or len(acronym) > 2 and acronym.lower() in initials:
            return True  # two letters ("EU") only for the whole name
    return False


@lru_cache(maxsize=4096)
def _initials(name: str) -> tuple[str, str]:
    """The first letters of a name's words, lower-case: of them all, and of its capitalised ones."""
    words = [w for w in re.findall(r"[\w’'-]+", name) if w[:1].isalpha()]
    return "".join(w[0] for w in words).lower(), "".join(w[0] for w in words if w[0].isupper()).lower()


def _body_of_acronym(span: Span, memory: SpeakerMemory) -> Speaker | None:
    """"KIIS recalled", "The MoD notes": the body named before that the acronym stands for."""
    words = [t for t in span if t.lower_ != "the"]
    if len(words) != 1 or words[0].ent_type_ == "PERSON":
        return None
    acronym = words[0].text
    for body in reversed([b for b in memory.bodies if b.start < span.start]):
        if body.name != acronym and _acronym_of(acronym, body.name):
            return memory.remember(Speaker(acronym, body.side, BODY))
    return None


def _org_name(text: str) -> str:
    """ "The International Monetary Fund (IMF)" → "International Monetary Fund"."""
    return _clean_name(re.sub(r"^(?:the|a|an)\s+|\s*\([^)]*\)\s*$", "", text.strip(), flags=re.I))


def _own_side(name: str, rules: SpeechRules, home: str | None) -> str | None:
    """A named body's side: its side word; a state body with none speaks for the article's country; an
    organisation ("Reporters Without Borders", "DJI", "the Auschwitz-Birkenau museum") speaks for itself.
    A single word that is neither an acronym nor a body noun may be a person the model took for an
    organisation ("Riabkow"): no side."""
    side = side_of(name)
    if side is not None:
        return side
    words = name.lower().split()
    if any(w in rules.government_nouns for w in words):
        return home
    if len(words) == 1 and not name.isupper() and words[0] not in rules.body_nouns:
        return None
    return _without_legal_form(_without_trailing_role(name, rules))  # not "World Press Institute Fellow"


def _without_legal_form(name: str) -> str:
    """A company by the name it goes by: "DJI Technology Co." → "DJI" (the legal form and the industry word
    before it are not part of it)."""
    words = name.split()
    forms = load_rules("speech")["company_forms"]
    if len(words) < 2 or words[-1].lower().rstrip(".") not in forms["legal"]:
        return name
    words.pop()
    while len(words) > 1 and words[-1].lower().rstrip(",") in forms["industry"]:
        words.pop()
    return " ".join(words).rstrip(",")


def _state_office(title: str | None) -> bool:
    """The title is an office of a state ("minister", "ambassador", "Chairman of the House of Representatives")."""
    rules = speech_rules()
    words = set(re.findall(r"[a-z]+", (title or "").lower()))
    return bool(words & (rules.government_nouns | rules.state_offices))


DATELINE = re.compile(r"\s*([A-Z][A-Z .'-]{2,30}),\s")


def dateline_side(doc: Doc) -> str | None:
    """The country of the city that opens the article as its dateline ("MINSK, 20 June (BelTA) -")."""
    dateline = DATELINE.match(full_text(doc))
    return _side_word(dateline.group(1)) if dateline is not None else None


def lead_side(sents: list[Span]) -> str | None:
    """The side of the lead sentence's subject ("China imposed restrictions ..." → China; "The escalating
    conflict in eastern Ukraine remains ..." → Ukraine): with no dateline, the country an unnamed state body
    belongs to."""
    lead = next((s for s in sents if sum(t.is_alpha for t in s) >= 5), None)
    if lead is None:
        return None
    subject = next((c for c in lead.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _side_word(lead.doc[subject.left_edge.i: subject.right_edge.i + 1].text) if subject is not None else None


class SpeakerMemory:
    """The people of the article and the speakers so far: surnames, pronouns and role nouns resolve here."""

    def __init__(self, mentions: list[Mention] | None = None, bodies: list[BodyMention] | None = None,
                 home: str | None = None, published: date | None = None) -> None:
        self.mentions = mentions or []
        self.bodies = bodies or []
        self.home = home
        self.published = published
        self.dateline: str | None = None  # the country of the article's dateline ("MINSK, 20 June (BelTA) -")
        self.adopter: Speaker | None = None  # the body that last passed a resolution or declaration
        self.publishers: dict[str, Speaker] = {}  # who published the report (study, ...) named last, by its noun
        self.named: list[Speaker] = []

    def known(self, name: str) -> str | None:
        """The full name of the one person of the article that ``name`` names: the whole name, the surname
        ("Ratas" → "Juri Ratas") or the first name ("Paweł" → "Paweł Zalewski"); None when none or several."""
        key = HONORIFICS.sub("", _clean_name(name)).lower()
        if not key or not name.strip()[:1].isupper():
            return None
        fuller = {m.name for m in self.mentions if len(key.split()) == 1 and len(m.name.split()) > 1
                  and key in (m.name.split()[0].lower(), m.name.split()[-1].lower())}
        if fuller:
            return max(fuller, key=len) if len({n.split()[-1] for n in fuller}) == 1 else None
        exact = next((m.name for m in self.mentions if m.name.lower() == key), None)
        if len(key.split()) == 1 and len(key) >= 4:  # "General Pack" of "Bogusław Pacek"
            alike = {m.name for m in self.mentions if len(m.name.split()) > 1 and _spelled_alike(key, m.name.split()[-1])}
            if len(alike) == 1:
                return alike.pop()
        return exact

    def person(self, name: str, title: str | None, at: int) -> Speaker:
        """A speaker for a person named ``name`` at token ``at``: the fullest earlier name, the best title."""
        name, office = _without_office(HONORIFICS.sub("", _clean_name(name)))
        title = title or office
        if len(name.split()) == 1:
            name = self.known(name) or name
        full, titles = self._fuller(name, at)
        title = title or next((t for t in titles if t), None)
        private = any(m.aged for m in self.mentions if m.name == full)  # not the actor table's one of the name
        side = None if private else _people_side(full) or _people_side(name)
        side = side or _affiliation([title, *titles])
        if private:
            side = side or _side_word(_without_topics(title or ""))
        else:
            side = side or side_of(full, title) or side_of(name, title)
        for other in titles:
            side = side or _side_word(_without_topics(other or ""))
        for other in [title, *titles]:
            side = side or self._employer_side(other, at)
        side = side or next((s.side for s in reversed(self.named) if s.name == full and s.side), None)
        side = side or (None if private else _spelled_like(full))
        if side is None and any(US_PARTY.search(f" {t}") for t in [title, *titles] if t):
            side = "United States"  # "R-Ariz.": a Republican of Arizona
        if side is None and any(_state_office(t) for t in [title, *titles]):
            side = self.dateline  # "Chairman of the House of Representatives" of a report from Minsk: Belarus's
        earlier = _earlier_office(full, self.published)
        if earlier is not None and side == _people_side(full):
            side = earlier  # Kaja Kallas spoke for Estonia before she spoke for the EU
        return self.remember(Speaker(full, side, title))

    def _employer_side(self, title: str | None, at: int) -> str | None:
        """The side of the body a title names by a noun ("museum director", "an analyst for the organisation"), or
        by the acronym of one named before ("DSNS spokesman" after "Ukraine's State Emergencies Service DSNS")."""
        rules = speech_rules()
        for acronym in re.findall(r"\b[A-Z]{3,6}\b", title or ""):
            named = [b for b in self.bodies if b.start < at and b.side not in (None, b.name) and acronym in b.name.split()]
            if named:  # of a country, not the bare "DSNS" speaking for itself
                return named[-1].side
        for word in re.findall(r"[a-z]+", (title or "").lower()):
            if word in rules.body_nouns or word in rules.generic_bodies:
                body = self.body(word, at) or next((b for b in self.bodies if at < b.start <= at + TITLE_SPAN
                                                    and word in b.name.lower()), None)  # named in the title
                if body is not None:
                    return body.side
        return None

    def body(self, noun: str, at: int) -> BodyMention | None:
        """The last organisation named before token ``at`` that ``noun`` stands for: one whose name has the
        noun ("the museum" → "the Auschwitz-Birkenau museum"), or any one for a generic noun ("the daily")."""
        earlier = [b for b in self.bodies if b.start < at]
        named = [b for b in earlier if noun in b.name.lower()]
        if named:
            return named[-1]
        return earlier[-1] if earlier and noun in speech_rules().generic_bodies else None

    def _fuller(self, name: str, at: int) -> tuple[str, list[str | None]]:
        """The longest name sharing this surname (earlier mentions first), and the titles given with it."""
        last = name.split()[-1].lower() if name.split() else ""
        same = [m for m in self.mentions if m.name.split() and m.name.split()[-1].lower() == last]
        earlier = [m for m in same if m.start <= at] or same
        full = max((m.name for m in earlier), key=lambda n: len(n.split()), default=name)
        if len(full.split()) < len(name.split()):
            full = name
        for spoken in reversed(self.named):
            parts = spoken.name.split()
            if parts and parts[-1].lower() == last and len(parts) > len(full.split()) and _looks_like_name(parts):
                full = spoken.name
        return full, [m.title for m in same]

    def titles_of(self, speaker: Speaker, at: int) -> list[str]:
        """Every title the article gives the speaker's surname before token ``at``, the speaker's own first."""
        last = speaker.name.split()[-1:]
        return [t for t in (speaker.title, *(m.title for m in self.mentions
                                             if m.name.split()[-1:] == last and m.start < at)) if t]

    def remember(self, speaker: Speaker) -> Speaker:
        self.named.append(speaker)
        return speaker

    def last_person(self, *, role: str | None = None, side: str | None = None, pronoun: str | None = None
                    ) -> Speaker | None:
        """The last person speaking, optionally one whose title has ``role``, who speaks for ``side``, or who
        can be ``pronoun`` ("she" is not a man)."""
        for by_ending in (True, False):  # "he" of "Ivica Dačić": a man's name may end in "a" after all
            for earlier in reversed(self.named):
                if not _is_person(earlier):
                    continue
                if earlier.title == UNNAMED:
                    if pronoun is not None and role is None and side is None and \
                            UNNAMED_GENDER.get(earlier.name) in (None, _PRONOUN_GENDER.get(pronoun)):
                        return None  # "our taxi driver shrugged. There was no point in panicking, he said": his
                    continue
                if pronoun is not None and (_gender(earlier, by_ending) not in (None, _PRONOUN_GENDER.get(pronoun))
                                            or earlier.name.lower().split()[-1:] in ([w] for w in speech_rules().group_roles)):
                    continue  # "she" is not a man, nor "US officials"
                if role is not None and not (earlier.title and role in earlier.title.lower()):
                    continue
                if side is not None and earlier.side != side:
                    continue
                return earlier
            if pronoun is None:
                break
        return None

    def last_mentioned(self, at: int, pronoun: str) -> Speaker | None:
        """Before anyone has spoken, "he" in "... - he told the clergy" is the person named last before token
        ``at`` ("the conversation of Pope Francis with the clergy"), when the pronoun fits them."""
        if any(_is_person(s) for s in self.named):
            return None
        for mention in reversed(self.mentions):
            if mention.start < at and _is_named_person(mention.name) and not mention.reported:
                speaker = Speaker(self._fuller(mention.name, mention.start)[0], None, mention.title)
                if _gender(speaker) in (None, _PRONOUN_GENDER.get(pronoun)):
                    return self.person(mention.name, mention.title, mention.start)
                return None
        return None

    def first_later_person(self, at: int, *, side: str | None = None) -> Speaker | None:
        """The first person named after token ``at`` (within ``LATER_REACH`` tokens) whose side is known
        (and is ``side``): who "the president" of an article's opening lines turns out to be."""
        for mention in self.mentions:
            if at < mention.start <= at + LATER_REACH and _is_named_person(mention.name) and \
                    not (mention.reported and side is None):  # "the leader said that Vladimir Putin is ..."
                found = side_of(mention.name, mention.title)
                if found is not None and (side is None or found == side):
                    return Speaker(mention.name, found, mention.title)
        return None

    def last_body(self) -> Speaker | None:
        return next((s for s in reversed(self.named) if not _is_person(s)), None)

    def last_group(self, noun: str) -> Speaker | None:
        """The last speaker whose name has ``noun`` ("the officials" → "senior DIA officials")."""
        return next((s for s in reversed(self.named) if noun in s.name.lower().split()), None)

    def last(self) -> Speaker | None:
        return self.named[-1] if self.named else None


_PRONOUN_GENDER = {"she": "f", "her": "f", "he": "m", "him": "m", "his": "m"}
UNNAMED_GENDER = {"woman": "f", "mother": "f", "wife": "f", "daughter": "f", "girl": "f", "grandmother": "f",
                  "man": "m", "father": "m", "husband": "m", "son": "m", "boy": "m", "grandfather": "m"}


@lru_cache(maxsize=1)
def _gender_rules() -> dict[str, frozenset[str]]:
    return {key: frozenset(words) for key, words in load_rules("speech")["gender"].items()}


def _gender(speaker: Speaker, by_ending: bool = True) -> str | None:
    """A woman ("f"), a man ("m") or unknown (None): by a word of the title ("spokeswoman"), else by the first name of a full
    name: a woman's name of the table or (``by_ending``) one ending in "a" (not a man's of that form), else a man's."""
    rules = _gender_rules()
    words = set(re.findall(r"[a-z]+", (speaker.title or "").lower()))
    if words & rules["female_words"]:
        return "f"
    if words & rules["male_words"]:
        return "m"
    parts = speaker.name.lower().split()
    if len(parts) < 2:
        return None
    first = parts[0]
    if first in rules["female_names"] or by_ending and len(first) > 2 and first.endswith("a") and \
            first not in rules["male_names_in_a"]:
        return "f"
    return "m" if first.isalpha() and len(first) > 2 else None


# letters a translation spells differently ("Łukaszenko", "Wołodymyr"): folded before names are compared
SPELLING = (("ł", "l"), ("sz", "sh"), ("cz", "ch"), ("w", "v"), ("j", "y"), ("kh", "h"), ("ch", "h"), ("yo", "e"),
            ("ie", "e"), ("ye", "e"), ("ay", "ai"))  # "Soloviev" and "Solovyov", "Hajdaj" and "Haidai"


def _folded(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower().replace("ł", "l"))
    word = "".join(ch for ch in word if ch.isalpha())
    for spelled, common in SPELLING:
        word = word.replace(spelled, common)
    return re.sub(r"(.)\1", r"\1", word)  # "Blinkken"


def _skeleton(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


@lru_cache(maxsize=1)
def _folded_people() -> tuple[tuple[str | None, str, str, str], ...]:
    """The actor table's people as (first name, surname, the surname's consonants, side), folded; the first name
    None for a surname alone."""
    people, _, _, _, _ = _actors()
    rows = []
    for name, side in people.items():
        words = name.split()
        if words:
            surname = _folded(words[-1])
            rows.append((_folded(words[0]) if len(words) > 1 else None, surname, _skeleton(surname), side))
    return tuple(rows)


def _spelled_like(name: str) -> str | None:
    """The side of the person of the actor table whose name ``name`` spells another way: a translation's
    "Wołodymyr Zelanski" or "Aleksander Łukaszenko", a typo's "Blinkken". The surnames (five letters or more)
    fold to the same consonants, start alike and differ in a vowel or two; given first names start alike
    ("Sanna Marin" is not "Micheál Martin", nor "Mitchell" Charles Michel). None when two sides match."""
    words = name.split()
    if not words or not _looks_like_name(words):
        return None
    key = _folded(words[-1])
    first = _folded(words[0]) if len(words) > 1 else None
    if len(key) < 5:
        return None
    sides = set()
    consonants = _skeleton(key)
    for their_first, surname, skeleton, side in _folded_people():
        if surname[:1] != key[:1] or skeleton != consonants:
            continue
        if surname != key and SequenceMatcher(None, key, surname).ratio() < 0.8:
            continue
        if first and their_first and their_first[:1] != first[:1]:
            continue
        sides.add(side)
    return next(iter(sides)) if len(sides) == 1 else None


def _spelled_alike(word: str, surname: str) -> bool:
    """``word`` spells ``surname`` another way: the same first letter and consonants, nearly the same letters
    ("Pack" and "Pacek" in one translated article)."""
    a, b = _folded(word), _folded(surname)
    return a != b and a[:1] == b[:1] and _skeleton(a) == _skeleton(b) and SequenceMatcher(None, a, b).ratio() >= 0.8


def _earlier_office(name: str, published: date | None) -> str | None:
    """The side ``name`` spoke for before taking the office of the actor table, when ``published`` is before."""
    before = load_rules("actors").get("people_before", {})
    entry = before.get(name.lower())
    if entry is None and len(name.split()) == 1:  # "Rutte said" of "mark rutte"
        entry = next((e for full, e in before.items() if full.split()[-1] == name.lower()), None)
    if entry is None or published is None or published >= entry["until"]:
        return None
    return str(entry["side"])


def _without_office(name: str) -> tuple[str, str | None]:
    """ "Chancellor Olaf Scholz" → ("Olaf Scholz", "Chancellor"): office words in front of a name are its title."""
    words = name.split()
    rules = speech_rules()
    titles = rules.name_titles
    cut = 0
    while cut < len(words) - 1 and (words[cut].lower() in titles or words[cut].lower().rstrip(".") in titles
                                    or words[cut].lower()[-1:] == "s" and words[cut].lower()[:-1] in rules.roles
                                    or cut < len(words) - 2 and words[cut].lower() in rules.roles):
        cut += 1  # "Oligarchs Mikhail Fridman and Oleg Deripaska": a role of several, never a name; "Oligarch Oleg
        # Deripaska": a role before a full name
    return " ".join(words[cut:]), " ".join(words[:cut]) or None


def _is_named_person(name: str) -> bool:
    """A person's name, not a place the model tagged as one ("Kiev"): a person of the actor table, or a
    name of two or more capitalised words."""
    if _people_side(name) is not None:
        return True
    words = [w for w in name.split() if w not in NAME_PARTICLES]  # "Lula da Silva", "Ursula von der Leyen"
    return len(words) >= 2 and _looks_like_name(words)


def _looks_like_name(words: list[str]) -> bool:
    """A person's name is a few capitalised words ("Frank-Walter Steinmeier"), never a clause or a title."""
    return len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _is_person(speaker: Speaker) -> bool:
    """Not a body, nor a news agency or a capital the model took for a person ("BelTA", "Kyiv"): "he" and "she"
    never refer to one."""
    name = speaker.name.lower()
    return speaker.title != BODY and name not in speech_rules().news_agencies and name not in _actors()[2]


# an organisation named after a preposition of a title: capitalised words, joined by "for", "of", "and", "the"
AFFILIATION = re.compile(r"\b(?:from|at|of|with|by)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:(?:for|of|and|on|the|&)\s+)*"
                         r"[A-Z][\w'’.-]*)+)")

# the party and state of a member of the US Congress after the name: "Andy Biggs, R-Ariz.", "(D-N.Y.)"
US_PARTY = re.compile(r"[\s,(]+([RDI]-[A-Z][A-Za-z.]{1,6})(?=[\s,)]|$)")

AFFILIATION_ACRONYM = re.compile(r"\bat\s+(?:the\s+)?([A-Z]{3,6})(?![\w-])")

# a title after a name stops at a sentence glued to the next or at a long quote (a short one may be a name:
# director of the organization "Reporters without borders")
TITLE_END = re.compile(rf"(?<!\b[A-Z])\.(?=[A-Z])|[{OPENING}\"][^{CLOSING}\"]{{40}}")
DASHES = "-–—"
IRREGULAR_SPEECH = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak"}
NAME_PARTICLES = frozenset({"da", "de", "do", "dos", "der", "van", "von", "al", "bin", "el", "la", "le"})
LATER_REACH = 400  # tokens: how far on an unnamed "the president" of the opening lines may be named
NAME_AFTER = 5  # tokens between an inverted speech verb and the name it introduces ("said on TVN24 Dr. X")
TITLE_SPAN = 30  # tokens after a name that an appositive title naming the person's employer may run over
UNNAMED = "\x00unnamed"  # title marker of a person the article does not name ("our taxi driver shrugged")
BODY = "\x00body"  # title marker of a body or group speaker (never shown: ``_body`` keeps title None outside)


def attribute_sentences(doc: Doc, published: date | None = None) -> list[Attribution]:
    """One ``Attribution`` per ``doc.sents``: who says it, resolved across the article."""
    rules = speech_rules()
    sents = list(doc.sents)
    dateline = dateline_side(doc)  # "MINSK, 20 June (BelTA) - ...": the report is from Belarus
    home = dateline or lead_side(sents)
    memory = SpeakerMemory(person_mentions(doc), body_mentions(doc, rules, home), home, published)
    memory.dateline = dateline
    inside = doc_quoted_mask(doc)
    found = []
    text = full_text(doc)
    in_dash_quote = False  # inside a quote a dash opened ("- But I see ... Putin understood ... - he continued.")
    transcript: tuple[int, Speaker | None] | None = None  # where "The full text of the speech is below:" is
    for sent in sents:
        attribution = attribute(sent, memory, rules, inside)
        if attribution.speaker is not None and attribution.verb_index is not None and not attribution.inherited:
            also = _second_speaker(sent, attribution, memory, rules, inside)
            if also is not None:
                attribution = replace(attribution, also=also)
        if sent.start > 0 and "\n" in doc[sent.start - 1].whitespace_ + doc[sent.start - 1].text:
            in_dash_quote = False  # a paragraph ends a dash quote
        closes = in_dash_quote and dash_tail(sent, rules, inside) is not None
        if attribution.speaker is None:
            if not in_dash_quote:  # a person the quoted words are about is no one a "he" after them means
                _note_subject(sent, memory)
            _note_adopter(sent, memory, rules)
            _note_publisher(sent, memory, rules)
        if transcript is None and TRANSCRIPT.search(text, sent.start_char, sent.end_char):
            transcript = (len(found), _transcript_speaker(sent, attribution, memory))
        opens = _opens_with_dash(text, sent)
        if closes or attribution.speaker is not None and not opens:
            in_dash_quote = False
        elif opens:
            in_dash_quote = True
        found.append(attribution)
    found = _inherit_quotes(sents, found, inside)
    found = _inherit_transcript(found, transcript)
    found = _inherit_dash_quotes(sents, found)
    found = _inherit_back_references(sents, found)
    return [_public(a) for a in _one_side_each(found)]


TRANSCRIPT = re.compile(r"\b(?:the )?full text of (?:the |his |her |\w+'s |\w+’s )?(?:speech|address|statement|"
                        r"remarks|interview)\b|\bfull text of his\b|\bhere is the full text\b", re.I)


TRANSCRIPT_VERB = "full text"  # the verb of a sentence of a transcript


def _transcript_speaker(sent: Span, attribution: Attribution, memory: SpeakerMemory) -> Speaker | None:
    """Whose words a full text that follows is: the one the sentence names ("Full text of Zelensky's speech at
    Munich"), else the one who spoke last ("Here is the full text of his statement")."""
    if attribution.speaker is not None:
        return attribution.speaker
    person = next((e for e in ents_in(sent) if e.label_ == "PERSON"), None)
    if person is not None:
        return memory.person(person.text, _title_of(person), person.start)
    named = next((t for t in sent if _people_side(t.text) is not None and t.pos_ == "PROPN"), None)
    if named is not None:
        return memory.person(named.text, None, named.i)
    return memory.last_person()


def _inherit_transcript(found: list[Attribution], transcript: tuple[int, Speaker | None] | None
                        ) -> list[Attribution]:
    """Every sentence after "The full text of the speech is provided below:" that names no speaker of its own
    is the speech's: a transcript runs to the article's end."""
    if transcript is None or transcript[1] is None:
        return found
    at, speaker = transcript
    return [a if i <= at or a.speaker is not None else Attribution(speaker, TRANSCRIPT_VERB, True, True)
            for i, a in enumerate(found)]


def _second_speaker(sent: Span, first: Attribution, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]
                    ) -> Attribution | None:
    """The speaker of a speech verb joined to the sentence's first one, with a subject of its own and a side
    ("Macron repeated that he does not exclude sending troops, and Cameron said Kyiv's forces will be able to
    ..."; "State Department officials said ..., but the Kremlin said ...")."""
    assert first.verb_index is not None and first.speaker is not None
    head = sent.doc[first.verb_index]
    joined = [c for c in head.children if c.dep_ == "conj"] + ([head.head] if head.dep_ == "conj" else [])
    for verb in joined:
        if inside[verb.idx] or not _is_speech(verb, rules):
            continue
        subject = _nsubj(verb)
        if subject is None or subject.pos_ == "PRON" or _quoted_word(subject, inside):
            continue
        speaker = _speaker_from(_subject_span(subject, rules, inside), memory, rules)
        if speaker is not None and speaker.side is not None and speaker.name != first.speaker.name:
            return Attribution(speaker, verb.lemma_.lower(), first.quoted, False, verb.i)
    return None


def _one_side_each(found: list[Attribution]) -> list[Attribution]:
    """A speaker keeps one side through the article: one whose side is unknown where first quoted (a quote
    that opens the article, "..., Dmitry Krutoi said.") takes the one side the article gives the same name
    elsewhere ("Belarusian Ambassador to Russia Dmitry Krutoi")."""
    sides: dict[str, set[str]] = {}
    for attribution in found:
        if attribution.speaker is not None and attribution.speaker.side is not None:
            sides.setdefault(attribution.speaker.name, set()).add(attribution.speaker.side)
    out = []
    for attribution in found:
        speaker = attribution.speaker
        known: set[str] = set()
        if speaker is not None and speaker.side is None and len(speaker.name.split()) > 1:
            for name, named_sides in sides.items():  # the same name, or within a longer one
                if name == speaker.name or f" {speaker.name}" in f" {name}" or f" {name}" in f" {speaker.name}":
                    known |= named_sides
        if speaker is not None and len(known) == 1:
            attribution = replace(attribution, speaker=replace(speaker, side=next(iter(known))))
        out.append(attribution)
    return out


BACK_REFERENCE = re.compile(r"^\W*(?:(?:That|This)(?:’s|'s| is| was) according to|(?:This|That|The relevant statement|"
                            r"The statement|Such a statement) (?:is|was|were) (?:stated|said|made|voiced|expressed|"
                            r"announced|written) (?:by|in))\b")


MADE_STATEMENT = "made the statement"  # the verb of an attribution that names who said the sentences before


def refers_back(sent: Span, attribution: Attribution) -> bool:
    """The sentence says who said the sentences before it: "That's according to ex-President Kwasniewski, who
    spoke to Ukrinform", "This was stated by ...", "Juri Ratas said this at a joint briefing"."""
    if sent[0].text in ("That", "This", "The", "Such", "That’s", "That's") and BACK_REFERENCE.match(sent.text):
        return True
    if attribution.verb_index is None or attribution.inherited:
        return False
    verb = sent.doc[attribution.verb_index]
    if attribution.verb == MADE_STATEMENT:
        return True  # "X made the statement during a meeting"
    return any(c.dep_ == "dobj" and c.lower_ in ("this", "that", "so") and not
               (c.i + 1 < len(sent.doc) and sent.doc[c.i + 1].dep_ == "mark") and
               (c.lower_ != "that" or c.i + 1 >= sent.end or sent.doc[c.i + 1].is_punct)  # "announced that in
               for c in verb.children)  # Russia weapons ...": a clause the parser left without its verb


def paragraph_starts(sents: list[Span], text: str) -> list[bool]:
    """For each sentence, whether a paragraph begins with it: a line break after the words of the sentence
    before (the model keeps the break, as white space, in that sentence)."""
    starts = [False] * len(sents)
    for i in range(1, len(sents)):
        between = text[sents[i - 1].start_char:sents[i].start_char]
        starts[i] = "\n" in between[len(between.rstrip()):]
    return starts


def _inherit_back_references(sents: list[Span], found: list[Attribution]) -> list[Attribution]:
    """The Ukrinform lead: a paragraph of what was said, then "That's according to X" or "X said this in an
    interview": the sentences before it without a speaker of their own are X's (the paragraph before, or the
    part of its own paragraph before it)."""
    out = list(found)
    text = full_text(sents[0].doc) if sents else ""
    breaks = paragraph_starts(sents, text)
    for i, sent in enumerate(sents):
        attribution = out[i]
        if attribution.speaker is None or i == 0 or not refers_back(sent, attribution):
            continue
        j = i - 1
        while j >= 0 and out[j].speaker is None:
            out[j] = Attribution(attribution.speaker, attribution.verb, out[j].quoted, True)
            if breaks[j]:
                break  # back to the start of the paragraph
            j -= 1
    return out


ADOPT = frozenset({"pass", "adopt", "approve", "issue", "publish", "sign", "release", "endorse"})


@lru_cache(maxsize=1)
def _adopted_documents() -> frozenset[str]:
    return frozenset(load_rules("speech")["adopted_documents"])


def _note_adopter(sent: Span, memory: SpeakerMemory, rules: SpeechRules) -> None:
    """The body that passed a document ("The Senate has passed a resolution in support of Ukraine") is whose
    the document's words are ("According to the resolution, ...", "the resolution said")."""
    for noun in sent:  # "the resolution ... adopted by the Parliamentary Assembly of the Council of Europe"
        if noun.lemma_.lower() in _adopted_documents() and noun.pos_ == "NOUN":
            for verb in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in ADOPT):
                agent = _agent_of(verb)
                body = _speaker_from(_phrase_of(agent), memory, rules) if agent is not None else None
                if body is not None:
                    memory.adopter = body
                    return
    root = sent.root
    if root.lemma_.lower() not in ADOPT or not any(c.dep_ == "dobj" and c.lemma_.lower() in _adopted_documents()
                                                    for c in root.children):
        return
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return
    span = sent.doc[subject.left_edge.i:subject.right_edge.i + 1]
    speaker = _speaker_from(span, memory, rules)
    name = next((c for c in subject.children if c.dep_ == "appos"), None)  # "The upper house ..., the Senate,"
    if speaker is None and name is not None and _side_word(span.text) is not None:
        speaker = Speaker(_actor_text(sent.doc[name.left_edge.i:name.right_edge.i + 1]), _side_word(span.text), BODY)
    memory.adopter = speaker or memory.adopter


def _note_publisher(sent: Span, memory: SpeakerMemory, rules: SpeechRules) -> None:
    """Who published a document the sentence names ("a report published by the Conflict Observatory", "a study
    by the Kiel Institute"): "The report assessed ..." after it is theirs, not the last speaker's."""
    for noun in sent:
        if noun.lemma_.lower() not in rules.documents or noun.pos_ != "NOUN":
            continue
        agents = (_agent_of(c) for c in noun.children if c.dep_ == "acl")
        for owner in _named_objects(noun, ("by",)) + [a for a in agents if a is not None and _is_named(a)]:
            named = len(memory.named)
            speaker = _speaker_from(_phrase_of(owner), memory, rules)
            del memory.named[named:]  # a publisher named is no one speaking: "they said" after is not theirs
            if speaker is not None:
                memory.publishers[noun.lemma_.lower()] = speaker


def _agent_of(verb: Token) -> Token | None:
    """Who did what a passive participle says: X of "adopted by X", "published by X"."""
    return next((g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)


def _named_objects(noun: Token, preps: tuple[str, ...]) -> list[Token]:
    """The names a noun's prepositions ``preps`` govern: "the Kiel Institute" of "a study by the Kiel Institute"."""
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children
            if g.dep_ == "pobj" and _is_named(g)]


def _is_named(token: Token) -> bool:
    return bool(token.ent_type_) or token.pos_ == "PROPN"


def _phrase_of(token: Token) -> Span:
    """The words ``token`` heads."""
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def _note_subject(sent: Span, memory: SpeakerMemory) -> None:
    """A person who is the subject of a sentence without speech ("Peskov made the remarks") is who a
    following "he" most likely means."""
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)  # "X was asked"
    agent = next((g for c in sent.root.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:  # "The main objection was summarised by the former ambassador Ivo Daalder."
        subject = agent
    if subject is None:  # "There was no bunker ..., but our taxi driver shrugged": the joined clause's
        subject = next((c for v in reversed([c for c in sent.root.children if c.dep_ == "conj"])
                        for c in v.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return
    person = next((e for e in ents_in(sent.doc[subject.left_edge.i: subject.right_edge.i + 1])
                   if e.label_ == "PERSON" and e.start <= subject.i < e.end), None)
    if person is not None:
        memory.person(person.text, _title_of(person), person.start)
    elif _people_side(subject.text) is not None:
        memory.person(subject.text, None, subject.i)
    elif subject.lower_ in speech_rules().group_roles and subject.tag_ == "NNS" and \
            not doc_quoted_mask(sent.doc)[subject.idx]:  # "UK defence sources sought to"
        words = sent.doc[subject.left_edge.i:subject.i + 1]
        side = _side_word(words.text)
        if side is not None:
            memory.remember(Speaker(_actor_text(words), side, None))
    elif subject.lemma_.lower() in speech_rules().unnamed_people and subject.tag_ == "NN" and \
            not doc_quoted_mask(sent.doc)[subject.idx] and \
            not any(c.dep_ == "appos" or c.dep_ == "compound" and c.pos_ == "PROPN" for c in subject.children):
        memory.remember(Speaker(subject.lemma_.lower(), None, UNNAMED))  # "our taxi driver shrugged": a "he" after
    elif subject.lemma_.lower() in speech_rules().roles:  # "the former US Nato ambassador Ivo Daalder"
        name = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            words = sent.doc[name.left_edge.i:name.i + 1]
            if _is_named_person(words.text):
                title = sent.doc[subject.left_edge.i:subject.i + 1].text.removeprefix("the ").strip()
                memory.person(words.text, title, words.start)


def _public(attribution: Attribution) -> Attribution:
    """Strip the internal body marker from the speaker's title."""
    speaker = attribution.speaker
    also = _public(attribution.also) if attribution.also is not None else None
    if speaker is not None and speaker.title == BODY:
        speaker = Speaker(speaker.name, speaker.side, None)
    if speaker is attribution.speaker and also is attribution.also:
        return attribution
    return replace(attribution, speaker=speaker, also=also)


def doc_quoted_mask(doc: Doc) -> list[bool]:
    """``quoted_mask`` of the doc's text, made once per doc (attribution, positions and developments read it)."""
    mask = doc.user_data.get("brief_quoted")
    if mask is None:
        mask = doc.user_data["brief_quoted"] = quoted_mask(full_text(doc))
    return mask


def quoted_mask(text: str) -> list[bool]:
    """For each character, whether it is inside a direct quote (never raises on odd quote marks).

    Curly marks open and close (a doubled single mark, "‘‘" or "’’", counts as a double one); straight marks
    alternate within a paragraph. A quote left open at the end of a paragraph runs on into the next paragraph
    only if that paragraph opens with a quote mark, the way news text quotes over several paragraphs;
    otherwise it ends with its paragraph.
    """
    mask = [False] * len(text)
    open_at: int | None = None
    reopens = -1  # where a quote running on into a new paragraph opens it again (not a closing mark)
    doubled = -1  # the second mark of a doubled single quote mark ("’’")
    i = 0
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None:
            rest = text[i:].lstrip()
            if not rest[:1] or rest[:1] not in QUOTE_CHARS:
                open_at = None
            else:
                reopens = len(text) - len(rest)
            continue
        if i == reopens or i == doubled:
            mask[i] = True
            continue
        pair = text[i:i + 2]
        if pair in ("‘‘", "’’"):  # two single marks standing for a double one: "unpredictable,’’ said X"
            doubled = i + 1
            ch = "“" if pair == "‘‘" else "”"
        if ch in OPENING or (ch == '"' and open_at is None):
            if open_at is not None and ch == '"':
                open_at = None
            else:
                open_at = i
            mask[i] = True
            continue
        if ch in CLOSING or ch == '"':
            open_at = None
            mask[i] = True
            continue
        mask[i] = open_at is not None
    return mask


def attribute(sent: Span, memory: SpeakerMemory, rules: SpeechRules | None = None,
              inside: list[bool] | None = None) -> Attribution:
    """The speaker of one sentence from its own words ("X said", "according to X"), or none."""
    rules = rules or speech_rules()
    inside = inside if inside is not None else doc_quoted_mask(sent.doc)
    text = sent.text
    quoted = any(ch in text for ch in QUOTE_CHARS)
    outside = [t for t in sent if not inside[t.idx]]
    reporter = None  # "According to Remus Cernea, ..., an Ukrinform correspondent reports": the source speaks
    source = _as_source(sent, memory, rules, said=True)  # "As he said, Kiev wants to check ...": not Kiev's
    if source is not None:
        return Attribution(source, "according to", quoted)
    stated = _stated_in(sent, memory, rules)
    if stated is not None:
        return Attribution(stated, "state", quoted)
    opening = _according_at_start(sent, memory, rules, inside)  # "According to the Ukrainian side, ... Putin was to
    if opening is not None:  # reject it": the source, not the clause's subject
        return opening
    tail = dash_tail(sent, rules, inside)
    for verb in sorted((t for t in outside if _is_speech(t, rules)), key=_depth):
        if tail is not None and verb.i < tail:
            continue  # "- I think that ... his services did not tell him ... - said Burns.": the quote's verbs never speak
        subject = _subject(verb)
        if subject is not None and _quoted_word(subject, inside):
            continue  # "told a conference call: “Hysteria has reached its peak” but added": quoted words never speak
        if subject is not None and _nsubj(verb) is None and verb.dep_ == "conj" and verb.tag_ == "VBD":
            named = _name_before(verb)  # "MINSK, 26 April (BelTA) - The Military Doctrine ... are highly topical
            if named is not None and named.end == verb.i:  # documents, ... Vladimir Pertsov told the media"
                subject = None
        span = _subject_span(subject, rules, inside) if subject is not None else _name_before(verb)
        speaker = _speaker_from(span, memory, rules) if span is not None else None
        if speaker is None and subject is not None:  # "The co-organizer of the rally, Michal Meisner, noted"
            before = _name_before(verb)  # with "co" parsed as the subject; not the place of "A diplomat
            if before is not None and before.root.dep_ == "pobj" and before.root.head.lower_ in PLACE_PREPS:
                before = None  # stationed in Kyiv told us"; not "the head of the European Commission Ursula ..."
            speaker = _speaker_from(before, memory, rules) if before is not None else None
        after = _name_after(verb, inside) if speaker is None else None
        if after is not None:  # "Concessions, also from the West - said on TVN24 Dr. Adam Eberhardt"
            speaker = _speaker_from(after, memory, rules)
        if speaker is not None:
            found = Attribution(speaker, verb.lemma_.lower(), quoted, False, verb.i)
            if not _reports_for_others(speaker, rules):
                return found  # "X announced this on Facebook, Ukrinform reports": X, whom the agency reports
            reporter = reporter or found
    dashed = None if reporter else _dash_speaker(sent, memory, rules, inside) or \
        _colon_speaker(sent, memory, rules) or _statement_colon(sent, memory, rules, inside)
    if dashed is not None:
        return Attribution(dashed, "—", quoted)
    lowered = sent.text.lower()
    for phrase in rules.according:
        at = lowered.find(phrase)
        if at < 0 or inside[sent.start_char + at]:
            continue
        after = sent.doc.char_span(sent.start_char + at + len(phrase), sent.end_char, alignment_mode="expand")
        if after is None or not len(after):
            continue
        span = _phrase_after(after)
        if _is_law(span.root):
            continue  # "according to the Constitution, territorial issues should be resolved ...": no one says it
        speaker = _speaker_from(span, memory, rules)
        if speaker is not None:
            return Attribution(speaker, phrase, quoted)
    viewer = _viewer(sent, memory, rules, inside) or _believer(sent, memory, rules, inside)
    if viewer is not None:
        return Attribution(viewer, "view", quoted)
    source = _as_source(sent, memory, rules) if reporter is None else None
    if source is not None:
        return Attribution(source, "according to", quoted)
    maker = _statement_maker(sent, memory, rules, inside) if reporter is None else None
    if maker is not None:
        return maker
    if reporter is None:
        relative = _relative_speaker(sent, memory, rules, inside)
        if relative is not None:
            return relative
    return reporter or Attribution(None, None, quoted)


STATED_IN = re.compile(r"^\W*(?:This|That|It) (?:is|was) (?:stated|said|noted|written|declared) in ")


def _stated_in(sent: Span, memory: SpeakerMemory, rules: SpeechRules) -> Speaker | None:
    """Who made the document a back reference names: "This is stated in the resolution ... adopted by the
    Parliamentary Assembly of the Council of Europe, an Ukrinform correspondent reports" is the Assembly's."""
    if not STATED_IN.match(sent.text):
        return None
    noun = next((t for t in sent if t.lemma_.lower() in rules.documents and t.pos_ == "NOUN"), None)
    if noun is None:
        return None
    agents = (_agent_of(c) for c in noun.subtree if c.dep_ == "acl")  # "the resolution entitled "..." adopted by
    owners = [a for a in agents if a is not None] + _named_objects(noun, ("of", "by"))  # PACE"
    owners += [c for c in noun.children if c.dep_ == "poss" and _is_named(c)]
    for owner in owners:
        speaker = _speaker_from(sent.doc[owner.left_edge.i:owner.i + 1] if owner.dep_ == "poss" else
                                _phrase_of(owner), memory, rules)
        if speaker is not None and not _reports_for_others(speaker, rules):
            return speaker
    return None


def _according_at_start(sent: Span, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]
                        ) -> Attribution | None:
    """ "According to X, ..." opening the sentence: X, whatever the clause after the comma says who did."""
    if inside[sent.start_char]:
        return None  # a quoted "According to them, ...": the quote's speaker's words
    lowered = sent.text.lower()
    for phrase in rules.according:
        if not lowered.startswith(phrase + " "):
            continue
        after = sent.doc.char_span(sent.start_char + len(phrase), sent.end_char, alignment_mode="expand")
        named = _phrase_after(after) if after is not None and len(after) else None
        base = next((named[:t.i - named.start] for t in named if t.text == ","), named) if named is not None else None
        if named is None or not base or not _names_a_source(base.root, rules):  # not "our final conclusions, Putin"
            return None  # "According to the draft document, the US Senate condemns ...": the Senate's
        speaker = _speaker_from(named, memory, rules)
        if speaker is None or _reports_for_others(speaker, rules):
            return None  # "According to Reuters, Putin said ...": Putin's, the agency relays it
        return Attribution(speaker, phrase, any(ch in sent.text for ch in QUOTE_CHARS))
    return None


def _is_law(head: Token) -> bool:
    """A law or treaty ("the Constitution", "international law", "the Minsk agreements"): it says nothing itself."""
    return head.ent_type_ == "LAW" or head.lemma_.lower() in _laws()


@lru_cache(maxsize=1)
def _laws() -> frozenset[str]:
    return frozenset(load_rules("speech")["laws"])


def _names_a_source(head: Token, rules: SpeechRules) -> bool:
    """A person or body, by name, pronoun or role ("the Ukrainian side", "him"), not a document or finding
    ("the draft document", "our final conclusions")."""
    nouns = rules.roles | rules.group_roles | rules.body_nouns | rules.generic_bodies | rules.government_nouns
    return head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or \
        head.lemma_.lower() in nouns or head.lower_ in nouns  # "sources" is a group role in the plural


STATEMENT_NOUNS = frozenset({"statement", "remark", "comment", "announcement", "remarks", "comments"})


def _statement_maker(sent: Span, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]
                     ) -> Attribution | None:
    """"Belarus President Aleksandr Lukashenko made the statement during a solemn meeting": who said what the
    sentences before told (``refers_back`` gives it them)."""
    root = next((t for t in sent if t.lemma_.lower() == "make" and t.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS and
        any(d.lower_ in ("the", "this", "these", "those", "such") for d in c.children) for c in t.children)), None)
    subject = _nsubj(root) if root is not None else None
    if root is None or subject is None:
        return None
    span = _subject_span(subject, rules, inside)
    if not any(e.label_ == "PERSON" or e.label_ == "ORG" and e.start <= subject.i < e.end for e in ents_in(span)):
        return None  # "The head of the Roman Catholic Church first made the remarks": who it is, the article said
    speaker = _speaker_from(span, memory, rules)
    return Attribution(speaker, MADE_STATEMENT, False, False, root.i) if speaker is not None else None


def _as_source(sent: Span, memory: SpeakerMemory, rules: SpeechRules, said: bool = False) -> Speaker | None:
    """ "As X said, ..." and a translation's "As X, ..." for "According to X, ...": "As he noted, the attack is
    possible", "As the Secretary of the Ukrainian Security Council of Oleksy Daniłow, Ukrainian authorities
    control the situation". The words before the first comma are a speech verb and its subject, or name
    someone with no verb (not when ``said``: only "As X said, ..." then)."""
    if sent[0].lower_ != "as":
        return None
    comma = next((t for t in sent[1:] if t.text == ","), None)
    if comma is None or comma.i - sent.start > TITLE_SPAN:
        return None
    phrase = sent.doc[sent.start + 1:comma.i]
    verbs = [t for t in phrase if t.pos_ in ("VERB", "AUX")]
    if verbs:
        verb = verbs[-1]
        subject = _subject(verb)
        if not (_is_speech(verb, rules) or verb.lemma_.lower() in rules.weak_verbs) or subject is None \
                or not phrase.start <= subject.i < phrase.end:
            return None
        return _speaker_from(sent.doc[subject.left_edge.i:subject.right_edge.i + 1], memory, rules)
    if said or not len(phrase) or not any(e.label_ in ("PERSON", "ORG") for e in ents_in(phrase)):
        return None
    return _speaker_from(phrase, memory, rules)


def _relative_speaker(sent: Span, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]) -> Attribution | None:
    """A person who says something in a relative clause of a sentence without other speech: "..., said A Wess
    Mitchell, who maintains that some west European governments still don't get it"."""
    relative = [t for t in sent if t.dep_ == "relcl" and not inside[t.idx] and t.lemma_.lower() in rules.verbs]
    for verb in relative:
        if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "which") for c in verb.children):
            continue
        if not any(c.dep_ == "ccomp" for c in verb.children):
            continue
        head = verb.head
        person = next((e for e in ents_in(sent) if e.label_ == "PERSON" and e.start <= head.i < e.end), None)
        if person is not None:
            speaker = memory.person(person.text, _title_of(person), person.start)
            return Attribution(speaker, verb.lemma_.lower(), any(ch in sent.text for ch in QUOTE_CHARS), False, verb.i)
    for verb in relative:  # "cluster munitions, which the US says Russia has used", "something the UN warned would"
        subject = _nsubj(verb)
        if subject is None or subject.pos_ == "PRON" or subject.lower_ in ("who", "which", "that"):
            continue
        speaker = _speaker_from(_subject_span(subject, rules, inside), memory, rules)
        if speaker is not None and speaker.side is not None:
            return Attribution(speaker, verb.lemma_.lower(), any(ch in sent.text for ch in QUOTE_CHARS), False, None)
    return None


VIEW_WORDS = frozenset({"view", "opinion", "words", "assessment", "estimation"})
VIEW = re.compile(r"\b[Ii]n (?:(?P<pronoun>his|her|their)|(?P<name>[A-Z][\w.-]+(?: [A-Z][\w.-]+){0,3})[’']s) "
                  r"(?:view|opinion|words|assessment|estimation)\b")


def _viewer(sent: Span, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]) -> Speaker | None:
    """Whose view the sentence gives: "In Putin's view, missile defence was ...", "In his opinion, ..."."""
    if not any(t.lower_ in VIEW_WORDS for t in sent):
        return None
    match = VIEW.search(sent.text)
    if match is None or inside[sent.start_char + match.start()]:
        return None
    if match.group("pronoun"):
        pronoun = match.group("pronoun")
        return memory.last_body() or memory.last() if pronoun == "their" else memory.last_person(pronoun=pronoun)
    start = sent.start_char + match.start("name")
    span = sent.doc.char_span(start, start + len(match.group("name")), alignment_mode="expand")
    return _speaker_from(span, memory, rules) if span is not None else None


BELIEF_ADJECTIVES = frozenset({"convinced", "confident", "sure", "certain", "adamant", "hopeful", "optimistic",
                               "determined", "skeptical", "sceptical"})
VIEW_NOUNS = frozenset({"assessment", "view", "position", "opinion", "belief", "argument", "conclusion", "message",
                        "stance", "declaration", "claim", "verdict", "prediction", "warning"})


def _believer(sent: Span, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]) -> Speaker | None:
    """Who holds the belief that the sentence's "that" clause gives: "The head of state is convinced that the
    West understands ...", "Koffler's assessment is that the escalation could come ..."."""
    root = sent.root
    if root.lemma_ != "be" or inside[root.idx]:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    clause = [c for c in root.subtree if c.dep_ == "mark" and c.lower_ == "that" and c.head.dep_ == "ccomp"]
    if not clause:
        return None
    believes = any(c.dep_ == "acomp" and c.lower_ in BELIEF_ADJECTIVES for c in root.children)
    if believes:
        return _speaker_from(_subject_span(subject, rules, inside), memory, rules)
    if subject.lemma_.lower() in VIEW_NOUNS:
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is not None:
            return _speaker_from(sent.doc[owner.left_edge.i:owner.i + 1], memory, rules)
    return None


def _reports_for_others(speaker: Speaker, rules: SpeechRules) -> bool:
    """A news outlet or its reporter ("Reuters", "an Ukrinform correspondent"): it relays a source's words."""
    words = re.sub(r"^(?:the|an?)\s+", "", speaker.name.lower()).split()
    return bool(words) and (" ".join(words) in rules.news_agencies or words[0] in rules.news_agencies)


DASH_TAIL = re.compile(r"(?:^|\s)(?:[—–]{1,2}\s*|-{1,2}\s+)((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}?)[\s.]*$")


DASH_TAIL_TOKENS = 16  # tokens: how long the "- said CIA director William Burns." after a dash quote may be


def dash_tail(sent: Span, rules: SpeechRules, inside: list[bool]) -> int | None:
    """The index of the dash that closes a dash quote ("- I think ... - said Burns.", "... - he added."): a spaced
    dash outside quote marks followed, within a few tokens, by a speech verb that ends the sentence's words."""
    for dash in (t for t in sent if _spaced_dash(t) and t.i > sent.start and not inside[t.idx]):
        rest = [t for t in sent.doc[dash.i + 1:sent.end] if not t.is_punct]
        if rest and len(rest) <= DASH_TAIL_TOKENS and _opens_with_speech(rest, rules) \
                and not any(_spaced_dash(t) for t in sent.doc[dash.i + 1:sent.end]):
            return dash.i
    return None


def _opens_with_speech(words: list[Token], rules: SpeechRules) -> bool:
    """The words after a closing dash are a speech verb and who says it: "said Burns", "he added", "Peskov said",
    "Dmitry Peskov said"; not "something Danilov called 'untrue'"."""
    for at in range(min(3, len(words))):
        if _tells_speech(words[at], rules):
            before = words[:at]
            return all(t.pos_ == "PROPN" for t in before) or at == 1 and before[0].lower_ in ("he", "she", "they")
    return False


def _dash_speaker(sent: Span, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]) -> Speaker | None:
    """A speaker named after a dash at the end of a quote: "“We will not give up.” — Peskov", or after a dash
    and a speech verb the parser took for a noun: "Street fights are underway - assures Serhij Hajdaj"."""
    doc = sent.doc
    for dash in (t for t in sent if _spaced_dash(t) and t.i + 2 < sent.end and not inside[t.idx]):
        if not _tells_speech(doc[dash.i + 1], rules):
            continue
        person = next((e for e in ents_in(sent) if e.label_ == "PERSON" and dash.i + 1 < e.start <= dash.i + 1 +
                       NAME_AFTER), None)
        if person is not None and all(t.pos_ in ("ADP", "PROPN", "DET", "NOUN") for t in doc[dash.i + 2:person.start]):
            return _speaker_from(person, memory, rules)
        end = sent.end
        while end > dash.i + 2 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        rest = doc[dash.i + 2:end]  # "- added the US national intelligence director.", "- said the politician."
        closed = any(e.label_ == "PERSON" and e.end == end for e in ents_in(sent))  # "... of Russia Maria Zacharowa."
        if person is None and 0 < len(rest) <= (DASH_TAIL_TOKENS if closed else NAME_AFTER) and \
                rest[0].lower_ in ("the", "a", "an") and \
                rest.root.lemma_.lower() in rules.roles | rules.group_roles | rules.body_nouns:
            speaker = _speaker_from(rest, memory, rules)
            if speaker is not None:
                return speaker
        if person is None and 1 < len(rest) <= DASH_TAIL_TOKENS and rest[-1].pos_ == "PROPN":
            named = _untagged_name(rest, rules)  # "- said in TVN24 Ambassador of Ukraine in Poland Wasyl Zarycz."
            if named is not None and named[1] is not None:
                return memory.person(named[0], named[1], rest.start)
    match = DASH_TAIL.search(sent.text.rstrip())
    if match is None or inside[sent.start_char + match.start(1)]:
        return None
    span = sent.doc.char_span(sent.start_char + match.start(1), sent.start_char + match.end(1), alignment_mode="expand")
    if span is None or not (any(e.label_ in ("PERSON", "ORG") for e in ents_in(span)) or span.root.pos_ == "PROPN"
                            or span[0].is_title):
        return None
    return _speaker_from(span, memory, rules)


def _spaced_dash(token: Token) -> bool:
    """A dash standing as punctuation ("underway - assures"), not a hyphen inside a word ("government-backed")."""
    doc = token.doc
    return token.text in DASHES and bool(token.whitespace_) and (token.i == 0 or bool(doc[token.i - 1].whitespace_))


def _tells_speech(token: Token, rules: SpeechRules) -> bool:
    """A speech verb of either list after a dash quote ("- recalls Marc-Olivier Fogiel", "- he added")."""
    return _speech_form(token.lower_, rules) or token.tag_ in ("VBD", "VBZ") and token.lemma_.lower() in rules.weak_verbs


def _speech_form(word: str, rules: SpeechRules | None = None) -> bool:
    """``word`` is an inflected speech verb ("says", "assures", "argued"), whatever the tagger made of it."""
    verbs = (rules or speech_rules()).verbs
    if word in IRREGULAR_SPEECH:
        return IRREGULAR_SPEECH[word] in verbs
    return len(word) > 3 and word.endswith(("s", "d")) and bool({word[:-1], word[:-2]} & verbs)


def _colon_speaker(sent: Span, memory: SpeakerMemory, rules: SpeechRules) -> Speaker | None:
    """A speaker named before a colon that opens the sentence: "Lavrov: We don't want war"."""
    colon = next((t for t in sent[:5] if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return None
    span = sent.doc[sent.start:colon.i]
    if not (any(e.label_ == "PERSON" for e in ents_in(span)) or _people_side(span.text) is not None):
        return None
    if subheading(sent):  # "Duda: If Russia wins, it will continue to attack": the outlet's words over a section;
        _speaker_from(span, memory, rules)  # the "he" and "according to him" under it are Duda's
        return None
    return _speaker_from(span, memory, rules)


POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
COLON_STATEMENTS = frozenset({"statement", "proclamation", "remark", "comment", "words", "message", "declaration",
                              "warning", "appeal", "address", "speech", "post", "tweet", "vow", "pledge"})


def _statement_colon(sent: Span, memory: SpeakerMemory, rules: SpeechRules, inside: list[bool]) -> Speaker | None:
    """Whose statement a colon opens a quote of: "Vladimir Putin made a sweeping proclamation: “Wars are won by
    teachers.”", "Rutte was not clear with his statements: “...”": the statement noun's owner, or the subject
    of the verb it hangs on."""
    colon = next((t for t in sent if t.text == ":" and not inside[t.idx] and t.i + 1 < sent.end
                  and inside[sent.doc[t.i + 1].idx]), None)
    if colon is None:
        return None
    noun = next((t for t in reversed(sent.doc[sent.start:colon.i]) if t.pos_ == "NOUN"
                 and t.lemma_.lower() in COLON_STATEMENTS), None)
    if noun is None or noun.i < colon.i - 8:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ in POSSESSIVE_PRONOUNS:  # "his statements": he, whom the article meant
        return memory.last_person(pronoun=POSSESSIVE_PRONOUNS[owner.lower_])
    if owner is not None:
        return _speaker_from(sent.doc[owner.left_edge.i:owner.i + 1], memory, rules)
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    subject = _nsubj(verb) if noun.dep_ in ("dobj", "pobj", "attr") else None
    return _speaker_from(_subject_span(subject, rules, inside), memory, rules) if subject is not None else None


def subheading(sent: Span) -> bool:
    """A line of its own that ends without a stop or a closing quote: a heading, not a sentence of the text."""
    text = full_text(sent.doc)
    start = sent.start_char
    own = text[start:sent.end_char].rstrip()
    end = start + len(own)
    alone = (start == 0 or text[start - 1] in "\n.!?") and (end >= len(text) or text[end] == "\n")  # ".Duda: ..." glued
    return alone and own[-1:] not in f".!?…{CLOSING}\"'"


RAISED = frozenset({"prospect", "possibility", "idea", "question", "concern", "alarm", "issue", "objection"})


def _is_speech(token: Token, rules: SpeechRules) -> bool:
    """A speech verb in a clause of its own (not "was believed", not "the first time Russia announced")."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in DEEP_DEPS or token.tag_ == "VBN" and token.dep_ == "amod":
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return False
    if lemma == "say" and token.dep_ in ("ccomp", "dobj", "pcomp") and token.head.pos_ == "VERB" and \
            token.head.lemma_.lower() not in rules.verbs and any(c.lower_ == "what" and c.dep_ == "dobj" for c in token.children):
        return False  # "Putin understood what Joe Biden said": the words of the one who understood
    if lemma in rules.verbs:
        return not _fights(token)
    if lemma == "speak" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
        return True  # "Oligarchs Mikhail Fridman and Oleg Deripaska also spoke out against the conflict"
    if lemma == "read":  # '"...," reads the statement', "The resolution reads: ...": the words of a document
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in rules.documents for c in token.children)
    clear = next((c for c in token.children if c.lower_ == "clear"), None) if lemma == "make" else None
    if clear is not None:  # "Putin made it clear that ...", "made it clear: ...", not "has made his intentions clear"
        said = [t for c in token.children if c.dep_ not in ("nsubj", "nsubjpass") for t in c.subtree]
        return any(t.dep_ in ("ccomp", "advcl", "parataxis", "acl", "xcomp") and t.pos_ in ("VERB", "AUX")
                   and t.i != clear.i for t in said) or \
            any(ch in QUOTE_CHARS + ":" for ch in token.doc[clear.i + 1:clear.i + 3].text)
    if lemma == "raise" and any(c.dep_ == "dobj" and c.lemma_.lower() in RAISED for c in token.children):
        return True  # "Anders Rasmussen recently raised the prospect of Poland sending ground troops"
    if lemma in rules.weak_verbs:
        return _has_complement(token)
    return False


PLACE_NOUNS = frozenset({"city", "town", "village", "country", "homeland", "land", "territory", "position", "line",
                         "border", "capital", "region", "front", "sky", "skies", "airspace", "base", "plant", "port"})


def _fights(verb: Token) -> bool:
    """"Ukrainians continue to defend the city", "troops blocked the road": a verb of speech or stance used for a
    military act, its object a place."""
    return verb.lemma_.lower() in ("defend", "block", "push") and any(
        c.dep_ == "dobj" and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.lemma_.lower() in PLACE_NOUNS)
        and not any(d.dep_ == "poss" for d in c.children) for c in verb.children)  # "to defend his country" is a stance


def _has_complement(verb: Token) -> bool:
    """A clause, quote or colon follows the verb ("added that ...", "continued, “...”", "wrote: ...")."""
    if any(c.dep_ in ("ccomp", "parataxis") or c.dep_ == "xcomp" and verb.lemma_ != "continue" for c in verb.children):
        return True  # not "Germany will continue to support Ukraine"
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
           for c in verb.children):
        return True  # "confirmed to CNN, on Tuesday, that France will ...": the parser's "advcl" is the clause said
    doc = verb.doc
    if verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ == "that" and doc[verb.i + 2].dep_ == "mark":
        return True  # "added that although ...": the parser took "that" for the object
    following = doc[verb.i + 1: verb.i + 3].text
    if any(ch in following for ch in QUOTE_CHARS + ":"):
        return True
    preceding = doc[max(verb.i - 4, 0): verb.i].text
    return any(ch in preceding for ch in QUOTE_CHARS) or "," in doc[max(verb.i - 4, 0): verb.i].text and \
        verb.i + 1 < len(doc) and doc[verb.i + 1].is_punct


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _subject(verb: Token) -> Token | None:
    """The subject of a speech verb, or of the verb it hangs on ("…, saying that", "calling for")."""
    subject = _nsubj(verb)
    hops = 0
    while subject is None and verb.dep_ in ("conj", "advcl", "xcomp", "pcomp") and hops < 3:
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head  # "responded by saying"
        subject = _nsubj(verb)
        hops += 1
    return subject


def _nsubj(verb: Token) -> Token | None:
    """The verb's subject: of two the parser gave it, the one right before the verb ("..., his US counterpart,
    Antony Blinken, the Russian foreign ministry said"), else a person's name ("After the terror attacks ...,
    then-President George W. Bush declared"), else the first; never a quote mark ("’’ said Saltmarsh")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not c.is_punct]
    if len(subjects) > 1:
        adjacent = next((c for c in subjects if c.right_edge.i == verb.i - 1 and not c.right_edge.is_punct), None)
        if adjacent is not None:
            return adjacent
    return next((c for c in subjects if c.ent_type_ == "PERSON"), subjects[0] if subjects else None)


def _quoted_word(token: Token, inside: list[bool]) -> bool:
    """Whether the word itself (not a quote mark glued to it: ``"Biden``) stands inside a quote."""
    offset = next((k for k, ch in enumerate(token.text) if ch.isalnum()), 0)
    return inside[token.idx + offset]


def _name_before(verb: Token) -> Span | None:
    """A person named right before a speech verb the parser left without a subject ("... the Kremlin's
    adviser Yury Ushakov told a conference call: “...”" parsed as if the quote's first word were the subject)."""
    at = verb.i
    finite = verb.tag_ in ("VBD", "VBZ", "VBP")  # not "compared Putin to Alexander Nevsky, saying that"
    while at > 0 and (verb.doc[at - 1].pos_ == "ADV" or finite and verb.doc[at - 1].text == ","):
        at -= 1  # "Germany's foreign minister, Annalena Baerbock, said" with the title parsed as a place's
    people = [e for e in ents_in(verb.sent) if e.label_ == "PERSON" and e.end <= at]
    found = next((e for e in people if e.end == at), None)
    if found is None and people and finite:  # "..., Myhailo Vershynin, chief of the patrol police, told CNN"
        last = people[-1]
        title = {t.i for c in last.root.children if c.dep_ == "appos" for t in c.subtree}
        if all(t.is_punct or t.i in title for t in verb.doc[last.end:at]):
            found = last
    return found


def _name_after(verb: Token, inside: list[bool]) -> Span | None:
    """The person an inverted speech verb names after it ("- said on TVN24 Dr. Adam Eberhardt, director of ...",
    "”, said student Maria Shcherbenko"): only right after a quote, a dash or a comma, never "officials said X"."""
    if verb.i == verb.sent.start or not verb.doc[verb.i - 1].is_punct:
        return None
    for ent in ents_in(verb.sent):
        if ent.start <= verb.i or ent.start - verb.i > NAME_AFTER:
            continue
        if ent.label_ != "PERSON" and _people_side(ent.text) is None:
            continue  # "- assured Scholz in Berlin", Scholz tagged a place: a person of the actor table
        if verb.doc[ent.start - 1].pos_ == "ADP":
            return None  # "wrote on Twitter": where it was said, not who
        between = verb.doc[verb.i + 1: ent.start]
        following = next((t for t in verb.doc[ent.end:verb.sent.end] if not t.is_space), None)
        if following is not None and following.pos_ in ("AUX", "VERB") and following.dep_ not in ("acl", "relcl"):
            return None  # "In Venezuela, disputed President Nicolas Maduro is more like a dictator": the name
            # is the subject of the verb after it, the word before it no speech
        if all(t.pos_ in ("ADP", "PROPN", "DET", "NOUN") or t.text == "." for t in between) and \
                not _quoted_word(ent[0], inside):
            return ent
        return None
    return None


def _subject_span(subject: Token, rules: SpeechRules, inside: list[bool]) -> Span:
    """The subject's words without the clauses and circumstances hanging on it ("Trenin, a thinker who has
    grown ...", "Antony Blinken during the Thursday meeting of ...", "The Chancellor in his remarks ...")
    and without the quote the parser may hang on it ("“... textbooks,” representative of the Office said")."""
    doc = subject.doc
    start = subject.left_edge.i
    for i in range(subject.i - 1, start - 1, -1):
        if _quoted_word(doc[i], inside):
            start = i + 1
            break
    while start < subject.i and doc[start].is_punct:
        start += 1
    end = subject.right_edge.i
    dash = next((t.i for t in reversed(doc[start:end + 1]) if _spaced_dash(t) and t.text in "—–"), None)
    if dash is not None and dash > subject.i and DATELINE.match(doc[start:dash].text):
        return doc[dash + 1:end + 1]  # "CAPRI, Italy (AP) — Top NATO and European Union officials urged"
    for child in subject.children:
        if child.i > subject.i and (child.dep_ in ("relcl", "acl")
                                    or child.dep_ == "prep" and child.lower_ not in rules.name_preps
                                    and not any(t.ent_type_ == "PERSON" for t in child.subtree)):
            end = min(end, child.left_edge.i - 1)
    return doc[start: max(end, subject.i) + 1]


def _phrase_after(after: Span) -> Span:
    """The noun phrase after "according to": up to the first comma or the end."""
    doc = after.doc
    end = after.start
    while end < after.end and not (doc[end].is_punct and doc[end].text in ",.;:!?") :
        if end > after.start and doc[end - 1].ent_type_ == "PERSON" and doc[end].ent_type_ != "PERSON" and \
                doc[end].pos_ == "ADP" and doc[end].lower_ not in speech_rules().name_preps:
            break  # "learned from Belarus President Aleksandr Lukashenko on 26 February"
        end += 1
    if end + 1 < after.end and doc[end].text == "," and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "B":
        end += 1  # "according to a local war correspondent, Remus Cernea, ...": the name in apposition
        while end < after.end and doc[end].ent_type_ == "PERSON":
            end += 1
    return doc[after.start:end]


PLACE_PREPS = frozenset({"in", "at", "to", "near", "from", "into", "across", "outside", "inside"})
NO_SPEAKER_ENTS = frozenset({"EVENT"})  # not LAW nor WORK_OF_ART: the model tags "XI Jinping" so


def _speaker_from(span: Span, memory: SpeakerMemory, rules: SpeechRules) -> Speaker | None:
    """A named person or body in ``span``, or the speaker a pronoun or role noun refers to."""
    if not len(span):
        return None
    head = span.root
    if span[0].text[:1].isdigit() or any(t.lower_ in ("percent", "%") for t in span):
        return None  # "81 percent saying they fear ...": a share of a poll, not someone who speaks
    if head.ent_type_ in NO_SPEAKER_ENTS:
        return None  # "the Second Cold War is threatening to turn into a hot one": an event speaks no words
    word = head.lower_.strip(QUOTE_CHARS)  # '"He' when the tokenizer glues a quote mark to the word
    if word in rules.quoted_pronouns and not head.text.isupper() or word == "i":  # "US" is no "us"
        return None
    if head.pos_ == "PRON" or word in rules.person_pronouns | rules.body_pronouns:
        if word in rules.person_pronouns:
            return _antecedent_in_sentence(head, memory, rules) or memory.last_person(pronoun=word) or \
                memory.last_mentioned(head.i, word)
        if word in rules.body_pronouns:
            return memory.last_body() if word == "it" else (memory.last_body() or memory.last())
        return None
    if head.lemma_.lower() in rules.documents and span[0].lower_ == "the":  # "the statement of the Ministry
        owners = _named_objects(head, ("of", "by"))  # of Foreign Affairs": the ministry's words
        if owners:
            return _speaker_from(_phrase_of(owners[0]), memory, rules)
    acronym = _body_of_acronym(span, memory)
    if acronym is not None:
        return acronym
    people = _people_in(span, memory, rules)
    lemma = head.lemma_.lower()
    if len(people) == 1 and people[0].start > 0 and _people_side(people[0].text) is None and \
            span.doc[people[0].start - 1].lemma_.lower() in rules.company_nouns:
        name = people[0].text  # "The US image company Maxar", the model calling it a person: it speaks for itself
        return memory.remember(Speaker(name, _body_table_side(name) or _without_legal_form(name), BODY))
    if people:
        person = next((p for p in people if p.start <= head.i < p.end), None)
        if person is None and (lemma in rules.roles or head.pos_ == "PROPN"):  # not the owner of "The deputy
            owners = [p for p in people if p.end < len(span.doc) and span.doc[p.end].tag_ == "POS"]  # head of
            person = next((p for p in people if p not in owners), people[0])  # Putin's administration Dmitry Kozak
        if person is None:  # "Museveni's influential son and aspirant successor, Muhoozi Kainerugaba, has said",
            person = next((p for p in people if p.root.dep_ in ("appos", "conj") and p.root.head.i == head.i), None)
            # "Russian former officer and an avid Kremlin critic Igor Girkin criticized
        if person is not None:
            before = span.doc[span.start:person.start].text.strip(" ,") or None
            speaker = memory.person(person.text, _title_of(person) or before, person.start)
            if speaker.side is None and before:  # "The head of the UN human rights office in Ukraine, Matilda
                side = side_of(speaker.name, before)  # Bogner, said": the short title "The head" names no side
                if side is not None:
                    speaker = memory.remember(Speaker(speaker.name, side, speaker.title))
            return speaker
    aside = {t.i for c in head.children if c.dep_ in ("appos", "relcl") for t in c.subtree}  # not "the document,
    words = [t for t in span if t.i not in aside]  # the first of its kind in German history, reads": whose it is
    owner = _side_word(" ".join(t.text for t in words)) is not None or \
        any(e.label_ in ("ORG", "PERSON", "GPE") and all(t.i not in aside for t in e) for e in ents_in(span))
    if lemma in rules.documents and not owner:  # not "A White House statement said": the White House's
        if lemma in _adopted_documents() and memory.adopter is not None:
            return memory.remember(memory.adopter)  # "the resolution said": the Senate's, which passed it
        if lemma in memory.publishers and span[0].lower_ == "the":
            return memory.remember(memory.publishers[lemma])  # "The report assessed": its publisher's
        return memory.last()
    if lemma in rules.roles and not people:
        return _role(span, lemma, memory)
    group = lemma in rules.group_roles or head.lower_ in rules.group_roles  # "sources": its lemma is "source"
    if group and span[0].lower_ == "the" and _side_word(span.text) is None:
        named = memory.last_group(head.lower_)
        return memory.remember(named) if named is not None else memory.last_body()  # "the officials said" after
        # "senior DIA officials said", "the sources said" after "UK defence sources sought to clarify"
    name, office = _without_office(_actor_text(span))
    if len((memory.known(name) or "").split()) > 1 or office and (
            _people_side(name) is not None or _plain_person_name(name)):  # "General Bogusław Pacek" an ORG
        return memory.person(name, office, span.start)  # "Ratas said", "President Biden" tagged an organisation
    short = _short_body(span, memory)
    if short is not None:
        return memory.remember(short)
    if head.pos_ == "PROPN" and not head.ent_type_ and head.lower_ in _actors()[2]:
        return _body(span, memory, rules)  # "Kyiv and its Western allies say"
    if _people_side(span.text) is not None:
        return memory.person(span.text, None, span.start)  # a known name NER did not tag
    if len(span) == 2 and span[0].lower_ == "the" and lemma in rules.body_nouns | rules.generic_bodies:
        return _body(span, memory, rules)  # "The Institute added", the one named before: no person's name
    if head.pos_ == "PROPN" and not head.ent_type_:
        named = _untagged_name(span, rules)  # not "Siege of Mariupol continues:"
        if named is not None:
            return memory.person(named[0], named[1], span.start)
    if not (head.ent_type_ or lemma in rules.body_nouns or group or owner and lemma in rules.documents
            or _company(span, rules) is not None):
        return None  # "Siege of Mariupol continues:" — not something that speaks
    return _body(span, memory, rules)


def _untagged_name(span: Span, rules: SpeechRules) -> tuple[str, str | None] | None:
    """A person's name the model did not tag, and the title before it: the words themselves when they look
    like a name ("Juri Ratas"), else capitalised words that end a title with an office ("Ukraine's Minister of
    Internal Affairs Denys Monastyrsky")."""
    words = _actor_text(span).split()
    if _looks_like_name([w for w in words if w not in NAME_PARTICLES]):
        return span.text, None
    tail = words[-2:] if len(words) > 2 and all(w[:1].isupper() for w in words[-2:]) else []
    words = words[:-2] if tail else words
    offices = rules.roles | rules.office_words | rules.name_titles
    if len(tail) >= 2 and any(w.lower().strip(",") in offices for w in words) and not \
            any(w.lower() in offices for w in tail):
        return " ".join(tail), " ".join(words)
    return None


def _antecedent_in_sentence(pronoun: Token, memory: SpeakerMemory, rules: SpeechRules) -> Speaker | None:
    """The person a pronoun of a clause refers to in its own sentence: the named subject of the verb the clause
    hangs on ("Dmitry Peskov, Putin's press secretary, confirmed this strategy when he stated ..."), when the
    pronoun fits them."""
    verb = pronoun.head
    while verb.dep_ in ("advcl", "ccomp", "conj", "xcomp", "pcomp") and verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i), None)
        if subject is None:
            continue
        named, speaker = _named_subject(subject, pronoun, memory)
        return speaker if named else None
    for clause in pronoun.head.children:  # "Kuleba told reporters that ..., he believes ...", parsed with "told"
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)  # a clause of "believes"
        if clause.dep_ not in ("ccomp", "advcl") or clause.i > pronoun.i or subject is None or \
                clause.lemma_.lower() not in rules.verbs:  # his own words, not "Putin does not want to lose"
            continue
        named, speaker = _named_subject(subject, pronoun, memory)
        if named:
            return speaker
    return None


def _named_subject(subject: Token, pronoun: Token, memory: SpeakerMemory) -> tuple[bool, Speaker | None]:
    """Whether a person's name is the subject, and that person when the pronoun fits them ("he" is no woman)."""
    person = next((e for e in ents_in(pronoun.sent) if e.label_ == "PERSON" and e.start <= subject.i < e.end), None)
    if person is None:
        return False, None
    speaker = memory.person(person.text, _title_of(person), person.start)
    return True, speaker if _gender(speaker) in (None, _PRONOUN_GENDER.get(pronoun.lower_)) else None


def _short_body(span: Span, memory: SpeakerMemory) -> Speaker | None:
    """An organisation named again by the first words of its name ("DJI rejected claims" after "DJI Technology
    Co. announced"), when the actor table does not know the words as a person."""
    if span.root.pos_ != "PROPN" or _people_side(span.text) is not None:
        return None
    key = _org_name(span.text).lower()
    body = next((b for b in reversed(memory.bodies) if b.start < span.start and b.name.lower().startswith(key + " ")),
                None)
    return Speaker(body.name, body.side, BODY) if body is not None and key else None


def _people_in(span: Span, memory: SpeakerMemory, rules: SpeechRules) -> list[Span]:
    """The people ``span`` names: its PERSON entities, else a run of capitalised proper nouns the model tagged
    as something else that is a known person ("head of American diplomacy Antony Blinken" tagged a building)
    or stands in apposition to a role noun ("The Ukrainian president, Volodymyr Zelenskiy, ...")."""
    people = [e for e in ents_in(span) if e.label_ == "PERSON"]
    if people:
        return people
    found = []
    for run in _proper_runs(span):
        if _plain_name(run, rules) and len(run) >= 2 and (
                run.root.dep_ == "appos" and run.root.head.lemma_.lower() in rules.roles
                or any(c.dep_ == "appos" and c.lemma_.lower() in rules.roles for c in run.root.children)):
            found.append(run)  # "The Ukrainian president, Volodymyr Zelenskiy", "Natalia Humeniuk, a spokesperson"
            continue
        # the name at the end of the run ("... Prosecutor's Office Sergei Shikunets", "Ukraine Wołodymyr
        # Zelanski"): the longest tail of plain name words, when it is a known person or one of the article's
        # or closes a role phrase ("representative of the General Prosecutor's Office Sergei Shikunets")
        tails = []
        for k in range(len(run) - 1, -1, -1):
            if not _plain_name(run[k:], rules) or _is_place_word(run[k].text):
                break
            tails.append(run[k:])
        if not tails or len(tails[-1]) == 1 and _people_side(tails[-1].text) is None:
            continue
        closes_role = run.end == span.end and span.root.lemma_.lower() in rules.roles and len(tails[-1]) <= 3
        if closes_role or any(_people_side(t.text) is not None or memory.known(t.text) is not None for t in tails):
            found.append(tails[-1])
    return found


def _plain_person_name(name: str) -> bool:
    """Two or three capitalised words with none of a body, a side or a place: "Bogusław Pacek"."""
    words = name.split()
    nouns = _not_name_words()
    return 2 <= len(words) <= 3 and _looks_like_name(words) and not any(
        w.lower() in nouns or _side_word(w) is not None or _is_place_word(w) for w in words)


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    rules = speech_rules()
    return rules.body_nouns | rules.government_nouns | rules.private_bodies | rules.company_nouns | rules.roles


def _is_place_word(word: str) -> bool:
    """A country or nationality word of the side table ("Ukraine", "Polish", "US"): never part of a name."""
    _, _, _, side_words, acronyms = _actors()
    return word.lower() in side_words or word in acronyms


def _plain_name(run: Span, rules: SpeechRules) -> bool:
    """Words that can be a person's name: capitalised, none of them a body, role, group or office word ("Deputy
    Prime Minister" and "Foreign Affairs" are a title, not a name)."""
    words = run.text.split()
    nouns = rules.body_nouns | rules.group_roles | rules.roles | rules.office_words
    return _looks_like_name(words) and not any(w.lower() in nouns for w in words)


def _proper_runs(span: Span) -> list[Span]:
    """Maximal runs of capitalised proper nouns that are not places, nationalities or dates."""
    runs: list[Span] = []
    start = None
    for token in [*span, None]:
        fits = token is not None and token.pos_ == "PROPN" and token.text[:1].isupper() and \
            token.ent_type_ not in ("GPE", "NORP", "DATE", "LOC", "TIME")
        if fits and start is None:
            start = token.i  # type: ignore[union-attr]
        elif not fits and start is not None:
            runs.append(span.doc[start: token.i if token is not None else span.end])
            start = None
    return runs


def _people_side(text: str) -> str | None:
    """The side of a person in the actor table named exactly ``text`` (full name or surname)."""
    people, surnames, _, _, _ = _actors()
    key = HONORIFICS.sub("", _clean_name(text)).lower()
    if not key or not text.strip()[:1].isupper():
        return None
    return people.get(key) or (surnames.get(key) if len(key.split()) == 1 else None)


def _role(span: Span, role: str, memory: SpeakerMemory) -> Speaker | None:
    """ "the president", "the Belarusian leader", "the founder of Tinkoff Bank" → who they are; "the leaders of
    ... breakaway territories", several, are no one person named before; "A diplomat stationed in Kyiv" serves
    there, and speaks for no side the words give."""
    side = _side_word(_without_postings(span.text))
    places = {t.i for e in ents_in(span) if e.label_ in ("GPE", "NORP") and _side_word(e.text) for t in e}
    words = [t.lower_ for t in span if t.is_alpha and t.pos_ in ("NOUN", "ADJ", "PROPN") and t.i not in places
             and _side_word(t.text) is None and t.lower_ not in ("former", "then", "current")]  # "the President of
    # the United States": a president
    earlier = next((s for s in reversed(memory.named) if _is_person(s)
                    and _has_words(memory.titles_of(s, span.start), words or [role])), None)
    if earlier is not None and (side is None or earlier.side in (None, side)):
        return memory.remember(earlier)
    if span.root.tag_ == "NNS":
        if side is not None:  # "top Pentagon officials", a group: no "it"
            return memory.remember(Speaker(_actor_text(span), side, None))
        group = memory.last_group(span.root.lower_)
        if group is not None and span[0].lower_ == "the" and len(span) == 2:  # "the officials" after "senior
            return memory.remember(group)  # DIA officials said"
        return None
    if role in speech_rules().topic_roles and span[0].lower_ == "the":  # "- said the analyst": not the president
        expert = next((s for s in reversed(memory.named) if _is_person(s) and not _has_words(
            memory.titles_of(s, span.start), ["president"]) and not _people_side(s.name)), None)  # nor a head of state
        if expert is not None:
            return memory.remember(expert)
    top = bool(words) and set(words) <= speech_rules().top_office  # "the Belarusian head of state"
    if side is not None:
        same_side = memory.last_person(side=side)
        if same_side is not None and span[0].lower_ == "the" and (len(words) <= 1 or top):
            return memory.remember(same_side)
        named_later = memory.first_later_person(span.start, side=side) if top else None
        return memory.remember(named_later or Speaker(_actor_text(span), side, None))
    if span[0].lower_ == "the" and top and memory.dateline is not None:  # "The president stressed" in a report
        home = memory.last_person(side=memory.dateline)  # from Minsk is Lukashenko, not Putin named in passing
        if home is not None:
            return memory.remember(home)
    if span[0].lower_ in ("the", "his", "her") and memory.last_person() is not None:
        return memory.remember(memory.last_person())  # type: ignore[arg-type]
    if span[0].lower_ == "the" and top:  # an article that opens with "..., the president said." names him later
        named_later = memory.first_later_person(span.start)
        if named_later is not None:
            return memory.remember(named_later)
    return None


def _has_words(titles: list[str], words: list[str]) -> bool:
    """One of ``titles`` has every word, or a word it begins ("Analystical for Belarus" of "the analyst")."""
    for title in titles:
        have = re.findall(r"[\w-]+", title.lower())
        if all(any(h.startswith(w) for h in have) for w in words):
            return True
    return False


def _body(span: Span, memory: SpeakerMemory, rules: SpeechRules) -> Speaker | None:
    """A body or group ("the Kremlin", "Russia's Defense Ministry", "Kremlin officials"); None for "officials"."""
    named = [e for e in ents_in(span) if e.label_ in ("ORG", "GPE", "NORP", "PERSON", "FAC", "LOC")]
    text = _actor_text(span)
    lemma = span.root.lemma_.lower()
    one_noun = len(span) == 2 and span[0].lower_ == "the"  # "The Institute added", capitalised, after "the Kyiv
    earlier = memory.body(lemma, span.start) if one_noun and lemma in rules.body_nouns else None  # International
    if earlier is not None:  # Institute of Sociology (KIIS)": that one, not a body named "Institute"
        return memory.remember(Speaker(earlier.name, earlier.side, BODY))
    company = _company(span, rules)
    if company is not None:
        return memory.remember(Speaker(text, _body_table_side(company) or _without_legal_form(company), BODY))
    side = side_of(text) or next((side_of(e.text) for e in named if side_of(e.text)), None)
    if side is None and not named and not any(t.is_title for t in span[1:]):
        earlier = memory.body(lemma, span.start) if lemma in rules.body_nouns | rules.generic_bodies else None
        if earlier is not None:  # "the daily said", "according to the ministry"
            return memory.remember(Speaker(earlier.name, earlier.side, BODY))
    if not named and side is None:
        if lemma in rules.group_roles or span.root.lower_ in rules.group_roles or span.root.pos_ != "PROPN":
            return None
    if len(text.split()) > 12:  # "The Center for Countering Disinformation at the National Security and
        own = next((e for e in named if e.label_ == "ORG" and e.start <= span.root.i < e.end), None)  # Defense
        text = _actor_text(own) if own is not None and len(own) <= 12 else ""  # Council of Ukraine": the Center
    if not text:
        return None
    if side is None and (any(e.label_ == "ORG" for e in named) or lemma in rules.body_nouns):
        name = _org_name(text)
        side = _named_before(name, [b for b in memory.bodies if b.start < span.start]) or \
            _own_side(name, rules, memory.home)
    return memory.remember(Speaker(text, side, BODY))


def _company(span: Span, rules: SpeechRules) -> str | None:
    """The name of a company a subject names after its kind ("Dutch airline KLM", "Ukrainian charter airline
    SkyUp"): a company speaks for itself, whatever its country (a company of the actor table for its side:
    "Russian state energy company Gazprom")."""
    words = [t for t in span if t.is_alpha]
    kinds = [i for i, t in enumerate(words) if t.lemma_.lower() in rules.company_nouns]
    if not kinds:
        return None
    name = words[kinds[-1] + 1:]
    if not name or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name) or len(name) > 4:
        return None
    return span.doc[name[0].i:name[-1].i + 1].text


def _actor_text(span: Span) -> str:
    text = _clean_name(span.text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return text.split(",")[0].strip()


def _inherit_quotes(sents: list[Span], found: list[Attribution], inside: list[bool]) -> list[Attribution]:
    """Sentences inside a direct quote take the quote's speaker: one named in the same quote run, or the
    speaker of the sentence just before (a quote continuing over sentences or paragraphs)."""
    out = list(found)
    runs = _quote_runs(sents, inside)
    for run in runs:
        speaker = next((out[i] for i in run if out[i].speaker is not None), None)
        if speaker is None and run[-1] + 1 < len(sents) and _bare_attribution(sents[run[-1] + 1], out[run[-1] + 1]):
            speaker = out[run[-1] + 1]
        if speaker is None and run[0] > 0 and out[run[0] - 1].speaker is not None and \
                not _someone_else_first(sents[run[0]], out[run[0] - 1].speaker, inside):
            speaker = out[run[0] - 1]
        if speaker is None:
            continue
        for i in run:
            if out[i].speaker is None:
                out[i] = Attribution(speaker.speaker, speaker.verb, True, True)
    return out


def _someone_else_first(sent: Span, speaker: Speaker, inside: list[bool]) -> bool:
    """The sentence opens, outside the quote, with a subject that is not the speaker before: "The Ukrainian
    department of diplomacy talks about "desperation ..."" after the agencies' report is no more of it; "He
    turned to ..." and "Kwasniewski also put the thesis that "..."" are."""
    words = [t for t in sent if not t.is_space]
    if not words or words[0].text[:1] in QUOTE_CHARS or inside[words[0].idx]:
        return False  # "“On August 16 ... occurred,” the operator says": the quote first, then who said it
    subject = _nsubj(sent.root)
    if subject is None or inside[subject.idx] or subject.pos_ == "PRON":
        return False
    rules = speech_rules()
    named = subject.pos_ == "PROPN" or subject.ent_type_ != "" or subject.lemma_.lower() in \
        rules.body_nouns | rules.generic_bodies | rules.government_nouns
    if not named:
        return False  # "The interlocutor of TVN24 pointed out", "The goal was to ...": no one else named
    names = {w.lower() for w in speaker.name.split()}
    return not any(t.lower_ in names for t in subject.subtree)


DASH_QUOTE_REACH = 6  # sentences a dash-opened quote may run over before its "- says X"


def _inherit_dash_quotes(sents: list[Span], found: list[Attribution]) -> list[Attribution]:
    """A quote opened by a dash and closed by "- says X" (the dialogue style of Polish, Ukrainian and Russian
    news in translation: "- We will not give up. Our boys are still there - says Hajdaj") is X's in every
    sentence from the opening dash on, within the paragraph."""
    out = list(found)
    text = full_text(sents[0].doc) if sents else ""
    starts = paragraph_starts(sents, text)
    for i, sent in enumerate(sents):
        attribution = out[i]
        if attribution.speaker is None or attribution.inherited or not _closes_dash_quote(sent, attribution):
            continue
        run: list[int] = []
        for j in range(i, max(-1, i - DASH_QUOTE_REACH - 1), -1):
            if j < i and starts[j + 1]:
                break
            opens = _opens_with_dash(text, sents[j])
            if j < i and (out[j].speaker is None or opens and not _reports_words(sents[j], out[j])):
                run.append(j)  # "- Russia is still gathering troops, expressing threats ... - she emphasized": hers
            elif j < i and not opens:
                break  # another speaker's sentence: the quote did not run back this far
            if opens:  # "- A few days ago, the Russians assured that ...": their claim stays theirs, inside the quote
                for k in run:
                    out[k] = Attribution(attribution.speaker, attribution.verb, True, True)
                break
    return out


def _reports_words(sent: Span, attribution: Attribution) -> bool:
    """The sentence reports what its speaker said: the speech verb has a clause ("assured that they had ...")."""
    if attribution.verb_index is None:
        return attribution.speaker is not None
    return any(c.dep_ in ("ccomp", "parataxis") for c in sent.doc[attribution.verb_index].children)


def _closes_dash_quote(sent: Span, attribution: Attribution) -> bool:
    """The speaker is named after a spaced dash: "... - says Christophe Deloire", "... - she said", "... — Peskov"."""
    if attribution.verb == "—":
        return True
    if attribution.verb_index is None:
        return False
    doc = sent.doc
    for k in range(attribution.verb_index - 1, max(sent.start, attribution.verb_index - 6) - 1, -1):
        if _spaced_dash(doc[k]):
            return True  # "- says Deloire", "- she emphasized", "- added the US intelligence director"
        if doc[k].is_punct:
            return False
    return False


def _opens_with_dash(text: str, sent: Span) -> bool:
    """The sentence opens a quote with a dash, at its start or glued to the sentence before ("band.- If")."""
    start = sent.start_char
    while start < sent.end_char and text[start].isspace():
        start += 1
    if start < sent.end_char and text[start] in DASHES and text[start + 1: start + 2].isspace():
        return True
    before = text[:start].rstrip(" ")
    return len(before) >= 2 and before[-1] in DASHES and before[-2] in ".!?"


def _quote_runs(sents: list[Span], inside: list[bool]) -> list[list[int]]:
    """Runs of consecutive sentences that are (mostly) inside one direct quote."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, sent in enumerate(sents):
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        chars = [inside[j] for j in range(start, start + len(text)) if not text[j - start].isspace()]
        share = sum(chars) / len(chars) if chars else 0.0
        if share >= 0.5 or inside[start] and text[0] not in QUOTE_CHARS:
            if current and current[-1] != i - 1:
                runs.append(current)
                current = []
            current.append(i)
            if text[-1] in CLOSING or text.endswith(('."', ',"', '?"', '!"')) or not inside[start + len(text) - 1] \
                    or not _still_open(inside, full_text(sent.doc), start + len(text)):  # the quote closed in it
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _still_open(inside: list[bool], text: str, at: int) -> bool:
    """Whether the quote is still open at the next non-space character from ``at`` (it runs on)."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at < len(text) and inside[at]


def _bare_attribution(sent: Span, attribution: Attribution) -> bool:
    """A short sentence that only says who spoke ("Lavrov said.", "— Peskov")."""
    return attribution.speaker is not None and len([t for t in sent if t.is_alpha]) <= 6


def _clean_name(name: str) -> str:
    """A name without a possessive, quote marks, and what a spaced dash glued before it ("Kremlin - Eberhardt")."""
    name = re.split(r"\s[-–—]\s", name.strip())[-1]
    name = re.sub(r"[’']s?$", "", name.strip())
    return name.strip(" ,.;:\"“”«»—–-").strip()
