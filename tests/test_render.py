"""Render: the sandbox holds against hostile templates, errors are one line with file:line, PDFs are clean."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from brief.errors import EXIT_CONFIG, ConfigError, TemplateError
from brief.render import chart, load_audience, render, render_html, trim_words, view
from tests.brief_sample import sample_brief

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ config.__class__ }}",
    "{{ brief.__class__.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% set x = brief.developments.append(1) %}",
    "{{ profile.update({'marking': 'x'}) }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    "{{ first_call.__globals__ }}",
]
RUNAWAY = [
    "{{ 'a' * 10**8 }}",
    "{{ [1] * 10**8 }}",
    "{{ 2 ** (10 ** 7) }}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{% for i in range(90000) %}{% for j in range(90000) %}{% endfor %}{% endfor %}",
    "{{ 'a'.ljust(10**8) }}",
    "{{ '{:>100000000}'.format(1) }}",
    "{{ '%100000000d' % 1 }}",
    "{{ 'a' | center(100000000) }}",
    "{{ '%100000000d' | format(1) }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ ('a' * 10000).replace('a', 'a' * 10000) | length }}",  # growth by a string method
    "{{ ('a' * 10000).replace('a', 'a' * 1000).replace('a', 'a' * 1000) | length }}",
    "{{ (('a' * 99999) | list) | join('a' * 99999) }}",  # growth by the join filter
    "{{ ('-' * 50000).join(['a' * 50000] * 50) }}",  # and by str.join
]


def user_template(tmp_path: Path, body: str) -> Path:
    (tmp_path / "brief.html").write_text("line one\n" + body + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("body", ESCAPES)
def test_sandbox_blocks_the_usual_escapes(tmp_path: Path, body: str) -> None:
    brief, labels = sample_brief()
    with pytest.raises(TemplateError) as caught:
        render_html(brief, load_audience("analyst", user_template(tmp_path, body)), labels=labels)
    message = str(caught.value)
    assert "\n" not in message and str(tmp_path / "brief.html") in message and ":2" in message
    assert caught.value.exit_code == EXIT_CONFIG


@pytest.mark.parametrize("body", RUNAWAY)
def test_runaway_templates_are_stopped(tmp_path: Path, body: str) -> None:
    brief, labels = sample_brief()
    with pytest.raises(TemplateError) as caught:
        render_html(brief, load_audience("analyst", user_template(tmp_path, body)), labels=labels)
    assert "\n" not in str(caught.value)


def test_a_template_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import brief.render

    monkeypatch.setattr(brief.render, "MAX_RENDER_SECONDS", 0.5)
    body = "{% set l = 'a' * 99999 %}{% for c in l %}{% for d in l %}{% endfor %}{% endfor %}"
    brief_, labels = sample_brief()
    with pytest.raises(TemplateError) as caught:
        render_html(brief_, load_audience("analyst", user_template(tmp_path, body)), labels=labels)
    assert "ran longer than 0.5 s" in str(caught.value) and "\n" not in str(caught.value)


def test_modest_arithmetic_still_works(tmp_path: Path) -> None:
    brief, labels = sample_brief()
    body = ("{{ 'ab' * 3 }} {{ 2**10 }} {{ '%5d' % 42 }} {% for i in range(3) %}{{ i }}{% endfor %} "
            "{{ ['a', 'b'] | join('-') }} {{ 'x y'.replace(' ', '+') }} {{ ','.join(['p', 'q']) }}")
    html = render_html(brief, load_audience("analyst", user_template(tmp_path, body)), labels=labels)
    assert "ababab 1024    42 012 a-b x+y p,q" in html


@pytest.mark.parametrize(("body", "expected"), [
    ("{% if %}", "brief.html:2:"),
    ("{{ brief.nothing }}", "brief.html:2:"),
    ("{{ 1 / 0 }}", "brief.html:2: ZeroDivisionError"),
    ('{% include "missing.html" %}', "template 'missing.html' not found; searched"),
])
def test_template_errors_name_file_and_line(tmp_path: Path, body: str, expected: str) -> None:
    brief, labels = sample_brief()
    with pytest.raises(TemplateError) as caught:
        render_html(brief, load_audience("analyst", user_template(tmp_path, body)), labels=labels)
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_hostile_article_text_is_escaped_and_nothing_fetched(caplog: pytest.LogCaptureFixture) -> None:
    brief, labels = sample_brief()
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        made = render(brief, load_audience("analyst"), labels=labels)
    assert "<script>" not in made.html and "&lt;script&gt;" in made.html
    assert '<img src="http' not in made.html
    assert made.pdf is not None and made.pdf.startswith(b"%PDF")
    assert [r.getMessage() for r in caplog.records] == []  # WeasyPrint's assert_no_logs


def test_fetcher_refuses_files_outside_the_assets(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    body = '{% extends "default:brief.html" %}{% block colophon %}<img src="URL" alt="">{% endblock %}'
    user = tmp_path / "user"
    user.mkdir()
    brief, labels = sample_brief()
    for url in (secret.as_uri(), "file:///etc/passwd", "http://127.0.0.1:9/x.png"):
        (user / "brief.html").write_text(body.replace("URL", url))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            render(brief, load_audience("analyst", user), labels=labels)
        assert any("does not fetch" in r.getMessage() for r in caplog.records), url


def test_pdf_is_tagged_ua_by_default_and_a3b_on_request() -> None:
    from pypdf import PdfReader
    import io

    brief, labels = sample_brief()
    audience = load_audience("analyst")
    ua = PdfReader(io.BytesIO(render(brief, audience, labels=labels).pdf or b""))
    assert "/StructTreeRoot" in ua.trailer["/Root"] and ua.trailer["/Root"]["/Lang"] == "en"
    assert ua.metadata is not None and ua.metadata.title.startswith("Situation brief")
    a3b = PdfReader(io.BytesIO(render(brief, audience, labels=labels, variant="pdf/a-3b").pdf or b""))
    xmp = a3b.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp and b"pdfaid:conformance" in xmp
    with pytest.raises(ConfigError):
        render(brief, audience, labels=labels, variant="pdf/z-9")


def test_shipped_fonts_are_used() -> None:
    brief, labels = sample_brief()
    pdf = render(brief, load_audience("analyst"), labels=labels).pdf or b""
    from pypdf import PdfReader
    import io

    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Inter" in f for f in fonts), fonts


def test_view_renumbers_notes_without_gaps() -> None:
    brief, _ = sample_brief()
    shown = view(brief, load_audience("executive"))
    assert not shown.figures  # the executive shows no figures table, so its notes are gone too
    numbers = [n for part in (shown.developments, shown.positions) for item in part for n in item.notes]
    assert sorted(set(numbers)) == list(range(1, len(shown.notes) + 1)) == [n.number for n in shown.notes]
    sides = [item.fact.side for item in shown.positions]
    assert len(sides) == len(set(sides))  # one line per side


def test_trim_words_only_trims() -> None:
    text = "one two three four five"
    assert trim_words(text, 0) == text and trim_words(text, 9) == text
    assert trim_words(text, 3) == "one two three …"


def test_chart_scale() -> None:
    from brief.models import KeyFigure

    log = chart([KeyFigure("a", "A", 3, 3, 3, 1), KeyFigure("b", "B", 250, 1000, 1000, 2)])
    assert log.scale == "log" and log.rows[1].x_best == 1.0 and log.ticks[-1][1] == "1,000"
    linear = chart([KeyFigure("a", "A", 30, 40, 52, 2)])
    assert linear.scale == "linear" and 0 < linear.rows[0].x_low < linear.rows[0].x_high <= 1


@pytest.mark.parametrize(("profile", "expected"), [
    ('sectoins = ["summary"]', "unknown setting 'sectoins'"),
    ('sections = ["nonsense"]', "unknown section 'nonsense'"),
    ('pdf_variant = "pdf/x-9"', "pdf_variant must be one of"),
    ("max_developments = \"ten\"", "'max_developments' must be a int"),
    ('extends = "mine"', "'extends' loops back"),
])
def test_bad_profiles_are_named(tmp_path: Path, profile: str, expected: str) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "audience.toml").write_text(profile + "\n")
    with pytest.raises(ConfigError, match=expected):
        load_audience("mine", tmp_path)


def test_unknown_audience_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="choose one of: analyst, executive, public"):
        load_audience("minister")


def test_sources_list_the_cited_ones_by_day_and_count_the_rest() -> None:
    """A week's brief of hundreds of articles stays readable: the sources section lists the cited ones."""
    from datetime import date

    from brief.compose import compose
    from brief.models import ArticleFacts, Citation, Development, Source

    def src(n: int, day: int) -> Source:
        return Source(f"S{n}", f"a{n}.txt", title=f"Story {n}", outlet="Reuters", published=date(2024, 5, day))

    def dev(n: int) -> Development:
        text = f"Event number {n} happened."
        return Development(text, score=n, citations=(Citation(f"S{n}", text, 0, len(text)),))

    facts = [ArticleFacts(src(1, 1), developments=(dev(1),)), ArticleFacts(src(2, 2), developments=(dev(2),)),
             ArticleFacts(src(3, 2)), ArticleFacts(src(4, 3))]
    html = render_html(compose(facts), load_audience("analyst"))
    sources = html.split('<section id="sources">')[1].split("</section>")[0]
    assert "Story 1" in sources and "Story 2" in sources
    assert "Story 3" not in sources and "Story 4" not in sources
    assert '<h3 class="sources-day">2024-05-01</h3>' in sources
    assert "2 further sources were read" in sources
