"""Compose: merge what several sources tell alike, order it, number the footnotes, find the period.

Figures are merged only when they are the same claim (kind, value, qualifier and claimant); different
numbers for the same thing stay side by side. Developments told by several sources become one development
citing all of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from brief.models import (
    ArticleFacts,
    Brief,
    Citation,
    Development,
    Figure,
    Item,
    KeyFigure,
    Note,
    Position,
    Source,
)

DEFAULT_TITLE = "Situation brief"
SAME_EVENT = 0.3  # keyword overlap (Jaccard) above which two developments tell the same event
KIND_ORDER = (
    "killed", "injured", "missing", "prisoners_exchanged", "bodies_returned", "drones_launched",
    "drones_intercepted", "missiles_launched", "missiles_intercepted", "displaced", "evacuated", "detained",
)


@dataclass(frozen=True)
class Limits:
    """How many items of each section the brief shows (None: all)."""

    developments: int | None = None
    figures: int | None = None
    positions: int | None = None
    positions_per_side: int | None = None
    notes_per_item: int | None = None  # footnotes shown per item; the facts keep every citation


def compose(facts: Sequence[ArticleFacts], *, title: str | None = None, audience: str = "analyst",
            limits: Limits = Limits(), labels: dict[str, str] | None = None) -> Brief:
    sources = tuple(f.source for f in facts)
    developments = merge_developments([d for f in facts for d in f.developments])[: limits.developments]
    figures = merge_figures([x for f in facts for x in f.figures])
    positions = order_positions([p for f in facts for p in f.positions])
    shown_figures = figures[: limits.figures]
    shown_positions = _per_side(positions, limits.positions_per_side)[: limits.positions]
    notes = _Notes({s.id: s for s in sources}, limits.notes_per_item)
    return Brief(
        title=title or DEFAULT_TITLE,
        period_start=min((s.published for s in sources if s.published), default=None),
        period_end=max((s.published for s in sources if s.published), default=None),
        sources=sources,
        developments=tuple(notes.item(d) for d in developments),
        figures=tuple(notes.item(x) for x in shown_figures),
        positions=tuple(notes.item(p) for p in shown_positions),
        notes=notes.all(),
        key_figures=key_figures(figures, labels or {}),
        audience=audience,
    )


class _Notes:
    """Footnote numbers in order of first call; the same quote of the same source keeps its number."""

    def __init__(self, sources: dict[str, Source], per_item: int | None = None) -> None:
        self.sources = sources
        self.per_item = per_item
        self.numbers: dict[tuple[str, str], int] = {}
        self.notes: list[Note] = []

    def item(self, fact: Figure | Position | Development) -> Item:
        return Item(fact=fact, notes=tuple(self.number(c) for c in fact.citations[: self.per_item]))

    def number(self, citation: Citation) -> int:
        key = (citation.source, citation.quote)
        if key not in self.numbers:
            self.numbers[key] = len(self.notes) + 1
            self.notes.append(Note(len(self.notes) + 1, self.sources[citation.source], citation.quote))
        return self.numbers[key]

    def all(self) -> tuple[Note, ...]:
        return tuple(self.notes)


def merge_developments(developments: list[Development]) -> list[Development]:
    """One development per event, citing every source that tells it; best first, then by date."""
    ranked = sorted(developments, key=lambda d: (-d.score, d.date or date.min, d.text))
    merged: list[Development] = []
    for dev in ranked:
        for i, kept in enumerate(merged):
            if _same_event(kept, dev) and not {c.source for c in kept.citations} & {c.source for c in dev.citations}:
                merged[i] = replace(kept, citations=kept.citations + dev.citations,
                                    score=kept.score + 0.5 * dev.score)
                break
        else:
            merged.append(dev)
    return sorted(merged, key=lambda d: (-d.score, d.date or date.min, d.text))


def _same_event(a: Development, b: Development) -> bool:
    ka, kb = set(a.keywords), set(b.keywords)
    if not ka or not kb:
        return False
    shared = ka & kb
    return len(shared) >= 3 and len(shared) / len(ka | kb) >= SAME_EVENT


def _claim_key(figure: Figure) -> tuple[str, int, str, str]:
    claimant = (figure.claimant or "").lower().split()
    return figure.kind, figure.value, figure.qualifier, claimant[-1] if claimant else ""


def merge_figures(figures: list[Figure]) -> list[Figure]:
    """The same claim from several sources becomes one figure citing all of them."""
    merged: dict[tuple[str, int, str, str], Figure] = {}
    for figure in figures:
        key = _claim_key(figure)
        if key in merged:
            kept = merged[key]
            merged[key] = replace(kept, citations=kept.citations + figure.citations,
                                  location=kept.location or figure.location, date=kept.date or figure.date)
        else:
            merged[key] = figure
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(merged.values(), key=lambda f: (rank.get(f.kind, len(rank)), f.kind, -f.value,
                                                  f.claimant or "", f.citations[0].source if f.citations else ""))


def key_figures(figures: list[Figure], labels: dict[str, str]) -> tuple[KeyFigure, ...]:
    """Per kind: the lowest, the most cited (best) and the highest claim, as UCDP gives low/best/high."""
    by_kind: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_kind[figure.kind].append(figure)
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    out = []
    for kind in sorted(by_kind, key=lambda k: (rank.get(k, len(rank)), k)):
        claims = by_kind[kind]
        values = [f.value for f in claims]
        support = Counter({f.value: len({c.source for c in f.citations}) for f in claims})
        best = max(values, key=lambda v: (support[v], v))
        out.append(KeyFigure(kind=kind, label=labels.get(kind, kind.replace("_", " ").capitalize()),
                             low=min(values), best=best, high=max(values), claims=len(claims)))
    return tuple(out)


def _per_side(positions: list[Position], cap: int | None) -> list[Position]:
    """The first ``cap`` positions of each side (in the given order), so one side never crowds out the others."""
    if cap is None:
        return positions
    taken: Counter[str | None] = Counter()
    kept = []
    for p in positions:
        taken[p.side] += 1
        if taken[p.side] <= cap:
            kept.append(p)
    return kept


def order_positions(positions: list[Position]) -> list[Position]:
    """Grouped by side (unknown last), then speaker, in the order the sources give them."""
    first_seen: dict[str, int] = {}
    for i, p in enumerate(positions):
        first_seen.setdefault(p.side or "~", i)
    return sorted(positions, key=lambda p: (p.side is None, first_seen[p.side or "~"], p.actor))
