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
from functools import lru_cache

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
SAME_EVENT_WORDS = 4  # or this many shared distinctive keywords ...
SAME_EVENT_SHARE = 0.25  # ... making this share of the shorter development's keywords
SAME_EVENT_DAYS = 3  # reports of one event come out within days; words shared a month apart are another event
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
    """One development per event, citing every source that tells it; best first, then by date.

    Each development joins the first kept one (in rank order) from other sources that tells the same event.
    An index from distinctive words to kept developments means only those sharing a word are compared, so
    a week of coverage (thousands of sentences) merges in well under a second.
    """
    common = _common_words()
    ranked = sorted(developments, key=lambda d: (-d.score, d.date or date.min, d.text))
    merged: list[Development] = []
    words: list[frozenset[str]] = []
    sources: list[set[str]] = []
    index: dict[str, list[int]] = defaultdict(list)
    for dev in ranked:
        mine = frozenset(dev.keywords) - common
        cited = {c.source for c in dev.citations}
        candidates = sorted({i for word in mine for i in index.get(word, ())})
        match = next((i for i in candidates if not sources[i] & cited and _near(merged[i].date, dev.date)
                      and _overlap(words[i], mine)), None)
        if match is not None:
            kept = merged[match]
            merged[match] = replace(kept, citations=kept.citations + dev.citations, score=kept.score + 0.5 * dev.score)
            sources[match] |= cited
            continue
        for word in mine:
            index[word].append(len(merged))
        merged.append(dev)
        words.append(mine)
        sources.append(cited)
    return sorted(merged, key=lambda d: (-d.score, d.date or date.min, d.text))


def _near(a: date | None, b: date | None) -> bool:
    """Two dates close enough for one event (an undated report may tell any)."""
    return a is None or b is None or abs((a - b).days) <= SAME_EVENT_DAYS


def _overlap(ka: frozenset[str], kb: frozenset[str]) -> bool:
    """Words every article of the war uses ("Russia", "said") are already left out; then either the usual
    Jaccard overlap holds, or four distinctive words are shared and they make a quarter of the shorter one
    ("establishing a buffer security zone along its border" / "pushing to establish buffer zones along the border").
    """
    if not ka or not kb:
        return False
    shared = ka & kb
    if len(shared) >= 3 and len(shared) / len(ka | kb) >= SAME_EVENT:
        return True
    return len(shared) >= SAME_EVENT_WORDS and len(shared) / min(len(ka), len(kb)) >= SAME_EVENT_SHARE


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from brief.rules import load_rules

    return frozenset(load_rules("developments")["common"])


SAME_DAYS = 1  # two reports of one event may date it a day apart (publication vs. event day)


def _last_word(name: str | None) -> str:
    words = (name or "").lower().split()
    return words[-1] if words else ""


def _place_key(place: str | None) -> str:
    words = (place or "").lower().replace("the ", "").split()
    return words[0] if words else ""


def same_claim(a: Figure, b: Figure) -> bool:
    """The same number for the same thing from the same claimant: kind, value, qualifier and claimant agree,
    and place and date do not disagree (a missing place or date agrees with any)."""
    if (a.kind, a.value, a.qualifier, _last_word(a.claimant)) != (b.kind, b.value, b.qualifier, _last_word(b.claimant)):
        return False
    if _place_key(a.location) and _place_key(b.location) and _place_key(a.location) != _place_key(b.location):
        return False
    return not (a.date and b.date and abs((a.date - b.date).days) > SAME_DAYS)


def merge_figures(figures: list[Figure]) -> list[Figure]:
    """The same claim from several sources becomes one figure citing all of them; different numbers for the
    same thing, or the same number from different claimants, stay side by side."""
    merged: list[Figure] = []
    for figure in figures:
        for i, kept in enumerate(merged):
            if same_claim(kept, figure):
                merged[i] = replace(kept, citations=kept.citations + tuple(
                    c for c in figure.citations if c not in kept.citations),
                    location=kept.location or figure.location, date=kept.date or figure.date,
                    claimant=kept.claimant if len(kept.claimant or "") >= len(figure.claimant or "")
                    else figure.claimant, side=kept.side or figure.side)
                break
        else:
            merged.append(figure)
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(merged, key=lambda f: (rank.get(f.kind, len(rank)), f.kind, -f.value,
                                         f.claimant or "", f.citations[0].source if f.citations else ""))


