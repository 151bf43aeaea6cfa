"""Figures, table-driven from the annotation guide (/work/shared/eval/GUIDE.md): every kind, qualifier and
exclusion, on the real spaCy model; and the merging and key-figure totals of compose."""

from __future__ import annotations

from datetime import date

import pytest

from brief.compose import key_figures, merge_figures
from brief.extract.figures import kind_labels
from brief.models import Citation, Figure

KINDS = [
    ("Three people were killed in the Kharkiv region.", ("killed", 3, "exact")),
    ("A woman was killed when a drone hit her house.", ("killed", 1, "exact")),
    ("The strike left ten people dead.", ("killed", 10, "exact")),
    ("Officials said 12 people were wounded in the attack.", ("injured", 12, "exact")),
    ("Fragments fell on a village, hurting 12 people.", ("injured", 12, "exact")),
    ("Two soldiers are still missing after the shelling.", ("missing", 2, "exact")),
    ("More than 1, 000 Ukrainian prisoners were returned under the agreement.", ("prisoners_exchanged", 1000, "at_least")),
    ("About 250 people had been exchanged for prisoners along the border.", ("prisoners_exchanged", 250, "approx")),
    ("Russia handed over the bodies of 757 soldiers.", None),  # bodies without a "returned" word stay out
    ("Ukraine said 909 bodies were repatriated on Friday.", ("bodies_returned", 909, "exact")),
    ("Russia launched 103 attack drones overnight.", ("drones_launched", 103, "exact")),
    ("Air defences shot down 85 drones over six regions.", ("drones_intercepted", 85, "exact")),
    ("Russia fired 14 missiles at the Kyiv region on Sunday.", ("missiles_launched", 14, "exact")),
    ("Twelve missiles were intercepted over the capital.", ("missiles_intercepted", 12, "exact")),
    ("The fighting has displaced 5.9 million people within the country.", ("displaced", 5_900_000, "exact")),
    ("Almost half a million refugees crossed into Poland.", ("displaced", 500_000, "approx")),
    ("Authorities evacuated 1,200 residents from the town.", ("evacuated", 1200, "exact")),
    ("Police detained 15 protesters in Moscow.", ("detained", 15, "exact")),
    ("A 57-year-old suspect was arrested.", ("detained", 1, "exact")),
    ("The bodies of 212 soldiers were returned to Ukraine.", ("bodies_returned", 212, "exact")),
    ("Investigators found a mass grave containing more than 440 bodies near Izium.", ("killed", 440, "at_least")),
    ("At least five Himars missiles crashed into the administration building.", ("missiles_launched", 5, "at_least")),
    ("Sasha Skochilenko was detained in St Petersburg.", ("detained", 1, "exact")),  # one person, named
    ("Pierre Zakrzewski was killed near Kyiv.", ("killed", 1, "exact")),
    ("As many as 100 soldiers may have been killed in the strike.", ("killed", 100, "at_most")),  # a past estimate
    ("The death toll from the missile strike on Uman has risen to 23.", ("killed", 23, "exact")),
    ("The number of injured reached 50 by the evening.", ("injured", 50, "exact")),
    ("Some 3.7 million people remain internally displaced within Ukraine.", ("displaced", 3_700_000, "approx")),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_every_kind(extract_text, text: str, expected: tuple[str, int, str] | None) -> None:
    figures = [(f.kind, f.value, f.qualifier) for f in extract_text(text).figures]
    if expected is None:
        assert not [f for f in figures if f[0] == "killed" and f[1] == 757]
    else:
        assert expected in figures, figures


QUALIFIERS = [
    ("At least five people were killed and 18 injured.", {("killed", 5, "at_least"), ("injured", 18, "exact")}),
    ("Up to 40 drones were launched at Odesa.", {("drones_launched", 40, "at_most")}),
    ("Fewer than 20 people were evacuated.", {("evacuated", 20, "at_most")}),
    ("Nearly 1,000 civilians were killed in the city.", {("killed", 1000, "approx")}),
    ("Some 300 soldiers were captured.", {("detained", 300, "approx")}),
    ("Over 70 drones were shot down.", {("drones_intercepted", 70, "at_least")}),
    ("He added that a 9-year-old child among the others was hurt in Cherkasy.", {("injured", 1, "at_least")}),
    ("The UN has recorded more than 8,000 civilians killed since February 2022.", {("killed", 8000, "at_least")}),
]


@pytest.mark.parametrize(("text", "expected"), QUALIFIERS)
def test_qualifiers(extract_text, text: str, expected: set[tuple[str, int, str]]) -> None:
    assert expected <= {(f.kind, f.value, f.qualifier) for f in extract_text(text).figures}


SPLITS = [
    ("The report found 1,123 civilian casualties, including 364 killed.", {("killed", 364)}),
    ("28 journalists were killed in Ukraine, including seven foreigners.", {("killed", 28), ("killed", 7)}),
    ("Russia's overnight launch of 103 attack drones and four missiles hit the city.",
     {("drones_launched", 103), ("missiles_launched", 4)}),
    ("A block was destroyed, killing at least one and wounding six others including a seven-year-old girl.",
     {("killed", 1), ("injured", 6), ("injured", 1)}),
    ("The strike led to the death of four Russian generals, 58 colonels and 176 lieutenant colonels.",
     {("killed", 4), ("killed", 58), ("killed", 176)}),  # a list after a count of the killed
    ("Of the 10,582 killed, 587 were children.", {("killed", 10582), ("killed", 587)}),  # a share of a whole
    ("Overnight, the enemy attacked with 40 Shahed drones; 37 were shot down.",
     {("drones_launched", 40), ("drones_intercepted", 37)}),  # the drones left unsaid
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_lumps_and_subcounts(extract_text, text: str, expected: set[tuple[str, int]]) -> None:
    found = {(f.kind, f.value) for f in extract_text(text).figures}
    assert found == expected


EXCLUDED = [
    "A 9-year-old girl was among those hurt in the attack.",  # age (the girl counts as 1, never 9)
    "The ninth stage of the exchange took place in the third round of talks.",  # ordinals and rounds
    "The talks lasted 40 minutes and the war entered its three years.",  # durations
    "On 20 March 2003 bombs and missiles rained on Iraqi cities.",  # dates
    "China sold Russia drones worth over $12 million.",  # money
    "The UK is sending more than 1,600 strike and air defence missiles.",  # equipment, not a strike
    "The strike damaged 30 houses and 12 vehicles.",  # buildings and vehicles
    "Russia was losing nearly 1,000 troops a day killed or wounded.",  # a daily rate
    "Dozens of people were killed and hundreds were injured.",  # vague amounts
    "Mr Zakrzewski, 55, was killed in the attack.",  # an age in apposition
    # counts of what has not happened: a condition, a plan, a request, a forecast, a promise
    'Poland has braced itself to receive "up to a million refugees" fleeing Ukraine if Russia invades.',
    "Kyiv has prepared a plan to evacuate the capital's three million residents.",
    "Lavrov said 2.8 million people in Ukraine have asked to be evacuated into Russia.",
    "Officials warned that five million people could flee the country.",
    "Zelensky said Ukraine would return 200 prisoners next week.",
    "If the shelling goes on, 10,000 people will have to leave.",
    "Since September the army liberated over 300 settlements and about 150,000 people.",  # not an exchange
]


@pytest.mark.parametrize("text", EXCLUDED)
def test_exclusions(extract_text, text: str) -> None:
    values = {f.value for f in extract_text(text).figures}
    assert values <= {1}, values


def test_place_date_and_claimant(extract_text) -> None:
    text = ("Following the talks, Vladimir Medinsky stated at a press conference in Istanbul that about 250 people "
            "had been exchanged along the Ukrainian-Belarus border. Three people were killed in the Kharkiv region "
            "on Wednesday, Zelenskyy claimed in a post.")
    facts = extract_text(text, published=date(2025, 6, 5))
    by_value = {f.value: f for f in facts.figures}
    assert by_value[250].claimant == "Vladimir Medinsky"
    assert by_value[250].location == "Ukrainian-Belarus border"  # not Istanbul, where it was said
    assert by_value[3].location == "Kharkiv region"
    assert by_value[3].claimant is not None and "Zelenskyy" in by_value[3].claimant
    assert by_value[3].date == date(2025, 6, 4)  # the Wednesday before a Thursday article


def test_a_person_named_twice_is_one_and_a_described_death_is_none(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The weightlifter Oleksandr Pielieshenko has been killed in the east. The committee said Pielieshenko "
            "died during combat operations on Sunday. Sanctions target three workers at the penal colony where "
            "Alexei Navalny died.")
    assert [(f.kind, f.value, len(f.citations)) for f in extract_text(text).figures] == [("killed", 1, 1)]


def test_a_place_named_after_of_is_the_place(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("At least five people were killed and 18 injured in Russian rocket strikes on railway stations in the "
            "central Ukraine region of Vinnytsia, the Ukrainian prosecutor general's office says.")
    assert {f.location for f in extract_text(text).figures} == {"Vinnytsia"}


def test_a_list_after_a_colon_is_claimed_by_who_introduced_it(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("From 24 February 2022 to 15 February 2024, OHCHR recorded 30,457 civilian casualties in the country: "
            "10,582 killed and 19,875 injured.")
    found = {(f.kind, f.value, f.claimant) for f in extract_text(text).figures}
    assert found == {("killed", 10582, "OHCHR"), ("injured", 19875, "OHCHR")}


def test_a_speech_verb_tagged_a_noun_still_names_the_claimant(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The Ministry of Foreign Affairs of Ukraine issued a statement. As the Ministry notes, the armed conflict "
            "waged by Russia has claimed the lives of about 14,000 people, injured at least 30,000.")
    found = {(f.kind, f.value, f.claimant, f.side) for f in extract_text(text).figures}
    assert ("killed", 14000, "Ministry of Foreign Affairs of Ukraine", "Ukraine") in found


def test_claimant_from_the_body_named_before(extract_text) -> None:
    text = ("Russia's Defense Ministry accused Kyiv of attacking Moscow with drones. Three drones were "
            "intercepted Sunday, the ministry said.")
    (figure,) = extract_text(text).figures
    assert figure.kind == "drones_intercepted" and "Ministry" in (figure.claimant or "")
    assert figure.location == "Moscow"


def test_quote_opened_mid_sentence_keeps_the_speaker_of_the_paragraph_before(extract_text) -> None:
    text = ("In the early days of the war, UNHCR said, \u201cmore than 200,000 refugees per day sought safety across "
            "borders\u201d.\n\nAt the end of 2022, \u2018\u201811.6 million Ukrainians remained displaced,\u2019\u2019 "
            "creating the fastest displacement crisis.")
    figure = next(f for f in extract_text(text).figures if f.value == 11_600_000)
    assert figure.kind == "displaced" and figure.claimant == "UNHCR"


def test_outlet_statement_has_no_claimant(extract_text) -> None:
    (figure,) = extract_text("Three people were killed in Kherson.").figures
    assert figure.claimant is None and figure.location == "Kherson"


def test_same_number_counts_once_per_article(extract_text) -> None:
    text = "More than 1, 000 Ukrainians came back. More than 1, 000 Ukrainian prisoners were returned, Zelenskyy said."
    (figure,) = extract_text(text).figures
    assert figure.value == 1000 and figure.claimant and len(figure.citations) == 2


def test_the_same_number_from_two_claimants_of_one_article_is_one_figure(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("At least five people were killed in Vinnytsia, the governor said. Five people were killed in the "
            "strike on Vinnytsia, the prosecutor general's office says.")
    (figure,) = extract_text(text).figures
    assert (figure.kind, figure.value, len(figure.citations)) == ("killed", 5, 2)


def test_every_quote_is_verbatim(extract_text) -> None:
    text = "Police detained 15 protesters in Moscow.\n\nAt least 190 children have been killed in Sudan."
    for figure in extract_text(text).figures:
        for c in figure.citations:
            assert text[c.start:c.end] == c.quote


def test_every_kind_has_a_label() -> None:
    assert set(kind_labels()) == {
        "killed", "injured", "missing", "prisoners_exchanged", "bodies_returned", "drones_launched",
        "drones_intercepted", "missiles_launched", "missiles_intercepted", "displaced", "evacuated", "detained"}


def _fig(value: int, source: str, claimant: str | None = None, location: str | None = "Kyiv",
         note: str | None = None, kind: str = "killed") -> Figure:
    return Figure(kind=kind, value=value, location=location, claimant=claimant, date=date(2025, 6, 5), note=note,
                  citations=(Citation(source, f"{value} killed", 0, 9),))


def test_merge_same_claim_from_several_sources() -> None:
    merged = merge_figures([_fig(3, "S1", "Zelenskyy"), _fig(3, "S2", "Volodymyr Zelenskyy")])
    assert len(merged) == 1 and {c.source for c in merged[0].citations} == {"S1", "S2"}
    assert merged[0].claimant == "Volodymyr Zelenskyy"


def test_merge_keeps_different_claims_apart() -> None:
    merged = merge_figures([_fig(3, "S1", "Zelenskyy"), _fig(5, "S2", "Peskov"), _fig(3, "S3", "Peskov"),
                            _fig(1, "S4", location="Kyiv"), _fig(1, "S5", location="Cherkasy")])
    assert len(merged) == 5


def test_key_figures_low_best_high() -> None:
    figures = merge_figures([
        _fig(3, "S1", "Zelenskyy"), _fig(3, "S2", "Zelenskyy"), _fig(5, "S3", "Peskov"),  # one incident
        _fig(2, "S4", location="Odesa"),  # another incident adds up
        _fig(1, "S4", location="Odesa", note="subcount"),  # inside another figure: not added
        _fig(8000, "S5", "UN", location=None, note="running total"),  # spans more than the period
    ])
    (killed,) = key_figures(figures, kind_labels())
    assert (killed.low, killed.best, killed.high) == (5, 5, 7)
    assert killed.label == "Killed" and killed.claims == 5


@pytest.mark.parametrize("text", [
    "The event - called the Holodomor by Ukrainians - killed an estimated five million people.",
    "During the Second World War the German invaders killed more than three million Belarusians.",
    "In Syria, more than 300,000 people have died in 10 years of civil war.",
    "In 1986, 31 people were killed in the disaster.",
    "Almost 8 million Venezuelans have fled the country since 2017.",  # a plural names the other country too
])
def test_counts_of_another_era_or_war_are_not_figures(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract_text(text).figures == ()


def test_counts_of_this_war_that_mention_2014_are_figures(extract_text) -> None:  # type: ignore[no-untyped-def]
    (figure,) = extract_text("Since 2014, more than 14,000 people have been killed in the fighting in Donbas.").figures
    assert (figure.kind, figure.value) == ("killed", 14000)


def test_a_comparison_with_an_earlier_era_keeps_the_figure(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("At the end of 2022, 11.6 million Ukrainians remained displaced, the fastest displacement crisis "
            "since the Second World War, UNHCR said.")
    assert [(f.kind, f.value) for f in extract_text(text).figures] == [("displaced", 11600000)]
