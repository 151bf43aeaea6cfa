"""Send a built brief to its readers over SMTP.

Four plain steps, each usable alone:

- ``smtp_settings(config, env)`` and ``smtp_login(settings, env)``: where to send and as whom, from
  ``[smtp]`` in ``brief.toml``, ``BRIEF_SMTP_*`` variables, and a password from
  ``BRIEF_SMTP_PASSWORD``, ``--password-file`` or ``~/.netrc``;
- ``build_message(...)``: the email (text part, email-safe HTML part, the PDF attached unchanged);
- ``send_message(msg, settings, login)``: one SMTP session (verified TLS), transient 4xx answers
  retried with back-off, a per-recipient ``DeliveryReport``;
- ``write_eml(msg, out_dir, name)``: the ``--dry-run`` file.

``plan_email(...)`` checks the settings before anything is built, and ``email_brief(pdf, html, plan)``
ties the steps together for the CLI. The password lives only in ``Login``, whose
repr hides it; no error message, log line or repr here ever contains it.
"""

from __future__ import annotations

import ipaddress
import json
import netrc
import os
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from brief.config import Config
from brief.errors import ConfigError, DeliveryError, InputError, OutputError
from brief.mailbody import BriefText, brief_text, html_body, plain_body, squash

SECURITY_MODES: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}
"""Security mode → its usual port (the default when no port is set)."""

