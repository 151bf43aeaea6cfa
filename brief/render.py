"""Render: Jinja2 (sandboxed, autoescaped) → self-contained HTML; WeasyPrint → PDF.

Templates are layered, most specific first: the user's ``--templates DIR``, the audience's folder, the
audiences it extends, the built-in ``base``. ``default:NAME`` names the built-in template the user's one
replaces (the audience's own, or the one it inherits), so an override can extend it; ``AUDIENCE:NAME`` and
``base:NAME`` name a given layer. WeasyPrint only ever reads ``data:`` URLs and files under the built-in
``assets`` folder or the user's templates folder: article text never makes it fetch anything.

User templates are not trusted code: they run in Jinja2's immutable sandbox, with limits on the size of
what ``*``, ``**``, ``range`` and string methods can make and on the size of the output.
"""

from __future__ import annotations

import math
import operator
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from brief.errors import ConfigError, TemplateError
from brief.models import Brief, Development, Figure, Item, KeyFigure, Position

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    import jinja2

DEFAULT_AUDIENCE = "analyst"
BASE = "base"
ENTRY = "brief.html"
PROFILE = "audience.toml"
RESERVED = ("base", "default", "assets")  # folder names that are not audiences (and loader prefixes)
SECTIONS = ("summary", "key_figures", "chart", "developments", "figures", "positions", "sources")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "none")
PAPERS = ("A4", "A5", "letter", "legal")

#: Every profile key, its default and its type: a profile may set any of them and nothing else.
DEFAULT_PROFILE: dict[str, Any] = {
    "description": "",
    "extends": "",
    "sections": ["key_figures", "chart", "developments", "figures", "positions", "sources"],
    "headings": {},
    "max_developments": 0,  # 0: all
    "max_figures": 0,
    "max_positions": 0,
    "max_key_figures": 0,
    "positions_per_side": 0,
    "bluf": 0,  # how many top developments make the "bottom line up front"
    "note_words": 0,  # trim footnote quotes to this many words (0: whole quote)
    "max_pages": 0,  # drop the least important items until the PDF fits (0: no limit)
    "paper": "A4",
    "pdf_variant": "pdf/ua-1",
    "marking": "",
}
DEFAULT_HEADINGS = {
    "summary": "Bottom line",
    "key_figures": "Key figures",
    "chart": "Key figures at a glance",
    "developments": "Key developments",
    "figures": "Figures and who claims them",
    "positions": "Positions by side",
    "sources": "Sources",
    "notes": "Notes",
}

# Sandbox limits: far above what a brief needs, far below what hurts the machine.
MAX_SEQUENCE = 100_000  # longest string or list that `*` may make
MAX_POWER_BITS = 1_024  # largest number `**` may make
MAX_CALL_INT = 10_000  # largest width a string method may pad to ('a'.ljust(n), center, zfill)
MAX_RANGE_TOTAL = 200_000  # items that all range() calls of one render may yield together
MAX_OUTPUT = 20_000_000  # characters one render may write
MAX_RESULT = 1_000_000  # longest string or list one call or join may make ('x'.replace(...), '|join')
MAX_RENDER_SECONDS = 60  # wall time one render may take (a brief of hundreds of articles takes a second or two)


def templates_root() -> Path:
    """The built-in templates: inside the wheel (``brief/_templates``) or the source tree's ``templates/``."""
    packaged = Path(str(resources.files("brief"))) / "_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def assets_root() -> Path:
    return templates_root() / "assets"


