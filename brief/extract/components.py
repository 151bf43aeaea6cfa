"""spaCy components of brief, importable so worker processes (``n_process``) find them.

``brief_paragraphs`` runs before the parser and fixes sentence boundaries the parser gets wrong in news
text: a line break always ends a sentence, a closing quote mark stays with the sentence it closes
(the parser likes to make a lone ``"`` a sentence of its own), and a full stop glued to the next sentence
("... the OSCE\".He emphasized", common in machine-translated text) still ends one, unless it closes an
abbreviation ("U.S.Army", "St.Jerzy"); so does one glued to a dash or a straight quote mark that opens a
quote ("precise.- If they", 'Putin."The Ukrainian').
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

OPENING = frozenset("“«")
CLOSING = frozenset("”»")
STRAIGHT = frozenset('"')
FINAL = frozenset(".?!…")
DASHES = frozenset({"-", "–", "—", "--"})
ELLIPSES = frozenset({"...", "…", ". . ."})
ABBREVIATIONS = frozenset({"st", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "jr", "sr", "prof", "rev", "no",
                           "vol", "gov", "sen", "rep", "capt", "maj", "cpt", "adm", "mt", "ft", "inc", "co", "corp",
                           "ltd", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec"})


COUNTRY_ABBREVIATIONS = frozenset({"U.S.", "U.K.", "U.N.", "E.U."})


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    """Words of an office or a state body that follow a country's abbreviation ("U.S. Admiral", "U.K. Ministry")."""
    from brief.extract.attribution import speech_rules

    rules = speech_rules()
    return rules.roles | rules.body_nouns | rules.government_nouns | rules.office_words | frozenset(
        {"admiral", "army", "navy", "treasury", "congress", "senate", "house", "embassy", "department", "state",
         "justice", "energy", "central", "foreign", "air", "marine", "marines", "forces"})


@Language.component("brief_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Line breaks end sentences; closing quote marks never start one."""
    open_straight = False
    for token in doc:
        if token.i > 0 and _after_line_break(doc[token.i - 1]):
            token.is_sent_start = True
            open_straight = False
        if token.text in STRAIGHT:
            if open_straight and token.i > 0:
                token.is_sent_start = False  # a closing " belongs to the sentence before it
            elif token.i > 0 and doc[token.i - 1].text in FINAL and not doc[token.i - 1].whitespace_:
                token.is_sent_start = True  # 'Putin."The Ukrainian nation ...': a quote glued to a full stop
                if token.i + 1 < len(doc):
                    doc[token.i + 1].is_sent_start = False
            open_straight = not open_straight
        elif token.text in CLOSING and token.i > 0:
            token.is_sent_start = False
        elif token.i > 0 and token.text in OPENING and doc[token.i - 1].text in FINAL | CLOSING | STRAIGHT:
            token.is_sent_start = True
        elif _glued_start(doc, token) or _glued_dash(doc, token):
            token.is_sent_start = True
            if token.text[:1] in STRAIGHT | OPENING and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = False  # '"The' glued: "Ukrainian" of '"The Ukrainian' goes on
        elif token.i > 0 and _glued_dash(doc, doc[token.i - 1]):
            token.is_sent_start = False  # the quote the dash opens goes on in the same sentence
        elif token.i > 0 and doc[token.i - 1].text in ELLIPSES and token.is_lower and not _after_line_break(
                doc[token.i - 1]):
            token.is_sent_start = False  # "the G7 would splinter and... but we haven't": a pause, not an end
        elif token.i > 0 and doc[token.i - 1].text in COUNTRY_ABBREVIATIONS and token.lower_ in _office_words() \
                and not _after_line_break(doc[token.i - 1]):
            token.is_sent_start = False  # "Retired U.S. Admiral James Stavridis": "U.S." ends no sentence here
    return doc


def _glued_start(doc: Doc, token: Token) -> bool:
    """``token`` opens a sentence glued to a full stop: "target.The last", "OSCE ".He" (not "U.S.Army")."""
    word = token.text.lstrip('"“')  # the tokenizer may glue the quote mark to the word: 'Putin."The'
    if token.i < 2 or not (word.isalpha() and word[:1].isupper() and len(word) > 1):
        return False
    stop = doc[token.i - 1]
    if stop.text in STRAIGHT | CLOSING and not stop.whitespace_ and doc[token.i - 2].text in FINAL:
        return not stop.is_sent_start  # 'win."They cheered': the quote closed, then a sentence glued to it
    if stop.text != "." or stop.whitespace_:
        return False
    before = doc[token.i - 2]
    if before.text in CLOSING | STRAIGHT or before.text in ("'", "’", ")"):
        return True
    return before.is_alpha and before.text[-1].islower() and before.lower_ not in ABBREVIATIONS


def _glued_dash(doc: Doc, token: Token) -> bool:
    """``token`` is a dash glued to a full stop that opens a quote: "very precise.- If they do not"."""
    if token.i < 1 or token.text not in DASHES or token.whitespace_ != " " or token.i + 1 >= len(doc):
        return False
    stop = doc[token.i - 1]
    return stop.text in FINAL and not stop.whitespace_ and doc[token.i + 1].text[:1].isupper()


def _after_line_break(previous: Token) -> bool:
    """True when a line break follows ``previous`` (in its trailing space or as a space token)."""
    if previous.is_space:
        return "\n" in previous.text
    return "\n" in previous.whitespace_