SMTP_KEYS = ("host", "port", "security", "username", "from", "ca_file", "timeout", "retries", "helo")
AUDIENCE_KEYS = ("recipients", "cc", "bcc")
ENV_KEYS = {
    "host": "BRIEF_SMTP_HOST",
    "port": "BRIEF_SMTP_PORT",
    "security": "BRIEF_SMTP_SECURITY",
    "username": "BRIEF_SMTP_USER",
    "from": "BRIEF_SMTP_FROM",
}
PASSWORD_ENV = "BRIEF_SMTP_PASSWORD"
PASSWORD_SOURCES = f"{PASSWORD_ENV}, --password-file or ~/.netrc"


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to connect. Holds no password (see ``Login``)."""

    host: str = ""
    port: int = SECURITY_MODES["starttls"]
    security: str = "starttls"
    username: str | None = None
    sender: str | None = None
    ca_file: Path | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 5.0
    helo: str | None = None

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Login:
    """SMTP AUTH credentials; ``repr`` and ``str`` never show the password."""

    username: str
    password: str = field(repr=False)


def smtp_settings(config: Config, env: Mapping[str, str], *, ca_file: Path | None = None) -> SmtpSettings:
    """``[smtp]`` from the config file, each key overridden by its ``BRIEF_SMTP_*`` variable.

    ``ca_file`` (the ``--ca-file`` option) wins over ``[smtp] ca_file``, which is read relative to
    the config file's folder.
    """
    table = config.section("smtp")
    where = f"{config.path}: [smtp]"
    if "password" in table:
        raise ConfigError(f"{where} must not hold the password; use {PASSWORD_SOURCES} (mode 0600)")
    unknown = sorted(set(table) - set(SMTP_KEYS))
    if unknown:
        raise ConfigError(f"{where} has unknown key {unknown[0]!r}; known keys: {', '.join(SMTP_KEYS)}")
    values: dict[str, tuple[Any, str]] = {key: (value, f"{where} {key}") for key, value in table.items()}
    for key, var in ENV_KEYS.items():
        if env.get(var, "").strip():
            values[key] = (env[var].strip(), var)

    security = (_text(values, "security") or "starttls").lower()
    if security not in SECURITY_MODES:
        origin = values["security"][1]
        raise ConfigError(f"{origin} = {security!r} is not a security mode; use one of {', '.join(SECURITY_MODES)}")
    port = _number(values, "port", int, 1, 65535)
    sender = _text(values, "from")
    if sender is not None:
        sender = normalise_addresses([sender], values["from"][1])[0]
    retries = _number(values, "retries", int, 0, 10)
    ca, ca_origin = (Path(ca_file), "--ca-file") if ca_file is not None else (None, "")
    configured_ca = _text(values, "ca_file")
    if ca is None and configured_ca:
        ca, ca_origin = (config.path.parent if config.path else Path()) / configured_ca, f"{where} ca_file"
    if ca is not None and not ca.is_file():
        raise ConfigError(f"{ca_origin} {ca}: file not found; give the PEM file of the relay's CA")
    return SmtpSettings(
        host=_text(values, "host") or "",
        port=int(port) if port is not None else SECURITY_MODES[security],
        security=security,
        username=_text(values, "username"),
        sender=sender,
        ca_file=ca,
        timeout=float(_number(values, "timeout", float, 1, 600) or 30.0),
        retries=int(retries) if retries is not None else 3,
        helo=_text(values, "helo"),
    )


def _text(values: Mapping[str, tuple[Any, str]], key: str) -> str | None:
    if key not in values:
        return None
    value, origin = values[key]
    if not isinstance(value, str):
        raise ConfigError(f"{origin} must be a string, not {value!r}")
    return value.strip() or None


def _number(values: Mapping[str, tuple[Any, str]], key: str, kind: type, low: float, high: float) -> float | None:
    if key not in values:
        return None
    value, origin = values[key]
    try:
        number = kind(value)
    except (TypeError, ValueError):
        number = None
    if number is None or isinstance(value, bool) or not low <= number <= high:
        raise ConfigError(f"{origin} = {value!r} is not valid; expected a number from {low:g} to {high:g}")
    return number


def smtp_login(
    settings: SmtpSettings,
    env: Mapping[str, str],
    *,
    password_file: Path | None = None,
    netrc_file: Path | None = None,
) -> Login | None:
    """The credentials to send with, or ``None`` to send without AUTH.

    The password comes from ``password_file``, else ``BRIEF_SMTP_PASSWORD``, else the ``machine``
    entry for the host in ``netrc_file`` (default ``$HOME/.netrc``, which must not be readable by
    others); the netrc entry may also supply the user name.
    """
    username = settings.username
    password: str | None = None
    if password_file is not None:
        password = _read_password_file(Path(password_file))
    elif env.get(PASSWORD_ENV):
        password = env[PASSWORD_ENV]
    else:
        path = netrc_file if netrc_file is not None else _home(env) / ".netrc"
        entry = _netrc_entry(Path(path), settings.host) if settings.host else None
        if entry is not None and (username is None or entry[0] in ("", username)):
            username = username or entry[0] or None
            password = entry[1]
    if password is None:
        if username is None:
            return None
        raise ConfigError(f"no SMTP password for user {username!r}; set {PASSWORD_SOURCES}")
    if username is None:
        raise ConfigError("an SMTP password was given but no user; set [smtp] username or BRIEF_SMTP_USER")
    return Login(username=username, password=password)


def _home(env: Mapping[str, str]) -> Path:
    return Path(env["HOME"]) if env.get("HOME") else Path.home()


def _read_password_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(f"--password-file {path}: cannot read it ({reason})") from None
    password = text.rstrip("\r\n")
    if not password or "\n" in password:
        raise ConfigError(f"--password-file {path}: expected the password alone on one line")
    return password


def _netrc_entry(path: Path, host: str) -> tuple[str, str] | None:
    """``(login, password)`` for ``host`` (or the ``default`` entry) in a private netrc file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None
    if info.st_mode & 0o077:
        raise ConfigError(f"{path} is readable by other users; run: chmod 600 {path}")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise ConfigError(f"{path} belongs to another user; it must be your own file with mode 0600")
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:
        # The parser's message may quote a token of the file (a password): show only the line.
        raise ConfigError(f"{path}: cannot parse line {exc.lineno}; fix the file") from None
    except (OSError, UnicodeDecodeError):
        raise ConfigError(f"{path}: cannot read it") from None
    if entry is None or not entry[2]:
        return None
    return entry[0] or "", entry[2]


