"""Email delivery against real aiosmtpd servers on 127.0.0.1: no mock of smtplib or the server."""

from __future__ import annotations

import os
import traceback
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

pytest.register_assert_rewrite("mail_fixtures")
from mail_fixtures import BRIEF_HTML, HOST, PASSWORD, USER, Server, ServerFactory, free_port  # noqa: E402

from brief.config import Config
from brief.deliver import (
    Login,
    SmtpSettings,
    build_message,
    describe_brief,
    email_brief,
    plan_email,
    recipients,
    send_message,
    smtp_login,
    smtp_settings,
    subject_line,
    write_eml,
)
from brief.errors import ConfigError, DeliveryError, InputError
from brief.mailbody import brief_text, html_body, plain_body

pytest_plugins = ["mail_fixtures"]  # servers, certificate, ca_file, pdf, html_file

NOW = datetime(2025, 5, 23, 7, 30, tzinfo=timezone.utc)
SENDER = "Brief Desk <brief@example.org>"
TITLE = "Situation brief: Northern front"
PERIOD = "2025-05-21 – 2025-05-22"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def sleeps() -> list[float]:
    return []


def settings_for(server: Server, security: str = "none", **extra: object) -> SmtpSettings:
    return SmtpSettings(host=HOST, port=server.port, security=security, sender=SENDER, timeout=10,
                        **extra)  # type: ignore[arg-type]


def message(pdf: Path, html: Path | None = None, to: tuple[str, ...] = ("desk@example.org",),
            cc: tuple[str, ...] = (), bcc: tuple[str, ...] = ()) -> EmailMessage:
    return build_message(TITLE, PERIOD, pdf, html, to, cc, bcc, SENDER, NOW)


def only_message(server: Server) -> EmailMessage:
    assert len(server.handler.messages) == 1
    return server.handler.messages[0].message


