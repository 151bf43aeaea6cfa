"""Plain frozen data passed between the pipeline stages.

ingest → ``Article`` → extract → ``ArticleFacts`` → compose → ``Brief`` → render/deliver.
This module imports nothing of ours, so every stage can depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Qualifier = Literal["exact", "approx", "at_least", "at_most"]
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most")


@dataclass(frozen=True)
class Source:
    """Where an article came from. ``id`` is assigned by ingest in stable order (S1, S2, ...)."""

    id: str
    path: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Article:
    """One article's text: every citation quote is a verbatim span of ``text``."""

    source: Source
    text: str
    warnings: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Citation:
    """A verbatim span ``text[start:end]`` of one source's article text."""

    source: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who says something: a person or body, and the side it speaks for (``None`` when unknown)."""

    name: str
    side: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Figure:
    """A count claimed by someone (or by the outlet when ``claimant`` is None)."""

    kind: str
    value: int
    qualifier: str = "exact"
    location: str | None = None
    date: date | None = None
    claimant: str | None = None
    side: str | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Position:
    """What a speaker says their side wants, intends, claims or refuses."""

    side: str | None
    actor: str
    statement: str
    form: Literal["quote", "reported"] = "reported"
    citations: tuple[Citation, ...] = ()

    @property
    def side_label(self) -> str:
        """The side to group under: an unknown side gets its own group (Jinja's groupby cannot sort None)."""
        return self.side or "Unattributed side"


@dataclass(frozen=True)
class Development:
    """An event a reader must know, told by a trimmed source sentence."""

    text: str
    score: float = 0.0
    date: date | None = None
    citations: tuple[Citation, ...] = ()
    keywords: tuple[str, ...] = ()  # content lemmas and names, for merging the same event across sources


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article (the unit that is cached)."""

    source: Source
    figures: tuple[Figure, ...] = ()
    positions: tuple[Position, ...] = ()
    developments: tuple[Development, ...] = ()


@dataclass(frozen=True)
class Note:
    """A numbered footnote: one quoted sentence of one source."""

    number: int
    source: Source
    quote: str


@dataclass(frozen=True)
class KeyFigure:
    """A total for one kind over the period, with the range of claims (low/best/high)."""

    kind: str
    label: str
    low: int
    best: int
    high: int
    claims: int


@dataclass(frozen=True)
class Item:
    """A composed line of the brief: the fact and the numbers of the notes it rests on."""

    fact: Figure | Position | Development
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Brief:
    """The composed brief, ready to render."""

    title: str
    period_start: date | None
    period_end: date | None
    sources: tuple[Source, ...]
    developments: tuple[Item, ...]
    figures: tuple[Item, ...]
    positions: tuple[Item, ...]
    notes: tuple[Note, ...]
    key_figures: tuple[KeyFigure, ...] = ()
    audience: str = "analyst"
    warnings: tuple[str, ...] = field(default=())

    @property
    def period(self) -> str:
        """The reporting period as text ("2025-05-22", "2025-05-21 – 2025-05-22" or "")."""
        start, end = self.period_start, self.period_end
        if start is None or end is None:
            return ""
        if start == end:
            return start.isoformat()
        return f"{start.isoformat()} – {end.isoformat()}"
