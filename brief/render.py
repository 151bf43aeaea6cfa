"""Render: Jinja2 (sandboxed, autoescaped) → self-contained HTML; WeasyPrint → PDF.

Templates are layered, most specific first: the user's ``--templates DIR``, the audience's folder, the
audiences it extends, the built-in ``base``. ``default:NAME`` always names the built-in template, so an
override can extend the one it replaces. WeasyPrint only ever reads ``data:`` URLs and files under the
built-in ``assets`` folder: article text never makes it fetch anything.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from brief.errors import ConfigError, TemplateError
from brief.models import Brief, Development, Figure, Position

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    import jinja2

DEFAULT_AUDIENCE = "analyst"
BASE = "base"
ENTRY = "brief.html"


def templates_root() -> Path:
    """The built-in templates: inside the wheel (``brief/_templates``) or the source tree's ``templates/``."""
    packaged = Path(str(resources.files("brief"))) / "_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def assets_root() -> Path:
    return templates_root() / "assets"


@dataclass(frozen=True)
class Audience:
    """An audience's profile (``audience.toml``) and the template folders to search, most specific first."""

    name: str
    description: str
    folders: tuple[Path, ...]
    settings: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)


def list_audiences(user_dir: Path | None = None) -> dict[str, Path]:
    """Every audience by name → its folder (the user's shadow the built-in ones)."""
    found: dict[str, Path] = {}
    for root in (templates_root(), user_dir):
        if root is None or not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if (p / "audience.toml").is_file()):
            found[folder.name] = folder
    return found


def load_audience(name: str, user_dir: Path | None = None) -> Audience:
    known = list_audiences(user_dir)
    chain: list[Path] = []
    settings: dict[str, Any] = {}
    current: str | None = name
    while current is not None:
        if current not in known:
            choices = ", ".join(sorted(known)) or "none"
            raise ConfigError(f"unknown audience '{current}'; choose one of: {choices}")
        folder = known[current]
        if folder in chain:
            raise ConfigError(f"{folder / 'audience.toml'}: 'extends' loops back to '{current}'")
        chain.append(folder)
        try:
            profile = tomllib.loads((folder / "audience.toml").read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{folder / 'audience.toml'}: cannot read the profile ({exc})") from None
        settings = {**profile, **settings}
        current = profile.get("extends")
    folders = [user_dir] if user_dir is not None else []
    folders += chain + [templates_root() / BASE]
    return Audience(name=name, description=str(settings.get("description", "")), folders=tuple(folders),
                    settings=settings)


def make_environment(audience: Audience) -> jinja2.Environment:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loader = jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(templates_root() / BASE))})
    layered = jinja2.FileSystemLoader([str(p) for p in audience.folders])
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader([loader, layered]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["day"] = _day
    env.filters["number"] = lambda n: f"{n:,}"
    return env


def _day(value: date | None) -> str:
    return value.strftime("%-d %B %Y") if value else "undated"


def _first_call() -> Callable[[int], bool]:
    seen: set[int] = set()

    def first(number: int) -> bool:
        if number in seen:
            return False
        seen.add(number)
        return True

    return first


def render_html(brief: Brief, audience: Audience, *, labels: dict[str, str] | None = None) -> str:
    import jinja2

    env = make_environment(audience)
    context = {
        "brief": brief,
        "audience": audience,
        "profile": audience.settings,
        "labels": labels or {},
        "first_call": _first_call(),
        "searched": [str(p) for p in audience.folders],
        "is_figure": lambda x: isinstance(x, Figure),
        "is_position": lambda x: isinstance(x, Position),
        "is_development": lambda x: isinstance(x, Development),
        "assets": assets_root().as_uri(),
    }
    try:
        template = env.get_template(ENTRY)
        return template.render(context)
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(str(p) for p in audience.folders)
        raise TemplateError(f"template '{exc.name}' not found; searched {searched}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{_where(exc)}: {exc}; check the variable name") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{_where(exc)}: blocked by the template sandbox ({exc})") from None


def _where(exc: BaseException) -> str:
    """file:line of the template frame an exception came from."""
    tb = exc.__traceback__
    where = "template"
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".j2", ".jinja", ".css", ".svg")) or "<template>" in name:
            where = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


@lru_cache(maxsize=1)
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class SafeFetcher(URLFetcher):
        """Only ``data:`` URLs and files under the built-in assets folder; nothing else, no redirects."""

        def __init__(self, allowed_root: Path) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, timeout=1)
            self.allowed_root = allowed_root.resolve()

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_relative_to(self.allowed_root) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"brief does not fetch {url[:80]!r}: only built-in assets are allowed")

    return SafeFetcher


def render_pdf(html: str, audience: Audience) -> bytes:
    from weasyprint import HTML

    fetcher = _fetcher_class()(assets_root())
    variant = audience.get("pdf_variant") or None
    document = HTML(string=html, base_url=assets_root().as_uri() + "/", url_fetcher=fetcher)
    options: dict[str, Any] = {"presentational_hints": False, "uncompressed_pdf": False}
    if variant:
        options["pdf_variant"] = variant
    try:
        return document.write_pdf(**options)
    except ValueError as exc:
        raise ConfigError(f"cannot make the PDF ({exc}); check the audience's pdf_variant") from None