def attachment_bytes(msg: EmailMessage) -> bytes:
    (part,) = list(msg.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    assert part.get_filename() == "brief.pdf"
    data = part.get_content()
    assert isinstance(data, bytes)
    return data


# --------------------------------------------------------------------------- sending, per transport


def test_plain_server_receives_all_parts_and_recipients(servers: ServerFactory, pdf: Path, html_file: Path,
                                                        sleeps: list[float]) -> None:
    server = servers("plain")
    msg = message(pdf, html_file, to=("desk@example.org", "Ana <ana@example.org>"), cc=("cc@example.org",),
                  bcc=("hidden@example.org",))
    report = send_message(msg, settings_for(server), sleep=sleeps.append)

    assert report.accepted == ("desk@example.org", "ana@example.org", "cc@example.org", "hidden@example.org")
    assert report.refused == () and report.attempts == 1 and sleeps == []
    received = server.handler.messages[0]
    assert received.mail_from == "brief@example.org"
    assert received.rcpt_tos == ["desk@example.org", "ana@example.org", "cc@example.org", "hidden@example.org"]
    got = received.message
    assert got["Subject"] == f"{TITLE} — {PERIOD}"
    assert got["From"] == SENDER
    assert got["To"] == "desk@example.org, Ana <ana@example.org>"
    assert got["Cc"] == "cc@example.org"
    assert got["Bcc"] is None and b"hidden@example.org" not in received.data
    assert got["Date"] == "Fri, 23 May 2025 07:30:00 +0000"
    assert got["Message-ID"].endswith("@example.org>")
    assert got.get_content_type() == "multipart/mixed"
    body = got.get_body(("plain",))
    assert body is not None and got.get_body(("html",)) is not None
    assert [p.get_content_type() for p in got.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"]
    assert attachment_bytes(got) == pdf.read_bytes()


def test_starttls_with_private_ca(servers: ServerFactory, pdf: Path, ca_file: Path) -> None:
    server = servers("starttls")
    send_message(message(pdf), settings_for(server, "starttls", ca_file=ca_file))
    received = server.handler.messages[0]
    assert received.tls
    assert attachment_bytes(received.message) == pdf.read_bytes()


def test_implicit_tls_with_private_ca(servers: ServerFactory, pdf: Path, ca_file: Path) -> None:
    server = servers("ssl")
    report = send_message(message(pdf), settings_for(server, "ssl", ca_file=ca_file))
    assert report.accepted == ("desk@example.org",)
    assert attachment_bytes(only_message(server)) == pdf.read_bytes()


def test_auth_over_starttls(servers: ServerFactory, pdf: Path, ca_file: Path) -> None:
    server = servers("starttls", auth=True)
    send_message(message(pdf), settings_for(server, "starttls", ca_file=ca_file), Login(USER, PASSWORD))
    received = server.handler.messages[0]
    assert received.user == USER and received.tls
    assert attachment_bytes(received.message) == pdf.read_bytes()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_auth_without_tls_on_loopback(servers: ServerFactory, pdf: Path) -> None:
    server = servers("plain", auth=True)
    send_message(message(pdf), settings_for(server), Login(USER, PASSWORD))
    assert server.handler.messages[0].user == USER


# --------------------------------------------------------------------------- failures


def test_connection_refused(pdf: Path) -> None:
    settings = SmtpSettings(host=HOST, port=free_port(), security="none", sender=SENDER, timeout=5)
    with pytest.raises(DeliveryError, match=r"cannot connect to the mail relay 127\.0\.0\.1:\d+: connection refused"):
        send_message(message(pdf), settings)


def test_untrusted_certificate(servers: ServerFactory, pdf: Path) -> None:
    server = servers("starttls")
    with pytest.raises(DeliveryError, match=r"TLS certificate of .* is not trusted .*--ca-file") as info:
        send_message(message(pdf), settings_for(server, "starttls"))
    assert "\n" not in str(info.value)
    assert server.handler.messages == []


def test_untrusted_certificate_implicit_tls(servers: ServerFactory, pdf: Path) -> None:
    server = servers("ssl")
    with pytest.raises(DeliveryError, match="not trusted"):
        send_message(message(pdf), settings_for(server, "ssl"))


def test_tls_to_a_plain_port(servers: ServerFactory, pdf: Path, ca_file: Path) -> None:
    server = servers("plain")
    with pytest.raises(DeliveryError, match=r"TLS with .* failed .*security = ssl fits the port"):
        send_message(message(pdf), settings_for(server, "ssl", ca_file=ca_file))


def test_starttls_not_offered(servers: ServerFactory, pdf: Path, ca_file: Path) -> None:
    server = servers("plain")
    with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
        send_message(message(pdf), settings_for(server, "starttls", ca_file=ca_file))


def test_bad_credentials_535_never_show_the_password(servers: ServerFactory, pdf: Path, ca_file: Path,
                                                      sleeps: list[float]) -> None:
    server = servers("starttls", auth=True)
    wrong = "wrong-" + PASSWORD
    with pytest.raises(DeliveryError, match=r"rejected the login for 'brief-bot' \(535 ") as info:
        send_message(message(pdf), settings_for(server, "starttls", ca_file=ca_file), Login(USER, wrong),
                     sleep=sleeps.append)
    shown = "".join(traceback.format_exception(info.value)) + repr(Login(USER, wrong))
    assert wrong not in shown and PASSWORD not in shown
    assert sleeps == [] and server.handler.messages == []


def test_relay_requires_login(servers: ServerFactory, pdf: Path, ca_file: Path) -> None:
    server = servers("starttls", auth=True)
    with pytest.raises(DeliveryError, match=r"refused the sender brief@example.org \(530 .*set \[smtp\] username"):
        send_message(message(pdf), settings_for(server, "starttls", ca_file=ca_file))


def test_some_recipients_rejected(servers: ServerFactory, pdf: Path) -> None:
    server = servers("plain")
    server.handler.rcpt_answers["nobody@example.org"] = ["550 5.1.1 No such user"]
    msg = message(pdf, to=("desk@example.org", "nobody@example.org"))
    report = send_message(msg, settings_for(server))
    assert report.accepted == ("desk@example.org",)
    assert [(r.address, r.code, r.reply) for r in report.refused] == [("nobody@example.org", 550, "5.1.1 No such user")]
    assert server.handler.messages[0].rcpt_tos == ["desk@example.org"]


def test_every_recipient_rejected(servers: ServerFactory, pdf: Path) -> None:
    server = servers("plain")
    server.handler.rcpt_answers.update({"a@example.org": ["550 5.1.1 No such user"],
                                        "b@example.org": ["553 5.7.1 Relaying denied"]})
    with pytest.raises(DeliveryError, match=r"refused every recipient: a@example.org \(550 5.1.1 No such user\); "
                                            r"b@example.org \(553 5.7.1 Relaying denied\)"):
        send_message(message(pdf, to=("a@example.org", "b@example.org")), settings_for(server))


def test_email_brief_reports_refused_recipients_per_address(servers: ServerFactory, pdf: Path) -> None:
    server = servers("plain")
    server.handler.rcpt_answers["nobody@example.org"] = ["550 5.1.1 No such user"]
    with pytest.raises(DeliveryError,
                       match=r"sent to desk@example.org but the relay refused nobody@example.org \(550 "):
        email_brief(pdf, None, plan_email(to=["desk@example.org,nobody@example.org"], env=env_for(server)), now=NOW)


def test_transient_rcpt_answers_are_retried_for_those_recipients_only(servers: ServerFactory, pdf: Path,
                                                                       sleeps: list[float]) -> None:
    server = servers("plain")
    server.handler.rcpt_answers["busy@example.org"] = ["450 4.2.1 Mailbox busy", "451 4.3.0 Try later", "250 OK"]
    msg = message(pdf, to=("desk@example.org", "busy@example.org"))
    report = send_message(msg, settings_for(server), sleep=sleeps.append)
    assert report.accepted == ("desk@example.org", "busy@example.org") and report.refused == ()
    assert report.attempts == 3 and sleeps == [5.0, 10.0]
    assert [m.rcpt_tos for m in server.handler.messages] == [["desk@example.org"], ["busy@example.org"]]


def test_transient_data_answer_is_retried(servers: ServerFactory, pdf: Path, sleeps: list[float]) -> None:
    server = servers("plain")
    server.handler.data_answers.append("451 4.3.0 Local problem, try later")
    report = send_message(message(pdf), settings_for(server, backoff=0.5), sleep=sleeps.append)
    assert report.attempts == 2 and sleeps == [0.5]
    assert attachment_bytes(only_message(server)) == pdf.read_bytes()


def test_transient_answers_give_up_after_the_retries(servers: ServerFactory, pdf: Path, sleeps: list[float]) -> None:
    server = servers("plain")
    server.handler.data_answers.extend(["452 4.3.1 Insufficient storage"] * 5)
    with pytest.raises(DeliveryError, match=r"answered 452 4.3.1 Insufficient storage 3 times; try again later"):
        send_message(message(pdf), settings_for(server, retries=2), sleep=sleeps.append)
    assert sleeps == [5.0, 10.0] and server.handler.messages == []


def test_transient_refusal_left_after_retries_is_reported(servers: ServerFactory, pdf: Path,
                                                          sleeps: list[float]) -> None:
    server = servers("plain")
    server.handler.rcpt_answers["busy@example.org"] = ["450 4.2.1 Mailbox busy"]
    msg = message(pdf, to=("desk@example.org", "busy@example.org"))
    report = send_message(msg, settings_for(server, retries=1), sleep=sleeps.append)
    assert report.accepted == ("desk@example.org",)
    assert [(r.address, r.code) for r in report.refused] == [("busy@example.org", 450)]
    assert sleeps == [5.0]


def test_permanent_data_answer(servers: ServerFactory, pdf: Path, sleeps: list[float]) -> None:
    server = servers("plain")
    server.handler.data_answers.append("552 5.3.4 Message too big")
    with pytest.raises(DeliveryError, match=r"refused the message \(552 5.3.4 Message too big\)"):
        send_message(message(pdf), settings_for(server), sleep=sleeps.append)
    assert sleeps == []


def test_password_never_sent_in_clear_to_a_remote_host(pdf: Path) -> None:
    settings = SmtpSettings(host="mail.example.org", port=25, security="none", sender=SENDER)
    with pytest.raises(ConfigError, match="refusing to send the SMTP password unencrypted to mail.example.org"):
        send_message(message(pdf), settings, Login(USER, PASSWORD))


def test_no_host(pdf: Path) -> None:
    with pytest.raises(ConfigError, match="no SMTP host; set \\[smtp\\] host .* BRIEF_SMTP_HOST"):
        send_message(message(pdf), SmtpSettings(sender=SENDER))


# --------------------------------------------------------------------------- settings and passwords


def env_for(server: Server, **extra: str) -> dict[str, str]:
    return {"BRIEF_SMTP_HOST": HOST, "BRIEF_SMTP_PORT": str(server.port), "BRIEF_SMTP_SECURITY": "none",
            "BRIEF_SMTP_FROM": SENDER, "HOME": "/nonexistent", **extra}


def config(data: dict[str, object]) -> Config:
    return Config(path=Path("brief.toml"), data=data)


def test_settings_from_config_then_env() -> None:
    conf = config({"smtp": {"host": "smtp.example.org", "security": "ssl", "username": "me", "from": "me@example.org"}})
    settings = smtp_settings(conf, {})
    assert (settings.host, settings.port, settings.security, settings.username) == (
        "smtp.example.org", 465, "ssl", "me")
    env = {"BRIEF_SMTP_HOST": "relay.example.net", "BRIEF_SMTP_PORT": "2525", "BRIEF_SMTP_SECURITY": "starttls",
           "BRIEF_SMTP_USER": "you", "BRIEF_SMTP_FROM": "Desk <desk@example.net>"}
    settings = smtp_settings(conf, env)
    assert (settings.host, settings.port, settings.security, settings.username, settings.sender) == (
        "relay.example.net", 2525, "starttls", "you", "Desk <desk@example.net>")
    assert smtp_settings(Config(), {}).port == 587


@pytest.mark.parametrize(
    ("data", "env", "message_"),
    [
        ({"security": "tls"}, {}, r"\[smtp\] security = 'tls' is not a security mode; use one of starttls, ssl, none"),
        ({}, {"BRIEF_SMTP_PORT": "smtp"}, r"BRIEF_SMTP_PORT = 'smtp' is not valid; expected a number from 1 to 65535"),
        ({"port": 0}, {}, r"port = 0 is not valid"),
        ({"password": "x"}, {}, r"must not hold the password; use BRIEF_SMTP_PASSWORD"),
        ({"hots": "x"}, {}, r"unknown key 'hots'; known keys: host, port"),
        ({"from": "not an address"}, {}, r"'not an address' is not an email address"),
    ],
)
def test_bad_settings(data: dict[str, object], env: dict[str, str], message_: str) -> None:
    with pytest.raises(ConfigError, match=message_):
        smtp_settings(config({"smtp": data}), env)


def test_ca_file_from_option_or_config(tmp_path: Path) -> None:
    (tmp_path / "relay-ca.pem").write_text("x")
    conf = Config(path=tmp_path / "brief.toml", data={"smtp": {"ca_file": "relay-ca.pem", "security": "SSL"}})
    settings = smtp_settings(conf, {})
    assert settings.ca_file == tmp_path / "relay-ca.pem" and settings.security == "ssl"
    (tmp_path / "cli-ca.pem").write_text("x")
    assert smtp_settings(conf, {}, ca_file=tmp_path / "cli-ca.pem").ca_file == tmp_path / "cli-ca.pem"
    with pytest.raises(ConfigError, match="--ca-file .*: file not found"):
        smtp_settings(Config(), {}, ca_file=tmp_path / "nope.pem")
    with pytest.raises(ConfigError, match=r"\[smtp\] ca_file .*other.pem: file not found"):
        smtp_settings(Config(path=conf.path, data={"smtp": {"ca_file": "other.pem"}}), {})


def test_password_sources(tmp_path: Path) -> None:
    settings = SmtpSettings(host="smtp.example.org", username="me")
    secret = tmp_path / "password"
    secret.write_text("from-file\n")
    env = {"BRIEF_SMTP_PASSWORD": "from-env", "HOME": str(tmp_path)}
    assert smtp_login(settings, env, password_file=secret) == Login("me", "from-file")
    assert smtp_login(settings, env) == Login("me", "from-env")
    assert smtp_login(SmtpSettings(host="smtp.example.org"), {"HOME": str(tmp_path)}) is None
    with pytest.raises(ConfigError,
                       match=r"no SMTP password for user 'me'; set BRIEF_SMTP_PASSWORD, --password-file or ~/.netrc"):
        smtp_login(settings, {"HOME": str(tmp_path)})
    with pytest.raises(ConfigError, match="no user; set \\[smtp\\] username or BRIEF_SMTP_USER"):
        smtp_login(SmtpSettings(host="smtp.example.org"), env)


def test_netrc_gives_login_and_password(tmp_path: Path) -> None:
    rc = tmp_path / ".netrc"
    rc.write_text("machine other.example.org login x password y\n"
                  "machine smtp.example.org login bot password n3tRc-pw\n")
    rc.chmod(0o600)
    env = {"HOME": str(tmp_path)}
    assert smtp_login(SmtpSettings(host="smtp.example.org"), env) == Login("bot", "n3tRc-pw")
    assert smtp_login(SmtpSettings(host="smtp.example.org", username="bot"), env) == Login("bot", "n3tRc-pw")
    with pytest.raises(ConfigError, match="no SMTP password for user 'someone-else'"):
        smtp_login(SmtpSettings(host="smtp.example.org", username="someone-else"), env)


def test_netrc_readable_by_others_is_refused(tmp_path: Path) -> None:
    rc = tmp_path / ".netrc"
    rc.write_text("machine smtp.example.org login bot password n3tRc-pw\n")
    rc.chmod(0o644)
    with pytest.raises(ConfigError, match=r"readable by other users; run: chmod 600"):
        smtp_login(SmtpSettings(host="smtp.example.org"), {"HOME": str(tmp_path)})


def test_netrc_parse_error_does_not_quote_the_file(tmp_path: Path) -> None:
    rc = tmp_path / ".netrc"
    rc.write_text("machine smtp.example.org login bot\nn3tRc-pw\n")  # the password lost its keyword
    rc.chmod(0o600)
    with pytest.raises(ConfigError, match=r"\.netrc: cannot parse line \d+; fix the file") as info:
        smtp_login(SmtpSettings(host="smtp.example.org"), {"HOME": str(tmp_path)})
    assert "n3tRc-pw" not in str(info.value)


def test_password_file_must_be_one_line(tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text("")
    with pytest.raises(ConfigError, match="expected the password alone on one line"):
        smtp_login(SmtpSettings(username="me"), {}, password_file=secret)
    with pytest.raises(ConfigError, match="cannot read it"):
        smtp_login(SmtpSettings(username="me"), {}, password_file=tmp_path / "missing")


def test_secrets_stay_out_of_reprs() -> None:
    login = Login("me", PASSWORD)
    assert PASSWORD not in repr(login) and PASSWORD not in str(login)
    assert "password" not in {f for f in SmtpSettings.__dataclass_fields__}


def test_recipients_from_audience_and_options() -> None:
    conf = config({"audiences": {"executive": {"recipients": ["ceo@example.org", "Desk <desk@example.org>"],
                                               "bcc": ["archive@example.org"]}}})
    who = recipients(conf, "executive", to=["desk@example.org, extra@example.org"], cc=["cc@example.org"])
    assert who.to == ("desk@example.org", "extra@example.org", "ceo@example.org")
    assert who.cc == ("cc@example.org",) and who.bcc == ("archive@example.org",)
    assert who.envelope == ("desk@example.org", "extra@example.org", "ceo@example.org", "cc@example.org",
                            "archive@example.org")
    with pytest.raises(ConfigError, match=r"no recipients; pass --email-to/--to ADDR or set recipients under "
                                          r"\[audiences.analyst\]"):
        recipients(conf, "analyst")


@pytest.mark.parametrize("bad", ["desk", "desk@localhost", "a@example.org\nBcc: x@example.org", "a b@example.org",
                                 "a@example.org junk", "Ana <a@example.org> x"])
def test_bad_addresses(bad: str) -> None:
    with pytest.raises(ConfigError, match="is not an email address"):
        recipients(Config(), None, to=[bad])


# --------------------------------------------------------------------------- the message


def test_html_part_is_email_safe(pdf: Path, html_file: Path) -> None:
    msg = message(pdf, html_file)
    part = msg.get_body(("html",))
    assert part is not None
    body = part.get_content()
    lowered = body.lower()
    for banned in ("<style", "<script", "<img", "<link", "<svg", "<a ", "url(", "http", "src=", "@import", "class="):
        assert banned not in lowered, banned
    assert "style=" in body
    assert f"<h1 style=\"font-size:22px;line-height:1.3;margin:0 0 8px\">{TITLE}</h1>" in body
    assert body.count(TITLE) == 2  # the <title> and the heading, not the page's own h1 again
    assert "INTERNAL" in body and "Reporting period: 21 May 2025 – 22 May 2025 · 2 sources" in body
    assert "Shelling hit the river port overnight[1].</li>" in body
    assert "Talks resumed in Geneva &amp; Doha" in body
    assert "<li value=1 " in body and "<li value=2 " in body
    assert "The minister: “We will not retreat”" in body
    assert "<td" in body and "100–150" in body
    assert "Residents fled north." in body
    assert body.count("The port was shelled overnight.") == 1  # from the Notes list, not the print footnote
    assert "↩" not in body and "chart label" not in body and "do not show" not in body and "fetch(" not in body


def test_text_part(pdf: Path, html_file: Path) -> None:
    part = message(pdf, html_file).get_body(("plain",))
    assert part is not None
    text = part.get_content()
    assert text.startswith(f"{TITLE}\n\nINTERNAL\n\nReporting period: 21 May 2025 – 22 May 2025 · 2 sources\n")
    assert "1. Shelling hit the river port overnight[1].\n2. Talks resumed in Geneva & Doha\n" in text
    assert "Figure | Best | Range\nKilled | 120 | 100–150" in text
    assert "- The minister: “We will not retreat”" in text
    assert "Notes\n=====\n1. Daily Post, “Port shelled”, 22 May 2025: “The port was shelled overnight.”\n" in text
    assert text.endswith("attached: brief.pdf (16 KB).\n")


def test_a_heading_with_nothing_under_it_in_text_is_left_out() -> None:
    text = brief_text("<h2>Key figures at a glance</h2><svg><text>chart label</text></svg>"
                      "<h2>Key developments</h2><ol><li>Talks resumed.</li></ol><h2>Sources</h2>")
    body = plain_body("T", "", text, "end")
    assert "Key developments\n" in body and "at a glance" not in body and "Sources" not in body
    assert "at a glance" not in html_body("T", "", text, "end")


def test_message_without_html_still_has_both_parts(pdf: Path) -> None:
    msg = message(pdf)
    plain, rich = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and rich is not None
    assert plain.get_content().startswith(f"{TITLE}\n{PERIOD}\n\nThe full brief")
    assert PERIOD in rich.get_content()
    assert attachment_bytes(msg) == pdf.read_bytes()


def test_brief_text_reads_title_blocks_and_notes() -> None:
    text = brief_text(BRIEF_HTML)
    assert (text.title, text.heading) == (f"{TITLE} — {PERIOD}", TITLE)
    assert [(b.kind, b.number) for b in text.blocks] == [
        ("p", None), ("h1", None), ("p", None), ("h2", None), ("li", 1), ("li", 2), ("h2", None), ("head", None),
        ("row", None), ("h3", None), ("li", None), ("p", None), ("h2", None), ("li", 1)]
    assert text.notes == ()


def test_footnote_class_becomes_a_note_after_the_text() -> None:
    text = brief_text('<p>Three killed<span class="footnote">Ministry, <i>22 May</i>.</span> at dawn.</p>'
                      '<ol start="4"><li>four</li><li value="9">nine</li><li>ten</li></ol>')
    assert [b.text for b in text.blocks] == ["Three killed[1] at dawn.", "four", "nine", "ten"]
    assert [b.number for b in text.blocks] == [None, 4, 9, 10]
    assert text.notes == ("Ministry, 22 May.",)
    body = plain_body("T", "", text, "end")
    assert "Three killed[1] at dawn.\n4. four\n9. nine\n10. ten\n\nNotes\n-----\n[1] Ministry, 22 May.\n" in body


def test_subject_line() -> None:
    assert subject_line(TITLE, PERIOD) == f"{TITLE} — {PERIOD}"
    assert subject_line(f"{TITLE} {PERIOD}", PERIOD) == f"{TITLE} {PERIOD}"
    assert subject_line("  ", "") == "Situation brief"


def test_describe_brief_from_html_or_facts(tmp_path: Path, pdf: Path, html_file: Path) -> None:
    assert describe_brief(pdf, html_file) == (TITLE, PERIOD)
    (tmp_path / "brief.facts.json").write_text('{"schema": "brief-facts/1", "title": "From facts", '
                                               '"period": {"start": "2025-05-21", "end": "2025-05-22"}}')
    assert describe_brief(pdf) == ("From facts", "2025-05-21 – 2025-05-22")
    assert describe_brief(pdf, html_file) == ("From facts", "2025-05-21 – 2025-05-22")
    assert describe_brief(tmp_path / "weekly-report.pdf") == ("Weekly report", "")


def test_not_a_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "brief.pdf"
    fake.write_text("<html>")
    with pytest.raises(InputError, match="is not a PDF"):
        message(fake)
    with pytest.raises(InputError, match="cannot read the PDF"):
        message(tmp_path / "missing.pdf")


def test_no_sender(pdf: Path) -> None:
    with pytest.raises(ConfigError, match="no sender address; set \\[smtp\\] from .* BRIEF_SMTP_FROM"):
        build_message(TITLE, PERIOD, pdf, None, ("a@example.org",), (), (), None, NOW)


def test_write_eml_round_trips(tmp_path: Path, pdf: Path, html_file: Path) -> None:
    msg = message(pdf, html_file, bcc=("hidden@example.org",))
    path = write_eml(msg, tmp_path / "out", "brief")
    assert path == tmp_path / "out" / "brief.eml"
    data = path.read_bytes()
    assert b"\r\n" in data
    back = message_from_bytes(data, policy=policy.default)
    assert isinstance(back, EmailMessage)
    assert back["Subject"] == f"{TITLE} — {PERIOD}" and back["Bcc"] == "hidden@example.org"
    assert attachment_bytes(back) == pdf.read_bytes()


def test_dry_run_writes_eml_and_sends_nothing(servers: ServerFactory, pdf: Path, html_file: Path,
                                              tmp_path: Path) -> None:
    server = servers("plain")
    out = tmp_path / "out"
    plan = plan_email(to=["desk@example.org"], env=env_for(server), dry_run=True)
    outcome = email_brief(pdf, html_file, plan, out_dir=out, now=NOW)
    assert outcome.eml == out / "brief.eml" and outcome.eml.is_file()
    assert outcome.summary().startswith("dry run: wrote ")
    assert server.handler.messages == [] and server.handler.sessions == 0


def test_email_brief_end_to_end_with_env_and_netrc(servers: ServerFactory, pdf: Path, html_file: Path,
                                                   ca_file: Path, tmp_path: Path) -> None:
    server = servers("starttls", auth=True)
    rc = tmp_path / ".netrc"
    rc.write_text(f"machine {HOST} login {USER} password {PASSWORD}\n")
    os.chmod(rc, 0o600)
    env = env_for(server, BRIEF_SMTP_SECURITY="starttls", HOME=str(tmp_path))
    conf = config({"audiences": {"executive": {"recipients": ["ceo@example.org"], "cc": ["desk@example.org"]}}})
    plan = plan_email(audience="executive", config=conf, env=env, ca_file=ca_file)
    assert plan.login is not None and plan.login.username == USER  # from the netrc, before anything is built
    outcome = email_brief(pdf, html_file, plan, now=NOW)
    assert outcome.summary() == "sent to ceo@example.org, desk@example.org"
    received = server.handler.messages[0]
    assert received.user == USER and received.rcpt_tos == ["ceo@example.org", "desk@example.org"]
    got = received.message
    assert got["Subject"] == f"{TITLE} — {PERIOD}"
    assert got["To"] == "ceo@example.org" and got["Cc"] == "desk@example.org"
    assert attachment_bytes(got) == pdf.read_bytes()


def test_non_ascii_address_needs_smtputf8(servers: ServerFactory, pdf: Path) -> None:
    plain = servers("plain", enable_SMTPUTF8=False)
    with pytest.raises(DeliveryError, match=r"does not accept non-ASCII addresses \(no SMTPUTF8\)"):
        send_message(message(pdf, to=("jürgen@example.org",)), settings_for(plain))
    modern = servers("plain")
    send_message(message(pdf, to=("jürgen@example.org",)), settings_for(modern))
    assert modern.handler.messages[0].rcpt_tos == ["jürgen@example.org"]


def test_plan_email_checks_everything_before_a_brief_exists(tmp_path: Path) -> None:
    base = {"BRIEF_SMTP_FROM": "desk@example.org", "HOME": str(tmp_path)}
    dry = plan_email(to=["a@example.org"], env=base, dry_run=True)  # a dry run needs no host and no login
    assert dry.dry_run and dry.login is None and dry.recipients.envelope == ("a@example.org",)
    with pytest.raises(ConfigError, match="^no SMTP host"):
        plan_email(to=["a@example.org"], env=base)
    with pytest.raises(ConfigError, match="^no recipients"):
        plan_email(env={**base, "BRIEF_SMTP_HOST": "relay.example.org"})
    remote_plain = {**base, "BRIEF_SMTP_HOST": "relay.example.org", "BRIEF_SMTP_SECURITY": "none",
                    "BRIEF_SMTP_USER": "u", "BRIEF_SMTP_PASSWORD": "Secret-123"}
    with pytest.raises(ConfigError, match="^refusing to send the SMTP password unencrypted") as caught:
        plan_email(to=["a@example.org"], env=remote_plain)
    assert "Secret-123" not in str(caught.value)
    ok = plan_email(to=["a@example.org"], env={**remote_plain, "BRIEF_SMTP_SECURITY": "starttls"})
    assert ok.login == Login("u", "Secret-123") and "Secret-123" not in repr(ok)
