"""The command line: a thin Typer layer over the library. Nothing imports this module.

Every ``BriefError`` becomes one line on stderr and its exit code; a traceback is for bugs only.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from brief.errors import BriefError, ConfigError, UsageError

app = typer.Typer(
    name="brief",
    help="Turn news articles about an armed conflict into a footnoted situation brief (HTML, PDF, facts file).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from brief import __version__

        typer.echo(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Turn news articles about an armed conflict into a footnoted situation brief."""


def _stderr(message: str) -> None:
    typer.echo(message, err=True)


def _setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    # WeasyPrint logs every resource it refuses to fetch; those are expected for hostile articles.
    logging.getLogger("weasyprint").setLevel(logging.INFO if verbose else logging.CRITICAL)
    logging.getLogger("fontTools").setLevel(logging.WARNING if verbose else logging.ERROR)


def _progress(enabled: bool):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr (shown only on a terminal, after a moment)."""
    from contextlib import nullcontext

    from brief.build import Progress

    if not enabled or not sys.stderr.isatty():
        return nullcontext(Progress())
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    @contextmanager
    def show():  # type: ignore[no-untyped-def]
        bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                           console=Console(stderr=True), transient=True)
        state: dict[str, int] = {}

        def start(stage: str, total: int) -> None:
            state["task"] = bar.add_task(stage, total=total)

        def advance(n: int) -> None:
            if "task" in state:
                bar.advance(state["task"], n)

        with bar:
            yield Progress(start=start, advance=advance)

    return show()


@app.command("build")
def build_cli(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Article files or folders (default: seeds/).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    name: Annotated[str, typer.Option(help="Base name of the outputs: NAME.html, NAME.pdf, NAME.facts.json.")] = "brief",
    format: Annotated[str, typer.Option("--format", help="Any of html,pdf,json.")] = "html,pdf,json",
    audience: Annotated[str, typer.Option(help="Audience: executive, analyst, public or your own.")] = "analyst",
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Folder of your templates.")] = None,
    pdf_variant: Annotated[Optional[str], typer.Option("--pdf-variant",
                                                       help="pdf/ua-1 (default), pdf/a-3b or none.")] = None,
    title: Annotated[Optional[str], typer.Option(help="Title of the brief.")] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy model name or path.")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Processes for the NLP stage.")] = 1,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (default: ./brief.toml).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More detail on stderr.")] = False,
    email: Annotated[bool, typer.Option("--email",
                                        help="Email the brief to the audience's recipients in brief.toml.")] = False,
    email_to: Annotated[Optional[list[str]], typer.Option("--email-to", metavar="ADDR[,ADDR]",
                                                          help="Email the brief to these addresses.")] = None,
    cc: Annotated[Optional[list[str]], typer.Option(metavar="ADDR[,ADDR]", help="Cc.")] = None,
    bcc: Annotated[Optional[list[str]], typer.Option(metavar="ADDR[,ADDR]", help="Bcc.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run",
                                          help="Write OUT/NAME.eml instead of sending the email.")] = False,
    password_file: Annotated[Optional[Path], typer.Option(help="File holding the SMTP password.")] = None,
    ca_file: Annotated[Optional[Path], typer.Option(help="CA certificate (PEM) of a private mail relay.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every article; neither read nor write the facts cache.")] = False,
) -> None:
    """Build a brief from articles; with --email-to (or --email), send it."""
    from brief.build import build_brief, parse_formats
    from brief.config import load_config
    from brief.nlp import DEFAULT_MODEL

    _setup_logging(verbose, quiet)
    loaded = load_config(config)
    settings = loaded.section("build")
    try:
        formats = parse_formats(format)
    except ConfigError as error:
        raise UsageError(f"--format: {error}") from None
    plan = None
    if email or email_to or cc or bcc or dry_run:
        from brief.deliver import plan_email

        if "pdf" not in formats:
            raise ConfigError("email needs the PDF; keep pdf in --format")
        plan = plan_email(to=email_to or (), cc=cc or (), bcc=bcc or (), audience=audience if email else None,
                          config=loaded, password_file=password_file, ca_file=ca_file, dry_run=dry_run)
    with _progress(not quiet) as progress:
        result = build_brief(
            paths or [Path("seeds")],
            out,
            name=name,
            formats=formats,
            audience=audience,
            templates_dir=templates or (Path(settings["templates_dir"]) if settings.get("templates_dir") else None),
            pdf_variant=pdf_variant or settings.get("pdf_variant"),
            title=title or settings.get("title"),
            model=model or settings.get("model") or DEFAULT_MODEL,
            workers=workers,
            progress=progress,
            use_cache=not no_cache,
        )
    if not quiet:
        for warning in result.warnings:
            _stderr(f"warning: {warning}")
    summary = {
        "articles": len(result.facts),
        "developments": len(result.brief.developments),
        "figures": sum(len(f.figures) for f in result.facts),
        "positions": sum(len(f.positions) for f in result.facts),
        "notes": len(result.brief.notes),
        "period": result.brief.period or None,
        "outputs": {fmt: str(path) for fmt, path in result.outputs.items()},
        "warnings": list(result.warnings),
        "timings": {k: round(v, 3) for k, v in result.timings.items()},
        "cache": result.stats,
    }
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    elif not quiet:
        written = ", ".join(str(p) for p in result.outputs.values())
        _stderr(f"brief: {summary['articles']} articles → {written}")
    if plan is not None:
        from brief.deliver import email_brief

        sent = email_brief(result.outputs.get("pdf"), result.outputs.get("html"), plan, title=result.brief.title,
                           period=result.brief.period, out_dir=out)
        if not quiet:
            _stderr(f"brief: {sent.summary()}")


@app.command("send")
def send_cli(
    pdf: Annotated[Path, typer.Argument(help="The brief's PDF, as built earlier.")],
    html: Annotated[Optional[Path], typer.Argument(help="Its HTML (default: the .html beside the PDF).")] = None,
    to: Annotated[Optional[list[str]], typer.Option(metavar="ADDR[,ADDR]", help="Recipients.")] = None,
    cc: Annotated[Optional[list[str]], typer.Option(metavar="ADDR[,ADDR]", help="Cc.")] = None,
    bcc: Annotated[Optional[list[str]], typer.Option(metavar="ADDR[,ADDR]", help="Bcc.")] = None,
    audience: Annotated[Optional[str], typer.Option(
        help="Also send to this audience's recipients in brief.toml.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run",
                                          help="Write the .eml beside the PDF instead of sending.")] = False,
    password_file: Annotated[Optional[Path], typer.Option(help="File holding the SMTP password.")] = None,
    ca_file: Annotated[Optional[Path], typer.Option(help="CA certificate (PEM) of a private mail relay.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (default: ./brief.toml).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    """Email a brief built earlier. SMTP settings: [smtp] in brief.toml or BRIEF_SMTP_* variables."""
    from brief.config import load_config
    from brief.deliver import email_brief, plan_email, read_pdf

    read_pdf(pdf)  # a missing or wrong file is said first, before any setting is looked at
    plan = plan_email(to=to or (), cc=cc or (), bcc=bcc or (), audience=audience, config=load_config(config),
                      password_file=password_file, ca_file=ca_file, dry_run=dry_run)
    sent = email_brief(pdf, html, plan)
    if not quiet:
        _stderr(f"brief: {sent.summary()}")


templates_app = typer.Typer(help="List the audiences and their templates, or start your own.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


def _user_templates(templates: Path | None, config: Path | None) -> Path | None:
    from brief.config import load_config
    from brief.errors import ConfigError

    if templates is None:
        configured = load_config(config).section("build").get("templates_dir")
        templates = Path(configured) if configured else None
    if templates is not None and not templates.is_dir():
        raise ConfigError(f"{templates}: templates folder not found; check --templates")
    return templates


@templates_app.command("list")
def templates_list_cli(
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Folder of your templates.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (default: ./brief.toml).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """List the audiences: name, description and where each was found."""
    from dataclasses import asdict

    from brief.templates_cli import audiences

    rows = audiences(_user_templates(templates, config))
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in rows], indent=2))
        return
    width = max(len(r.name) for r in rows)
    for r in rows:
        typer.echo(f"{r.name:<{width}}  {r.where}  {r.description}")


@templates_app.command("init")
def templates_init_cli(
    name: Annotated[str, typer.Argument(help="Name of the new audience.")],
    base: Annotated[str, typer.Option("--from", help="Audience to extend.")] = "analyst",
    folder: Annotated[Path, typer.Option("--dir", help="Your templates folder (created if missing).")] = Path("mytemplates"),
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (default: ./brief.toml).")] = None,
) -> None:
    """Write a ready-to-edit audience NAME that extends an existing one."""
    from brief.templates_cli import init_audience

    user_dir = _user_templates(folder if folder.is_dir() else None, config)
    for path in init_audience(name, base, folder, user_dir):
        typer.echo(str(path))
    _stderr(f"brief: build it with: brief build --audience {name} --templates {folder}")


cache_app = typer.Typer(help="The facts cache: each article's extraction, reused by later builds.",
                        no_args_is_help=True, rich_markup_mode=None)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info_cli(as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False) -> None:
    """Show where the facts cache is, how many articles it holds and its size."""
    from brief.cache import open_cache

    with open_cache() as cache:
        info = cache.info()
    data = {"path": str(info.path), "entries": info.entries, "bytes": info.bytes}
    typer.echo(json.dumps(data, indent=2) if as_json else
               f"{info.path}\n{info.entries} articles, {info.bytes / 1024:.0f} KiB")


@cache_app.command("clear")
def cache_clear_cli() -> None:
    """Remove every stored extraction; the next build parses every article again."""
    from brief.cache import open_cache

    with open_cache() as cache:
        removed = cache.clear()
    _stderr(f"brief: removed {removed} cached articles from {cache.path}")


def main() -> None:
    """Entry point: Typer handles usage errors (exit 2); a ``BriefError`` becomes one line and its exit code."""
    try:
        app()
    except BriefError as exc:
        _stderr(f"brief: error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _stderr("brief: interrupted; earlier outputs were left as they were")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
