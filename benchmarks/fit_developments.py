"""Fit the developments ranker's weights on annotated articles, and measure it on articles it did not see.

    .venv/bin/python benchmarks/fit_developments.py --gold ../shared/eval/dev --gold benchmarks/blind_gold.json \
        --texts ../shared/seeds --texts ../shared/corpus/news447 [--loo]

Each gold file (schema of ``../shared/eval/GUIDE.md``) lists an article's key developments, each told by one or
more sentences. A candidate sentence is a positive example when it tells a required development (target 1) or
an optional one (target ``--optional``), as ``score.py`` counts it: the gold sentence is part of it, or it is a
part of at least 30% of the gold sentence. The model is an L2-regularised logistic regression over the features
of ``brief.extract.developments.sentence_features``; the weights it prints go in the ``[weights]`` table of
``brief/data/developments.toml``. ``--loo`` also prints the developments coverage of leave-one-article-out fits
(each article ranked by weights fitted on all the others) next to the coverage of the weights in use.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brief.extract import parse  # noqa: E402
from brief.extract.developments import _weights, choose, rank, sentence_features  # noqa: E402
from brief.ingest import read_articles  # noqa: E402
from brief.nlp import load_nlp  # noqa: E402

QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def _loose(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().translate(QUOTES).lower()


def _tells(sentence: str, evidence: str) -> bool:
    s, e = _loose(sentence), _loose(evidence)
    return bool(s and e) and (e in s or (s in e and len(s) >= 0.3 * len(e)))


@dataclass
class Annotated:
    name: str
    rows: list  # (span, words, features) per candidate sentence
    tells: list[set[str]]  # the gold developments each candidate sentence tells
    required: set[str]
    optional: set[str]


def gold_articles(sources: list[Path], text_dirs: list[Path]) -> dict[str, tuple[dict, Path]]:
    """Each annotated article's gold (evidence as text, the schema of score.py) and its text file. A source is a
    folder of score.py gold files, or an offsets file (``benchmarks/blind_gold.json``) whose evidence is
    ``[start, end]`` in the article's text, read from ``--texts``."""
    golds: dict[str, dict] = {}
    offsets: dict[str, dict] = {}
    for source in sources:
        if source.is_dir():
            golds.update((p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(source.glob("*.json")))
        else:
            offsets.update(json.loads(source.read_text(encoding="utf-8"))["articles"])
    found = {}
    for name in [*golds, *offsets]:
        path = next((d / f"{name}.txt" for d in text_dirs if (d / f"{name}.txt").exists()), None)
        if path is None:
            print(f"{name}: no text in --texts, skipped", file=sys.stderr)
        elif name in golds:
            found[name] = (golds[name], path)
        else:
            found[name] = (_with_text(name, offsets[name], path.read_text(encoding="utf-8")), path)
    return found


def _with_text(name: str, gold: dict, text: str) -> dict:
    """``gold`` with each ``[start, end]`` evidence replaced by that span of the article's text."""
    cut = lambda span: text[span[0]:span[1]]  # noqa: E731
    return {
        "article": f"{name}.txt",
        "outlet": gold.get("outlet"),
        "figures": [{**f, "evidence": cut(f["evidence"])} for f in gold.get("figures", [])],
        "positions": [{**p, "evidence": cut(p["evidence"])} for p in gold.get("positions", [])],
        "developments": [{**d, "evidence_any": [cut(e) for e in d["evidence_any"]]}
                         for d in gold.get("developments", [])],
    }


def load(sources: list[Path], text_dirs: list[Path]) -> list[Annotated]:
    golds = gold_articles(sources, text_dirs)
    articles = read_articles([path for _, path in golds.values()]).articles
    out = []
    for doc, article in parse(articles, load_nlp()):
        name = Path(article.source.path).stem
        devs = golds[name][0].get("developments", [])
        rows = sentence_features(doc, article)
        tells = [{d["id"] for d in devs if any(_tells(sent.text, e) for e in d["evidence_any"])}
                 for sent, _, _ in rows]
        out.append(Annotated(name, rows, tells, {d["id"] for d in devs if not d.get("optional")},
                             {d["id"] for d in devs if d.get("optional")}))
    return out


def fit(data: list[Annotated], l2: float, optional: float) -> tuple[dict[str, float], float]:
    names = list(data[0].rows[0][2]) if data and data[0].rows else []
    x = np.array([[f[n] for n in names] for a in data for _, _, f in a.rows])
    y = np.array([1.0 if t & a.required else optional if t & a.optional else 0.0 for a in data for t in a.tells])
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(3000):  # gradient descent on the (convex) regularised log loss
        p = 1 / (1 + np.exp(-z @ w))
        w -= 0.5 * (z.T @ (p - y) + l2 * np.r_[w[:-1], 0.0]) / len(y)
    raw = w[:-1] / sd
    return dict(zip(names, (float(v) for v in raw))), float(w[-1] - raw @ mu)


def coverage(data: list[Annotated], weights: dict[str, float], bias: float) -> tuple[int, int]:
    covered = total = 0
    for a in data:
        scored = [(rank(f, weights, bias), i, sent, words) for i, (sent, words, f) in enumerate(a.rows)]
        index = {sent.start: i for i, (sent, _, _) in enumerate(a.rows)}
        told = set().union(*(a.tells[index[sent.start]] for _, sent, _ in choose(scored)))
        covered += len(a.required & told)
        total += len(a.required)
    return covered, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append", required=True,
                    help="a folder of score.py gold files, or an offsets file like benchmarks/blind_gold.json")
    ap.add_argument("--texts", type=Path, action="append", required=True)
    ap.add_argument("--l2", type=float, default=200.0)
    ap.add_argument("--optional", type=float, default=0.5, help="target of a sentence telling an optional development")
    ap.add_argument("--loo", action="store_true", help="also measure leave-one-article-out coverage")
    ap.add_argument("--expand", type=Path, metavar="DIR",
                    help="write each article's gold as a score.py file to DIR and its text beside it, then stop")
    args = ap.parse_args()
    if args.expand is not None:
        args.expand.mkdir(parents=True, exist_ok=True)
        for name, (gold, path) in gold_articles(args.gold, args.texts).items():
            (args.expand / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
            (args.expand / f"{name}.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        return 0
    data = load(args.gold, args.texts)
    if args.loo:
        covered = total = 0
        for i, held in enumerate(data):
            c, t = coverage([held], *fit(data[:i] + data[i + 1:], args.l2, args.optional))
            covered, total = covered + c, total + t
        print(f"# leave-one-article-out coverage {covered / total:.3f} ({covered} of {total}, {len(data)} articles)")
        c, t = coverage(data, *_weights())
        print(f"# coverage of the weights in use  {c / t:.3f} ({c} of {t}; fitted on these articles)")
    weights, bias = fit(data, args.l2, args.optional)
    print("[weights]")
    print(f"bias = {bias:.3f}")
    for name, value in weights.items():
        print(f"{name} = {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
