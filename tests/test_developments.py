"""Developments: extractive, at most 7 per article, the same event from several sources merged."""

from __future__ import annotations

from datetime import date

from brief.compose import merge_developments
from brief.extract.developments import MAX_PER_ARTICLE, _Words, choose

ARTICLE = "\n\n".join([
    "Russian forces struck the port of Odesa overnight with drones and missiles, officials said.",
    "Delegations of Russia and Ukraine met in Istanbul on Wednesday for a third round of peace talks.",
    "The talks lasted only 40 minutes and failed to agree on a ceasefire.",
    "Both sides agreed to exchange 1,000 prisoners of war in the coming days.",
    "The weather in Istanbul was mild.",
    "Turkey offered to host a meeting between the two presidents.",
    "Poland closed two border crossings after a drone entered its airspace.",
    "The European Union approved a new package of sanctions against Moscow.",
    "Shops in Kyiv stayed open.",
    "Ukraine launched a counteroffensive near Zaporizhzhia, its army announced.",
])


def test_developments_are_verbatim_and_at_most_seven(extract_text) -> None:  # type: ignore[no-untyped-def]
    facts = extract_text(ARTICLE, published=date(2025, 5, 22))
    assert 0 < len(facts.developments) <= MAX_PER_ARTICLE == 7
    for dev in facts.developments:
        citation = dev.citations[0]
        assert ARTICLE[citation.start:citation.end] == citation.quote == dev.text
        assert dev.date == date(2025, 5, 22)
    assert not any(d.text.startswith(("The weather", "Shops")) for d in facts.developments)


def test_attribution_tail_is_trimmed(extract_text) -> None:  # type: ignore[no-untyped-def]
    facts = extract_text(ARTICLE)
    odesa = next(d for d in facts.developments if "Odesa" in d.text)
    assert odesa.text == "Russian forces struck the port of Odesa overnight with drones and missiles"


def test_same_event_from_two_sources_merges(nlp) -> None:  # type: ignore[no-untyped-def]
    from brief.extract import extract_doc
    from tests.conftest import make_article

    one = make_article("Russian President Vladimir Putin said on May 22 that Russia is establishing a “buffer "
                       "security zone” along its border with Ukraine.", "S1")
    two = make_article("The Kremlin claims that Russian forces are pushing to establish “buffer zones” along the "
                       "Ukrainian border.", "S2")
    devs = [d for a in (one, two) for d in extract_doc(nlp(a.text), a).developments]
    merged = merge_developments(devs)
    assert len(merged) == 1
    assert {c.source for c in merged[0].citations} == {"S1", "S2"}


def test_seeds_buffer_zone_is_one_development_citing_both(seed_build) -> None:  # type: ignore[no-untyped-def]
    buffer = [item.fact for item in seed_build.brief.developments
              if "buffer" in " ".join(c.quote for c in item.fact.citations)]
    assert len(buffer) == 1 and len({c.source for c in buffer[0].citations}) == 2


