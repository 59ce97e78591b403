"""Extraction: spaCy Doc + Article -> Extraction records. Pure; no I/O beyond lexicon loading.

Each extractor module has `extract(doc, found) -> Extraction`, taking what the earlier
ones found and returning it with its own records added. They run in EXTRACTORS order.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import claims, entities, events, lines
from kg.model import Article, Extraction, Span

EXTRACTORS = (entities.extract, events.extract, claims.extract)


def add_components(nlp: Language) -> None:
    """Add kg's pipeline components (line breaks, gazetteer ruler, fixes) to a loaded model."""
    lines.add(nlp)
    entities.add_components(nlp)


def extract(doc: Doc, article: Article) -> Extraction:
    """Everything kg reads from one parsed article."""
    sentences = tuple(Span(s.start_char, s.end_char, s.text) for s in doc.sents)
    found = Extraction(article=article, sentences=sentences)
    for step in EXTRACTORS:
        found = step(doc, found)
    return found
