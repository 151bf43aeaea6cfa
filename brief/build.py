"""The whole pipeline as one library call: ingest → extract → compose → render → write."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief.compose import Limits, compose
from brief.errors import ConfigError
from brief.models import ArticleFacts, Brief
from brief.nlp import DEFAULT_MODEL

if TYPE_CHECKING:
    from brief.cache import FactsCache

FORMATS = ("html", "pdf", "json")
# What a brief shows at most when its audience profile says "all" (0): a week of coverage (hundreds of
# articles) must stay readable. Every figure and position is still in the facts file.
# Long footnote lists also cost: WeasyPrint lays out a page's footnotes again for each one added.
SCALE_CAPS = {"max_developments": 40, "max_figures": 30, "max_positions": 30, "max_positions_per_side": 6,
              "max_notes_per_item": 2}
SUFFIXES = {"html": ".html", "pdf": ".pdf", "json": ".facts.json"}


@dataclass(frozen=True)
class BuildResult:
    brief: Brief
    facts: tuple[ArticleFacts, ...]
    outputs: dict[str, Path]
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)  # articles "cached" and "parsed"


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
    use_cache: bool = True,
    cache_file: Path | None = None,
) -> BuildResult:
    """Build the brief of the articles under ``paths`` and write ``out_dir/NAME.{html,pdf,facts.json}``.

    With ``use_cache`` each article's facts are kept in the facts cache (``cache_file``, default in the user
    cache folder) and a re-run parses only new or changed articles.
    """
    import time

    from brief.extract import extract_cached
    from brief.extract.figures import kind_labels
    from brief.facts import facts_json
    from brief.ingest import read_articles
    from brief.output import ensure_dir, write_atomic
    from brief.render import load_audience, render, view

    if not name or "/" in name or name.startswith("."):
        raise ConfigError(f"'{name}' is not a usable --name; give a plain file name such as 'today'")
    if templates_dir is not None and not templates_dir.is_dir():
        raise ConfigError(f"{templates_dir}: templates folder not found; check --templates")
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    profile = load_audience(audience, templates_dir)  # fail on a bad audience before the slow work
    ingested = read_articles(paths)
    timings["ingest"] = time.perf_counter() - clock

    warnings = list(ingested.warnings)
    clock = time.perf_counter()
    progress.start("Reading articles", len(ingested.articles))
    with _open_cache(use_cache, cache_file, warnings) as cache:
        extracted, stats = extract_cached(ingested.articles, model, cache, workers=workers,
                                          progress=progress.advance)
    facts = tuple(extracted)
    timings["extract"] = time.perf_counter() - clock

    clock = time.perf_counter()
    labels = kind_labels()
    limits = profile_limits(profile)
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
        rendered["json"] = facts_json(facts, brief, view(brief, profile, made.dropped))
    timings["render"] = time.perf_counter() - clock

    ensure_dir(out_dir)
    outputs = {fmt: write_atomic(out_dir / f"{name}{SUFFIXES[fmt]}", data) for fmt, data in rendered.items()}
    return BuildResult(brief=brief, facts=facts, outputs=outputs, warnings=tuple(warnings), timings=timings,
                       stats={"cached": stats.cached, "parsed": stats.parsed})


def profile_limits(profile: Mapping[str, Any]) -> Limits:
    """The section caps of an audience profile; "0" (all) means the scale cap, so a big run stays readable."""
    def cap(name: str) -> int:
        return int(profile.get(name, 0) or 0) or SCALE_CAPS[name]

    return Limits(developments=cap("max_developments"), figures=cap("max_figures"),
                  positions=cap("max_positions"), positions_per_side=cap("max_positions_per_side"),
                  notes_per_item=cap("max_notes_per_item"))


@contextmanager
def _open_cache(enabled: bool, path: Path | None, warnings: list[str]) -> Iterator[FactsCache | None]:
    """The facts cache, or ``None`` when off or unusable (then the run goes on, slower, with a warning)."""
    if not enabled:
        yield None
        return
    import sqlite3

    from brief.cache import FactsCache, cache_path

    try:
        cache = FactsCache(path)
    except (OSError, sqlite3.Error) as exc:
        warnings.append(f"{path or cache_path()}: facts cache not usable ({exc}); every article is parsed")
        yield None
        return
    try:
        yield cache
    finally:
        warnings.extend(cache.errors)
        cache.close()
