"""Claims from reporting verbs (baseline)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.model import Claim, Extraction, Span

CUES = {"say", "report", "document", "describe", "recount", "note", "accuse", "deny", "confirm"}


def extract(doc: Doc, found: Extraction) -> Extraction:
    """One claim per reporting verb, its subject as source."""
    by_span = {(m.start, m.end): e.key for e in found.entities for m in e.mentions}
    out = []
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_ in CUES:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            source = None
            if subj is not None:
                sub = doc[subj.left_edge.i: subj.right_edge.i + 1]
                source = next((k for (s, e), k in by_span.items() if s >= sub.start_char and e <= sub.end_char), None)
            sent = tok.sent
            out.append(Claim(cue=tok.lemma_, cue_span=Span(tok.idx, tok.idx + len(tok), tok.text),
                             sentence=Span(sent.start_char, sent.end_char, sent.text),
                             text=sent.text, source=source))
    return replace(found, claims=tuple(out))
