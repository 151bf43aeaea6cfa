"""Compose: claims merged only when they are the same claim; notes numbered once; the period from the dates."""

from __future__ import annotations

from datetime import date

from brief.compose import compose, key_figures, merge_developments, merge_figures
from brief.models import ArticleFacts, Citation, Development, Figure, Source

S1 = Source("S1", "a.txt", published=date(2025, 5, 21), outlet="Reuters")
S2 = Source("S2", "b.txt", published=date(2025, 5, 23), outlet="BBC")


def cite(source: str, quote: str) -> tuple[Citation, ...]:
    return (Citation(source, quote, 0, len(quote)),)


def fig(value: int, claimant: str | None, source: str, kind: str = "prisoners_exchanged") -> Figure:
    return Figure(kind=kind, value=value, claimant=claimant, citations=cite(source, f"{value} by {claimant}"))


def test_the_same_claim_from_two_sources_becomes_one_figure_citing_both() -> None:
    merged = merge_figures([fig(1000, "Volodymyr Zelenskyy", "S1"), fig(1000, "Zelenskyy", "S2")])
    assert len(merged) == 1
    assert [c.source for c in merged[0].citations] == ["S1", "S2"]


def test_different_claims_stay_side_by_side() -> None:
    merged = merge_figures([fig(250, "Vladimir Medinsky", "S1"), fig(1000, "Volodymyr Zelenskyy", "S1")])
    assert sorted(f.value for f in merged) == [250, 1000]
    (total,) = key_figures(merged, {"prisoners_exchanged": "Prisoners exchanged"})
    assert (total.low, total.high, total.claims) == (250, 1000, 2)
    assert total.label == "Prisoners exchanged"


def test_notes_are_numbered_in_order_and_shared_by_the_same_quote() -> None:
    dev = Development("Talks resumed.", score=2, citations=cite("S1", "Talks resumed."))
    figure = Figure("killed", 3, citations=cite("S1", "Talks resumed."))
    other = Figure("injured", 5, citations=cite("S2", "Five were hurt."))
    brief = compose([ArticleFacts(S1, figures=(figure,), developments=(dev,)), ArticleFacts(S2, figures=(other,))])
    assert [n.number for n in brief.notes] == [1, 2]
    assert brief.developments[0].notes == (1,)
    assert {item.notes for item in brief.figures} == {(1,), (2,)}
    assert brief.notes[1].source.outlet == "BBC"


def test_period_spans_the_sources_dates() -> None:
    brief = compose([ArticleFacts(S1), ArticleFacts(S2)], title="Daily brief")
    assert (brief.period_start, brief.period_end) == (date(2025, 5, 21), date(2025, 5, 23))
    assert brief.title == "Daily brief"
    undated = compose([ArticleFacts(Source("S1", "x.txt"))])
    assert undated.period == ""


def test_the_same_event_from_two_sources_is_one_development() -> None:
    words = ("russia", "buffer", "zone", "border", "establish", "ukraine")
    a = Development("Russia is establishing a buffer zone.", 3, citations=cite("S1", "a"), keywords=words)
    b = Development("Russian forces push to establish buffer zones.", 2, citations=cite("S2", "b"),
                    keywords=words[:5] + ("force",))
    c = Development("Prisoners were exchanged.", 1, citations=cite("S2", "c"), keywords=("prisoner", "exchange"))
    brief = compose([ArticleFacts(S1, developments=(a,)), ArticleFacts(S2, developments=(b, c))])
    assert len(brief.developments) == 2
    assert [c.source for c in brief.developments[0].fact.citations] == ["S1", "S2"]


def test_the_same_words_a_year_apart_are_two_events() -> None:
    words = ("shoigu", "himars", "storm", "shadow", "missile", "crimea")
    a = Development("Shoigu said the use of Himars would be a strike.", 3, date=date(2023, 6, 20),
                    citations=cite("S1", "a"), keywords=words)
    b = Development("Shoigu warned about Himars again.", 2, date=date(2024, 4, 23), citations=cite("S2", "b"),
                    keywords=words)
    c = Development("Shoigu repeated it the next day.", 1, date=date(2023, 6, 22), citations=cite("S2", "c"),
                    keywords=words)
    merged = merge_developments([a, b, c])
    assert [[x.source for x in d.citations] for d in merged] == [["S1", "S2"], ["S2"]]
    assert merged[1].date == date(2024, 4, 23)


def test_a_claim_with_no_place_is_a_competing_claim_not_an_extra_event() -> None:
    medinsky = Figure("prisoners_exchanged", 250, "approx", location="Ukrainian-Belarus border",
                      claimant="Vladimir Medinsky", citations=cite("S1", "about 250"))
    zelenskyy = Figure("prisoners_exchanged", 1000, "at_least", claimant="Volodymyr Zelenskyy",
                       citations=cite("S1", "More than 1, 000"))
    (total,) = key_figures([medinsky, zelenskyy], {})
    assert (total.low, total.high) == (250, 1000)  # side by side as a range, never summed to 1,250
    kharkiv = Figure("killed", 3, location="Kharkiv", citations=cite("S1", "3 in Kharkiv"))
    odesa = Figure("killed", 2, location="Odesa", citations=cite("S2", "2 in Odesa"))
    (killed,) = key_figures([kharkiv, odesa], {})
    assert (killed.low, killed.best, killed.high) == (5, 5, 5)  # two places: two events, added


def test_two_claimants_in_one_article_compete_even_with_different_places() -> None:
    medinsky = Figure("prisoners_exchanged", 250, "approx", location="Ukrainian-Belarus border",
                      claimant="Vladimir Medinsky", citations=cite("S1", "about 250"))
    zelenskyy = Figure("prisoners_exchanged", 1000, "at_least", location="Istanbul",
                       claimant="Volodymyr Zelenskyy", citations=cite("S1", "More than 1, 000"))
    (total,) = key_figures([medinsky, zelenskyy], {})
    assert (total.low, total.high) == (250, 1000)
    governor = [Figure("killed", n, location=place, claimant="Oleh Syniehubov", citations=cite("S1", place))
                for n, place in ((3, "Kharkiv"), (2, "Izium"))]
    (killed,) = key_figures(governor, {})
    assert killed.best == 5  # one claimant, two places: two events
