"""Ingest: formats, metadata, noise lines, encodings and bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from brief.errors import InputError
from brief.ingest import clean_lines, read_articles, split_front_matter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_seed_credit_line_names_the_outlet_and_drops_the_station_slogans() -> None:
    articles = read_articles([SEEDS]).articles
    aljazeera = next(a for a in articles if a.source.path.endswith("003_9f7368638df85b38.txt"))
    assert aljazeera.source.outlet == "Al Jazeera"
    assert aljazeera.source.title == "Russia seeking to create ‘buffer zones’ in Ukraine, says Kremlin"
    assert "234Radio" not in aljazeera.text
    assert "Source:" not in aljazeera.text
    assert not aljazeera.text.startswith("Russia seeking")  # the repeated headline is not article text
    assert aljazeera.text.rstrip().endswith("according to the statement.")


def test_every_kept_line_is_verbatim_from_the_file() -> None:
    for article in read_articles([SEEDS]).articles:
        raw = Path(article.source.path).read_text(encoding="utf-8")
        for line in article.text.splitlines():
            assert line in raw


def test_front_matter_gives_metadata(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: Talks resume\nsource: reuters\nurl: https://example.org/a\n"
                             "published: 2025-05-22\n---\nDelegations met in Istanbul on Friday.\n")
    (article,) = read_articles([tmp_path]).articles
    assert article.source.title == "Talks resume"
    assert article.source.outlet == "Reuters"
    assert article.source.url == "https://example.org/a"
    assert article.source.published == date(2025, 5, 22)
    assert article.text == "Delegations met in Istanbul on Friday."


def test_a_dashed_line_without_keys_is_not_front_matter() -> None:
    meta, body = split_front_matter("---\nThe war goes on.\n")
    assert meta == {} and body.startswith("---")


def test_date_from_a_timestamped_file_name(tmp_path: Path) -> None:
    write(tmp_path, "20220420T150000Z_US_en_c30a589b06.txt", "Russian forces continued their siege of Mariupol.")
    (article,) = read_articles([tmp_path]).articles
    assert article.source.published == date(2022, 4, 20)


def test_folders_are_read_recursively_in_stable_order(tmp_path: Path) -> None:
    write(tmp_path, "b/2.txt", "Second article text here.")
    write(tmp_path, "a/1.txt", "First article text here.")
    write(tmp_path, "c.html", "<html><body><article><p>Third article text in HTML, long enough to keep.</p>"
                              "</article></body></html>")
    write(tmp_path, ".hidden/x.txt", "Hidden.")
    paths = [Path(a.source.path).relative_to(tmp_path).as_posix() for a in read_articles([tmp_path]).articles]
    assert paths[:2] == ["a/1.txt", "b/2.txt"]
    assert ".hidden/x.txt" not in paths
    assert [a.source.id for a in read_articles([tmp_path]).articles][:2] == ["S1", "S2"]


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>Strikes on Kharkiv | Example News</title>
    <meta property="og:site_name" content="Example News"><meta name="date" content="2024-05-11"></head>
    <body><nav>Home | World | Share on Facebook</nav><article><h1>Strikes on Kharkiv</h1>
    <p>Three people were killed in the Kharkiv region overnight, the regional governor said on Saturday.</p>
    <p>Air defences shot down 20 of the 25 drones launched by Russia, the Ukrainian air force said.</p>
    </article><footer>Copyright Example</footer></body></html>"""
    write(tmp_path, "k.html", html)
    (article,) = read_articles([tmp_path]).articles
    assert "Three people were killed in the Kharkiv region" in article.text
    assert "Share on Facebook" not in article.text
    assert article.source.title and "Strikes on Kharkiv" in article.source.title
    assert article.source.published == date(2024, 5, 11)


def test_bom_and_other_encodings(tmp_path: Path) -> None:
    write(tmp_path, "bom.txt", "The talks resumed in Istanbul.".encode("utf-8-sig"))
    write(tmp_path, "cyr.txt", "Переговоры возобновились в Стамбуле, сообщил Кремль сегодня.".encode("cp1251"))
    write(tmp_path, "lat.txt", "Les négociations ont repris à Istanbul, a déclaré le ministère.".encode("latin-1"))
    result = read_articles([tmp_path])
    texts = {Path(a.source.path).name: a.text for a in result.articles}
    assert texts["bom.txt"] == "The talks resumed in Istanbul."
    assert "Стамбуле" in texts["cyr.txt"]
    assert "négociations" in texts["lat.txt"]
    assert any("cyr.txt" in w and "not UTF-8" in w for w in result.warnings)
    assert not any("bom.txt" in w for w in result.warnings)


