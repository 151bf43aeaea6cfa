"""brief: turn news coverage of an armed conflict into a footnoted situation brief."""

from __future__ import annotations

from brief.errors import BriefError

__version__ = "0.1.0"
__all__ = ["BriefError", "__version__"]
