"""spaCy components of brief, importable so worker processes (``n_process``) find them."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("brief_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headings, list items and paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not previous.is_space or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc
