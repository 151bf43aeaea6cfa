"""Real aiosmtpd servers on 127.0.0.1 for the email tests (plain, STARTTLS, implicit TLS, AUTH)."""

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

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
USER = "brief-bot"
PASSWORD = "s3cret-Pa55!word"


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

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]) -> list[str]:
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
    if isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode():
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


def server_factory(cert: Path, key: Path) -> Iterator[ServerFactory]:
    started: list[Server] = []

    def start(kind: str = "plain", **options: Any) -> Server:
        server = start_server(kind, cert, key, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.controller.stop()
