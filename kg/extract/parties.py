"""Parties named by common nouns: institutions ("Syrian government"), regimes, unnamed groups."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Doc, Token

from kg.extract.classes import top_class
from kg.extract.entity_data import fold, lexicons
from kg.extract.mentions import Mention

PARTY_DEPS = ("amod", "compound", "nmod", "poss")
REGIME = "regime"


class Party(NamedTuple):
    """The unnamed party a common noun stands for: its label, class and group."""

    label: str
    cls: str
    group: str
    derived: bool = False  # from the WordNet list, not the curated parties.tsv


@cache
def party_nouns() -> dict[str, Party]:
    """Lemma or plural -> party, from parties.tsv and the WordNet-derived party_nouns.tsv
    (the curated lexicon wins)."""
    path = resources.files("kg.extract") / "data" / "events" / "party_nouns.tsv"
    out: dict[str, Party] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        lemma, label, cls = line.split("\t")
        out.setdefault(lemma, Party(label, cls, label, True))
        out.setdefault(label, Party(label, cls, label, True))
    for lemma, (label, cls, group) in lexicons().parties.items():
        out[lemma] = out[label.lower()] = Party(label, cls, group)
    return out


def unnamed_party(tok: Token) -> Party | None:
    """The unnamed party a common noun names ('police', 'three civilians', 'a man', 'Gunmen',
    'security forces'), or None for a word that names no people."""
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.pos_ == "PROPN" and not tok.is_title):
        return None
    nouns = party_nouns()
    pair = f"{tok.doc[tok.i - 1].lower_} {tok.lower_}" if tok.i > 0 else ""
    for key in (pair, tok.lemma_.lower(), tok.lower_):
        if key in nouns:
            return nouns[key]
    return None


def party_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """Institution, regime and unnamed-party mentions not already inside a name."""
    at = {i: m for m in named for i in range(m.start, m.end)}
    places = {fold(m.name) for m in named if top_class(m.cls) == "Place"}
    out: list[Mention] = []
    taken = set(at)
    for tok in doc:
        if tok.i in taken:
            continue
        m = institution(doc, tok, at, places) or regime(doc, tok, at) or party(doc, tok, at)
        if m is not None:
            out.append(m)
            taken.update(range(m.start, m.end))
    return out + bare_institutions(doc, out, taken)


def institution(doc: Doc, tok: Token, at: dict[int, Mention], places: set[str]) -> Mention | None:
    """'Syrian government', 'Mexican army', 'Dima Hasao police': a demonym or place, then a body."""
    lex = lexicons()
    if tok.i == 0 or tok.lower_ not in institution_starts():
        return None
    for n in (2, 1):
        words = doc[tok.i : tok.i + n]
        noun = words.text.lower()
        if len(words) != n or noun not in lex.institutions or tok.i == 0:
            continue
        prev = doc[tok.i - 1]
        if prev.text in ("'s", "\u2019s") and tok.i >= 2:
            prev = doc[tok.i - 2]  # "Sudan's army"
        place = at.get(prev.i)
        if prev.text in lex.demonyms:
            start, country = prev.i, lex.demonyms[prev.text][1]
        elif (
            place is not None
            and place.end == prev.i + 1
            and not (place.start > 0 and doc[place.start - 1].lower_ in ("in", "at", "near"))
            and (top_class(place.cls) == "Place" or fold(place.name) in places)
        ):
            start, country = place.start, place.country
        else:
            return None
        text = doc[start : words.end].text
        group = "opposition" if noun == "opposition" else ""
        return Mention(
            start,
            words.end,
            text,
            f"{doc[start : prev.i + 1].text} {noun}",
            lex.institutions[noun],
            "ORG",
            group=group,
            country=country,
        )
    return None


@cache
def institution_starts() -> frozenset[str]:
    """The first words of the institution nouns ('security' of 'security forces')."""
    return frozenset(noun.split()[0] for noun in lexicons().institutions)


def regime(doc: Doc, tok: Token, at: dict[int, Mention]) -> Mention | None:
    """'Assad regime', 'Bashar al Assads regime': a ruler's name, then 'regime'."""
    if tok.lower_ != REGIME or tok.i == 0:
        return None
    prev = tok.i - 1
    if doc[prev].text in ("'s", "\u2019s") and prev > 0:
        prev -= 1
    ruler = at.get(prev)
    if ruler is None or ruler.cls not in ("Actor", "Faction") or ruler.end != prev + 1:
        return None
    surname = ruler.name.split()[-1]
    return Mention(
        ruler.start,
        tok.i + 1,
        doc[ruler.start : tok.i + 1].text,
        f"{surname} regime",
        "GovernmentBody",
        "ORG",
    )


