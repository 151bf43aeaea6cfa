"""`brief build --email-to` and `brief send`, against real aiosmtpd servers on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.register_assert_rewrite("mail_fixtures")
from mail_fixtures import HOST, PASSWORD, USER, Server, ServerFactory, free_port  # noqa: E402

from brief.cli import app  # noqa: E402
from brief.errors import EXIT_CONFIG, EXIT_DELIVERY, ConfigError, DeliveryError  # noqa: E402

pytest_plugins = ["mail_fixtures"]  # servers, certificate, ca_file, pdf, html_file

ROOT = Path(__file__).resolve().parent.parent
SENDER = "brief@example.org"


def smtp_env(port: int, home: Path, **extra: str) -> dict[str, str]:
    """The BRIEF_SMTP_* variables for a relay on 127.0.0.1, and a HOME without a netrc."""
    return {"BRIEF_SMTP_HOST": HOST, "BRIEF_SMTP_PORT": str(port), "BRIEF_SMTP_SECURITY": "none",
            "BRIEF_SMTP_FROM": SENDER, "BRIEF_SMTP_USER": "", "BRIEF_SMTP_PASSWORD": "", "HOME": str(home), **extra}


def run_brief(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The real command line in a child process: exit codes and stderr as a user sees them."""
    return subprocess.run([sys.executable, "-m", "brief", *args], env={"PATH": "/usr/bin:/bin", **env},
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def received_pdf(server: Server) -> bytes:
    (received,) = server.handler.messages
    msg = message_from_bytes(received.data, policy=policy.default)
    (part,) = list(msg.iter_attachments())
    data = part.get_content()
    assert isinstance(data, bytes)
    return data


def test_build_seeds_email_to_delivers(servers: ServerFactory, tmp_path: Path) -> None:
    server = servers("plain")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(out), "--email-to",
                                      "desk@example.org", "--bcc", "archive@example.org"],
                                env=smtp_env(server.port, tmp_path))
    assert result.exit_code == 0, result.output
    assert "brief: sent to desk@example.org, archive@example.org" in result.output
    (received,) = server.handler.messages
    assert received.mail_from == SENDER and received.rcpt_tos == ["desk@example.org", "archive@example.org"]
    msg = received.message
    assert msg["To"] == "desk@example.org" and msg["Bcc"] is None
    assert msg["Subject"].startswith("Situation brief")
    text = msg.get_body(("plain",))
    assert text is not None and "Key developments" in text.get_content()
    assert received_pdf(server) == (out / "brief.pdf").read_bytes()


def test_build_email_audience_dry_run_writes_eml(servers: ServerFactory, tmp_path: Path) -> None:
    server = servers("plain")
    config = tmp_path / "brief.toml"
    config.write_text('[smtp]\nfrom = "Desk <desk@example.org>"\n\n'
                      '[audiences.executive]\nrecipients = ["ceo@example.org"]\ncc = ["staff@example.org"]\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(out), "--name", "today",
                                      "--audience", "executive", "--config", str(config), "--email", "--dry-run"],
                                env={**smtp_env(server.port, tmp_path), "BRIEF_SMTP_FROM": ""})
    assert result.exit_code == 0, result.output
    eml = out / "today.eml"
    assert f"dry run: wrote {eml} for ceo@example.org, staff@example.org; nothing was sent" in result.output
    msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert (msg["From"], msg["To"], msg["Cc"]) == ("Desk <desk@example.org>", "ceo@example.org", "staff@example.org")
    (part,) = list(msg.iter_attachments())
    assert part.get_filename() == "today.pdf" and part.get_content() == (out / "today.pdf").read_bytes()
    assert server.handler.sessions == 0 and server.handler.messages == []


def test_send_built_brief_over_starttls_with_auth(servers: ServerFactory, ca_file: Path, pdf: Path,
                                                  html_file: Path, tmp_path: Path) -> None:
    server = servers("starttls", auth=True)
    secret = tmp_path / "smtp-password"
    secret.write_text(PASSWORD + "\n")
    env = smtp_env(server.port, tmp_path, BRIEF_SMTP_SECURITY="starttls", BRIEF_SMTP_USER=USER)
    result = CliRunner().invoke(app, ["send", str(pdf), "--to", "a@example.org,b@example.org", "--cc", "c@example.org",
                                      "--password-file", str(secret), "--ca-file", str(ca_file)], env=env)
    assert result.exit_code == 0, result.output
    (received,) = server.handler.messages
    assert received.tls and received.user == USER
    assert received.rcpt_tos == ["a@example.org", "b@example.org", "c@example.org"]
    assert received.message["Subject"] == "Situation brief: Northern front — 2025-05-21 – 2025-05-22"  # from the HTML beside
    assert received_pdf(server) == pdf.read_bytes()


