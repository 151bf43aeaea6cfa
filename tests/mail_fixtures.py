"""Fixtures for the email tests: real aiosmtpd servers on 127.0.0.1 (plain, STARTTLS, implicit TLS, AUTH),
a self-signed certificate, and a PDF and brief HTML to send. Test modules import the fixtures they use."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
USER = "brief-bot"
PASSWORD = "s3cret-Pa55!word"

BRIEF_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Situation brief: Northern front — 2025-05-21 – 2025-05-22</title>
<link rel="stylesheet" href="https://cdn.example.com/brief.css">
<style>body { background: url(https://tracker.example.com/p.gif) } @page { size: A4 }</style>
<script>fetch("https://evil.example.com/")</script></head>
<body><header class="masthead"><p class="marking">INTERNAL</p>
<h1>Situation brief: Northern front</h1><p class="period">Reporting period: 21 May 2025 – 22 May 2025 · 2 sources</p>
<p class="running" aria-hidden="true">Situation brief: Northern front · 2025-05-21 – 2025-05-22</p></header>
<img src="https://tracker.example.com/pixel.gif" alt="pixel">
<h2>Key developments</h2>
<ol class="developments"><li>Shelling hit the <b>river port</b> overnight<a class="call" href="#note-1" id="call-1">1</a><span
 class="fn" data-n="1">Daily Post, “Port shelled”, 22 May 2025: “The port was shelled overnight.”</span>.</li>
<li>Talks resumed in Geneva &amp; Doha</li></ol>
<h2>Key figures</h2>
<table class="totals"><thead><tr><th>Figure</th><th>Best</th><th>Range</th></tr></thead>
<tbody><tr><th scope="row">Killed</th><td>120</td><td>100–150</td></tr></tbody></table>
<svg width="10" height="10"><text>chart label</text></svg>
<h3>Government</h3><ul class="positions"><li><span class="actor">The minister:</span> <q>We will not retreat</q></li></ul>
<p hidden>do not show</p>
<p>Residents fled <a href="https://news.example.com/a">north</a>.</p>
<section id="notes" class="notes"><h2>Notes</h2><ol><li id="note-1" value="1"><span class="note-source">Daily Post,
 “Port shelled”, 22 May 2025:</span> <span class="note-quote">“The port was shelled overnight.”</span>
 <a class="back" href="#call-1">↩</a></li></ol></section>
</body></html>
"""


def free_port() -> int:
    """An unused port on 127.0.0.1 (aiosmtpd 1.4 cannot listen on port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: ``(cert.pem, key.pem)``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "brief test relay")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "relay.pem", folder / "relay.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    tls: bool
    user: str | None

    @property
    def message(self) -> EmailMessage:
        msg = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Recorder:
    """The server's handler: keeps every message; answers RCPT and DATA as the test scripts."""

    messages: list[Received] = field(default_factory=list)
    rcpt_answers: dict[str, list[str]] = field(default_factory=dict)  # address → answers to give in turn
    data_answers: list[str] = field(default_factory=list)  # answers to give to DATA in turn, then 250
    sessions: int = 0

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:
        session.host_name = hostname
        self.sessions += 1
        return responses

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        answers = self.rcpt_answers.get(address)
        if answers:
            answer = answers.pop(0) if len(answers) > 1 else answers[0]
            if not answer.startswith("250"):
                return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_answers:
            return self.data_answers.pop(0)
        self.messages.append(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.original_content or envelope.content,
                session.ssl is not None,
                session.auth_data.login.decode() if session.auth_data else None,
            )
        )
        return "250 Message accepted for delivery"


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    good = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(), PASSWORD.encode())
    if good:
        return AuthResult(success=True, auth_data=auth_data)
    return AuthResult(success=False, handled=False)  # handled=True would leave the client waiting


@dataclass
class Server:
    port: int
    handler: Recorder
    controller: Controller


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def start_server(kind: str, cert: Path, key: Path, *, auth: bool = False, **options: Any) -> Server:
    """``kind``: plain, starttls (required before MAIL) or ssl (implicit TLS)."""
    handler = Recorder()
    params: dict[str, Any] = dict(options)
    if kind == "starttls":
        params.update(tls_context=server_context(cert, key), require_starttls=True)
    if auth:
        params.update(authenticator=authenticator, auth_required=True, auth_require_tls=kind == "starttls")
    port = free_port()
    controller = Controller(
        handler,
        hostname=HOST,
        port=port,
        ssl_context=server_context(cert, key) if kind == "ssl" else None,
        server_hostname="localhost",
        ready_timeout=5.0,
        **params,
    )
    controller.start()
    return Server(port, handler, controller)


ServerFactory = Callable[..., Server]


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def ca_file(certificate: tuple[Path, Path]) -> Path:
    return certificate[0]


@pytest.fixture
def servers(certificate: tuple[Path, Path]) -> Iterator[ServerFactory]:
    """``servers("plain" | "starttls" | "ssl", auth=False, **aiosmtpd options)`` starts one; all stop after the test."""
    cert, key = certificate
    started: list[Server] = []

    def start(kind: str = "plain", **options: Any) -> Server:
        server = start_server(kind, cert, key, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.controller.stop()


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    """A PDF-headed file holding every byte value, CRLFs and a line of dots: must arrive unchanged."""
    path = tmp_path / "brief.pdf"
    path.write_bytes(b"%PDF-1.7\r\n" + bytes(range(256)) * 64 + b"\r\n.\r\n..\n%%EOF\n")
    return path


@pytest.fixture
def html_file(tmp_path: Path) -> Path:
    """A page shaped like the built-in template's (masthead, footnote calls, print footnotes, notes)."""
    path = tmp_path / "brief.html"
    path.write_text(BRIEF_HTML, encoding="utf-8")
    return path
