"""Ingest: files and folders of articles → ``Article`` records.

Plain text, Markdown and HTML (main text and metadata through trafilatura), with an optional front-matter
header. Lines that are not article text (credit lines, repeated headlines, station slogans, share buttons)
are dropped whole, so every line kept is verbatim from the file. Bad files are skipped with a warning; the
run fails only when no article is left.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from brief.errors import InputError
from brief.models import Article, Source
from brief.rules import load_rules

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html"}
READERS: dict[str, str] = {**TEXT_SUFFIXES, **HTML_SUFFIXES}
MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 1_000_000  # spaCy's nlp.max_length: a longer text would fail in the parser, after the slow work
FRONT_KEYS = {
    "title": "title", "headline": "title",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "site": "outlet",
    "url": "url", "link": "url",
    "published": "published", "date": "published",
}
STAMP_IN_NAME = re.compile(r"(?<!\d)(20\d{2})-?([01]\d)-?([0-3]\d)(?:T\d{4,6}Z?)?(?!\d)")


@dataclass(frozen=True)
class Ingested:
    articles: tuple[Article, ...]
    warnings: tuple[str, ...]


def find_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Files to read, in stable order: each path as given, folders walked recursively and sorted."""
    found: list[Path] = []
    warnings: list[str] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
            readable = [p for p in inside if p.suffix.lower() in READERS]
            found.extend(readable)
        elif path.is_file():
            if path.suffix.lower() not in READERS:
                warnings.append(f"{path}: skipped, not a .txt, .md or .html file")
            else:
                found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder; give a folder of articles")
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, warnings


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def read_articles(paths: Sequence[Path]) -> Ingested:
    """Read every article under ``paths``; raise ``InputError`` when none is usable."""
    files, warnings = find_files(paths)
    articles: list[Article] = []
    for path in files:
        number = len(articles) + 1
        try:
            article = read_article(path, f"S{number}")
        except SkipFile as why:
            warnings.append(f"{path}: skipped, {why}")
            continue
        articles.append(article)
        warnings.extend(article.warnings)
    articles = drop_shared_lines(articles)
    if not any(a.text.strip() for a in articles):
        where = ", ".join(str(p) for p in paths) or "(no path)"
        reason = "; ".join(warnings) if warnings else "it holds no .txt, .md or .html file"
        raise InputError(f"{where}: no usable article ({reason}); add UTF-8 text or HTML articles")
    return Ingested(tuple(articles), tuple(warnings))


SHARED_LINE_ARTICLES = 3  # a headline-like line in this many articles of one run is the site's boilerplate


def drop_shared_lines(articles: list[Article]) -> list[Article]:
    """Drop headline-like lines that stand in several articles of the run ("The Sports Moment: A newsletter
    for the biggest sports news"): an outlet's promotions, not news. Sentences are never dropped, so copies
    of one wire story keep their text. Lines go whole, so every kept line stays verbatim."""
    if len(articles) < SHARED_LINE_ARTICLES:
        return articles
    seen: Counter[str] = Counter()
    for article in articles:
        seen.update({line.strip() for line in article.text.split("\n") if _headline_like(line.strip())})
    shared = {line for line, count in seen.items() if count >= SHARED_LINE_ARTICLES}
    if not shared:
        return articles
    kept = []
    for article in articles:
        lines = [line for line in article.text.split("\n") if line.strip() not in shared]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
        title = None if article.source.title in shared else article.source.title
        kept.append(replace(article, text=text, source=replace(article.source, title=title)))
    return kept


class SkipFile(Exception):
    """This file is not an article (binary, empty, unreadable, too large)."""


def read_article(path: Path, source_id: str) -> Article:
    raw = _read_bytes(path)
    text, encoding_warning = decode(raw, path)
    warnings = [encoding_warning] if encoding_warning else []
    kind = READERS.get(path.suffix.lower(), "text")
    if kind == "html":
        meta, body = _from_html(text, path)
    else:
        meta, body = split_front_matter(text)
    cleaned = clean_lines(body, markdown=kind == "markdown")
    if not cleaned.text.strip() and cleaned.title:  # a headline-only item: the headline is its text
        cleaned = Cleaned(text=cleaned.title, title=cleaned.title, outlet=cleaned.outlet)
    if not cleaned.text.strip():
        if not body.strip():
            raise SkipFile("no article text in it")
        # Only boilerplate (promotions, credit lines): still a source the run read, with nothing to extract.
        warnings.append(f"{path}: only boilerplate lines (newsletter, terms, credits); nothing to extract from it")
    if len(cleaned.text) > MAX_CHARS:
        raise SkipFile(f"its {len(cleaned.text):,} characters of text are more than the {MAX_CHARS:,} one article "
                       "may have; split it into articles")
    title = meta.get("title") or cleaned.title
    outlet = canonical_outlet(meta.get("outlet") or cleaned.outlet)
    published = parse_date(meta.get("published")) or date_from_name(path.name)
    source = Source(id=source_id, path=str(path), title=title, outlet=outlet, url=meta.get("url") or None,
                    published=published)
    return Article(source=source, text=cleaned.text, warnings=tuple(warnings))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SkipFile(f"{size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB "
                           "limit for one article; split it into articles")
        raw = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot be read ({exc.strerror or exc}); check its permissions") from None
    if not raw.strip():
        raise SkipFile("it is empty")
    if b"\x00" in raw[:8192]:
        raise SkipFile("it is a binary file, not text")
    return raw