def _same_incident(a: Figure, b: Figure) -> bool:
    """Two figures of one kind about one event: same place and day, no place to tell them apart, or two
    claimants' numbers in one article (Medinsky's "about 250" and Zelenskyy's "more than 1,000")."""
    if a.kind != b.kind:
        return False
    if a.date is not None and b.date is not None and abs((a.date - b.date).days) > SAME_DAYS:
        return False
    if a.location and b.location and _place_key(a.location) != _place_key(b.location):
        # Two places are two events, unless one article gives the numbers of two claimants: those compete.
        return _same_article(a, b) and _last_word(a.claimant) != _last_word(b.claimant)
    return True  # a figure with no place cannot be told apart: a competing claim, never added on top


def _same_article(a: Figure, b: Figure) -> bool:
    return bool({c.source for c in a.citations} & {c.source for c in b.citations})


def key_figures(figures: list[Figure], labels: dict[str, str]) -> tuple[KeyFigure, ...]:
    """Per kind, a total for the period with the range of claims, as UCDP gives low/best/high.

    Figures are grouped into events (same kind, place and day); within an event the claims give a low, a best
    (the value most sources cite, then the larger) and a high; the kind's total sums its events. Subcounts
    ("including five children") are inside another figure and running totals ("since February 2022") span
    more than the period, so they are left out of the sum, unless a kind has nothing else: then its running
    totals give the range.
    """
    by_kind: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_kind[figure.kind].append(figure)
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    out = []
    for kind in sorted(by_kind, key=lambda k: (rank.get(k, len(rank)), k)):
        claims = by_kind[kind]
        events = [f for f in claims if f.note not in ("subcount", "running total")]
        counted = events or [f for f in claims if f.note == "running total"] or claims
        if not events and len(counted) > 1:
            low, best, high = _range(counted)  # running totals overlap: the range of them, not their sum
        else:
            groups: list[list[Figure]] = []
            for figure in counted:
                group = next((g for g in groups if _same_incident(g[0], figure)), None)
                if group is None:
                    groups.append([figure])
                else:
                    group.append(figure)
            ranges = [_range(g) for g in groups]
            low, best, high = (sum(r[i] for r in ranges) for i in range(3))
        out.append(KeyFigure(kind=kind, label=labels.get(kind, kind.replace("_", " ").capitalize()),
                             low=low, best=best, high=high, claims=len(claims)))
    return tuple(out)


def _range(claims: list[Figure]) -> tuple[int, int, int]:
    """Low, best and high of claims about one thing; best is the value the most sources cite."""
    values = [f.value for f in claims]
    support = Counter()  # type: Counter[int]
    for f in claims:
        support[f.value] += len({c.source for c in f.citations}) or 1
    best = max(values, key=lambda v: (support[v], v))
    return min(values), best, max(values)


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
    """Grouped by side (unknown last), then speaker; the side and the speaker with the most positions first (the
    principal voices: Zelenskyy before a Kyiv resident, and the one line of each side an executive reads is
    theirs), else the one the sources give first. A speaker's positions keep the sources' order; "Zelenskyy" and
    "Volodymyr Zelenskyy" are one speaker, shown by the fuller name."""
    side_of = lambda p: p.side or "~"  # noqa: E731
    speaker_of = lambda p: (side_of(p), _last_word(p.actor))  # noqa: E731
    sides = Counter(side_of(p) for p in positions)
    speakers = Counter(speaker_of(p) for p in positions)
    first: dict[object, int] = {}
    for i, p in enumerate(positions):
        first.setdefault(side_of(p), i)
        first.setdefault(speaker_of(p), i)
    fullest: dict[object, str] = {}  # "Zelenskyy" of one source is the "Volodymyr Zelenskyy" of another
    for p in positions:
        known = fullest.get(speaker_of(p), p.actor)
        if p.actor.endswith(f" {known}") or p.actor == known:
            fullest[speaker_of(p)] = p.actor
    named = [p if not fullest[speaker_of(p)].endswith(f" {p.actor}") else replace(p, actor=fullest[speaker_of(p)])
             for p in positions]
    return sorted(named, key=lambda p: (p.side is None, -sides[side_of(p)], first[side_of(p)],
                                        -speakers[speaker_of(p)], first[speaker_of(p)]))
