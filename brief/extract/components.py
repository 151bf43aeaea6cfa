"""spaCy components of brief, importable so worker processes (``n_process``) find them.

``brief_paragraphs`` runs before the parser and fixes sentence boundaries the parser gets wrong in news
text: a line break always ends a sentence, and a closing quote mark stays with the sentence it closes
(the parser likes to make a lone ``"`` a sentence of its own).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

OPENING = frozenset("“«")
CLOSING = frozenset("”»")
STRAIGHT = frozenset('"')
FINAL = frozenset(".?!…")


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
            open_straight = not open_straight
        elif token.text in CLOSING and token.i > 0:
            token.is_sent_start = False
        elif token.i > 0 and token.text in OPENING and doc[token.i - 1].text in FINAL | CLOSING | STRAIGHT:
            token.is_sent_start = True
    return doc


def _after_line_break(previous: Token) -> bool:
    """True when a line break follows ``previous`` (in its trailing space or as a space token)."""
    if previous.is_space:
        return "\n" in previous.text
    return "\n" in previous.whitespace_