def test_binary_and_empty_files_are_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", "Three people were killed in Kharkiv.")
    write(tmp_path, "blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "empty.txt", "   \n")
    result = read_articles([tmp_path])
    assert [Path(a.source.path).name for a in result.articles] == ["good.txt"]
    assert any("blob.txt" in w and "binary" in w for w in result.warnings)
    assert any("empty.txt" in w and "empty" in w for w in result.warnings)


@pytest.mark.parametrize("files", [{}, {"blob.txt": b"\x00\x01\x02"}, {"notes.pdf": b"%PDF-1.7"}])
def test_no_usable_article_is_an_input_error(tmp_path: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        read_articles([tmp_path])
    assert str(tmp_path) in str(err.value)
    assert err.value.exit_code == 65


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_articles([tmp_path / "nope"])


def test_noise_lines_are_dropped_but_a_mid_article_source_line_does_not_end_it() -> None:
    body = ("Kyiv said talks would resume.\n\nSource: Twitter\n\nThe Kremlin denied it.\nThe talks failed.\n"
            "More fighting was reported.\nShare on Facebook\nAuthor: AB/CD\n***\n")
    cleaned = clean_lines(body)
    assert "The Kremlin denied it." in cleaned.text
    assert "Share on Facebook" not in cleaned.text and "Author:" not in cleaned.text and "***" not in cleaned.text
    assert cleaned.outlet == "Twitter"


def test_a_promotion_line_in_several_articles_is_dropped_but_their_sentences_stay(tmp_path: Path) -> None:
    promo = "The Sports Moment: A newsletter for the biggest sports news"
    for n in range(3):
        write(tmp_path, f"{n}.txt", f"Drones hit Odesa on day {n}.\n\n{promo}\n\nThe talks will resume in Istanbul.\n")
    articles = read_articles([tmp_path]).articles
    assert len(articles) == 3
    for article in articles:
        assert promo not in article.text
        assert "The talks will resume in Istanbul." in article.text  # a shared sentence is news, kept


def test_a_promotion_line_in_two_articles_is_kept(tmp_path: Path) -> None:
    for n in range(2):
        write(tmp_path, f"{n}.txt", f"Drones hit Odesa on day {n}.\n\nStrikes on the port\n\nMore text here.\n")
    assert all("Strikes on the port" in a.text for a in read_articles([tmp_path]).articles)


def test_a_dateline_is_not_a_title(tmp_path: Path) -> None:
    write(tmp_path, "d.txt", "Melbourne, Australia CNN —\n\nUS Secretary of State Antony Blinken said on Friday that "
                             "an invasion could begin at any time.\n")
    (article,) = read_articles([tmp_path]).articles
    assert article.source.title is None


def test_subscription_lines_are_not_article_text() -> None:
    body = ("Russian forces shelled Kharkiv overnight, the governor said.\n"
            "By submitting your email, you agree to our Terms of Service and Privacy Policy .\n"
            "Sign up for CNN's Meanwhile in America newsletter.\n"
            "skip past newsletter promotion Sign up to Morning Mail Free daily newsletter Our Australian morning "
            "briefing breaks down the key stories of the day, telling you what’s happening and why it matters Enter "
            "your email address Sign up Privacy Notice: Newsletters may contain info about charities, online ads, "
            "and content funded by outside parties. after newsletter promotion\n"
            "Editor’s Note: Mark Hannah is a senior fellow at the Eurasia Group. The views expressed in this "
            "commentary are his own.\n"
            "Two people were wounded.\n")
    cleaned = clean_lines(body)
    assert cleaned.text == "Russian forces shelled Kharkiv overnight, the governor said.\nTwo people were wounded."


def test_a_teaser_box_of_other_stories_is_not_article_text() -> None:
    body = ("Drones hit Odesa overnight, the governor said.\n"
            "Other Topics of Interest Iranian President Dies in Helicopter Crash Russian airstrikes near Kharkiv "
            "kill 11 civilians; Blackouts\n"
            "Two people were wounded.\n")
    assert clean_lines(body).text == "Drones hit Odesa overnight, the governor said.\nTwo people were wounded."


def test_an_article_of_only_boilerplate_is_still_a_source(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Drones hit Odesa overnight, the governor said.\n")
    write(tmp_path, "promo.txt", "The Sports Moment: A newsletter for only the biggest sports news\n\n"
                                 "By submitting your email, you agree to our Terms of Service and Privacy Policy .\n")
    result = read_articles([tmp_path])
    assert [Path(a.source.path).name for a in result.articles] == ["a.txt", "promo.txt"]
    assert result.articles[1].text == ""
    assert any("promo.txt" in w and "boilerplate" in w for w in result.warnings)


def test_a_line_in_capitals_is_a_link_to_another_story_not_article_text() -> None:
    body = ("NEW You can now listen to Fox News articles!\n\n"
            "Biden warned Russia of swift consequences on Tuesday.\n\n"
            "RUSSIA-UKRAINE: BIDEN WARNS OF 'BLOODY, DESTRUCTIVE WAR' IF RUSSIA INVADES UKRAINE: LIVE UPDATES\n\n"
            "The US moved 3,000 troops to Poland.\n\n"
            "CLICK HERE TO GET THE FOX NEWS APP\n")
    assert clean_lines(body).text == ("Biden warned Russia of swift consequences on Tuesday.\n\n"
                                      "The US moved 3,000 troops to Poland.")


def test_a_photos_caption_is_dropped() -> None:
    body = ("Oleg Tinkoff speaks at a conference in Hong Kong, China, on October 31, 2018. "
            "(Anthony Kwan/Bloomberg/Getty Images)\n\n"
            "Russian billionaire Oleg Tinkov has blasted Russia's war in Ukraine (AP).\n\n"
            "Wołodymyr Zelanski Dmytro Larin/Shutterstock\n\nThe talks failed.\n")
    cleaned = clean_lines(body)
    assert "Hong Kong" not in cleaned.text and "Shutterstock" not in cleaned.text
    assert "Russian billionaire Oleg Tinkov" in cleaned.text and "The talks failed." in cleaned.text