def test_build_seeds_delivers_over_starttls_with_auth(servers: ServerFactory, ca_file: Path, tmp_path: Path) -> None:
    server = servers("starttls", auth=True)
    secret = tmp_path / "smtp-password"
    secret.write_text(PASSWORD + "\n")
    env = smtp_env(server.port, tmp_path, BRIEF_SMTP_SECURITY="starttls", BRIEF_SMTP_USER=USER)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(out), "--audience", "executive",
                                      "--email-to", "desk@example.org", "--password-file", str(secret),
                                      "--ca-file", str(ca_file)], env=env)
    assert result.exit_code == 0, result.output
    (received,) = server.handler.messages
    assert received.tls and received.user == USER and received.rcpt_tos == ["desk@example.org"]
    msg = received.message
    assert msg["Subject"].startswith("Situation brief")
    assert [p.get_content_type() for p in msg.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"]
    assert received_pdf(server) == (out / "brief.pdf").read_bytes()


def test_send_says_a_missing_pdf_before_any_setting(tmp_path: Path) -> None:
    done = run_brief(["send", str(tmp_path / "missing.pdf"), "--to", "desk@example.org"], {"HOME": str(tmp_path)})
    assert done.returncode == 65 and "missing.pdf: cannot read the PDF" in done.stderr
    assert done.stderr.count("\n") == 1


def test_send_dry_run_writes_eml_beside_the_pdf(pdf: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["send", str(pdf), "--to", "desk@example.org", "--dry-run"],
                                env=smtp_env(free_port(), tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "brief.eml").is_file()


def test_send_errors_reach_the_cli_as_brief_errors(pdf: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    refused = runner.invoke(app, ["send", str(pdf), "--to", "desk@example.org"], env=smtp_env(free_port(), tmp_path))
    assert isinstance(refused.exception, DeliveryError) and "connection refused" in str(refused.exception)
    nobody = runner.invoke(app, ["send", str(pdf)], env=smtp_env(free_port(), tmp_path))
    assert isinstance(nobody.exception, ConfigError) and str(nobody.exception).startswith("no recipients")


def test_no_password_option(pdf: Path) -> None:
    result = CliRunner().invoke(app, ["send", str(pdf), "--to", "desk@example.org", "--password", "x"])
    assert result.exit_code == 2 and "No such option: --password" in result.output


def test_refused_connection_is_one_line_and_exit_75(pdf: Path, tmp_path: Path) -> None:
    port = free_port()
    done = run_brief(["send", str(pdf), "--to", "desk@example.org"], smtp_env(port, tmp_path))
    assert done.returncode == EXIT_DELIVERY
    assert done.stderr == (f"brief: error: cannot connect to the mail relay {HOST}:{port}: connection refused; check "
                           "[smtp] host and port (BRIEF_SMTP_HOST, BRIEF_SMTP_PORT) and that the relay is running\n")


def test_bad_password_is_never_printed(servers: ServerFactory, ca_file: Path, pdf: Path, tmp_path: Path) -> None:
    server = servers("starttls", auth=True)
    wrong = "Not-The-Password-42"
    env = smtp_env(server.port, tmp_path, BRIEF_SMTP_SECURITY="starttls", BRIEF_SMTP_USER=USER,
                   BRIEF_SMTP_PASSWORD=wrong)
    done = run_brief(["send", str(pdf), "--to", "desk@example.org", "--ca-file", str(ca_file)], env)
    assert done.returncode == EXIT_DELIVERY
    assert done.stderr.startswith(f"brief: error: the relay {HOST}:{server.port} rejected the login for 'brief-bot' (535")
    assert done.stderr.count("\n") == 1
    assert wrong not in done.stderr + done.stdout


@pytest.mark.parametrize(("unset", "message"), [
    ("BRIEF_SMTP_HOST", "no SMTP host; set [smtp] host in brief.toml or BRIEF_SMTP_HOST"),
    ("BRIEF_SMTP_FROM", "no sender address; set [smtp] from in brief.toml or BRIEF_SMTP_FROM"),
])
def test_build_checks_email_settings_before_building(tmp_path: Path, unset: str, message: str) -> None:
    out = tmp_path / "out"
    env = {**smtp_env(free_port(), tmp_path), unset: ""}
    done = run_brief(["build", "seeds", "--out", str(out), "--email-to", "desk@example.org"], env)
    assert done.returncode == EXIT_CONFIG
    assert done.stderr == f"brief: error: {message}\n"
    assert not out.exists()  # failed before the build: nothing parsed, nothing written


def test_build_checks_the_password_file_before_building(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = smtp_env(free_port(), tmp_path, BRIEF_SMTP_USER=USER)
    done = run_brief(["build", "seeds", "--out", str(out), "--email-to", "desk@example.org",
                      "--password-file", str(tmp_path / "missing")], env)
    assert done.returncode == EXIT_CONFIG and done.stderr.count("\n") == 1
    assert "--password-file" in done.stderr and not out.exists()


def test_build_email_without_pdf_format_fails_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_brief(["build", "seeds", "--out", str(out), "--format", "html", "--email-to", "desk@example.org"],
                     smtp_env(free_port(), tmp_path))
    assert done.returncode == EXIT_CONFIG
    assert done.stderr == "brief: error: email needs the PDF; keep pdf in --format\n" and not out.exists()
