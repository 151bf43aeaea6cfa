"""The whole pipeline as one library call: ingest → extract → compose → render → write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.compose import Limits, compose
from brief.errors import ConfigError
from brief.models import ArticleFacts, Brief
from brief.nlp import DEFAULT_MODEL

FORMATS = ("html", "pdf", "json")
SUFFIXES = {"html": ".html", "pdf": ".pdf", "json": ".facts.json"}


@dataclass(frozen=True)
class BuildResult:
    brief: Brief
    facts: tuple[ArticleFacts, ...]
    outputs: dict[str, Path]
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    """Callbacks for a progress display: ``start(stage, total)``, ``advance(n)``."""

    start: Callable[[str, int], None] = lambda stage, total: None
    advance: Callable[[int], None] = lambda n: None


def parse_formats(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return FORMATS
    items = value.split(",") if isinstance(value, str) else list(value)
    chosen = tuple(dict.fromkeys(x.strip().lower() for x in items if x.strip()))
    unknown = [x for x in chosen if x not in FORMATS]
    if unknown or not chosen:
        raise ConfigError(f"unknown format '{','.join(unknown) or value}'; use any of {','.join(FORMATS)}")
    return chosen


def build_brief(
    paths: Sequence[Path],
    out_dir: Path = Path("out"),
    *,
    name: str = "brief",
    formats: Sequence[str] = FORMATS,
    audience: str = "analyst",
    templates_dir: Path | None = None,
    pdf_variant: str | None = None,
    title: str | None = None,
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    progress: Progress = Progress(),
) -> BuildResult:
    """Build the brief of the articles under ``paths`` and write ``out_dir/NAME.{html,pdf,facts.json}``."""
    import time

    from brief.extract import extract
    from brief.extract.figures import kind_labels
    from brief.facts import facts_json
    from brief.ingest import read_articles
    from brief.nlp import load_nlp
    from brief.output import ensure_dir, write_atomic
    from brief.render import load_audience, render

    if not name or "/" in name or name.startswith("."):
        raise ConfigError(f"'{name}' is not a usable --name; give a plain file name such as 'today'")
    if templates_dir is not None and not templates_dir.is_dir():
        raise ConfigError(f"{templates_dir}: templates folder not found; check --templates")
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    profile = load_audience(audience, templates_dir)  # fail on a bad audience before the slow work
    ingested = read_articles(paths)
    timings["ingest"] = time.perf_counter() - clock

    clock = time.perf_counter()
    nlp = load_nlp(model)
    timings["load_model"] = time.perf_counter() - clock
    clock = time.perf_counter()
    progress.start("Reading articles", len(ingested.articles))
    facts = tuple(extract(ingested.articles, nlp, workers=workers, progress=progress.advance))
    timings["extract"] = time.perf_counter() - clock

    clock = time.perf_counter()
    labels = kind_labels()
    limits = Limits(
        developments=int(profile.get("max_developments", 0)) or None,
        figures=int(profile.get("max_figures", 0)) or None,
        positions=int(profile.get("max_positions", 0)) or None,
    )
    brief = compose(facts, title=title, audience=audience, limits=limits, labels=labels)
    timings["compose"] = time.perf_counter() - clock

    clock = time.perf_counter()
    rendered: dict[str, bytes | str] = {}
    if "pdf" in formats:
        progress.start("Rendering PDF", 1)
    made = render(brief, profile, labels=labels, pdf="pdf" in formats, variant=pdf_variant)
    if "html" in formats:
        rendered["html"] = made.html
    if made.pdf is not None:
        rendered["pdf"] = made.pdf
        progress.advance(1)
    if "json" in formats:
        rendered["json"] = facts_json(facts, brief)
    timings["render"] = time.perf_counter() - clock

    ensure_dir(out_dir)
    outputs = {fmt: write_atomic(out_dir / f"{name}{SUFFIXES[fmt]}", data) for fmt, data in rendered.items()}
    return BuildResult(brief=brief, facts=facts, outputs=outputs, warnings=ingested.warnings, timings=timings)