# --------------------------------------------------------------------------- recipients

_BAD_ADDRESS = re.compile(r"[\s\x00-\x1f\x7f<>,;]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalise_addresses(entries: Iterable[str], origin: str) -> tuple[str, ...]:
    """Validate ``addr`` or ``Name <addr>`` entries (commas split), keeping their display names."""
    out: list[str] = []
    for entry in entries:
        for part in _split_addresses(entry):
            name, addr = parseaddr(part)
            local, _, domain = addr.rpartition("@")
            whole = part in (addr, f"<{addr}>") or part.endswith(f"<{addr}>")
            if not (whole and local and "." in domain.strip(".")) or _BAD_ADDRESS.search(addr) or _CONTROL.search(part):
                raise ConfigError(f"{origin}: {part!r} is not an email address; expected name@example.org")
            formatted = formataddr((name, addr)) if name else addr
            if formatted not in out:
                out.append(formatted)
    return tuple(out)


def _split_addresses(entry: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in entry:
        if char == '"':
            depth ^= 1
        if char == "," and not depth:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


@dataclass(frozen=True)
class Recipients:
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()

    @property
    def envelope(self) -> tuple[str, ...]:
        """Every bare address, To then Cc then Bcc, each once."""
        seen: dict[str, None] = {}
        for entry in (*self.to, *self.cc, *self.bcc):
            seen.setdefault(parseaddr(entry)[1], None)
        return tuple(seen)


def recipients(
    config: Config,
    audience: str | None,
    to: Sequence[str] = (),
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
) -> Recipients:
    """``to``/``cc``/``bcc`` given on the command line plus ``[audiences.NAME]``'s lists."""
    table = config.section("audiences", audience) if audience else {}
    where = f"{config.path}: [audiences.{audience}]"
    lists: dict[str, tuple[str, ...]] = {}
    for key, given in zip(AUDIENCE_KEYS, (to, cc, bcc)):
        listed = table.get(key, [])
        if isinstance(listed, str):
            listed = [listed]
        if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
            raise ConfigError(f"{where} {key} must be a list of addresses")
        option = "--email-to/--to" if key == "recipients" else f"--{key}"
        lists[key] = normalise_addresses(given, option) + normalise_addresses(listed, f"{where} {key}")
    result = Recipients(to=_unique(lists["recipients"]), cc=_unique(lists["cc"]), bcc=_unique(lists["bcc"]))
    if not result.envelope:
        hint = f" or set recipients under [audiences.{audience}] in brief.toml" if audience else ""
        raise ConfigError(f"no recipients; pass --email-to/--to ADDR{hint}")
    return result


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    """Each address once (the first spelling of it wins)."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(parseaddr(item)[1].lower(), item)
    return tuple(seen.values())


# --------------------------------------------------------------------------- the brief's title


def describe_brief(pdf_path: Path, html_path: Path | None = None) -> tuple[str, str]:
    """``(title, period)`` of a brief built earlier, for the subject line.

    From the facts file beside the PDF (``NAME.facts.json``: ``title``, ``period.start``/``end``),
    else the HTML (first ``<h1>``; the period from ``<meta name="brief:period">`` or from a
    ``<title>`` of the form "TITLE — PERIOD"), else the PDF's file name.
    """
    facts = _facts(pdf_path.with_name(pdf_path.name.removesuffix(".pdf") + ".facts.json"))
    title, period = str(facts.get("title") or ""), _facts_period(facts)
    if html_path is not None and not (title and period):
        text = brief_text(_read_text(html_path))
        title = title or text.heading or text.title
        prefix = f"{text.heading} — "
        if not period:
            period = text.meta.get("brief:period", "")
        if not period and text.heading and text.title.startswith(prefix):
            period = text.title[len(prefix):]
    return title or pdf_path.stem.replace("_", " ").replace("-", " ").capitalize(), period


def _facts(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _facts_period(data: Mapping[str, Any]) -> str:
    period = data.get("period")
    if isinstance(period, str):
        return period
    if not isinstance(period, dict):
        return ""
    start, end = period.get("start"), period.get("end")
    if isinstance(start, str) and isinstance(end, str):
        return start if start == end else f"{start} – {end}"
    return ""


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InputError(f"{path}: cannot read the brief HTML ({reason}); build the brief first") from None


# --------------------------------------------------------------------------- the message


def subject_line(title: str, period: str) -> str:
    title = squash(title) or "Situation brief"
    period = squash(period)
    return f"{title} — {period}" if period and period not in title else title


def build_message(
    title: str,
    period: str,
    pdf_path: Path,
    html_path: Path | None,
    to: Sequence[str],
    cc: Sequence[str],
    bcc: Sequence[str],
    sender: str | None,
    now: datetime,
) -> EmailMessage:
    """The email for one brief: a text part, an inline-styled HTML part, and the PDF unchanged.

    ``Bcc`` stays in the message (and so in a ``--dry-run`` file); ``send_message`` strips it
    from the copy it transmits.
    """
    if not sender:
        raise ConfigError("no sender address; set [smtp] from in brief.toml or BRIEF_SMTP_FROM")
    if not (to or cc or bcc):
        raise ConfigError("no recipients; pass --email-to/--to ADDR")
    pdf = read_pdf(Path(pdf_path))
    text = brief_text(_read_text(Path(html_path))) if html_path is not None else BriefText()
    attachment = Path(pdf_path).name

    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = subject_line(title, period)
    msg["From"] = sender
    if to:
        msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    if bcc:
        msg["Bcc"] = ", ".join(bcc)
    if not to:
        msg["To"] = "undisclosed-recipients:;"
    stamp = now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)
    msg["Date"] = format_datetime(stamp)
    msg["Message-ID"] = make_msgid(domain=_domain(sender))
    msg["X-Mailer"] = "brief"
    footer = f"The full brief, with a footnote for every line, is attached: {attachment} ({_size(len(pdf))})."
    msg.set_content(plain_body(title, period, text, footer), cte="quoted-printable")
    msg.add_alternative(html_body(title, period, text, footer), subtype="html", cte="quoted-printable")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=attachment)
    return msg


def read_pdf(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the PDF ({exc.strerror}); build the brief first") from None
    if not data.startswith(b"%PDF-"):
        raise InputError(f"{path} is not a PDF; pass the .pdf file the build wrote")
    return data


def _domain(sender: str) -> str:
    domain = parseaddr(sender)[1].rpartition("@")[2]
    return domain if domain.isascii() and domain else "brief.invalid"


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def write_eml(msg: EmailMessage, out_dir: Path, name: str) -> Path:
    """Write ``out_dir/NAME.eml`` (CRLF line ends, as it would be sent) and return its path."""
    path = Path(out_dir) / f"{name}.eml"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(msg.as_bytes(policy=policy.SMTP))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the email file ({exc.strerror})") from None
    return path


# --------------------------------------------------------------------------- sending


@dataclass(frozen=True)
class Refusal:
    """A recipient the relay refused, with its answer."""

    address: str
    code: int
    reply: str

    def __str__(self) -> str:
        return f"{self.address} ({self.code} {self.reply})"


@dataclass(frozen=True)
class DeliveryReport:
    """Who got the message, who was refused, and how many SMTP sessions it took."""

    accepted: tuple[str, ...]
    refused: tuple[Refusal, ...] = ()
    attempts: int = 1


def tls_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """A verifying client context: the system CA store, or only ``ca_file`` for a private relay."""
    try:
        return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"--ca-file {ca_file}: not a PEM CA certificate ({_reason(exc)})") from None


def send_message(
    msg: EmailMessage,
    settings: SmtpSettings,
    login: Login | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryReport:
    """Send ``msg`` to its To/Cc/Bcc (Bcc is not transmitted) and report per recipient.

    Transient ``4xx`` answers (to the greeting, AUTH, MAIL, RCPT or DATA) are retried up to
    ``settings.retries`` times, waiting ``backoff``, ``2×backoff``, ... via ``sleep``; a retry goes
    only to the recipients not yet accepted. Raises ``DeliveryError`` when nobody got the message,
    ``ConfigError`` when the settings cannot work; refused recipients beside accepted ones are in
    the report.
    """
    if not settings.host:
        raise ConfigError("no SMTP host; set [smtp] host in brief.toml or BRIEF_SMTP_HOST")
    if login is not None and settings.security == "none" and not _loopback(settings.host):
        raise ConfigError(
            f"refusing to send the SMTP password unencrypted to {settings.host}; use security = starttls or ssl"
        )
    context = tls_context(settings.ca_file) if settings.security != "none" else None
    sender = settings.sender or parseaddr(str(msg["From"] or ""))[1]
    if not sender:
        raise ConfigError("no sender address; set [smtp] from in brief.toml or BRIEF_SMTP_FROM")
    sender = parseaddr(sender)[1]
    pending = _envelope(msg)
    if not pending:
        raise ConfigError("no recipients; pass --email-to/--to ADDR")
    accepted: list[str] = []
    refused: dict[str, Refusal] = {}
    attempt = 0
    while True:
        attempt += 1
        try:
            answers = _session(msg, settings, login, context, sender, pending)
        except smtplib.SMTPRecipientsRefused as exc:  # every pending recipient refused
            answers = exc.recipients
        except smtplib.SMTPResponseException as exc:
            if _transient(exc.smtp_code) and attempt <= settings.retries:
                sleep(settings.backoff * 2 ** (attempt - 1))
                continue
            raise DeliveryError(_explain(exc, settings, login, sender, attempt)) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(_explain(exc, settings, login, sender, attempt)) from None
        retry: list[str] = []
        for address in pending:
            if address not in answers:
                accepted.append(address)
                continue
            code, reply = answers[address]
            refused[address] = Refusal(address, code, _decode(reply))
            if _transient(code):
                retry.append(address)
        if not retry or attempt > settings.retries:
            break
        for address in retry:
            refused.pop(address)
        pending = retry
        sleep(settings.backoff * 2 ** (attempt - 1))
    if not accepted:
        listed = "; ".join(str(r) for r in refused.values())
        raise DeliveryError(f"the relay {settings.address} refused every recipient: {listed}; check the addresses")
    return DeliveryReport(tuple(accepted), tuple(refused.values()), attempt)


def _session(
    msg: EmailMessage,
    settings: SmtpSettings,
    login: Login | None,
    context: ssl.SSLContext | None,
    sender: str,
    recipients_: Sequence[str],
) -> dict[str, tuple[int, bytes]]:
    """One SMTP session; returns the refused recipients (smtplib's dict)."""
    helo = settings.helo or None
    smtp: smtplib.SMTP
    if settings.security == "ssl":
        smtp = smtplib.SMTP_SSL(settings.host, settings.port, local_hostname=helo, timeout=settings.timeout,
                                context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, local_hostname=helo, timeout=settings.timeout)
    try:
        if settings.security == "starttls":
            smtp.ehlo()
            smtp.starttls(context=context)
            smtp.ehlo()
        if login is not None:
            smtp.login(login.username, login.password)
        refused = smtp.send_message(msg, from_addr=sender, to_addrs=list(recipients_))
        with suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        return refused
    finally:
        smtp.close()


def _envelope(msg: EmailMessage) -> list[str]:
    """The bare addresses of To, Cc and Bcc, each once."""
    fields = [str(value) for name in ("To", "Cc", "Bcc") for value in msg.get_all(name) or []]
    return list(dict.fromkeys(addr for _, addr in getaddresses(fields) if "@" in addr))


def _transient(code: int) -> bool:
    return 400 <= code < 500


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _decode(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return exc.verify_message
    if isinstance(exc, ssl.SSLError) and exc.reason:
        return str(exc.reason).replace("_", " ").lower()
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _explain(exc: BaseException, s: SmtpSettings, login: Login | None, sender: str, attempts: int) -> str:
    """One line: what failed at which relay, and what to do. Never includes the password."""
    where = s.address
    if isinstance(exc, smtplib.SMTPResponseException):
        answer = f"{exc.smtp_code} {_decode(exc.smtp_error)}"
        if _transient(exc.smtp_code):
            return f"the relay {where} answered {answer} {attempts} times; try again later"
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            user = login.username if login else ""
            return (f"the relay {where} rejected the login for {user!r} ({answer}); "
                    f"check the user and the password ({PASSWORD_SOURCES})")
        if isinstance(exc, smtplib.SMTPSenderRefused):
            hint = "; the relay may require a login: set [smtp] username and a password" if exc.smtp_code == 530 else (
                "; set [smtp] from (BRIEF_SMTP_FROM) to an address the relay accepts")
            return f"the relay {where} refused the sender {sender} ({answer}){hint}"
        if isinstance(exc, smtplib.SMTPDataError):
            return f"the relay {where} refused the message ({answer})"
        if isinstance(exc, smtplib.SMTPConnectError):
            return f"the relay {where} refused the session ({answer}); check [smtp] host and port"
        return f"the relay {where} answered {answer}; check the [smtp] settings"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        said = str(exc).upper()
        if "STARTTLS" in said:
            return (f"{where} does not offer STARTTLS; use security = ssl for an implicit-TLS port (465), "
                    "or security = none only for a local relay")
        if "AUTH" in said:
            return f"{where} does not offer AUTH on this connection; use security = starttls or ssl, or drop the user"
        if "SMTPUTF8" in said:
            return f"{where} does not accept non-ASCII addresses (no SMTPUTF8); use ASCII addresses"
        return f"{where} does not support this ({_reason(exc)})"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (f"the TLS certificate of {where} is not trusted ({_reason(exc)}); use the relay's own host name, "
                "or pass --ca-file with the CA of a private relay")
    if isinstance(exc, ssl.SSLError):
        return (f"TLS with {where} failed ({_reason(exc)}); check that security = {s.security} fits the port "
                "(465 is usually ssl, 587 starttls)")
    if isinstance(exc, ConnectionRefusedError):
        return (f"cannot connect to the mail relay {where}: connection refused; check [smtp] host and port "
                "(BRIEF_SMTP_HOST, BRIEF_SMTP_PORT) and that the relay is running")
    if isinstance(exc, socket.gaierror):
        return f"cannot find the mail relay host {s.host!r} ({_reason(exc)}); check [smtp] host (BRIEF_SMTP_HOST)"
    if isinstance(exc, TimeoutError):
        return (f"the mail relay {where} did not answer within {s.timeout:g} s; check the host, port "
                f"and that security = {s.security} fits the port")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return (f"the mail relay {where} closed the connection ({_reason(exc)}); check that security = "
                f"{s.security} fits the port")
    if isinstance(exc, smtplib.SMTPException):
        return f"sending through {where} failed ({_reason(exc)})"
    return f"cannot reach the mail relay {where} ({_reason(exc)}); check [smtp] host and port"


# --------------------------------------------------------------------------- for the CLI


@dataclass(frozen=True)
class EmailOutcome:
    """What ``email_brief`` did: the ``.eml`` it wrote (dry run) or the delivery report."""

    recipients: Recipients
    eml: Path | None = None
    report: DeliveryReport | None = None

    def summary(self) -> str:
        if self.eml is not None:
            return f"dry run: wrote {self.eml} for {', '.join(self.recipients.envelope)}; nothing was sent"
        assert self.report is not None
        return f"sent to {', '.join(self.report.accepted)}"


@dataclass(frozen=True)
class EmailPlan:
    """Checked settings for one email: where, to whom, as whom (``login`` is ``None`` without AUTH)."""

    settings: SmtpSettings
    recipients: Recipients
    login: Login | None = None
    dry_run: bool = False


def plan_email(
    *,
    to: Sequence[str] = (),
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
    audience: str | None = None,
    config: Config | None = None,
    env: Mapping[str, str] | None = None,
    password_file: Path | None = None,
    ca_file: Path | None = None,
    dry_run: bool = False,
    netrc_file: Path | None = None,
) -> EmailPlan:
    """Check every email setting and resolve the password, before any brief exists; connect to nothing.

    Raises the ``ConfigError`` that sending would meet: a missing host, sender, recipient or password,
    a bad CA file, a password over an unencrypted remote connection. ``brief build --email-to`` calls
    it first, so a missing setting costs a second, not a whole build. A dry run needs no host or login.
    """
    config = config or Config()
    env = os.environ if env is None else env
    settings = smtp_settings(config, env, ca_file=ca_file)
    who = recipients(config, audience, to, cc, bcc)
    if not settings.sender:
        raise ConfigError("no sender address; set [smtp] from in brief.toml or BRIEF_SMTP_FROM")
    if dry_run:
        return EmailPlan(settings, who, dry_run=True)
    if not settings.host:
        raise ConfigError("no SMTP host; set [smtp] host in brief.toml or BRIEF_SMTP_HOST")
    login = smtp_login(settings, env, password_file=password_file, netrc_file=netrc_file)
    if login is not None and settings.security == "none" and not _loopback(settings.host):
        raise ConfigError(
            f"refusing to send the SMTP password unencrypted to {settings.host}; use security = starttls or ssl"
        )
    if settings.security != "none":
        tls_context(settings.ca_file)
    return EmailPlan(settings, who, login)


def email_brief(
    pdf_path: Path | None,
    html_path: Path | None,
    plan: EmailPlan,
    *,
    title: str | None = None,
    period: str | None = None,
    out_dir: Path | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> EmailOutcome:
    """Build the email for a brief and send it as ``plan`` says, or for a dry run write ``out_dir/NAME.eml``.

    ``html_path`` defaults to the ``.html`` beside the PDF, when there is one.
    ``title``/``period`` default to what ``describe_brief`` reads from the files. Raises
    ``DeliveryError`` when any recipient was refused (naming each), even if others got it.
    """
    if pdf_path is None:
        raise ConfigError("email needs the PDF; keep pdf in --format")
    pdf_path = Path(pdf_path)
    if html_path is None and pdf_path.with_suffix(".html").is_file():
        html_path = pdf_path.with_suffix(".html")
    who = plan.recipients
    if title is None or period is None:
        found_title, found_period = describe_brief(pdf_path, html_path)
        title = found_title if title is None else title
        period = found_period if period is None else period
    moment = now or datetime.now(timezone.utc).astimezone()
    msg = build_message(title, period, pdf_path, html_path, who.to, who.cc, who.bcc, plan.settings.sender, moment)
    if plan.dry_run:
        name = pdf_path.name.removesuffix(".pdf")
        return EmailOutcome(who, eml=write_eml(msg, out_dir or pdf_path.parent, name))
    report = send_message(msg, plan.settings, plan.login, sleep=sleep)
    if report.refused:
        refused = "; ".join(str(r) for r in report.refused)
        raise DeliveryError(
            f"sent to {', '.join(report.accepted)} but the relay refused {refused}; check those addresses and "
            "resend to them with brief send"
        )
    return EmailOutcome(who, report=report)
