"""Audiences: golden HTML per audience, the seeds' executive brief is one page, the analyst shows everything,
and every audience and block is documented in the README.

Regenerate the golden files with ``BRIEF_UPDATE_GOLDEN=1 pytest tests/test_audiences.py``.
"""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path

import pytest

from brief.render import list_audiences, load_audience, render, render_html
from brief.templates_cli import block_names
from tests.brief_sample import sample_brief

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
AUDIENCES = sorted(list_audiences())


@pytest.mark.parametrize("name", AUDIENCES)
def test_golden_html(name: str) -> None:
    brief, labels = sample_brief(name)
    html = render_html(brief, load_audience(name), labels=labels)
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("BRIEF_UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    assert golden.is_file(), f"no {golden}; run with BRIEF_UPDATE_GOLDEN=1"
    assert html == golden.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_facts():  # type: ignore[no-untyped-def]
    from brief.extract import extract
    from brief.ingest import read_articles
    from brief.nlp import load_nlp

    return tuple(extract(read_articles([ROOT / "seeds"]).articles, load_nlp()))


def seed_render(facts, name: str):  # type: ignore[no-untyped-def]
    from brief.compose import Limits, compose
    from brief.extract.figures import kind_labels

    audience = load_audience(name)
    labels = kind_labels()
    limits = Limits(developments=audience.get("max_developments") or None,
                    figures=audience.get("max_figures") or None)
    brief = compose(facts, audience=name, limits=limits, labels=labels)
    return brief, render(brief, audience, labels=labels)


def test_seed_executive_is_exactly_one_page(seed_facts, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        brief, made = seed_render(seed_facts, "executive")
    assert len(PdfReader(io.BytesIO(made.pdf or b"")).pages) == 1 == made.pages
    assert [r.getMessage() for r in caplog.records] == []
    bluf = re.search(r'<ul class="bluf">(.*?)</ul>', made.html, re.S)
    assert bluf is not None
    bullets = re.findall(r"<li>(.*?)<a class=\"call\"", bluf.group(1), re.S)
    assert 3 <= len(bullets) <= 5
    from html import unescape

    texts = {d.fact.text for d in brief.developments}
    assert all(unescape(b) in texts for b in bullets)  # verbatim from the top developments


def test_seed_analyst_renders_every_section(seed_facts) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    brief, made = seed_render(seed_facts, "analyst")
    for section in ("key-figures", "chart", "developments", "figures", "positions", "sources", "notes"):
        assert f'id="{section}"' in made.html, section
    assert "<svg" in made.html
    assert made.html.count('class="fn"') >= len(brief.developments)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(made.pdf or b"")).pages)
    assert "KEY FIGURES AT A GLANCE" in text and "SOURCES" in text and "Page 1 of" in text


def test_public_has_no_marking_and_lists_outlets() -> None:
    brief, labels = sample_brief("public")
    html = render_html(brief, load_audience("public"), labels=labels)
    assert 'class="marking"' not in html and "INTERNAL" not in html
    assert '<dt class="outlet">Kyiv Daily</dt>' in html and "What happened" in html


def test_readme_documents_every_audience_and_block() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Audiences and templates", 1)
    assert len(section) == 2, "README needs an 'Audiences and templates' section"
    for name in AUDIENCES:
        assert f"`{name}`" in section[1], name
    for block in block_names():
        assert f"`{block}`" in section[1], block
    for command in ("brief templates list", "brief templates init", "--templates", "default:brief.html"):
        assert command in section[1], command
