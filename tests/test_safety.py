"""Article text is data: escaped in HTML, and nothing in it (or in a template) makes WeasyPrint fetch a URL,
read a local file or embed an attachment."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from brief import build_brief
from brief.render import load_audience, render_pdf


class Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Recorder.hits.append(self.path)
        body = b"body{color:red}" if self.path.endswith(".css") else b"GIF89a"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that records every request."""
    Recorder.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def hostile(base: str) -> str:
    return (
        f'Three people were killed in Kharkiv, the governor said. <script>alert("x")</script>\n\n'
        f'<img src="{base}/img.png"> <link rel="stylesheet" href="{base}/style.css">\n\n'
        f'<style>@import url("{base}/import.css");</style> <link rel="attachment" href="file:///etc/hostname">\n\n'
        f'<iframe src="{base}/frame"></iframe> <object data="{base}/obj"></object> '
        f'<svg><image href="{base}/svg.png"/></svg> url({base}/bare.png)\n\n'
        '“We will never give up,” Zelenskyy said on Thursday in Kyiv.\n'
    )


def test_hostile_article_is_escaped_and_fetches_nothing(tmp_path: Path, server: str) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "evil.txt").write_text(hostile(server), encoding="utf-8")
    (articles / "evil.html").write_text(f"<html><body><article><p>{hostile(server)}</p></article></body></html>",
                                        encoding="utf-8")
    result = build_brief([articles], tmp_path / "out")
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<link" not in html
    pdf = result.outputs["pdf"].read_bytes()
    assert Recorder.hits == []
    assert b"/EmbeddedFile" not in pdf and b"/FileAttachment" not in pdf


def test_a_template_cannot_make_weasyprint_fetch_or_attach(tmp_path: Path, server: str) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html").write_text(
        f'<html lang="en"><head><title>x</title><link rel="stylesheet" href="{server}/t.css">'
        f'<link rel="attachment" href="file:///etc/hostname"><style>@import url("{server}/i.css");'
        f'body {{ background: url("file:///etc/hostname") }}</style></head>'
        f'<body><img src="{server}/t.png"><img src="file:///etc/hostname"><p>hello</p></body></html>',
        encoding="utf-8")
    audience = load_audience("analyst", templates)
    html = (templates / "brief.html").read_text(encoding="utf-8")
    pdf = render_pdf(html, audience)
    assert pdf.startswith(b"%PDF")
    assert Recorder.hits == []
    assert b"/EmbeddedFile" not in pdf


def test_the_safe_fetcher_allows_data_urls_and_built_in_assets_only(tmp_path: Path) -> None:
    from brief.render import _fetcher_class, assets_root

    fetcher = _fetcher_class()([assets_root()])
    assert fetcher.fetch("data:text/plain,hello") is not None
    assert fetcher.fetch((assets_root() / "fonts.css").as_uri()) is not None
    for url in ("file:///etc/hostname", "http://127.0.0.1:9/x", "https://example.org/x", "ftp://127.0.0.1/x",
                f"{assets_root().as_uri()}/../base/brief.html"):
        with pytest.raises(ValueError, match="does not fetch"):
            fetcher.fetch(url)
