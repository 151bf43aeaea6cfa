"""The facts cache: JSON round trip, keys, incremental runs, the CLI, concurrent writers, a broken file."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cache import (
    FactsCache,
    article_key,
    cache_path,
    extractor_fingerprint,
    facts_from_json,
    facts_to_json,
)
from brief.extract import extract, extract_cached
from brief.ingest import read_articles
from brief.models import Article, Source
from brief.nlp import DEFAULT_MODEL, model_identity

from conftest import make_article

MODEL_ID = "en_test-1.0/spacy-3"
TEXT = ("Ukraine's air force said on Wednesday that Russia launched 48 drones overnight, and 30 were shot down. "
        "\"We will not give up our land,\" President Volodymyr Zelensky said in Kyiv. "
        "At least 12 people were killed in a missile strike on Kharkiv, the regional governor said.")


def no_model(name: str):  # type: ignore[no-untyped-def]
    raise AssertionError(f"the model {name} was loaded although every article was cached")


@pytest.fixture
def seed_articles(seeds: Path) -> tuple[Article, ...]:
    return read_articles([seeds]).articles


def test_round_trip_gives_back_equal_frozen_facts(extract_text) -> None:  # type: ignore[no-untyped-def]
    facts = extract_text(TEXT, published=date(2025, 5, 22), title="Drones over Kyiv", outlet="Reuters")
    assert facts.figures and facts.positions  # the snippet exercises dates, tuples and citations
    again = facts_from_json(facts_to_json(facts), facts.source)
    assert again == facts
    assert all(isinstance(f.date, date) for f in again.figures if f.date)


def test_stored_json_uses_iso_dates_and_no_source_id(extract_text) -> None:  # type: ignore[no-untyped-def]
    facts = extract_text(TEXT, source_id="S7", published=date(2025, 5, 22))
    stored = facts_to_json(facts)
    assert "2025-05-22" in stored
    assert '"S7"' not in stored


def test_cached_facts_take_the_source_of_the_current_run(extract_text) -> None:  # type: ignore[no-untyped-def]
    facts = extract_text(TEXT)
    moved = Source(id="S42", path="elsewhere/a.txt")
    again = facts_from_json(facts_to_json(facts), moved)
    assert again.source == moved
    cited = [c for x in (*again.figures, *again.positions, *again.developments) for c in x.citations]
    assert cited and {c.source for c in cited} == {"S42"}


def test_key_depends_on_text_metadata_and_model_not_on_id_or_path() -> None:
    article = make_article(TEXT, published=date(2025, 5, 22))
    key = article_key(article, MODEL_ID)
    moved = replace(article, source=replace(article.source, id="S9", path="other/place.txt"))
    assert article_key(moved, MODEL_ID) == key
    assert article_key(replace(article, text=TEXT + " More."), MODEL_ID) != key
    assert article_key(replace(article, source=replace(article.source, published=date(2025, 5, 23))),
                       MODEL_ID) != key
    assert article_key(article, "en_other-2.0/spacy-3") != key


def test_extractor_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import brief.extract

    article = make_article(TEXT)
    key = article_key(article, MODEL_ID)
    monkeypatch.setattr(brief.extract, "EXTRACTOR_VERSION", "changed")
    extractor_fingerprint.cache_clear()
    try:
        assert article_key(article, MODEL_ID) != key
    finally:
        monkeypatch.undo()
        extractor_fingerprint.cache_clear()


def test_model_identity_is_read_without_importing_spacy() -> None:
    import subprocess
    import sys

    code = ("import sys; from brief.nlp import model_identity; print(model_identity()); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0].startswith("en_core_web_sm") and out[1] == "False"


def test_model_identity_matches_the_loaded_model(nlp) -> None:  # type: ignore[no-untyped-def]
    from brief.nlp import identity_of

    assert model_identity(DEFAULT_MODEL) == identity_of(nlp)


def test_a_fully_cached_run_does_not_load_the_model(tmp_path: Path, nlp, seed_articles) -> None:  # type: ignore[no-untyped-def]
    with FactsCache(tmp_path / "c.sqlite3") as cache:
        first, stats = extract_cached(seed_articles, DEFAULT_MODEL, cache, load=lambda name: nlp)
        assert (stats.cached, stats.parsed) == (0, len(seed_articles))
        again, stats = extract_cached(seed_articles, DEFAULT_MODEL, cache, load=no_model)
    assert (stats.cached, stats.parsed, stats.model_loaded) == (len(seed_articles), 0, False)
    assert again == first == extract(seed_articles, nlp)


def test_one_new_article_is_the_only_one_parsed(tmp_path: Path, nlp, seed_articles) -> None:  # type: ignore[no-untyped-def]
    new = make_article(TEXT, source_id=f"S{len(seed_articles) + 1}")
    with FactsCache(tmp_path / "c.sqlite3") as cache:
        extract_cached(seed_articles, DEFAULT_MODEL, cache, load=lambda name: nlp)
        facts, stats = extract_cached((*seed_articles, new), DEFAULT_MODEL, cache, load=lambda name: nlp)
    assert (stats.cached, stats.parsed) == (len(seed_articles), 1)
    assert [f.source for f in facts] == [a.source for a in (*seed_articles, new)]


def test_the_same_text_twice_is_parsed_once_and_cited_under_each_id(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    twins = (make_article(TEXT, "S1"), make_article(TEXT, "S2"))
    with FactsCache(tmp_path / "c.sqlite3") as cache:
        facts, stats = extract_cached(twins, DEFAULT_MODEL, cache, load=lambda name: nlp)
    assert stats.parsed == 1
    for f, source_id in zip(facts, ("S1", "S2")):
        assert {c.source for x in f.figures for c in x.citations} == {source_id}


def test_cache_path_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_path() == tmp_path / "xdg" / "brief" / "cache.sqlite3"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_path() == tmp_path / "home" / ".cache" / "brief" / "cache.sqlite3"


def test_build_uses_the_cache_and_no_cache_leaves_it_alone(tmp_path: Path, seeds: Path) -> None:
    from brief import build_brief

    store = tmp_path / "facts.sqlite3"
    first = build_brief([seeds], tmp_path / "a", formats=["json"], cache_file=store)
    second = build_brief([seeds], tmp_path / "b", formats=["json"], cache_file=store)
    assert second.stats == {"cached": len(first.facts), "parsed": 0}
    assert (tmp_path / "a" / "brief.facts.json").read_bytes() == (tmp_path / "b" / "brief.facts.json").read_bytes()
    off = tmp_path / "off.sqlite3"
    build_brief([seeds], tmp_path / "c", formats=["json"], use_cache=False, cache_file=off)
    assert not off.exists()
    assert (tmp_path / "c" / "brief.facts.json").read_bytes() == (tmp_path / "a" / "brief.facts.json").read_bytes()


def test_a_broken_cache_file_is_a_warning_not_a_failure(tmp_path: Path, seeds: Path) -> None:
    from brief import build_brief

    store = tmp_path / "facts.sqlite3"
    store.write_bytes(b"this is not a database" * 100)
    result = build_brief([seeds], tmp_path / "out", formats=["json"], cache_file=store)
    assert any("facts cache not usable" in w for w in result.warnings)
    assert (tmp_path / "out" / "brief.facts.json").exists()


def test_cli_cache_info_and_clear(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from brief.cli import app

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with FactsCache() as cache:
        cache.put_many([("k1", "{}"), ("k2", "{}")])
    runner = CliRunner()
    info = runner.invoke(app, ["cache", "info", "--json"])
    assert info.exit_code == 0, info.output
    assert json.loads(info.stdout) == {"path": str(cache_path()), "entries": 2, "bytes": json.loads(info.stdout)["bytes"]}
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 2" in cleared.output
    assert "0 articles" in runner.invoke(app, ["cache", "info"]).stdout


def test_build_help_documents_no_cache() -> None:
    from brief.cli import app

    assert "--no-cache" in CliRunner().invoke(app, ["build", "--help"]).stdout


def _writer(path: str, prefix: str) -> None:
    with FactsCache(Path(path)) as cache:
        for i in range(40):
            cache.put_many([(f"{prefix}{i}-{j}", "{}") for j in range(5)])
            cache.get_many([f"{prefix}{i}-0"])


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    FactsCache(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), p)) for p in ("a", "b", "c")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with FactsCache(path) as cache:
        assert cache.info().entries == 3 * 40 * 5
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
