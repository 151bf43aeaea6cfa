"""The `brief templates` commands, and building a user's audience from the command line."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli import app, main
from brief.errors import EXIT_CONFIG, ConfigError

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def test_list_shows_the_three_built_in_audiences() -> None:
    result = runner.invoke(app, ["templates", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert {"analyst", "executive", "public"} <= set(rows)
    assert all(r["where"] == "built-in" and r["description"] for r in rows.values())
    plain = runner.invoke(app, ["templates", "list"])
    assert "executive" in plain.stdout and "built-in" in plain.stdout


def test_init_writes_an_audience_that_lists_as_the_users(tmp_path: Path) -> None:
    result = runner.invoke(app, ["templates", "init", "minister", "--from", "executive", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "minister" / "audience.toml").is_file()
    assert 'extends "default:brief.html"' in (tmp_path / "minister" / "brief.html").read_text()
    listed = json.loads(runner.invoke(app, ["templates", "list", "--json", "--templates", str(tmp_path)]).stdout)
    mine = next(r for r in listed if r["name"] == "minister")
    assert mine["where"] == str(tmp_path / "minister") and mine["extends"] == "executive"
    again = runner.invoke(app, ["templates", "init", "minister", "--from", "executive", "--dir", str(tmp_path)])
    assert again.exit_code != 0


def test_init_never_writes_into_the_built_in_templates() -> None:
    from brief.render import templates_root

    result = runner.invoke(app, ["templates", "init", "minister", "--dir", str(templates_root())])
    assert isinstance(result.exception, ConfigError) and "built-in templates folder" in str(result.exception)
    assert not (templates_root() / "minister").exists()


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    old = sys.argv
    sys.argv = ["brief", *argv]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = old
    return code, capsys.readouterr().err


@pytest.fixture
def two_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    return seeds


def test_scaffolded_audience_with_one_block_changed_builds(tmp_path: Path, two_seeds: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine"
    runner.invoke(app, ["templates", "init", "desk", "--from", "executive", "--dir", str(mine)])
    page = mine / "desk" / "brief.html"
    page.write_text(page.read_text().replace("{{ super() }}", "<p class=\"desk\">Prepared for the desk</p>"))
    out = tmp_path / "out"
    code, err = run_main(["build", str(two_seeds), "--out", str(out), "--audience", "desk", "--templates", str(mine),
                          "--quiet"], capsys)
    assert code == 0, err
    html = (out / "brief.html").read_text()
    assert "Prepared for the desk" in html and 'class="bluf"' in html
    assert "templates considered: " + str(mine) in html
    from pypdf import PdfReader

    assert len(PdfReader(out / "brief.pdf").pages) == 1  # still the executive's one page


@pytest.mark.parametrize("body", ["{{ ''.__class__.__mro__ }}", "{{ 'a' * 10**8 }}"])
def test_hostile_user_template_fails_in_one_line(tmp_path: Path, two_seeds: Path, body: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "brief.html").write_text('{% extends "default:brief.html" %}\n{% block title %}' + body + "{% endblock %}\n")
    code, err = run_main(["build", str(two_seeds), "--out", str(tmp_path / "out"), "--format", "html",
                          "--templates", str(user), "--quiet"], capsys)
    assert code == EXIT_CONFIG
    lines = err.strip().splitlines()
    assert len(lines) == 1 and f"{user / 'brief.html'}:2" in lines[0] and "sandbox" in lines[0]
