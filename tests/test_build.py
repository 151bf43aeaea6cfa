"""End to end: the seeds become an HTML brief, a PDF with footnotes on the page of their call, and a facts file."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from brief import build_brief
from brief.ingest import read_articles

ROOT = Path(__file__).resolve().parent.parent
SCORE = ROOT.parent / "shared" / "eval" / "score.py"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_three_outputs(seed_build) -> None:  # type: ignore[no-untyped-def]
    assert set(seed_build.outputs) == {"html", "pdf", "json"}
    for path in seed_build.outputs.values():
        assert path.is_file() and path.stat().st_size > 0
    assert not list(seed_build.outputs["html"].parent.glob(".*.tmp"))


def test_pdf_pages_say_page_n_of_m_and_carry_their_footnotes(seed_build) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(seed_build.outputs["pdf"].read_bytes()))
    pages = [fold(p.extract_text()) for p in reader.pages]
    total = len(pages)
    assert total >= 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
    # The first development's note: its quote and its outlet stand at the foot of the page of its call.
    first = seed_build.brief.developments[0]
    note = seed_build.brief.notes[first.notes[0] - 1]
    call_page = next(i for i, text in enumerate(pages) if fold(first.fact.text)[:60] in text)
    footer = pages[call_page]
    assert f"{note.number}. {note.source.outlet or 'Unknown outlet'}" in footer
    assert fold(note.quote)[-40:] in footer
    if len(first.notes) > 1:  # two calls read "1,2", never "12"
        assert ",".join(str(n) for n in first.notes[:2]) in footer.replace(" ", "")


def test_notes_name_al_jazeera_for_the_seed_that_credits_it(seed_build) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(seed_build.outputs["pdf"].read_bytes()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Al Jazeera" in text
    html = seed_build.outputs["html"].read_text(encoding="utf-8")
    assert "Al Jazeera" in html


def test_html_is_self_contained_with_notes_linked_both_ways(seed_build) -> None:  # type: ignore[no-untyped-def]
    html = seed_build.outputs["html"].read_text(encoding="utf-8")
    assert "<style>" in html
    assert not re.search(r"<(?:link|script|img)\b", html)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html.split('id="sources"')[0])
    for note in seed_build.brief.notes:
        assert f'id="note-{note.number}"' in html
        assert f'href="#note-{note.number}"' in html
        assert f'id="call-{note.number}"' in html
        assert f'href="#call-{note.number}"' in html
    assert "url(" not in html.split("</style>")[0]  # no font or image file referred to
    for section in ("developments", "key-figures", "figures", "positions", "sources"):
        assert f'<section id="{section}"' in html


def test_every_quote_is_verbatim(seed_build) -> None:  # type: ignore[no-untyped-def]
    facts = json.loads(seed_build.outputs["json"].read_text(encoding="utf-8"))
    texts = {a.source.id: a.text for a in read_articles([ROOT / "seeds"]).articles}
    quotes = [c for kind in ("developments", "figures", "positions") for item in facts[kind]
              for c in item["citations"]]
    assert quotes
    for c in quotes:
        assert texts[c["source"]][c["start"]:c["end"]] == c["quote"]


def test_facts_file_follows_the_schema(seed_build) -> None:  # type: ignore[no-untyped-def]
    facts = json.loads(seed_build.outputs["json"].read_text(encoding="utf-8"))
    assert facts["schema"] == "brief-facts/1"
    assert {s["id"] for s in facts["sources"]} == {"S1", "S2"}
    for figure in facts["figures"]:
        assert {"kind", "value", "qualifier", "location", "claimant", "side", "citations"} <= set(figure)
        assert isinstance(figure["value"], int)
    for position in facts["positions"]:
        assert {"side", "actor", "statement", "citations"} <= set(position)
    for dev in facts["developments"]:
        assert {"text", "citations"} <= set(dev)


@pytest.mark.skipif(not SCORE.exists(), reason="../shared/eval is not beside the project")
def test_scorer_finds_every_quote_verbatim(seed_build) -> None:  # type: ignore[no-untyped-def]
    run = subprocess.run([sys.executable, str(SCORE), str(seed_build.outputs["json"]), str(SCORE.parent / "dev"),
                          "--texts", str(ROOT / "seeds"), "--json"], capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    assert result["articles_seen"] == 2
    assert result["citations"]["verbatim"] == 1.0
    # the seeds' bars of the Figures and Positions issues
    figures, positions, developments = result["figures"], result["positions"], result["developments"]
    assert figures["f1"] >= 0.95 and figures["claimant_agrees"] >= 0.9 and figures["location_agrees"] >= 0.9
    assert positions["f1"] >= 0.9 and positions["actor_agrees"] >= 0.9
    assert developments["coverage"] >= 0.9 and developments["most_per_article"] <= 7


def test_same_inputs_give_identical_html_and_facts(tmp_path: Path, seed_build) -> None:  # type: ignore[no-untyped-def]
    again = build_brief([ROOT / "seeds"], tmp_path, name="brief", formats=("html", "json"))
    assert again.outputs["html"].read_bytes() == seed_build.outputs["html"].read_bytes()
    assert again.outputs["json"].read_bytes() == seed_build.outputs["json"].read_bytes()


def test_only_the_formats_asked_for(tmp_path: Path) -> None:
    result = build_brief([ROOT / "seeds"], tmp_path, name="today", formats=("json",))
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["today.facts.json"]
    assert set(result.outputs) == {"json"}