def party(doc: Doc, tok: Token, at: dict[int, Mention]) -> Mention | None:
    """An unnamed acting group ('security forces', 'gunmen'), or a named group's members ('ISIL terrorists')."""
    found = party_entry(doc, tok)
    if found is None:
        return None
    start, (label, cls, group) = found
    owner = group_owner(tok, at)
    if owner is not None:
        text = doc[owner.start : tok.i + 1].text
        return Mention(
            owner.start, tok.i + 1, text, owner.name, owner.cls, owner.label, owner.fixed
        )
    while (
        start > 0
        and doc[start - 1].dep_ in ("amod", "compound")
        and doc[start - 1].pos_ in ("ADJ", "PROPN")
        and (doc[start - 1].is_lower or doc[start - 1].text in lexicons().demonyms)
        and doc[start - 1].head.i in (tok.i, start)
        and doc[start - 1].i not in at
    ):
        start -= 1  # 'armed men', 'Syrian soldiers'

    text = doc[start : tok.i + 1].text
    return Mention(start, tok.i + 1, text, label, cls, "", scoped=True, group=group)


def party_entry(doc: Doc, tok: Token) -> tuple[int, tuple[str, str, str]] | None:
    """(first token, lexicon entry) where a party noun ends at `tok`: plural, or named as listed."""
    parties = lexicons().parties
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    pair = f"{doc[tok.i - 1].lower_} {tok.lower_}" if tok.i > 0 else ""
    if pair in parties:
        return tok.i - 1, parties[pair]
    lemma = tok.lemma_.lower()
    entry = parties.get(lemma)
    if entry and " " not in lemma and (tok.tag_ in ("NNS", "NNPS") or entry[0] == lemma):
        return tok.i, entry
    return None


def group_owner(tok: Token, at: dict[int, Mention]) -> Mention | None:
    """The named armed group or organisation a party noun belongs to ('HTF militants')."""
    for c in tok.children:
        m = at.get(c.i)
        if c.dep_ in PARTY_DEPS and m and top_class(m.cls) == "Faction" and m.cls != "Community":
            return m
    return None


STATE_CLASSES = frozenset({"StateForce", "GovernmentBody", "Faction"})


def bare_institutions(doc: Doc, found: list[Mention], taken: set[int]) -> list[Mention]:
    """'the government' where the article names exactly one government ('Syrian government').

    Only state bodies count: 'the army' is never the 'National Liberation Army' rebels.
    """
    nouns: dict[str, list[Mention]] = {}
    for m in found:
        if (not m.scoped and not m.group and m.cls in STATE_CLASSES
                and m.name.split()[-1].lower() in lexicons().institutions):
            nouns.setdefault(m.name.split()[-1].lower(), []).append(m)
    out = []
    for tok in doc:
        owners = {m.name for m in nouns.get(tok.lower_, [])}
        if (
            tok.i not in taken
            and len(owners) == 1
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and tok.tag_ == "NN"
        ):
            m = nouns[tok.lower_][0]
            out.append(Mention(tok.i, tok.i + 1, tok.text, m.name, m.cls, "ORG", country=m.country))
    return out
