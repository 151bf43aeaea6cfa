"""Positions: what a named speaker says their side wants, intends, claims or refuses.

A sentence is a position when it is attributed to a speaker (a speech verb with a named subject, "according
to X", or a direct quote continuing the last speaker) and is not a plain count (those are figures).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from brief.extract.attribution import QUOTE_CHARS, Attribution
from brief.extract.text import cite
from brief.models import Article, Position, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_positions(doc: Doc, article: Article, attributions: list[Attribution]) -> list[Position]:
    positions: list[Position] = []
    last: Speaker | None = None
    for sent, attribution in zip(doc.sents, attributions):
        speaker = attribution.speaker
        text = sent.text.strip()
        if speaker is None and last is not None and text[:1] in QUOTE_CHARS:
            speaker = last  # a quote standing alone continues the last speaker
        if speaker is None:
            continue
        last = speaker
        positions.append(Position(
            side=speaker.side,
            actor=speaker.name,
            statement=text,
            form="quote" if attribution.quoted or text[:1] in QUOTE_CHARS else "reported",
            citations=(cite(article, sent.start_char, sent.end_char),),
        ))
    return positions
