"""People, factions and places from the model's named entities (baseline)."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Entity, Extraction, Span

LABEL_CLASS = {"PERSON": "Actor", "ORG": "Faction", "NORP": "Faction",
               "GPE": "Place", "LOC": "Place", "FAC": "Facility"}


def add_components(nlp: Language) -> None:
    """No components yet."""


def extract(doc: Doc, found: Extraction) -> Extraction:
    """One entity per distinct name and class."""
    by_name: dict[tuple[str, str], list[Span]] = {}
    for ent in doc.ents:
        cls = LABEL_CLASS.get(ent.label_)
        if cls:
            by_name.setdefault((ent.text, cls), []).append(Span(ent.start_char, ent.end_char, ent.text))
    ents = tuple(Entity(key=f"e{i}", cls=cls, label=name, mentions=tuple(spans))
                 for i, ((name, cls), spans) in enumerate(by_name.items()))
    return replace(found, entities=ents)
