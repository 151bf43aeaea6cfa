"""The CLI as a user meets it: exit codes, one clear line on stderr, never a traceback, clean stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def brief(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "brief", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def assert_one_clear_line(run: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert run.returncode == code, run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    for word in words:
        assert word in lines[0]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    run = brief("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert_one_clear_line(run, 65, str(tmp_path / "in"), "no usable article")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_folder_with_one_binary_file(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    run = brief("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert_one_clear_line(run, 65, "photo.txt", "binary")


def test_missing_path(tmp_path: Path) -> None:
    run = brief("build", str(tmp_path / "missing"))
    assert_one_clear_line(run, 65, "missing", "no such file")


def test_unknown_audience_names_the_choices(tmp_path: Path) -> None:
    run = brief("build", "seeds", "--audience", "minister", "--out", str(tmp_path))
    assert_one_clear_line(run, 78, "minister", "analyst", "executive")


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    run = brief("build", "seeds", "--format", "docx", "--out", str(tmp_path))
    assert_one_clear_line(run, 2, "docx")


def test_bad_model_is_a_configuration_error(tmp_path: Path) -> None:
    run = brief("build", "seeds", "--model", "xx_no_such_model", "--format", "json", "--out", str(tmp_path))
    assert_one_clear_line(run, 78, "xx_no_such_model", "--model")


def test_output_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    run = brief("build", "seeds", "--format", "json", "--out", str(blocker / "out"))
    assert_one_clear_line(run, 73, str(blocker / "out"))


def test_usage_error_exits_2() -> None:
    run = brief("build", "--no-such-option")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_json_summary_keeps_stdout_clean(tmp_path: Path) -> None:
    run = brief("build", "seeds", "--out", str(tmp_path), "--name", "today", "--format", "json,html", "--json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["articles"] == 2
    assert summary["outputs"] == {"json": str(tmp_path / "today.facts.json"), "html": str(tmp_path / "today.html")}
    assert (tmp_path / "today.html").is_file()


def test_default_paths_are_seeds_and_out(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    for seed in (ROOT / "seeds").iterdir():
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    run = brief("build", "--format", "json", "-q", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert (tmp_path / "out" / "brief.facts.json").is_file()


def test_failed_run_leaves_previous_outputs(tmp_path: Path) -> None:
    ok = brief("build", "seeds", "--out", str(tmp_path), "--format", "json,html")
    assert ok.returncode == 0, ok.stderr
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    (tmp_path / "empty").mkdir()
    bad = brief("build", str(tmp_path / "empty"), "--out", str(tmp_path), "--format", "json,html")
    assert bad.returncode == 65
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["--version"]])
def test_help_and_version(args: list[str]) -> None:
    run = brief(*args)
    assert run.returncode == 0
    assert run.stdout.strip()
