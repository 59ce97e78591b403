"""Sports sides named for their place ('Leeds 2 Chelsea 1', 'Essex beat Kent', 'Leeds United'):
organisations, not places, in a sports report where the name stands as a side does (before a
score, next to 'beat' or 'v') or carries a club's word. A country's or a nation's side bears the
country's name and stays the place."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from kg.extract.entity_data import place_kind, rows
from kg.extract.spans import where

SPORT_KEY = "kg_sport_report"
SCORE = re.compile(r"\d{1,3}")  # '2', '198': a score or a table's figure, not a year


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The words of sport.tsv by kind (sport, versus, club_first, club_last, nation)."""
    kinds: dict[str, set[str]] = {}
    for word, kind in rows("sport.tsv"):
        kinds.setdefault(kind, set()).add(word)
    return {k: frozenset(v) for k, v in kinds.items()}


def sports_report(doc: Doc) -> bool:
    """Whether the article has a word only sports reports use ('soccer', 'innings'); once a doc."""
    found = doc.user_data.get(SPORT_KEY)
    if found is None:
        found = doc.user_data[SPORT_KEY] = bool(where(doc, LOWER, words()["sport"]))
    return found


def is_side(ent: Span) -> bool:
    """Whether a name in a sports report is a side's: a club's name, or a place's (known or
    tagged so; not a country's) where a score or 'beat'/'v' stands next to it."""
    if not sports_report(ent.doc):
        return False
    kind = place_kind(ent.text)
    if kind is None and ent.label_ not in ("GPE", "LOC"):
        return club_name(ent)
    if kind and kind[0] == "country" or ent.text in words()["nation"]:
        return False
    return scored(ent) or versus(ent)


def club_name(ent: Span) -> bool:
    """'Leeds United', 'Real Madrid', 'Queens Park Rangers': a club's word opens or closes it."""
    names = ent.text.split()
    return len(names) > 1 and (names[0] in words()["club_first"] or names[-1] in words()["club_last"])


def scored(ent: Span) -> bool:
    """A score or a table's figures right after the name: 'Essex 198', 'Stoke 4 3 1 0 7 4 10'."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    return after is not None and bool(SCORE.fullmatch(after.text)) and after.ent_type_ != "DATE"


def versus(ent: Span) -> bool:
    """'beat', 'v', 'defeated' right before or after the name."""
    doc, vs = ent.doc, words()["versus"]
    before = ent.start > 0 and doc[ent.start - 1].lower_ in vs
    return before or ent.end < len(doc) and doc[ent.end].lower_ in vs

