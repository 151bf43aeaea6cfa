"""Rules as data: the TOML files under ``brief/data`` (figure kinds, speech verbs, actors, noise lines)."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@lru_cache(maxsize=None)
def load_rules(name: str) -> dict[str, Any]:
    """Parse ``brief/data/NAME.toml`` once."""
    text = resources.files("brief").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
