"""Positions: quotes and reported speech, grouped by side; counts and narration are not positions."""

from __future__ import annotations

import pytest

from brief.compose import order_positions
from brief.models import Position


def positions(extract_text, text: str):  # type: ignore[no-untyped-def]
    return extract_text(text).positions


@pytest.mark.parametrize("text", [
    "Zelenskyy said that continuing exchanges are crucial for Ukraine.",
    "Zelenskyy claimed that Russia is not ready to end the war.",
    "Zelenskyy stressed the importance of international pressure on Russia.",
    "Zelenskyy argued that diplomacy must continue despite the attacks.",
    "Zelenskyy warned that Russia was preparing a new offensive.",
    "Zelenskyy denied that Ukrainian troops had crossed the border.",
    "Zelenskyy called for an immediate and full ceasefire.",
    "Russia must end this war, according to Zelenskyy.",
])
def test_reported_speech_forms(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    found = positions(extract_text, text)
    assert len(found) == 1
    assert (found[0].actor, found[0].side, found[0].form) == ("Zelenskyy", "Ukraine", "reported")
    assert found[0].citations[0].quote in text


def test_direct_quote_with_curly_and_straight_marks(extract_text) -> None:  # type: ignore[no-untyped-def]
    for text in ("“The Russians show no signals of a ceasefire,” Zelenskyy said.",
                 "\"The Russians show no signals of a ceasefire,\" Zelenskyy said."):
        found = positions(extract_text, text)
        assert len(found) == 1 and found[0].form == "quote"
        assert found[0].statement == "The Russians show no signals of a ceasefire"


def test_reported_clause_is_trimmed_verbatim(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Kremlin spokesman Dmitry Peskov said that Russia had no intention of waging a full-scale war."
    found = positions(extract_text, text)
    assert found[0].statement == "Russia had no intention of waging a full-scale war"
    assert found[0].statement in text and found[0].citations[0].quote == text


@pytest.mark.parametrize(("text", "statement"), [
    ("But Russia has denied it intends to launch an attack on Ukraine.",
     "has denied it intends to launch an attack on Ukraine"),
    ("The Russian side denies that it would attack Ukraine.", "denies that it would attack Ukraine"),
    ("Landsbergis also does not agree that the world can go back to business as usual with Putin.",
     "also does not agree that the world can go back to business as usual with Putin"),
])
def test_a_denied_or_negated_clause_keeps_its_verb(extract_text, text: str, statement: str) -> None:  # type: ignore[no-untyped-def]
    found = positions(extract_text, text)  # the clause alone would say the opposite of what was said
    assert [p.statement for p in found] == [statement]


@pytest.mark.parametrize(("text", "statement"), [
    ("Kuleba said the build-up “poses a threat to Ukraine”, but he believes it is “insufficient for an offensive”.",
     "Kuleba said the build-up “poses a threat to Ukraine”, but he believes it is “insufficient for an offensive”."),
    ("Lukashenko spoke in Minsk on Monday.\n\n“We do not want war,” he argued, saying that Belarus “never created "
     "problems” for its neighbours.",
     "“We do not want war,” he argued, saying that Belarus “never created problems” for its neighbours."),
    ('Xi Jinping said the talks would be "hard.""We should focus on maintaining peace and stability," Xi Jinping '
     'said.', "We should focus on maintaining peace and stability"),  # the first mark closes the sentence before
])
def test_a_statement_with_two_quotes_keeps_the_words_between_and_every_mark(extract_text, text: str, statement: str
                                                                            ) -> None:  # type: ignore[no-untyped-def]
    found = extract_text(text).positions  # never 'poses a threat to Ukraine”, but he believes it is “insufficient'
    assert found[-1].statement == statement


def test_the_outlets_comment_after_a_dash_is_not_the_speakers(extract_text) -> None:  # type: ignore[no-untyped-def]
    said = ("Mr Putin said the military operation was needed to protect civilians in eastern Ukraine - a claim the US "
            "had predicted he would falsely make to justify an invasion.")
    assert [p.statement for p in extract_text(said).positions] == [
        "the military operation was needed to protect civilians in eastern Ukraine"]
    comma = ("Russia claimed that Ukraine planned to decapitate the government of Transnistria, a claim flatly "
             "rejected by the U.S. and Ukraine.")
    assert [p.statement for p in extract_text(comma).positions] == [
        "Russia claimed that Ukraine planned to decapitate the government of Transnistria"]
    aside = "Kuleba said that Russia – a permanent member of the Security Council – must withdraw its troops."
    assert [p.statement for p in extract_text(aside).positions] == [
        "Russia – a permanent member of the Security Council – must withdraw its troops"]  # an aside, closed


def test_making_clear_is_a_stance_only_with_what_was_made_clear(extract_text) -> None:  # type: ignore[no-untyped-def]
    said = ["Putin made it clear that Russia would not back down.",
            "Zelensky has made clear his intention to win back control of Crimea."]
    assert [len(extract_text(text).positions) for text in said] == [1, 1]
    told = "Divining Putin’s plan may be a pastime, but the Russian President has made his intentions very clear."
    assert extract_text(told).positions == ()  # which intentions, the sentence does not say


def test_the_end_of_a_quote_opened_before_is_shown_as_the_quote(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The Ukrainian Foreign Ministry called on all states to support a special tribunal. “Russia must pay "
            "for its crimes. Thus, we call on our partners to introduce a full oil and gas embargo,” the statement "
            "said.")
    found = extract_text(text).positions
    assert (found[-1].statement, found[-1].form) == (
        "Thus, we call on our partners to introduce a full oil and gas embargo", "quote")


def test_a_clause_whose_subject_the_parser_took_for_an_object_keeps_it(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Joe Biden warned any sign of weakness in confronting Putin over Ukraine may be read in Beijing as "
            "indicating fatal weakness over Taiwan.")
    statements = [p.statement for p in extract_text(text).positions]
    assert all(s.startswith("any sign of weakness") for s in statements) and statements


def test_a_speakers_count_is_a_figure_not_a_position(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Three people were killed in the Kharkiv region as a result of Russia’s overnight launch of 103 "
            "attack drones, Zelenskyy claimed in a social media post on Thursday.")
    facts = extract_text(text)
    assert facts.positions == ()
    assert facts.figures


def test_narration_is_not_a_position(extract_text) -> None:  # type: ignore[no-untyped-def]
    assert positions(extract_text, "Russia and Ukraine continued their airstrikes on one another overnight.") == ()


def test_a_question_or_a_fragment_that_names_nothing_is_not_a_position(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("\"The West wants to weaken Russia for decades. This is true,\" Russian President Vladimir Putin said. "
            "\"Do we want Ukraine to lose?\" Putin asked. \"They don't have to do anything.\"")
    found = positions(extract_text, text)
    assert [p.statement for p in found] == ["The West wants to weaken Russia for decades."]
    assert found[0].actor == "Vladimir Putin" and found[0].side == "Russia"


def test_a_short_denial_is_a_position(extract_text) -> None:  # type: ignore[no-untyped-def]
    found = positions(extract_text, "Tension has mounted on the border. Russia denies planning to invade.")
    assert [(p.actor, p.side, p.statement) for p in found] == [("Russia", "Russia", "Russia denies planning to invade.")]
    assert positions(extract_text, "Russia plans to invade.") == ()


def test_quote_paragraphs_and_odd_marks(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Zelenskyy spoke after the exchange.\n\n"
            "“We will continue to do everything in our power to rescue every person.\n\n"
            "“We will make every effort to make diplomacy work,” he said. An odd mark \" here is harmless.")
    found = positions(extract_text, text)
    assert {p.actor for p in found} == {"Zelenskyy"}
    assert any("rescue every person" in p.statement for p in found)


def test_order_positions_groups_by_side_then_speaker() -> None:
    made = [Position("Ukraine", "Zelenskyy", "a"), Position(None, "Someone", "b"), Position("Russia", "Putin", "c"),
            Position("Ukraine", "Kuleba", "d"), Position("Russia", "Peskov", "e")]
    ordered = order_positions(made)
    assert [(p.side, p.actor) for p in ordered] == [  # as many each: the order the sources give them
        ("Ukraine", "Zelenskyy"), ("Ukraine", "Kuleba"), ("Russia", "Putin"), ("Russia", "Peskov"),
        (None, "Someone")]


def test_the_side_and_the_speaker_with_the_most_positions_come_first() -> None:
    made = [Position("France", "Catherine Colonna", "a"), Position("Ukraine", "Anastasia Sihnaievska", "b"),
            Position("Ukraine", "Zelenskyy", "c"), Position(None, "Someone", "d"), Position("Ukraine", "Kuleba", "e"),
            Position("Ukraine", "Volodymyr Zelenskyy", "f"), Position("France", "Emmanuel Macron", "g")]
    ordered = order_positions(made)
    assert [p.statement for p in ordered] == ["c", "f", "b", "e", "a", "g", "d"]
    assert [p.actor for p in ordered[:2]] == ["Volodymyr Zelenskyy"] * 2  # one speaker, by the fuller name


@pytest.mark.parametrize(("text", "form"), [
    ("“We will make every effort to make diplomacy work,” Zelenskyy said.", "quote"),
    ("Putin said that Russia is establishing a “buffer security zone” along its border with Ukraine.", "reported"),
    ("Peskov said Russia had no intention of waging a full-scale war against Ukraine.", "reported"),
])
def test_only_the_speakers_own_words_are_shown_as_a_quote(extract_text, text: str, form: str) -> None:  # type: ignore[no-untyped-def]
    (position,) = extract_text(text).positions
    assert position.form == form


@pytest.mark.parametrize("text", [
    "According to Reuters, witnesses heard loud explosions near the airfield.",  # a wire reporting an event
    "Wallace expressed his opinion in an interview with the German news agency dpa, Ukrinform reports.",
    "No one abstained or voted against the resolution, according to an Ukrinform correspondent.",
])
def test_a_news_outlet_holds_no_position(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert positions(extract_text, text) == ()


def test_a_speaker_of_no_known_side_keeps_side_null_rather_than_a_guess(extract_text) -> None:  # type: ignore[no-untyped-def]
    (position,) = extract_text("Jane Doe said the government must stop the shelling of the city now.").positions
    assert position.actor == "Jane Doe"
    assert position.side is None


def test_a_reported_clause_cut_short_by_the_parser_shows_the_whole_sentence(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Zelenskyy said the exchange went well. He argued that continuing exchanges and our people’s return "
            "to their countries are crucial.")
    statements = [p.statement for p in extract_text(text).positions]
    assert any(s.endswith("are crucial") or s.endswith("are crucial.") for s in statements), statements
    assert all("return" in s for s in statements if "continuing exchanges" in s)


@pytest.mark.parametrize("text, actor, side", [
    ('The US has accused Russia of deploying chemical weapons as a "method of warfare" in Ukraine.', "US", "United States"),
    ("Zelenskiy decried “hundreds, thousands of military crimes” and Russian atrocities.", "Zelenskiy", "Ukraine"),
    ("Ukraine favours a one-off international tribunal to try the Russian leadership.", "Ukraine", "Ukraine"),
    ("Poland protested it was under “direct attack” after Moscow blocked gas supplies.", "Poland", "Poland"),
    ("The Kremlin hinted that the talks with Kyiv could resume in Istanbul.", "Kremlin", "Russia"),
    ("Zelenskyy labelled the referendums a propaganda show staged by Moscow.", "Zelenskyy", "Ukraine"),
    ("NATO chief Jens Stoltenberg raised the prospect of allies sending more air defences to Ukraine.",
     "Jens Stoltenberg", "NATO"),
    ('"You, NATO and the United States, needed the war," Aleksandr Lukashenko summed up.', "Aleksandr Lukashenko",
     "Belarus"),
])
def test_more_verbs_of_stance_and_the_us_is_no_pronoun(extract_text, text: str, actor: str, side: str) -> None:  # type: ignore[no-untyped-def]
    found = positions(extract_text, text)
    assert [(p.actor, p.side) for p in found] == [(actor, side)]


@pytest.mark.parametrize("text", [
    "Later, President Andrzej Duda told journalists about the course of these consultations.",
    "Vladimir Soloviev asked the head of state whether he sees the possibility of a major war in Europe.",
    "Ben Wallace expressed his opinion in an interview with the German news agency dpa.",  # that he spoke, not what
    # what someone knows is the writer's claim about them, not their words
    "Volodymyr Zelenskiy knows a gold-embossed official invite is unlikely to arrive while his country is at war.",
    # a law says nothing itself
    "In addition, according to the Constitution, territorial issues should be resolved by an all-Ukrainian vote.",
])
def test_telling_that_someone_spoke_or_asked_is_no_stance(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert positions(extract_text, text) == ()


def test_asking_for_something_is_a_stance(extract_text) -> None:  # type: ignore[no-untyped-def]
    found = positions(extract_text, "Zelenskyy asked Western allies to send more air defence systems.")
    assert [p.actor for p in found] == ["Zelenskyy"]


def test_the_speakers_account_of_what_they_did_is_no_stance(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ('"This war must end with Russia\'s defeat. I brought four mental health specialists with me. '
            'We will never stop helping the soldiers," Moroz told Fox News Digital.')
    statements = [p.statement for p in positions(extract_text, text)]
    assert not any("I brought" in s for s in statements)
    assert any("must end" in s for s in statements) and any("never stop" in s for s in statements)


def test_what_a_speaker_did_about_the_war_is_a_stance(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ('"I have been talking about this conflict from the first day. I defined the invasion of Ukraine as '
            'unacceptable aggression, repulsive and senseless," Pope Francis told the Jesuits.')
    assert any("I defined the invasion" in p.statement for p in positions(extract_text, text))


def test_a_state_office_with_no_side_word_speaks_for_the_dateline_country(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("MINSK, 20 June (BelTA) - The exhibition opened in Paris on Monday.\n\n"
            "\"We must preserve the memory of the war,\" Ambassador Dmitry Krutoi said.")
    assert [(p.actor, p.side) for p in positions(extract_text, text)] == [("Dmitry Krutoi", "Belarus")]


def test_one_people_is_no_count_and_making_it_clear_is_a_stance(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ('Putin stated that Russians and Ukrainians are "one people" and that Ukraine did not deserve to exist. '
            "Putin made it clear that Russia would not retreat from the occupied regions. "
            "Putin argued that independent Ukraine was an “artificial division” of two peoples.")
    assert [p.actor for p in positions(extract_text, text)] == ["Putin", "Putin", "Putin"]


def test_a_sourced_number_is_a_fact_not_a_stance(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Russia has about 4,477 deployed and reserve nuclear warheads, according to the Federation of American "
            "Scientists. Belarus has always supported negotiations and hosted three rounds of talks, according to "
            "Aleksandr Lukashenko.")
    assert [p.actor for p in positions(extract_text, text)] == ["Aleksandr Lukashenko"]


def test_a_heading_glued_to_the_line_before_is_still_a_heading(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Duda said the talks went well.\n\nWar in Ukraine.Duda: If Russia wins, it will continue to attack\n\nEnd."
    assert [p.statement for p in positions(extract_text, text)] == ["the talks went well"]


@pytest.mark.parametrize("text", [
    'Scholz said the talks went well.\n\nScholz announces "hard reactions and sanctions" in the event of the invasion\n\nEnd.',
    "Scholz said the talks went well. The newspaper from Berlin reminds that the EU froze the assets.",
    "Scholz said the talks went well. He writes about the backstage of Germany's position on the assets.",
])
def test_headings_newspapers_and_writing_about_are_no_stance(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [p.statement for p in positions(extract_text, text)] == ["the talks went well"]


def test_a_statement_on_another_conflict_is_no_position_on_this_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The White House said the US would not join Israel's retaliation against Iran. "
            "The White House said Russia must withdraw its troops from Ukraine.")
    assert [p.statement for p in positions(extract_text, text)] == ["Russia must withdraw its troops from Ukraine"]


def test_a_person_who_says_something_in_a_relative_clause(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "The minister met Dmitry Medvedev, who suggested that sanctions could be interpreted as international aggression."
    assert [(p.actor, p.side, p.statement) for p in positions(extract_text, text)] == [
        ("Dmitry Medvedev", "Russia", "sanctions could be interpreted as international aggression")]


@pytest.mark.parametrize("name", ["Reuters agency", "the portal Belsat.eu", "BBC Russian service"])
def test_an_agency_or_portal_of_the_news_is_an_outlet(name: str) -> None:
    from brief.extract.positions import is_news_outlet
    from brief.models import Speaker

    assert is_news_outlet(Speaker(name, None, None))
    assert not is_news_outlet(Speaker("Swedish Defence Research Agency", "Sweden", None))


def test_a_speech_in_full_gives_its_stances_not_its_account_of_the_week(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The pressure of Ukraine on Russia will be continued, Ukrainian President Volodymyr Zelensky said in his "
            "video address.\n\nThe full text of the speech is provided below:\n\nTuesday – Italian Prime Minister "
            "Giorgia Meloni was in Kyiv.\n\nWe will return all our people and everything ours from Russian captivity.")
    found = [p.statement for p in positions(extract_text, text)]
    assert "We will return all our people and everything ours from Russian captivity." in found
    assert not any("Meloni" in s for s in found)


def test_two_speakers_of_one_sentence_are_two_positions(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("French President Emmanuel Macron repeated last week that he does not exclude sending troops to Ukraine, "
            "and Cameron said Kyiv’s forces will be able to use British long-range weapons to strike targets inside "
            "Russia.")
    found = positions(extract_text, text)
    assert [(p.actor, p.side) for p in found] == [("Emmanuel Macron", "France"), ("Cameron", "United Kingdom")]
    assert found[0].citations == found[1].citations  # both rest on the one sentence
    # each shows only its own words: Macron is not made to say what Cameron said
    assert [p.statement for p in found] == ["he does not exclude sending troops to Ukraine",
                                            "Kyiv’s forces will be able to use British long-range weapons to strike "
                                            "targets inside Russia"]
    other = positions(extract_text, "Kyiv denied taking any hostile action, and the Kremlin said the drones had "
                                    "come from Ukraine.")
    assert [p.statement for p in other] == ["Kyiv denied taking any hostile action", "the drones had come from Ukraine"]


def test_a_count_told_with_a_stance_is_a_position_too(extract_text) -> None:  # type: ignore[no-untyped-def]
    decried = ('Earlier in the week, Pope Francis decried a "barbarous" missile strike on a Ukrainian mall that left '
               '18 dead, saying that he carries "dear and martyred Ukraine" in his heart every day.')
    denied = ("“There is simply no evidence for these assertions and it defies basic logic to believe the Ukrainians "
              "would choose this moment, with well over 150,000 troops arrayed on its borders, to escalate,” Joe "
              "Biden said.")
    assert [p.side for p in extract_text(decried).positions] == ["Vatican"]
    assert [p.side for p in extract_text(denied).positions] == ["United States"]
    assert extract_text("Ukraine says 14 missiles were fired at the Kyiv region on Sunday.").positions == ()


def test_a_view_expressed_with_its_content_is_a_stance(extract_text) -> None:  # type: ignore[no-untyped-def]
    found = positions(extract_text, "Ben Wallace expressed the view that Germany must send Taurus missiles to Ukraine.")
    assert [(p.actor, p.side) for p in found] == [("Ben Wallace", "United Kingdom")]


@pytest.mark.parametrize("text, statement", [
    # the words that say who says it are trimmed off when a comma sets them apart, before or after
    ("According to the Kremlin spokesman Dmitry Peskov, the talks with Ukraine are frozen for the time being.",
     "the talks with Ukraine are frozen for the time being."),
    ("As the President of the United States added, presenting such statements is part of the Russian strategy.",
     "presenting such statements is part of the Russian strategy."),
    ("What type of arms Ukraine manages to get from its western allies will be decisive, said Dimitri Minic, a "
     "researcher at the French Institute for International Relations.",
     "What type of arms Ukraine manages to get from its western allies will be decisive"),
    ("In connection with the growing fears of Russian aggression, British Prime Minister Boris Johnson announced on "
     "Monday that Britain would send more troops to Estonia.", "Britain would send more troops to Estonia."),
    ("Ukrainian President Volodymyr Zelensky said Saturday sanctions on Russia should be made public before a "
     "possible invasion of Ukraine occurs.",  # the day the parser hung on the clause is when, not what
     "sanctions on Russia should be made public before a possible invasion of Ukraine occurs"),
    # a denial or a negation keeps its verb; a clause too short to stand alone keeps its frame
    ("With Moscow’s troops scoring small advances in recent weeks, the Kremlin doesn’t believe it has to negotiate.",
     "With Moscow’s troops scoring small advances in recent weeks, the Kremlin doesn’t believe it has to negotiate."),
    ("When asked about the property of Russian oligarchs in London, Liz Truss replied that this is not excluded.",
     "When asked about the property of Russian oligarchs in London, Liz Truss replied that this is not excluded."),
])
def test_the_frame_of_a_reported_statement_is_trimmed(extract_text, text: str, statement: str) -> None:  # type: ignore[no-untyped-def]
    (position,) = positions(extract_text, text)
    assert position.statement == statement


def test_the_dash_tail_that_names_the_speaker_is_trimmed(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Burns met Zelensky in Kyiv.\n\n- I think the Russians were not prepared for such resistance at all - said Burns."
    (position,) = positions(extract_text, text)
    assert position.statement == "I think the Russians were not prepared for such resistance at all"