def test_the_lead_is_kept_even_when_a_source_it_names_reports_more(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("China provided Russia with drones and parts worth over $12 million, the New York Times said.\n\n"
            + "\n\n".join(f"Officials in city number {i} said trade with Russia was growing by the week." for i in range(9))
            + "\n\n\"Sanctions failed to stop the import of drones by Moscow,\" wrote the New York Times.")
    texts = [d.text for d in extract_text(text).developments]
    assert any(t.startswith("China provided Russia") for t in texts)


def test_a_partys_statement_outranks_narration_and_quote_fragments(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join([
        "The summit opened in Bavaria on Sunday with the war at the top of the agenda.",
        *[f"The weather in the town of number {i} stayed mild for the time of the year." for i in range(8)],
        "\"We will not stop. We will keep the pressure on Moscow for as long as it takes to end it.\"",
        "Putin said Russia had moved a first batch of tactical nuclear weapons to Belarus.",
    ])
    texts = [d.text for d in extract_text(text).developments]
    assert any(t.startswith("Putin said Russia had moved") for t in texts)
    assert texts.index(next(t for t in texts if t.startswith("Putin"))) < 3


def test_a_sentence_that_says_too_little_is_no_development(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join([
        "The summit opened in Bavaria on Sunday with the war at the top of the agenda.",
        "\"This is true,\" Putin said.",
        "Farmers in the south brought in a record harvest of wheat and barley this summer.",
        "Schools in the capital reopened their doors to pupils after the long holidays.",
        "Railway engineers repaired the bridge over the river ahead of the winter season.",
        "Museums across the region extended their opening hours for the autumn festival.",
        "Bakeries reported rising prices for flour and sugar across several markets.",
        "Hospitals received new equipment for their maternity and children's wards.",
    ])
    texts = [d.text for d in extract_text(text).developments]
    assert not any(t.startswith("\"This is true") for t in texts)  # a party's words, but only three of them


def test_background_of_an_earlier_year_ranks_below_the_news(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join([
        "Moldova's president said Russia had planned a coup to topple her government.",
        "Crimea was taken by Russia in 2014 after a so-called referendum on the peninsula.",
        "Maia Sandu said the plot involved foreign saboteurs who would storm government buildings.",
        "Officials in Chisinau gave no further details of the investigation.",
        "Moldova expelled a Russian diplomat from Chisinau on Monday.",
    ])
    texts = [d.text for d in extract_text(text, published=date(2023, 2, 13)).developments]
    news, background = texts.index(
        "Moldova expelled a Russian diplomat from Chisinau on Monday."), texts.index(
        "Crimea was taken by Russia in 2014 after a so-called referendum on the peninsula.")
    assert news < background  # though the background comes first in the article


def test_last_year_is_still_the_news_in_the_first_weeks_of_a_new_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join([
        "Ukraine's air force reported fresh attacks on Kyiv and Lviv.",
        "Kyiv's mayor urged residents to stay in shelters.",
        "Schools in the capital moved to online lessons.",
        "Russia launched 158 missiles and drones at Ukraine on Dec. 29, 2023, the largest attack of the war.",
        "Power cuts followed in several regions.",
        "Engineers repaired the damaged lines within a day.",
    ])
    def rank_of_the_attack(published: date) -> float:
        devs = extract_text(text, published=published).developments
        return next(d.score for d in devs if d.text.startswith("Russia launched 158"))

    assert rank_of_the_attack(date(2024, 1, 3)) > rank_of_the_attack(date(2024, 6, 3))  # news in January only


def test_a_date_said_the_british_way_or_as_this_week_tells_when_it_happened(nlp) -> None:  # type: ignore[no-untyped-def]
    from brief.extract.developments import sentence_features
    from tests.conftest import make_article

    dated = ["Russia struck the port of Odesa on 22 May.", "Russia struck the port of Odesa this week.",
             "Russia struck the port of Odesa on Feb. 24.", "Russia struck the port of Odesa earlier this month."]
    article = make_article("\n\n".join([*dated, "Russia struck the port of Odesa in the war.",
                                         "Officials gave no date in May 2022."]), "S1")
    when = {sent.text.strip(): features["when"] for sent, _, features in sentence_features(nlp(article.text), article)}
    assert [when[d] for d in dated] == [1.0] * 4
    assert when["Russia struck the port of Odesa in the war."] == when["Officials gave no date in May 2022."] == 0.0


def test_a_sentence_on_the_articles_subject_ranks_above_an_aside(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join([
        "Turkey hosted talks on the Black Sea grain corridor on Tuesday.",
        "Insurers said grain ships would need naval escorts in the corridor.",
        "A new metro line opened across the city on the same day.",
        "Freighters loaded with grain have waited for the corridor to reopen.",
        "The corridor carried 33 million tonnes of grain before Russia quit it.",
    ])
    texts = [d.text for d in extract_text(text, published=date(2023, 8, 1)).developments]
    aside = texts.index("A new metro line opened across the city on the same day.")
    ships = texts.index("Freighters loaded with grain have waited for the corridor to reopen.")
    assert ships < aside  # though the aside comes first


def test_every_feature_of_the_ranker_has_a_weight(nlp) -> None:  # type: ignore[no-untyped-def]
    from brief.extract.developments import _weights, sentence_features
    from tests.conftest import make_article

    article = make_article(ARTICLE, "S1")
    rows = sentence_features(nlp(article.text), article)
    weights, _ = _weights()
    assert rows and all(set(features) == set(weights) for _, _, features in rows)


def test_the_fitting_script_prints_the_weights_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    shared = root.parent / "shared"
    gold = tmp_path / "gold"
    gold.mkdir()
    for seed in (shared / "seeds").glob("*.txt"):
        (gold / f"{seed.stem}.json").write_text((shared / "eval" / "dev" / f"{seed.stem}.json").read_text())
    out = subprocess.run([sys.executable, str(root / "benchmarks" / "fit_developments.py"), "--gold", str(gold),
                          "--texts", str(shared / "seeds"), "--loo"], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("# leave-one-article-out coverage") and "[weights]" in lines
    from brief.extract.developments import _weights
    assert {line.split(" = ")[0] for line in lines if " = " in line} == set(_weights()[0]) | {"bias"}


def test_the_blind_annotations_point_at_sentences_of_their_articles(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "held"
    subprocess.run([sys.executable, str(root / "benchmarks" / "fit_developments.py"), "--gold",
                    str(root / "benchmarks" / "blind_gold.json"), "--gold", str(root / "benchmarks" / "blind_gold_b.json"),
                    "--gold", str(root / "benchmarks" / "blind_gold_c.json"), "--gold", str(root / "benchmarks" / "blind_gold_d.json"),
                    "--texts", str(root.parent / "shared" / "corpus" / "news447"), "--expand", str(out)], check=True)
    golds = sorted(out.glob("*.json"))
    assert len(golds) == 66 + 24 + 24 + 21
    empty = 0
    for gold in golds:
        text, data = gold.with_suffix(".txt").read_text(encoding="utf-8"), json.loads(gold.read_text(encoding="utf-8"))
        evidence = [e for d in data["developments"] for e in d["evidence_any"]] + [p["evidence"] for p in data["positions"]]
        assert all(e.strip() and e in text for e in evidence)
        empty += not evidence  # a newsletter sign-up page, a letters-page headline: nothing to find
    assert empty == 3


def test_a_sentence_next_to_a_chosen_one_gives_way_to_one_as_good_elsewhere(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten.")
    sents = list(doc.sents)
    words = [_Words(frozenset(), frozenset(), frozenset({f"event{i}"})) for i in range(len(sents))]
    scores = [0.9, 0.85, 0.8, 0.75, 0.74, 0.73, 0.72, 0.71, 0.1, 0.05]
    picked = [s.text for _, s, _ in choose([(sc, i, sents[i], words[i]) for i, sc in enumerate(scores)])]
    # 0.85 right after 0.9 counts 0.70 against 0.8 two sentences on, and so on
    assert picked[:4] == ["One.", "Three.", "Five.", "Seven."] and len(picked) == 7
