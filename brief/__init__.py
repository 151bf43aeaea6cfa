"""brief: turn news coverage of an armed conflict into a footnoted situation brief.

The public API::

    from brief import build_brief
    result = build_brief([Path("seeds")], Path("out"), audience="executive")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brief.errors import (BriefError, ConfigError, DeliveryError, InputError, OutputError, TemplateError,
                          UsageError)

__version__ = "0.1.0"
__all__ = [
    "BriefError", "ConfigError", "DeliveryError", "InputError", "OutputError", "TemplateError", "UsageError",
    "build_brief", "BuildResult", "__version__",
]

if TYPE_CHECKING:
    from brief.build import BuildResult, build_brief


def __getattr__(name: str) -> Any:  # keep `import brief` light: the pipeline loads on first use
    if name in ("build_brief", "BuildResult"):
        from brief import build

        return getattr(build, name)
    raise AttributeError(name)