def decode(raw: bytes, path: Path) -> tuple[str, str | None]:
    """UTF-8 (with or without BOM); anything else is decoded by detection, with a warning."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    encoding = _detect_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    return text, f"{path}: not UTF-8, decoded as {encoding}; save it as UTF-8 to be sure"


def _detect_encoding(raw: bytes) -> str:
    sample = raw[:65536]
    high = sum(1 for b in sample if b >= 0x80)
    ascii_letters = sum(1 for b in sample if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    if high <= 0.2 * (high + ascii_letters):  # mostly ASCII with a few accents or curly quotes: Western
        return "cp1252"  # (a detector guesses mac_latin2 or cp1250 for short French or English text)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:65536]).best()
        if best is not None and best.encoding:
            return str(best.encoding)
    except ImportError:  # pragma: no cover
        pass
    return "cp1252"


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` / ``key: value`` lines / ``---`` at the very top → metadata and the rest."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, "\n".join(lines[i + 1:])
        key, sep, value = line.partition(":")
        if not sep:
            if line.strip():
                return {}, text  # not a header after all
            continue
        field = FRONT_KEYS.get(key.strip().lower())
        if field:
            meta[field] = value.strip().strip("\"'")
    return {}, text


@dataclass(frozen=True)
class Cleaned:
    text: str
    title: str | None
    outlet: str | None


@lru_cache(maxsize=1)
def _noise() -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
    rules = load_rules("noise")
    credit = re.compile(rules["credit"]["pattern"], re.IGNORECASE)
    return credit, [re.compile(p, re.IGNORECASE) for p in rules["noise"]["patterns"]]


def clean_lines(body: str, markdown: bool = False) -> Cleaned:
    """Drop lines that are not article text; find a headline and a credit line."""
    credit, noise = _noise()
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    keep: list[str] = []
    title: str | None = None
    outlet: str | None = None
    seen: set[str] = set()
    first_text = True
    nonblank_after = _nonblank_after(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            keep.append("")
            continue
        if markdown and stripped.startswith("#") and title is None:
            title = stripped.lstrip("#").strip() or None
            continue
        match = credit.match(stripped)
        if match:
            outlet = outlet or match.group("outlet").strip()
            if nonblank_after[index] <= 4:
                break  # a closing credit line: what follows is the station's boilerplate
            continue
        if any(p.match(stripped) for p in noise):
            continue
        if stripped in seen and _headline_like(stripped):
            continue  # a repeated headline
        if first_text and title is None and _headline_like(stripped):
            title = stripped
            seen.add(stripped)
            first_text = False
            continue
        if not first_text and _shouted(stripped):
            continue  # a teaser of another story in capitals ("CLICK HERE TO GET THE FOX NEWS APP")
        first_text = False
        seen.add(stripped)
        keep.append(line.rstrip())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(keep)).strip("\n")
    return Cleaned(text=text, title=title, outlet=outlet)


def _nonblank_after(lines: list[str]) -> list[int]:
    """For each line, how many non-blank lines follow it."""
    counts = [0] * len(lines)
    running = 0
    for i in range(len(lines) - 1, -1, -1):
        counts[i] = running
        if lines[i].strip():
            running += 1
    return counts


def _shouted(line: str) -> bool:
    """A line of three words or more written in capitals: a link to another story, not article text."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(line.split()) >= 3 and len(letters) >= 12 and sum(ch.isupper() for ch in letters) > 0.9 * len(letters)


def _headline_like(line: str) -> bool:
    """A short line that does not end as a sentence does."""
    words = line.split()
    ending = line.rstrip("”\"’'")
    return 2 <= len(words) <= 20 and not ending.endswith((".", "!", "?", ":", ";", "—", "–", "-"))


def _from_html(text: str, path: Path) -> tuple[dict[str, str], str]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise SkipFile(f"its HTML could not be parsed ({type(exc).__name__})") from None
    if doc is None:
        raise SkipFile("no article text found in its HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta = {
        "title": data.get("title") or "",
        "outlet": data.get("sitename") or "",
        "url": data.get("url") or "",
        "published": data.get("date") or "",
    }
    return {k: v for k, v in meta.items() if v}, data.get("text") or ""


def canonical_outlet(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip()
    key = re.sub(r"[\W_]+", "", name.lower())
    outlets: dict[str, str] = load_rules("noise").get("outlets", {})
    if key in outlets:
        return outlets[key]
    parts = [p.strip() for p in re.split(r"[,;/]| and ", name) if p.strip()]
    if len(parts) > 1:
        return ", ".join(canonical_outlet(p) or p for p in parts)
    return name


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser as dateutil_parser

        return dateutil_parser.parse(value, default=datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def date_from_name(name: str) -> date | None:
    """``20220420T150000Z_US_en_x.txt`` or ``2025-05-22-report.md`` → that day."""
    match = STAMP_IN_NAME.search(name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
