"""Robustness: random text through ingest and extraction, legacy encodings, huge and unreadable files, a
build killed mid-way, a sample of the real corpus."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from brief.errors import InputError
from brief.ingest import MAX_BYTES, read_articles

from conftest import SHARED, make_article

BRIEF = Path(sys.executable).parent / "brief"
CORPUS = SHARED / "corpus" / "news447"

# Text a scraper may hand over: any unicode (no lone surrogates, which no file can hold), control
# characters, runs of digits and punctuation, very long lines, no sentence at all.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=3000)
NEWSY = st.lists(st.sampled_from([
    "Russia", "Ukraine", "said", "killed", "12", "1,000", "drones", "“", "”", '"', "\n", "\n\n", ".", ",",
    "President", "Zelensky", "at least", "about", "people", "were", "on Tuesday", "-", "—", "\t", "\x0b", "\r",
    "Kharkiv", "missiles", "shot down", "according to", "officials", "?", "!", "(", ")", "’", "5.5",
]), max_size=400).map(" ".join)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(ANY_TEXT, NEWSY), suffix=st.sampled_from([".txt", ".md", ".html"]))
@example(text="x" * 200_000, suffix=".txt")
@example(text="---\ntitle: only a header\n---\n", suffix=".md")
@example(text="\x00\x01\x02 binary", suffix=".txt")
def test_ingest_keeps_lines_verbatim_or_skips_with_a_reason(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), f"a{suffix}", text.encode("utf-8"))
        try:
            result = read_articles([path])
        except InputError as exc:
            assert "no usable article" in str(exc)
            return
        article = result.articles[0]
        assert article.text.strip()
        if suffix != ".html":  # HTML text comes out of trafilatura, not line by line
            lines = {line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
            assert all(line.strip() in lines for line in article.text.split("\n"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(text=st.one_of(ANY_TEXT, NEWSY))
@example(text="killed " * 3000)  # one very long line, no sentence end
@example(text="\u200b\u202e\ufeff 12 \u0000 killed\x1f")
@example(text="“" * 50 + " said 5 killed")
def test_extraction_never_fails_and_every_quote_is_verbatim(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    from brief.extract import extract_doc

    article = make_article(text)
    facts = extract_doc(nlp(article.text), article)
    for fact in (*facts.figures, *facts.positions, *facts.developments):
        for c in fact.citations:
            assert c.quote == article.text[c.start:c.end]


def test_cp1251_and_latin1_files_are_decoded_with_a_warning(tmp_path: Path) -> None:
    ru = "Министерство обороны России заявило, что ночью были сбиты 48 беспилотников над Белгородом.\n"
    fr = "Le ministère a déclaré que 12 personnes ont été tuées à Kharkiv, selon les équipes de secours.\n"
    _write(tmp_path, "ru.txt", ru.encode("cp1251"))
    _write(tmp_path, "fr.txt", fr.encode("latin-1"))
    result = read_articles([tmp_path])
    texts = {Path(a.source.path).name: a.text for a in result.articles}
    assert texts == {"fr.txt": fr.strip(), "ru.txt": ru.strip()}
    assert sum("not UTF-8" in w for w in result.warnings) == 2


def _huge(folder: Path) -> Path:
    path = folder / "huge.txt"
    with path.open("wb") as handle:  # a sparse 50 MB file: cheap to make, refused before it is read
        handle.truncate(50 * 1024 * 1024)
    return path


def test_a_50_mb_file_is_skipped_with_a_clear_message(tmp_path: Path, seeds: Path) -> None:
    huge = _huge(tmp_path)
    assert huge.stat().st_size > MAX_BYTES
    result = read_articles([seeds, huge])
    assert [w for w in result.warnings if "huge.txt" in w] == [
        f"{huge}: skipped, 50 MB is larger than the 20 MB limit for one article; split it into articles"]


def test_a_50_mb_file_alone_is_one_line_on_stderr(tmp_path: Path) -> None:
    huge = _huge(tmp_path)
    run = subprocess.run([str(BRIEF), "build", str(huge), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().count("\n") == 0 and "larger than the 20 MB limit" in run.stderr


def test_text_longer_than_the_parser_takes_is_refused(tmp_path: Path) -> None:
    from brief.ingest import MAX_CHARS

    path = _write(tmp_path, "long.txt", ("Twelve people were killed. " * (MAX_CHARS // 20)).encode())
    with pytest.raises(InputError, match="split it into articles"):
        read_articles([path])


def test_an_unreadable_file_is_skipped(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="brief-unreadable-"))  # under /tmp: an unprivileged user can enter
    try:
        os.chmod(folder, 0o755)
        _write(folder, "open.txt", b"Twelve people were killed in Kharkiv, officials said on Monday.\n")
        locked = _write(folder, "locked.txt", b"Twelve people were killed, officials said.\n")
        os.chmod(locked, 0)
        warnings = _warnings_as_unprivileged(folder) if os.geteuid() == 0 else read_articles([folder]).warnings
        assert list(warnings) == [f"{locked}: skipped, cannot be read (Permission denied); check its permissions"]
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def _warnings_as_unprivileged(folder: Path) -> tuple[str, ...]:
    """Root reads any file whatever its mode: read the folder in a child that dropped to user ``nobody``."""
    read_articles([folder / "open.txt"])  # load the rule files while still allowed to
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        code = 1
        try:
            os.close(reader)
            os.setgid(65534)
            os.setuid(65534)
            os.write(writer, "\n".join(read_articles([folder]).warnings).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        out = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        pytest.skip("cannot switch to an unprivileged user here")
    return tuple(out.splitlines())


def _cache_count(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM facts").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_a_build_killed_mid_way_leaves_old_outputs_and_a_usable_cache(tmp_path: Path, seeds: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    store = tmp_path / "xdg" / "brief" / "cache.sqlite3"
    out = tmp_path / "out"
    build = [str(BRIEF), "build", "--out", str(out), "--format", "html,json", "-q"]
    subprocess.run([*build, str(seeds)], env=env, check=True, timeout=300)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    before = _cache_count(store)

    more = tmp_path / "more"
    more.mkdir()
    sentences = [s.replace("\n", " ") for a in read_articles([seeds]).articles for s in a.text.split(". ") if len(s) > 40]
    for i in range(48):  # new texts, so every one is parsed and stored in batches
        (more / f"{i:03}.txt").write_text(f"Report {i}. " + ". ".join(sentences[i % 7:i % 7 + 6]) + ".\n")
    proc = subprocess.Popen([*build, str(seeds), str(more)], env=env)
    deadline = time.monotonic() + 240
    while proc.poll() is None and _cache_count(store) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    now = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert set(now) == set(old)
    if proc.returncode == -signal.SIGKILL:  # killed before it wrote anything: the old outputs, whole
        assert now == old
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = _cache_count(store)
    assert kept >= before

    rerun = subprocess.run([*build, "--json", str(seeds), str(more)], env=env, capture_output=True, text=True,
                           check=True, timeout=300)
    import json

    summary = json.loads(rerun.stdout)
    assert summary["articles"] == 2 + 48
    assert summary["cache"]["cached"] >= kept  # the work committed before the kill is reused


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared news corpus is not on this machine")
def test_a_sample_of_the_real_corpus_builds_with_every_article(tmp_path: Path) -> None:
    import json

    from brief import build_brief

    files = sorted(CORPUS.glob("*.txt"))[::15]  # 30 real articles spread over the whole period
    sample = tmp_path / "sample"
    sample.mkdir()
    for f in files:
        (sample / f.name).symlink_to(f)
    result = build_brief([sample], tmp_path / "out", formats=["json"])
    facts = json.loads((tmp_path / "out" / "brief.facts.json").read_text())
    assert len(facts["sources"]) == len(files) == len(result.facts)


def test_the_cli_module_imports_no_heavy_library() -> None:
    """``brief --help`` stays instant: spaCy, WeasyPrint, Jinja2 and rich load inside the commands."""
    code = ("import sys, brief, brief.cli; "
            "print(sorted(m for m in ('spacy', 'weasyprint', 'jinja2', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_two_workers_give_the_same_facts_as_one(nlp, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    from brief.extract import extract

    articles = read_articles([seeds]).articles
    assert extract(articles, nlp, workers=2, batch_size=1) == extract(articles, nlp, workers=1)
