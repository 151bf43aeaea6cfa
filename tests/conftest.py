"""Shared fixtures: one real spaCy model per session, the seeds, and a place to build."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The facts cache of the tests lives in a temporary XDG_CACHE_HOME, never in the user's cache."""
    import os

    folder = tmp_path_factory.mktemp("xdg-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def nlp():
    from brief.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory):
    """The analyst brief of the seeds, built once per session."""
    from brief import build_brief

    out = tmp_path_factory.mktemp("seed-build")
    return build_brief([SEEDS], out, name="brief")


def make_article(text: str, source_id: str = "S1", **meta):  # type: ignore[no-untyped-def]
    from brief.models import Article, Source

    return Article(source=Source(id=source_id, path=f"test/{source_id}.txt", **meta), text=text)


@pytest.fixture
def extract_text(nlp):  # type: ignore[no-untyped-def]
    """Run the real extraction on a snippet of text: ``extract_text("Three people were killed.")``."""
    from brief.extract import extract_doc

    def run(text: str, **meta):  # type: ignore[no-untyped-def]
        article = make_article(text, **meta)
        return extract_doc(nlp(article.text), article)

    return run
