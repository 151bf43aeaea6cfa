"""brief's benchmarks: medians over several runs, printed as a table (and optionally saved as JSON).

    .venv/bin/python benchmarks/run.py [CORPUS] [--runs 3] [--workers 1] [--json out.json]

CORPUS defaults to ../shared/corpus/news447 (relative to the repository). What is measured:

* ``brief --help`` (a fresh process each time; must stay under 0.3 s);
* a cold ``brief build seeds`` (fresh process, empty facts cache), wall and CPU time, peak memory;
* a cold ``brief build CORPUS`` (same), and a re-run after one article was added (the cache holds every
  other article);
* extraction throughput on CORPUS (articles/s, words/s) next to a bare ``nlp.pipe`` over the same texts,
  same model, batch size and processes: the ratio says how close extraction is to the NLP stage's limit;
* the PDF render time of the corpus' analyst brief.

Every build runs in a subprocess with its own ``XDG_CACHE_HOME``, so your own cache is never touched. The
machine may be shared: wall times move with its load, CPU times much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = Path(sys.executable).parent / "brief"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news447"


@dataclass(frozen=True)
class Run:
    """One subprocess: wall seconds, CPU seconds (user + system) and peak resident memory in MiB."""

    wall: float
    cpu: float
    peak_mib: float


def run_process(args: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``args`` and measure it with ``wait4`` (its own rusage, not every child's)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(args), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(args)} failed ({proc.returncode}):\n{err}")
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak_mib=usage.ru_maxrss / 1024)


def env_with_cache(folder: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(folder)}


def median_runs(runs: list[Run]) -> dict[str, float]:
    return {"wall_s": statistics.median(r.wall for r in runs), "cpu_s": statistics.median(r.cpu for r in runs),
            "peak_mib": max(r.peak_mib for r in runs), "runs": len(runs)}


def bench_help(n: int) -> dict[str, float]:
    return median_runs([run_process([str(BRIEF), "--help"]) for _ in range(max(n, 5))])


def cold_builds(paths: Sequence[Path], n: int, work: Path, workers: int) -> tuple[dict[str, float], Path]:
    """``n`` builds, each with an empty cache; returns the medians and the cache folder of the last one."""
    runs = []
    cache = work
    for i in range(n):
        cache = work / f"cache-cold-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        args = [str(BRIEF), "build", *map(str, paths), "--out", str(work / "out"), "-q", "--workers", str(workers)]
        runs.append(run_process(args, env_with_cache(cache)))
    return median_runs(runs), cache


def rerun_one_added(corpus: Path, warm_cache: Path, n: int, work: Path, workers: int) -> dict[str, float]:
    """The corpus again after its newest article was "added": a copy of the warm cache without that article."""
    from brief.cache import FILE_NAME, article_key
    from brief.ingest import read_articles
    from brief.nlp import DEFAULT_MODEL, model_identity

    newest = read_articles([corpus]).articles[-1]
    key = article_key(newest, model_identity(DEFAULT_MODEL) or "")
    runs = []
    for i in range(n):
        cache = work / f"cache-warm-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(warm_cache, cache)
        with sqlite3.connect(cache / "brief" / FILE_NAME) as db:
            removed = db.execute("DELETE FROM facts WHERE key = ?", (key,)).rowcount
        if removed != 1:
            raise SystemExit("benchmark: the newest article was not in the warm cache")
        args = [str(BRIEF), "build", str(corpus), "--out", str(work / "out"), "-q", "--workers", str(workers)]
        runs.append(run_process(args, env_with_cache(cache)))
    return median_runs(runs)


def throughput(corpus: Path, n: int, workers: int) -> dict[str, float]:
    """Extraction (parse + rules) vs a bare ``nlp.pipe`` over the same texts, interleaved, medians of each."""
    from brief.extract import BATCH_SIZE, extract
    from brief.ingest import read_articles
    from brief.nlp import load_nlp

    articles = read_articles([corpus]).articles
    words = sum(a.words for a in articles)
    nlp = load_nlp()
    nlp(articles[0].text)  # warm up

    def bare() -> None:
        for _ in nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE, n_process=workers):
            pass

    def full() -> None:
        extract(articles, nlp, workers=workers, batch_size=BATCH_SIZE)

    times: dict[str, list[float]] = {"bare": [], "extract": []}
    for _ in range(n):
        for name, fn in (("bare", bare), ("extract", full)):
            times[name].append(timed(fn))
    bare_s, extract_s = statistics.median(times["bare"]), statistics.median(times["extract"])
    return {
        "articles": len(articles), "words": words, "batch_size": BATCH_SIZE, "workers": workers,
        "bare_s": bare_s, "extract_s": extract_s,
        "bare_articles_per_s": len(articles) / bare_s, "extract_articles_per_s": len(articles) / extract_s,
        "bare_words_per_s": words / bare_s, "extract_words_per_s": words / extract_s,
        "ratio": bare_s / extract_s, "runs": n,
    }


def pdf_render(corpus: Path, warm_cache: Path, n: int) -> dict[str, float]:
    """Compose + HTML + PDF of the corpus' analyst brief, from cached facts."""
    os.environ["XDG_CACHE_HOME"] = str(warm_cache)
    from brief.build import profile_limits
    from brief.cache import FactsCache
    from brief.compose import compose
    from brief.extract import extract_cached
    from brief.extract.figures import kind_labels
    from brief.ingest import read_articles
    from brief.nlp import DEFAULT_MODEL
    from brief.render import load_audience, render_html, render_pdf

    articles = read_articles([corpus]).articles
    with FactsCache() as cache:
        facts, stats = extract_cached(articles, DEFAULT_MODEL, cache)
    profile = load_audience("analyst")
    labels = kind_labels()
    brief = compose(facts, limits=profile_limits(profile), labels=labels)
    html = render_html(brief, profile, labels=labels)
    render_pdf(html, profile)  # warm up: imports, fonts
    pdf_times = [timed(lambda: render_pdf(html, profile)) for _ in range(n)]
    compose_times = [timed(lambda: compose(facts, limits=profile_limits(profile), labels=labels)) for _ in range(n)]
    return {"pdf_s": statistics.median(pdf_times), "compose_s": statistics.median(compose_times),
            "notes": len(brief.notes), "html_kib": len(html.encode()) / 1024, "from_cache": stats.cached, "runs": n}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="folder of articles")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--workers", type=int, default=1, help="--workers for the builds and nlp.pipe")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--skip", default="", help="comma list of: help,seeds,corpus,throughput,pdf")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: no such folder of articles")
    skip = set(filter(None, args.skip.split(",")))
    results: dict[str, object] = {"corpus": str(args.corpus), "python": sys.version.split()[0],
                                  "cpus": os.cpu_count()}
    work = Path(tempfile.mkdtemp(prefix="brief-bench-"))
    try:
        if "help" not in skip:
            results["help"] = report("brief --help", bench_help(args.runs))
        if "seeds" not in skip:
            results["seeds_cold"], _ = cold_builds([ROOT / "seeds"], args.runs, work, args.workers)
            report("cold build of seeds/", results["seeds_cold"])
        warm: Path | None = None
        if "corpus" not in skip:
            results["corpus_cold"], warm = cold_builds([args.corpus], args.runs, work, args.workers)
            report("cold build of the corpus", results["corpus_cold"])
            results["corpus_rerun_one_added"] = rerun_one_added(args.corpus, warm, args.runs, work, args.workers)
            report("re-run, one article added", results["corpus_rerun_one_added"])
            cold = results["corpus_cold"]["wall_s"]  # type: ignore[index]
            rerun = results["corpus_rerun_one_added"]["wall_s"]  # type: ignore[index]
            results["rerun_share_of_cold"] = rerun / cold
            print(f"  re-run / cold: {rerun / cold:.1%} (wall)")
        if "throughput" not in skip:
            results["throughput"] = report("extraction vs bare nlp.pipe", throughput(args.corpus, args.runs,
                                                                                       args.workers))
        if "pdf" not in skip and warm is not None:
            results["pdf"] = report("analyst brief of the corpus (from cache)", pdf_render(args.corpus, warm,
                                                                                            args.runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def report(title: str, values: dict[str, float]) -> dict[str, float]:
    print(f"{title}:")
    for key, value in values.items():
        print(f"  {key:24} {value:,.3f}" if isinstance(value, float) else f"  {key:24} {value}")
    sys.stdout.flush()
    return values


if __name__ == "__main__":
    sys.exit(main())
