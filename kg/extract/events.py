"""Events from trigger words (baseline)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.model import Event, Extraction, Span

TRIGGERS = {"kill": "Killing", "killing": "Killing", "execute": "Execution", "clash": "Clash",
            "displace": "Displacement", "loot": "Looting", "looting": "Looting",
            "arrest": "Arrest", "rescue": "Rescue", "rebellion": "Rebellion"}


def extract(doc: Doc, found: Extraction) -> Extraction:
    """One event per trigger token."""
    out = []
    for tok in doc:
        cls = TRIGGERS.get(tok.lemma_.lower())
        if cls:
            sent = tok.sent
            out.append(Event(cls=cls, trigger=Span(tok.idx, tok.idx + len(tok), tok.text),
                             sentence=Span(sent.start_char, sent.end_char, sent.text)))
    return replace(found, events=tuple(out))
