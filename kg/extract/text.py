"""The text of a parsed Doc, joined once."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once per Doc (spaCy's Doc.text joins every token on each call)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, listed once per Doc (spaCy walks the whole Doc on each `doc.sents`)."""
    sents = doc.user_data.get("kg_sents")
    if sents is None:
        sents = doc.user_data["kg_sents"] = list(doc.sents)
    return sents


def sentence_number(doc: Doc, i: int) -> int:
    """The number of the sentence holding token i (sentences cover the Doc, in order)."""
    starts = doc.user_data.get("kg_sent_starts")
    if starts is None:
        starts = doc.user_data["kg_sent_starts"] = [s.start for s in sentences(doc)]
    return max(bisect_right(starts, i) - 1, 0)