def display_path(path: Path) -> str:
    """A template path as a reader knows it: ``built-in:executive/brief.html`` or the user's own path."""
    try:
        return "built-in:" + Path(path).resolve().relative_to(templates_root().resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Audience:
    """An audience's profile (``audience.toml``, defaults filled in) and where its templates are.

    ``chain`` is the audience and the ones it extends, most specific first, as (name, folder);
    ``user_dir`` is the user's ``--templates`` folder, searched before everything else.
    """

    name: str
    description: str
    chain: tuple[tuple[str, Path], ...]
    user_dir: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    @property
    def folders(self) -> tuple[Path, ...]:
        """Every template folder, most specific first."""
        user = (self.user_dir,) if self.user_dir is not None else ()
        return user + tuple(folder for _, folder in self.chain) + (templates_root() / BASE,)

    @property
    def builtin_folders(self) -> tuple[Path, ...]:
        """The folders a user's template replaces: what ``default:`` resolves in."""
        return tuple(f for f in self.folders if f.resolve().is_relative_to(templates_root().resolve()))


def list_audiences(user_dir: Path | None = None) -> dict[str, Path]:
    """Every audience by name → its folder (the user's shadow the built-in ones)."""
    found: dict[str, Path] = {}
    for root in (templates_root(), user_dir):
        if root is None or not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if (p / PROFILE).is_file() and p.name not in RESERVED):
            found[folder.name] = folder
    return found


def read_profile(folder: Path) -> dict[str, Any]:
    """One ``audience.toml``, checked key by key so a typo is named rather than silently ignored."""
    path = folder / PROFILE
    try:
        profile = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the profile ({exc})") from None
    for key, value in profile.items():
        if key not in DEFAULT_PROFILE:
            raise ConfigError(f"{path}: unknown setting '{key}'; use any of {', '.join(DEFAULT_PROFILE)}")
        expected = type(DEFAULT_PROFILE[key])
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(f"{path}: '{key}' must be a {expected.__name__}, not {value!r}")
    unknown = [s for s in profile.get("sections", []) if s not in SECTIONS]
    if unknown:
        raise ConfigError(f"{path}: unknown section '{unknown[0]}'; use any of {', '.join(SECTIONS)}")
    if profile.get("pdf_variant", "pdf/ua-1") not in PDF_VARIANTS:
        raise ConfigError(f"{path}: pdf_variant must be one of {', '.join(PDF_VARIANTS)}")
    if profile.get("paper", "A4") not in PAPERS:
        raise ConfigError(f"{path}: paper must be one of {', '.join(PAPERS)}")
    return profile


def load_audience(name: str, user_dir: Path | None = None) -> Audience:
    """The audience ``name`` with its ``extends`` chain resolved; an unknown name lists the known ones."""
    known = list_audiences(user_dir)
    chain: list[tuple[str, Path]] = []
    settings: dict[str, Any] = {}
    current: str = name
    while current:
        if current not in known:
            choices = ", ".join(sorted(known)) or "none"
            raise ConfigError(f"unknown audience '{current}'; choose one of: {choices}")
        folder = known[current]
        if any(folder == f for _, f in chain):
            raise ConfigError(f"{folder / PROFILE}: 'extends' loops back to '{current}'")
        chain.append((current, folder))
        profile = read_profile(folder)
        headings = {**profile.get("headings", {}), **settings.get("headings", {})}
        settings = {**profile, **settings, "headings": headings}
        current = profile.get("extends", "")
    settings = {**DEFAULT_PROFILE, **settings}
    settings["headings"] = {**DEFAULT_HEADINGS, **settings["headings"]}
    return Audience(name=name, description=str(settings["description"]), chain=tuple(chain), user_dir=user_dir,
                    settings=settings)


# --- the sandbox -------------------------------------------------------------------------------------------

