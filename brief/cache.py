"""The facts cache: each article's extraction result, kept in one SQLite file so a re-run redoes only what
changed.

An entry's key is a hash of everything the result depends on: the article's text and the metadata the
extractors read (title, outlet, url, published date), the spaCy model's name and version, and the extractor
(``EXTRACTOR_VERSION``, the rule files in ``brief/data``, the extractor's own source and ``brief/nlp.py``). The file path and
the source id (S1, S2, ...) are not part of the key: they are given back from the current run, so moving a
file or adding one before it does not invalidate the entry.

SQLite in WAL mode with one transaction per batch: a run killed mid-way leaves every committed entry usable,
and concurrent runs read while another writes (``busy_timeout``). The store is only a speed-up: when it
cannot be opened or written the run goes on without it, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from brief.models import Article, ArticleFacts, Citation, Source

FORMAT = 1  # the layout of the stored JSON; part of every key
FILE_NAME = "cache.sqlite3"
BUSY_MS = 30_000
PLACEHOLDER_ID = "S?"  # stored in place of the source id, which depends on the run
SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    key     TEXT PRIMARY KEY,
    created REAL NOT NULL,
    facts   TEXT NOT NULL
) WITHOUT ROWID
"""


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/brief``, else ``~/.cache/brief`` (the XDG base directory rule)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "brief"


def cache_path() -> Path:
    return cache_dir() / FILE_NAME


# --- keys ---------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """``EXTRACTOR_VERSION`` plus a hash of the rule files and the extractor's modules: a rules or code change
    gives new keys, so a stale result is never served."""
    from brief.extract import EXTRACTOR_VERSION

    digest = hashlib.sha256(f"v{EXTRACTOR_VERSION}/f{FORMAT}".encode())
    package = resources.files("brief")
    for module in ("models.py", "nlp.py"):  # nlp.py adjusts the tokenizer, so it shapes every parse
        digest.update(package.joinpath(module).read_bytes())
    for folder, suffix in (("data", ".toml"), ("extract", ".py")):
        entries = sorted((e for e in package.joinpath(folder).iterdir() if e.name.endswith(suffix)),
                         key=lambda e: e.name)
        for entry in entries:
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def article_key(article: Article, model_id: str) -> str:
    """The hash of what ``article``'s facts depend on under ``model_id``."""
    s = article.source
    meta = {"title": s.title, "outlet": s.outlet, "url": s.url,
            "published": s.published.isoformat() if s.published else None}
    payload = json.dumps([extractor_fingerprint(), model_id, meta, article.text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


# --- JSON round trip ----------------------------------------------------------------------------------------

def facts_to_json(facts: ArticleFacts) -> str:
    """The facts without their source (given back on load), dates as ISO strings, source ids as a placeholder."""
    body = {name: [_plain(x) for x in getattr(facts, name)] for name in FACT_LISTS}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def facts_from_json(text: str, source: Source) -> ArticleFacts:
    """The frozen dataclasses back, with ``source`` and its id on every citation."""
    data = json.loads(text)
    hints = _hints(ArticleFacts)
    lists = {name: _decode(hints[name], data.get(name, [])) for name in FACT_LISTS}
    return with_source(ArticleFacts(source=source, **lists), source)


FACT_LISTS = ("figures", "positions", "developments")


def _plain(value: Any) -> Any:
    """Dataclasses → dicts, dates → ISO strings, tuples → lists (a citation's source → a placeholder)."""
    if isinstance(value, Citation):
        value = replace(value, source=PLACEHOLDER_ID)
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, value: Any) -> Any:
    """``value`` as the type ``hint`` says, the reverse of ``_plain`` (models may grow fields)."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(hint)
        return tuple(_decode(args[0] if args else Any, v) for v in value)
    if hint is date and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(hint, type) and is_dataclass(hint) and isinstance(value, dict):
        known = _hints(hint)
        return hint(**{k: _decode(known[k], v) for k, v in value.items() if k in known})
    return value


def with_source(facts: ArticleFacts, source: Source) -> ArticleFacts:
    """``facts`` re-labelled for ``source`` (used when the same text comes back under another id)."""
    def relabel(items: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(replace(x, citations=tuple(replace(c, source=source.id) for c in x.citations)) for x in items)

    return ArticleFacts(source=source, figures=relabel(facts.figures), positions=relabel(facts.positions),
                        developments=relabel(facts.developments))


# --- the store ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    bytes: int


class FactsCache:
    """The SQLite store. ``get_many`` and ``put_many`` are the only calls the pipeline makes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        self.db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(SCHEMA)
        self.errors: list[str] = []  # write/read failures: the run goes on without the cache

    def __enter__(self) -> FactsCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored JSON of each key that is present."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        try:
            for i in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
                chunk = wanted[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(self.db.execute(f"SELECT key, facts FROM facts WHERE key IN ({marks})", chunk))
        except sqlite3.Error as exc:
            self._failed("read", exc)
        return found

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Store ``(key, json)`` pairs in one transaction: all of them or, if killed, none."""
        rows = [(key, time.time(), text) for key, text in items]
        if not rows or self.errors:
            return
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany("INSERT OR REPLACE INTO facts (key, created, facts) VALUES (?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._failed("write", exc)

    def _failed(self, what: str, exc: sqlite3.Error) -> None:
        self.errors.append(f"{self.path}: cannot {what} the facts cache ({exc}); it is skipped for this run")

    def clear(self) -> int:
        """Remove every entry; return how many there were."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            count = self.db.execute("SELECT count(*) FROM facts").fetchone()[0]
            self.db.execute("DELETE FROM facts")
        self.db.execute("VACUUM")
        return int(count)

    def info(self) -> CacheInfo:
        count = self.db.execute("SELECT count(*) FROM facts").fetchone()[0]
        size = sum(p.stat().st_size for p in _files(self.path) if p.exists())
        return CacheInfo(self.path, int(count), size)


def open_cache(path: Path | None = None) -> FactsCache:
    """The store for the ``brief cache`` commands: a failure is a user error (one line), not a traceback."""
    from brief.errors import OutputError

    try:
        return FactsCache(path)
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(f"{path or cache_path()}: cannot open the facts cache ({exc}); "
                          "set XDG_CACHE_HOME to a writable folder") from None


def _files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
