"""The library side of ``brief templates``: list the audiences, scaffold a new one.

Kept apart from ``brief.cli`` so the commands stay a thin layer and tests can call these directly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from brief.errors import ConfigError, OutputError
from brief.render import ENTRY, PROFILE, RESERVED, list_audiences, load_audience, templates_root

NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class AudienceInfo:
    name: str
    description: str
    where: str  # "built-in" or the user's folder
    extends: str


def audiences(user_dir: Path | None = None) -> list[AudienceInfo]:
    """Every audience, built-in and the user's, with its description and where it was found."""
    rows = []
    for name, folder in list_audiences(user_dir).items():
        audience = load_audience(name, user_dir)
        builtin = folder.resolve().is_relative_to(templates_root().resolve())
        rows.append(AudienceInfo(name=name, description=audience.description,
                                 where="built-in" if builtin else str(folder),
                                 extends=str(audience.chain[1][0]) if len(audience.chain) > 1 else ""))
    return rows


SCAFFOLD_PROFILE = '''description = "{name}: a copy of {base} to edit."
extends = "{base}"
# Anything set here overrides {base}'s profile; see README "Audiences and templates".
# sections = {sections}
# marking = "INTERNAL"
# pdf_variant = "pdf/ua-1"   # or "pdf/a-3b", or "none"

# [headings]
# developments = "Key developments"
'''

SCAFFOLD_TEMPLATE = '''{{#- {name}: extends {base}'s brief. Override only the blocks you change:
    {blocks}.
    {{{{ super() }}}} inside a block keeps the original. -#}}
{{% extends "{parent}" %}}
{{% block colophon %}}
{{{{ super() }}}}
{{% endblock %}}
'''


def init_audience(name: str, base: str, folder: Path, user_dir: Path | None = None) -> list[Path]:
    """Write ``folder/name/{audience.toml,brief.html}``: a ready-to-edit audience that extends ``base``."""
    if not NAME.match(name) or name in RESERVED:
        raise ConfigError(f"'{name}' is not a usable audience name; use lower-case letters, digits, - and _")
    parent = load_audience(base, user_dir)
    if folder.resolve().is_relative_to(templates_root().resolve()):
        raise ConfigError(f"{folder}: is the built-in templates folder; pass --dir with a folder of your own "
                          "(e.g. --dir mytemplates)")
    target = folder / name
    if target.exists():
        raise ConfigError(f"{target}: already exists; pick another name or remove it")
    builtin = list_audiences(user_dir)[base].resolve().is_relative_to(templates_root().resolve())
    files = {
        PROFILE: SCAFFOLD_PROFILE.format(name=name, base=base, sections=json.dumps(parent.settings["sections"])),
        ENTRY: SCAFFOLD_TEMPLATE.format(name=name, base=base, blocks=", ".join(block_names()),
                                        parent=f"default:{ENTRY}" if builtin else f"{base}:{ENTRY}"),
    }
    try:
        target.mkdir(parents=True)
        written = []
        for filename, text in files.items():
            (target / filename).write_text(text, encoding="utf-8")
            written.append(target / filename)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror}); pass another --dir") from None
    return written


def block_names() -> list[str]:
    """The blocks of the built-in base brief, in the order they appear."""
    text = (templates_root() / "base" / ENTRY).read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r"{%-?\s*block\s+(\w+)", text)))