_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*\d{5,}[^{}]*\}|%[-+ #0]*\d{5,}")


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


@lru_cache(maxsize=1)
def _sandbox_class() -> type:
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BriefSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, plus limits on what one expression or one render can make."""

        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
            if op == "*" and (isinstance(left, int) and _sized(right) * left > MAX_SEQUENCE
                              or isinstance(right, int) and _sized(left) * right > MAX_SEQUENCE):
                raise SecurityError(f"'*' would make a sequence longer than {MAX_SEQUENCE:,}")
            if op == "**" and isinstance(left, int) and isinstance(right, int):
                if right > 0 and abs(left) > 1 and max(abs(left).bit_length() - 1, 1) * right > MAX_POWER_BITS:
                    raise SecurityError(f"'**' would make a number larger than 2**{MAX_POWER_BITS}")
            if op == "%" and isinstance(left, str) and _FORMAT_WIDTH.search(left):
                raise SecurityError("a format width of more than 4 digits")
            return super().call_binop(context, op, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            owner = getattr(__obj, "__self__", None)
            if isinstance(owner, str):
                numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
                if any(abs(n) > MAX_CALL_INT for n in numbers):
                    raise SecurityError(f"a string method argument above {MAX_CALL_INT:,}")
                _check_growth(owner, getattr(__obj, "__name__", ""), args)
            result = super().call(__context, __obj, *args, **kwargs)
            if _sized(result) > MAX_RESULT:
                raise SecurityError(f"a call made a value longer than {MAX_RESULT:,}")
            return result

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            if _FORMAT_WIDTH.search(value.__self__):
                raise SecurityError("a format width of more than 4 digits")
            return wrapped

    return BriefSandbox


def _check_growth(text: str, method: str, args: tuple[Any, ...]) -> None:
    """Refuse a string method whose result would be longer than MAX_RESULT, before it is made."""
    from jinja2.exceptions import SecurityError

    size = 0
    if method == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        size = len(text) + (text.count(args[0]) if args[0] else len(text) + 1) * max(len(args[1]) - len(args[0]), 0)
    elif method == "join" and args and isinstance(args[0], (list, tuple, str)):
        size = sum(_sized(x) for x in args[0]) + len(text) * max(len(args[0]) - 1, 0)
    if size > MAX_RESULT:
        raise SecurityError(f"'{method}' would make a string longer than {MAX_RESULT:,}")


def _bounded_join(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The ``join`` filter, refusing a result longer than MAX_RESULT before it is made."""

    def checked(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        items = list(value)
        _check_growth(str(d), "join", ([str(x) if not isinstance(x, str) else x for x in items],))
        return fn(eval_ctx, items, d, attribute)

    for name in ("jinja_pass_arg", "environmentfilter", "evalcontextfilter"):
        if hasattr(fn, name):
            setattr(checked, name, getattr(fn, name))
    return checked


class _TimeUp(Exception):
    """A render ran past MAX_RENDER_SECONDS."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop a runaway template after ``seconds`` (main thread only: elsewhere signals cannot interrupt)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _budgeted_range() -> Callable[..., range]:
    """``range`` for one render: each call at most MAX_RANGE items, all calls together MAX_RANGE_TOTAL."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import safe_range

    spent = [0]

    def budgeted(*args: int) -> range:
        result = safe_range(*args)
        spent[0] += len(result)
        if spent[0] > MAX_RANGE_TOTAL:
            raise SecurityError(f"the template's loops went past {MAX_RANGE_TOTAL:,} range items")
        return result

    return budgeted


def _limited(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter whose int arguments (widths, counts) are capped like string methods'."""
    from jinja2.exceptions import SecurityError

    def checked(*args: Any, **kwargs: Any) -> Any:
        if any(isinstance(a, int) and abs(a) > MAX_CALL_INT for a in (*args[1:], *kwargs.values())):
            raise SecurityError(f"'{name}' with an argument above {MAX_CALL_INT:,}")
        if name == "format" and isinstance(args[0], str) and _FORMAT_WIDTH.search(args[0]):
            raise SecurityError("a format width of more than 4 digits")
        return fn(*args, **kwargs)

    return checked


def make_environment(audience: Audience) -> jinja2.Environment:
    import jinja2

    prefixes: dict[str, jinja2.BaseLoader] = {
        "default": jinja2.FileSystemLoader([str(p) for p in audience.builtin_folders]),
        BASE: jinja2.FileSystemLoader(str(templates_root() / BASE)),
    }
    for i, (name, _) in enumerate(audience.chain):
        layers = [str(f) for _, f in audience.chain[i:]] + [str(templates_root() / BASE)]
        prefixes.setdefault(name, jinja2.FileSystemLoader(layers))
    layered = jinja2.FileSystemLoader([str(p) for p in audience.folders])
    env = _sandbox_class()(
        loader=jinja2.ChoiceLoader([jinja2.PrefixLoader(prefixes, delimiter=":"), layered]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.pop("lipsum", None)
    env.globals["range"] = _budgeted_range()
    for name in ("center", "indent", "wordwrap", "truncate", "format", "batch", "slice"):
        env.filters[name] = _limited(name, env.filters[name])
    env.filters["join"] = _bounded_join(env.filters["join"])
    env.filters["day"] = _day
    env.filters["number"] = lambda n: f"{n:,}"
    env.filters["words"] = trim_words
    env.filters["grouped"] = grouped
    return env


# --- helpers the templates use -----------------------------------------------------------------------------

def _day(value: date | None) -> str:
    return value.strftime("%-d %B %Y") if value else "undated"


def trim_words(text: str, limit: int) -> str:
    """The first ``limit`` words of a quote and an ellipsis: trimming, never rewording (0: the whole text)."""
    words = text.split()
    if not limit or len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + " …"


def grouped(items: Sequence[Any], attribute: str, default: str = "Other") -> list[tuple[str, list[Any]]]:
    """Items grouped by a dotted attribute in the order first seen; None goes under ``default``.

    Unlike Jinja's ``groupby`` it keeps the brief's order (sides as compose ordered them, kinds by
    importance) and does not fail on a missing value.
    """
    groups: dict[str, list[Any]] = {}
    for item in items:
        value: Any = item
        for part in attribute.split("."):
            value = getattr(value, part, None)
        groups.setdefault(default if value is None else str(value), []).append(item)
    return list(groups.items())


def _first_call() -> Callable[[int], bool]:
    seen: set[int] = set()

    def first(number: int) -> bool:
        if number in seen:
            return False
        seen.add(number)
        return True

    return first


@dataclass(frozen=True)
class ChartRow:
    """One key figure as a bar (best) with a low–high whisker; x positions are 0..1 of the plot width."""

    label: str
    low: int
    best: int
    high: int
    x_low: float
    x_best: float
    x_high: float


@dataclass(frozen=True)
class Chart:
    rows: tuple[ChartRow, ...]
    ticks: tuple[tuple[float, str], ...]  # (x 0..1, label)
    scale: str  # "linear" or "log"


def chart(key_figures: Sequence[KeyFigure]) -> Chart:
    """Bar positions for the key figures; a log scale when the numbers span more than two orders of magnitude.

    The numbers drawn are the numbers of the sources; only their placement is computed here, since a
    template cannot take logarithms.
    """
    values = [v for k in key_figures for v in (k.low, k.best, k.high) if v > 0]
    if not values:
        return Chart(rows=(), ticks=(), scale="linear")
    top = max(values)
    log = top / min(values) > 100
    if log:
        decades = max(1, math.ceil(math.log10(top)))

        def x(v: int) -> float:
            return round(math.log10(max(v, 1)) / decades, 4)

        ticks = tuple((round(d / decades, 4), f"{10 ** d:,}") for d in range(decades + 1))
    else:
        step = _nice_step(top)
        end = step * math.ceil(top / step)

        def x(v: int) -> float:
            return round(v / end, 4)

        ticks = tuple((round(t / end, 4), f"{t:,}") for t in range(0, end + 1, step))
    rows = tuple(ChartRow(k.label, k.low, k.best, k.high, x(k.low), x(k.best), x(k.high)) for k in key_figures)
    return Chart(rows=rows, ticks=ticks, scale="log" if log else "linear")


def _nice_step(top: int) -> int:
    magnitude = 10 ** max(0, len(str(top)) - 1)
    for factor in (1, 2, 5, 10):
        if top / (magnitude * factor) <= 5:
            return max(1, magnitude * factor // 2) if top / (magnitude * factor) <= 2 else magnitude * factor
    return magnitude * 10


# --- what each audience shows ------------------------------------------------------------------------------

def view(brief: Brief, audience: Audience, drop: int = 0) -> Brief:
    """The brief as this audience shows it, footnotes renumbered 1..n in reading order.

    Applies the profile's limits, keeps ``positions_per_side`` per side, drops the sections the
    audience does not show (so their notes do not leave gaps), then ``drop`` more items, least
    important first, for fitting ``max_pages``.
    """
    settings = audience.settings
    sections = settings["sections"]
    developments = list(brief.developments[: settings["max_developments"] or None])
    figures = list(brief.figures[: settings["max_figures"] or None]) if "figures" in sections else []
    positions = _per_side(brief.positions, settings["positions_per_side"])[: settings["max_positions"] or None]
    key_figures = list(brief.key_figures[: settings["max_key_figures"] or None])
    if not {"developments", "summary"} & set(sections):
        developments = []
    if "positions" not in sections:
        positions = []
    floor = max(settings["bluf"], 1)
    for _ in range(drop):
        if len(developments) > floor:
            developments.pop()
        elif len(positions) > 1:
            positions.pop()
        elif len(key_figures) > 1:
            key_figures.pop()
        elif figures:
            figures.pop()
        else:
            break
    return _renumbered(brief, developments, figures, positions, key_figures)


def _per_side(items: Sequence[Item], per_side: int) -> list[Item]:
    if not per_side:
        return list(items)
    counts: dict[str | None, int] = {}
    kept = []
    for item in items:
        side = getattr(item.fact, "side", None)
        if counts.get(side, 0) < per_side:
            counts[side] = counts.get(side, 0) + 1
            kept.append(item)
    return kept


def _renumbered(brief: Brief, developments: list[Item], figures: list[Item], positions: list[Item],
                key_figures: list[KeyFigure]) -> Brief:
    numbers: dict[int, int] = {}

    def renumber(item: Item) -> Item:
        return replace(item, notes=tuple(numbers.setdefault(n, len(numbers) + 1) for n in item.notes))

    shown = [tuple(renumber(i) for i in part) for part in (developments, figures, positions)]
    old = {note.number: note for note in brief.notes}
    notes = tuple(replace(old[o], number=n) for o, n in sorted(numbers.items(), key=operator.itemgetter(1)))
    return replace(brief, developments=shown[0], figures=shown[1], positions=shown[2], notes=notes,
                   key_figures=tuple(key_figures))


# --- HTML --------------------------------------------------------------------------------------------------

def render_html(brief: Brief, audience: Audience, *, labels: dict[str, str] | None = None, drop: int = 0) -> str:
    """The brief as HTML for this audience; any template problem is one TemplateError naming file:line."""
    import jinja2

    env = make_environment(audience)
    shown = view(brief, audience, drop)
    context = {
        "brief": shown,
        "audience": {"name": audience.name, "description": audience.description},
        "profile": audience.settings,
        "headings": audience.settings["headings"],
        "labels": labels or {},
        "first_call": _first_call(),
        "searched": [display_path(p) for p in audience.folders],
        "chart": chart(shown.key_figures),
        "is_figure": lambda x: isinstance(x, Figure),
        "is_position": lambda x: isinstance(x, Position),
        "is_development": lambda x: isinstance(x, Development),
    }
    try:
        template = env.get_template(ENTRY)
        with _time_limit(MAX_RENDER_SECONDS):
            return "".join(_capped(template.generate(context)))
    except _TimeUp:
        raise TemplateError(f"the templates ran longer than {MAX_RENDER_SECONDS} s and were stopped; look for a "
                            "loop over a long value") from None
    except MemoryError:
        raise TemplateError("the templates ran out of memory and were stopped; look for a value that grows in a "
                            "loop") from None
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(display_path(p) for p in audience.folders)
        raise TemplateError(f"template '{exc.name}' not found; searched {searched}") from None
    except jinja2.TemplateSyntaxError as exc:
        where = display_path(Path(exc.filename)) if exc.filename else exc.name
        raise TemplateError(f"{where}:{exc.lineno}: {_one_line(exc.message or str(exc))}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{_where(exc)}: {_one_line(str(exc))}; check the variable name") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{_where(exc)}: blocked by the template sandbox ({_one_line(str(exc))})") from None
    except RecursionError:
        raise TemplateError("a template calls itself without end (recursion too deep)") from None
    except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        raise TemplateError(f"{_where(exc)}: {type(exc).__name__}: {_one_line(str(exc))}") from None


def _capped(chunks: Iterator[str]) -> Iterator[str]:
    from jinja2.exceptions import SecurityError

    written = 0
    for chunk in chunks:
        written += len(chunk)
        if written > MAX_OUTPUT:
            raise SecurityError(f"the output went past {MAX_OUTPUT:,} characters")
        yield chunk


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _where(exc: BaseException) -> str:
    """file:line of the innermost template frame an exception came from."""
    tb = exc.__traceback__
    where = "template"
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".j2", ".jinja", ".css", ".svg", ".txt")) or "<template>" in name:
            where = f"{display_path(Path(name))}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


# --- PDF ---------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class SafeFetcher(URLFetcher):
        """Only ``data:`` URLs and files under the allowed folders; nothing else, no redirects."""

        def __init__(self, allowed_roots: Sequence[Path]) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, timeout=1)
            self.allowed_roots = tuple(r.resolve() for r in allowed_roots)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in self.allowed_roots) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"brief does not fetch {url[:80]!r}: only built-in assets are allowed")

    return SafeFetcher


def pdf_options(audience: Audience, variant: str | None = None) -> dict[str, Any]:
    """WeasyPrint options: the profile's PDF variant (PDF/UA-1 unless told), or ``variant`` when given."""
    chosen = variant or audience.get("pdf_variant") or "pdf/ua-1"
    if chosen not in PDF_VARIANTS:
        raise ConfigError(f"unknown PDF variant '{chosen}'; use one of {', '.join(PDF_VARIANTS)}")
    options: dict[str, Any] = {"presentational_hints": False, "uncompressed_pdf": False}
    if chosen != "none":
        options["pdf_variant"] = chosen
        options["pdf_tags"] = True
    return options


def _document(html: str, audience: Audience, options: dict[str, Any]) -> Any:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    roots = [assets_root()] + ([audience.user_dir] if audience.user_dir is not None else [])
    fetcher = _fetcher_class()(roots)
    document = HTML(string=html, base_url=assets_root().as_uri() + "/", url_fetcher=fetcher)
    font_config = FontConfiguration()
    # The PDF's fonts; the HTML itself refers to no file.
    fonts = CSS(url=(assets_root() / "fonts.css").as_uri(), url_fetcher=fetcher, font_config=font_config)
    try:
        return document.render(stylesheets=[fonts], font_config=font_config, **options)
    except ValueError as exc:
        raise ConfigError(f"cannot make the PDF ({exc}); check the audience's pdf_variant") from None


def render_pdf(html: str, audience: Audience, *, variant: str | None = None) -> bytes:
    options = pdf_options(audience, variant)
    return _document(html, audience, options).write_pdf(**options)


@dataclass(frozen=True)
class Rendered:
    html: str
    pdf: bytes | None = None
    pages: int = 0
    dropped: int = 0  # items left out to fit the profile's max_pages


def render(brief: Brief, audience: Audience, *, labels: dict[str, str] | None = None, pdf: bool = True,
           variant: str | None = None) -> Rendered:
    """HTML and PDF; when the profile sets ``max_pages``, the least important items go until the PDF fits.

    The HTML is always the one the PDF was made from, so both say the same thing.
    """
    html = render_html(brief, audience, labels=labels)
    if not pdf:
        return Rendered(html=html)
    options = pdf_options(audience, variant)
    document = _document(html, audience, options)
    max_pages, drop = int(audience.get("max_pages", 0)), 0
    while max_pages and len(document.pages) > max_pages:
        smaller = view(brief, audience, drop + 1)
        if smaller == view(brief, audience, drop):
            break  # nothing left to drop
        drop += 1
        html = render_html(brief, audience, labels=labels, drop=drop)
        document = _document(html, audience, options)
    return Rendered(html=html, pdf=document.write_pdf(**options), pages=len(document.pages), dropped=drop)
