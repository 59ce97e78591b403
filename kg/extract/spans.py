"""Helpers the span fixes share: where spans lie, which words may sit in a name, token lookups
over a whole doc in one array pass."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from kg.extract.entity_data import lexicons
from kg.extract.text import text_of

BYLINE_KB = "byline"  # kb_id of a writer's name on a 'By ...' line (kept in headline-like lines)
QUOTES = ('"', "\u201c", "\u201d")
# lower-case words inside a long organisation name: 'Association for a More Just Society',
# 'Asociacion para una Sociedad mas Justa', 'Group to Support Islam and Muslims'
NAME_GLUE = frozenset(
    {"and", "to", "a", "e", "in", "para", "una", "más", "en", "-", "'s", "\u2019s"}
)
LINE_START = re.compile(r"\n\s*(?=\S)")
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
ORDINAL_WORDS = frozenset(
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ]
)


@lru_cache(maxsize=32)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The string hashes of a word set, to find its words in a doc's token array."""
    return frozenset(hash_string(w) for w in words)


def where(doc: Doc, attr: int, words: frozenset[str] | None = None) -> list[int]:
    """Indices of tokens whose `attr` is set (or, with `words`, is one of them): one array
    pass instead of a Token object per token."""
    values = doc.to_array(attr)
    if words is None:
        return np.flatnonzero(values).tolist()
    wanted = _hashes(words)  # a set lookup per token: cheaper than np.isin on a doc's few hundred
    return [i for i, v in enumerate(values.tolist()) if v in wanted]


def line_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that open a line (after the first)."""
    chars = [m.end() for m in LINE_START.finditer(text_of(doc))]
    if not chars:
        return []
    starts = doc.to_array(IDX).astype(np.int64)
    found = np.searchsorted(starts, np.array(chars, dtype=np.int64))
    return [int(i) for i, c in zip(found, chars) if i < len(doc) and starts[i] == c]


def put(spans: list[Span], new: Span) -> list[Span]:
    """`new` in place of every span it overlaps."""
    return [s for s in spans if s.end <= new.start or new.end <= s.start] + [new]


def free(spans: list[Span], start: int, end: int) -> bool:
    """Whether no span touches tokens start..end."""
    return all(s.end <= start or end <= s.start for s in spans)


def name_word(tok) -> bool:
    """A word that may sit inside an organisation's name: capitalised, a particle, a hyphen."""
    return (
        tok.text[:1].isupper()
        and (tok.is_alpha or "'" in tok.text or "&" in tok.text)
        or tok.lower_ in lexicons().particles | NAME_GLUE
    )


def org_like(span: Span) -> bool:
    """Whether a name has a word that names an organisation ('Army', 'Center', 'Guard')."""
    words = set(span.text.replace("-", " ").split())
    return any(w in words for w, _ in lexicons().keywords)


def titled(span: Span) -> bool:
    """Whether a span starts with a title word ('Inspector General of Police'): a role, not a body."""
    return span[0].lower_ in lexicons().titles


def not_a_name(span: Span) -> bool:
    """Whether a span is a generic word or a title: no name."""
    return span.text.lower() in lexicons().generic or titled(span)


def is_ordinal(tok) -> bool:
    """'Third', '14th': an ordinal word a unit's name may start with."""
    text = tok.lower_
    return (
        tok.ent_type_ == "ORDINAL"
        or text in ORDINAL_WORDS
        or text[:-2].isdigit()
        and text.endswith(ORDINAL_SUFFIXES)
    )
