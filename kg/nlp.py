"""The spaCy pipeline, loaded once per process, with kg's own components added."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from kg.config import SPACY_MODEL
from kg.fast_attributes import replace_ruler


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The English model with kg's components (gazetteer ruler and fixes) added."""
    nlp = spacy.load(SPACY_MODEL)
    from kg.extract import add_components

    replace_ruler(nlp)  # same output as the model's own, faster
    add_components(nlp)
    return nlp


def model_name(nlp: Language) -> str:
    """A model's name and version, for provenance."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
