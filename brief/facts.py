"""The facts file (schema ``brief-facts/1``, see the eval GUIDE): every figure, position and development
found; ``"shown": true`` marks the developments the brief displays (an audience shows a few, a brief of
hundreds of articles caps them; the facts file keeps them all). Deterministic: the same inputs give the
same bytes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from brief.compose import merge_developments, merge_figures
from brief.models import ArticleFacts, Brief, Citation, Development, Figure, Position, Source

SCHEMA = "brief-facts/1"


def facts_document(facts: Sequence[ArticleFacts], brief: Brief, shown: Brief | None = None) -> dict[str, Any]:
    """``brief`` is the composed brief; ``shown`` what the audience displays of it (default: all of it)."""
    figures = merge_figures([x for f in facts for x in f.figures])
    positions = [p for f in facts for p in f.positions]
    developments = merge_developments([d for f in facts for d in f.developments])
    displayed = {_quotes(item.fact) for item in (shown or brief).developments}
    return {
        "schema": SCHEMA,
        "title": brief.title,
        "audience": brief.audience,
        "period": {"start": _iso(brief.period_start), "end": _iso(brief.period_end)},
        "sources": [_source(s) for s in brief.sources],
        "developments": [{**_development(d), "shown": _quotes(d) in displayed} for d in developments],
        "figures": [_figure(x) for x in figures],
        "positions": [_position(p) for p in positions],
    }


def facts_json(facts: Sequence[ArticleFacts], brief: Brief, shown: Brief | None = None) -> str:
    return json.dumps(facts_document(facts, brief, shown), ensure_ascii=False, indent=2) + "\n"


def _quotes(fact: Development | Figure | Position) -> tuple[tuple[str, str], ...]:
    return tuple((c.source, c.quote) for c in fact.citations)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _source(s: Source) -> dict[str, Any]:
    return {"id": s.id, "path": s.path, "title": s.title, "outlet": s.outlet, "url": s.url,
            "published": _iso(s.published)}


def _citations(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    return [{"source": c.source, "quote": c.quote, "start": c.start, "end": c.end} for c in citations]


def _development(d: Development) -> dict[str, Any]:
    return {"text": d.text, "date": _iso(d.date), "score": d.score, "citations": _citations(d.citations)}


def _figure(x: Figure) -> dict[str, Any]:
    return {"kind": x.kind, "value": x.value, "qualifier": x.qualifier, "location": x.location,
            "date": _iso(x.date), "claimant": x.claimant, "side": x.side, "note": x.note,
            "citations": _citations(x.citations)}


def _position(p: Position) -> dict[str, Any]:
    return {"side": p.side, "actor": p.actor, "statement": p.statement, "form": p.form,
            "citations": _citations(p.citations)}
