"""A small hand-made brief for render tests: stable across extraction changes, with hostile text in it."""

from __future__ import annotations

from datetime import date

from brief.compose import compose
from brief.models import ArticleFacts, Citation, Development, Figure, Position, Source

HOSTILE = '<img src="http://127.0.0.1:9/x.png"> <script>alert(1)</script>'


def _cite(source: str, quote: str) -> tuple[Citation, ...]:
    return (Citation(source=source, quote=quote, start=0, end=len(quote)),)


def sample_brief(audience: str = "analyst"):  # type: ignore[no-untyped-def]
    s1 = Source(id="S1", path="a.txt", title="Strikes overnight", outlet="Kyiv Daily", published=date(2025, 5, 22),
                url="https://example.org/a")
    s2 = Source(id="S2", path="b.txt", title=f"Talks {HOSTILE}", outlet=None, published=date(2025, 5, 23))
    q = {
        "d1": "Three people were killed in the Kharkiv region overnight, officials said.",
        "d2": "Delegations met in Istanbul on Thursday for a second round of talks.",
        "d3": "Air defences shot down 40 of 52 drones, the air force said.",
        "d4": "More than 1,000 prisoners were exchanged, the largest swap so far.",
        "d5": f"Residents reported damage to homes {HOSTILE}.",
        "f2": "Russia said 5 people were killed.",
        "p1": "“We will not give up our land,” Zelenskyy said.",
        "p2": "The Kremlin said Russia wants a lasting peace on its terms.",
        "p3": "Trump said he had made progress in his call with Putin.",
    }
    f1 = ArticleFacts(
        source=s1,
        developments=tuple(Development(text=q[k], score=10 - i, citations=_cite("S1", q[k]))
                           for i, k in enumerate(("d1", "d3", "d4"))),
        figures=(
            Figure(kind="killed", value=3, location="Kharkiv", claimant="officials", side="Ukraine",
                   citations=_cite("S1", q["d1"])),
            Figure(kind="drones_launched", value=52, claimant="the air force", side="Ukraine",
                   citations=_cite("S1", q["d3"])),
            Figure(kind="prisoners_exchanged", value=1000, qualifier="at_least", citations=_cite("S1", q["d4"])),
        ),
        positions=(Position(side="Ukraine", actor="Zelenskyy", statement="We will not give up our land",
                            form="quote", citations=_cite("S1", q["p1"])),),
    )
    f2 = ArticleFacts(
        source=s2,
        developments=tuple(Development(text=q[k], score=6 - i, citations=_cite("S2", q[k]))
                           for i, k in enumerate(("d2", "d5"))),
        figures=(Figure(kind="killed", value=5, claimant="Russia", side="Russia", citations=_cite("S2", q["f2"])),),
        positions=(
            Position(side="Russia", actor="The Kremlin", statement=q["p2"], citations=_cite("S2", q["p2"])),
            Position(side=None, actor="Trump", statement=q["p3"], citations=_cite("S2", q["p3"])),
        ),
    )
    labels = {"killed": "Killed", "drones_launched": "Drones launched", "prisoners_exchanged": "Prisoners exchanged"}
    return compose([f1, f2], title="Situation brief", audience=audience, labels=labels), labels
