"""Headline-like lines, where capitals are no evidence of a name."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.entity_data import bundled_places, fold
from kg.extract.people import BYLINE_KB
from kg.extract.text import text_of

HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_CAPS_SHARE = 0.6


def headline_tokens(doc: Doc) -> set[int]:
    """Token indices in headline-like lines (short, no closing punctuation) and repeats of the first."""
    spans: list[tuple[int, int]] = []
    offset = 0
    lines = text_of(doc).split("\n")
    for line in lines:
        if is_headline(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    first = lines[0].strip().rstrip(".")
    # a sentence-case first line is a headline unless the body goes on from it (a cut lead)
    sentence_case = (
        len(lines) > 1
        and is_first_line_headline(lines[0])
        and not is_headline(lines[0])
        and not (lines[1].strip().startswith(first) and lines[1].strip() != lines[0].strip())
    )
    if sentence_case:
        spans.append((0, len(lines[0])))  # 'Gunmen abduct 20 students in ..., police say'
        for k, line in enumerate(lines[1:], 1):
            if line.strip() == lines[0].strip():  # the headline repeated as a line
                at = sum(len(x) + 1 for x in lines[:k])
                spans.append((at, at + len(line)))
    if is_headline(lines[0]) and len(first.split()) >= HEADLINE_MIN_WORDS:
        at = text_of(doc).find(first, len(lines[0]))
        while at >= 0:
            spans.append((at, at + len(first)))
            at = text_of(doc).find(first, at + len(first))
    return {t.i for t in doc for s, e in spans if s <= t.idx < e}


def is_first_line_headline(line: str) -> bool:
    """A first line in sentence case without closing punctuation: a headline too."""
    text = line.strip()
    return (
        HEADLINE_MIN_WORDS <= len(text.split()) <= HEADLINE_MAX_WORDS
        and text[-1] not in '.!?"\u201d:'
        and text[0] != "("
    )


def is_headline(line: str) -> bool:
    """A short line in Title Case without closing punctuation."""
    text = line.strip()
    long_words = [w for w in text.split() if len(w) > 3 and w.isalpha()]
    if (
        not text
        or text[0] == "("
        and text[-1] == ")"  # '(Reporting by ...; Editing by ...)': a note
        or len(text.split()) > HEADLINE_MAX_WORDS
        or text[-1] in '.!?"\u201d'
        or not long_words
    ):
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= HEADLINE_CAPS_SHARE


def drop_headline_noise(doc: Doc, spans: list[Span]) -> list[Span]:
    """In headlines keep only known names and names the body also gives."""
    head = headline_tokens(doc)
    body = {fold(s.text) for s in spans if s.start not in head}
    places = bundled_places()
    return [
        s
        for s in spans
        if s.start not in head
        or s.ent_id_
        or s.id_
        or s.kb_id_ == BYLINE_KB
        or fold(s.text) in body
        or fold(s.text) in places
    ]
