"""The optional ``brief.toml`` configuration file.

Looked up as ``--config FILE`` or ``./brief.toml``. Sections belong to the stage that reads them
(``[build]``, ``[smtp]``, ``[audiences.NAME]``); this module only finds and parses the file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_NAME = "brief.toml"


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def section(self, *names: str) -> dict[str, Any]:
        """The table at ``names`` (``section("audiences", "executive")``), or an empty dict."""
        node: Any = self.data
        for name in names:
            node = node.get(name, {}) if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            where = ".".join(names)
            raise ConfigError(f"{self.path}: [{where}] must be a table")
        return node


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read ``path`` (must exist) or ``cwd/brief.toml`` (optional)."""
    if path is None:
        candidate = (cwd or Path.cwd()) / DEFAULT_NAME
        if not candidate.is_file():
            return Config()
        path = candidate
    elif not path.is_file():
        raise ConfigError(f"{path}: config file not found; check the --config path")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); fix the file or pass another --config") from None
    return Config(path=path, data=data)
