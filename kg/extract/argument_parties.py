"""Parties that an event's (or claim's) argument names without a name, made entities of the
article on first use: unnamed parties ('police', 'three civilians', 'a man') and countries named
by an adjective ('Ethiopian drones', 'Chadian soldiers')."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from kg.extract.entity_data import lexicons
from kg.extract.parties import unnamed_party
from kg.extract.text import text_of
from kg.model import Entity, Span

MODIFIERS = ("amod", "compound", "nummod", "quantmod", "nmod")


class Additions:
    """Entities and mentions added to one article's entities while reading its arguments."""

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        self.base = {e.key: e for e in entities}
        self.new: dict[str, Entity] = {}
        self.spans: dict[str, list[Span]] = {}
        self.next = len(entities)
        self.by_label = {(e.label.lower(), e.scoped): e.key for e in entities}

    def entities(self) -> tuple[Entity, ...]:
        """The article's entities with what was added: new ones, and new mentions of old ones."""
        out = []
        for e in (*self.base.values(), *self.new.values()):
            spans = [s for s in self.spans.get(e.key, []) if s not in e.mentions]
            if spans:
                alts = [s.text for s in spans if s.text.lower() != e.label.lower()]
                e = replace(e, mentions=tuple(sorted({*e.mentions, *spans}, key=lambda s: s.start)),
                            alt_labels=tuple(dict.fromkeys((*e.alt_labels, *alts))))
            out.append(e)
        return tuple(out)

    def make(self, label: str, cls: str, scoped: bool, span: Span, country: str | None = None) -> str:
        """The key of the entity with this label (made now if the article has none), its
        mention added."""
        key = self.by_label.get((label.lower(), scoped))
        if key is None:
            key = f"e{self.next}"
            self.next += 1
            self.new[key] = Entity(key=key, cls=cls, label=label, mentions=(), scoped=scoped,
                                   country=country)
            self.by_label[(label.lower(), scoped)] = key
        self.spans.setdefault(key, []).append(span)
        return key


def party_span(tok: Token, taken) -> Span | None:
    """The words of an unnamed party's mention: the noun and the modifiers before it ('three
    unarmed civilians'), not a determiner, and no word of another entity's mention."""
    left = min([c.left_edge.i for c in tok.lefts if c.dep_ in MODIFIERS] + [tok.i])
    words = list(tok.doc[left: tok.i + 1])
    cut = max((n + 1 for n, t in enumerate(words) if taken(t) or t.is_punct), default=0)
    words = words[cut:]  # '8 Syria militants': the militants, not the place
    while words and words[0].pos_ == "DET":
        words.pop(0)
    if not words or taken(tok):
        return None
    start, end = words[0].idx, tok.idx + len(tok)
    return Span(start, end, text_of(tok.doc)[start:end])


VICTIM_PARTIES = frozenset({"civilians"})


def unnamed(tok: Token, adds: Additions, taken, people: bool = True) -> str | None:
    """The key of the unnamed party a common noun names: the curated lexicon's (parties.tsv:
    'protesters', 'soldiers') and, with `people` (for doers), armed and state parties from the
    derived list ('police', 'officers', 'bandits'); never any people ('26 people', 'four
    passengers', 'two teachers'), which no reader takes for a party, but civilians, the
    category of non-combatants that conflict data codes as a party ('killed three civilians')."""
    party = unnamed_party(tok)
    if party and party.derived and (not people or party.cls == "Faction") \
            and party.label not in VICTIM_PARTIES:
        return None
    span = party_span(tok, taken) if party else None
    if party is None or span is None:
        return None
    return adds.make(party.label, party.cls, True, span)


def force(tok: Token, label: str, country: str | None, adds: Additions) -> str:
    """The key of a country's state force ('Military Forces of Chad'), with the words of the
    noun and its modifiers ('Chadian soldiers', 'military forces') as its mention."""
    left = min([c.left_edge.i for c in tok.lefts if c.dep_ in MODIFIERS] + [tok.i])
    words = [t for t in tok.doc[left: tok.i + 1]]
    while words and words[0].pos_ == "DET":
        words.pop(0)
    start, end = words[0].idx, tok.idx + len(tok)
    return adds.make(label, "StateForce", False, Span(start, end, text_of(tok.doc)[start:end]), country)


def country_of_adjective(tok: Token, adds: Additions, taken) -> str | None:
    """The key of the country an adjective of nationality names ('Ethiopian'), made if the
    article names it no other way."""
    found = lexicons().demonyms.get(tok.text)
    if found is None or taken(tok):
        return None
    name, cc = found
    return adds.make(name, "Country", False, Span(tok.idx, tok.idx + len(tok), tok.text), cc)
