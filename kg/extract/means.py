"""The weapon an attack was made with, and the finer class it tells: an attack by aircraft or
drones is an airstrike, one with artillery, rockets, missiles or shells a bombardment."""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Token

# verbs whose object is what was fired ('fired artillery', 'dropped a grenade from a drone'),
# not what was hit ('shot down a plane')
FIRING_VERBS = frozenset({"fire", "launch", "drop", "lob", "hurl", "use"})
MEANS_PREPS = frozenset({"with", "by", "from", "using"})
MODIFIERS = ("compound", "amod", "nmod")


@cache
def means() -> dict[str, str]:
    """Weapon noun -> the event class its use tells (data/events/means.tsv, from WordNet)."""
    path = resources.files("kg.extract") / "data" / "events" / "means.tsv"
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()[2:] if ln]
    return {lemma: cls for lemma, cls in rows}


def means_class(trig: Token) -> str | None:
    """The class the weapon of an attack tells ('a mortar attack', 'fired artillery at', 'the
    air force attacked', 'attacks by helicopter gunships', 'targeted them with a missile'), or
    None when no weapon from afar is named."""
    for tok in words_of(trig):
        found = weapon(tok)
        if found:
            return found
    return None


def words_of(trig: Token) -> list[Token]:
    """Where the weapon of an event may be named: the trigger's modifiers, its doer, what a
    firing verb fired, and what it was done with, by or from; each with its conjuncts."""
    heads = [c for c in trig.children if c.dep_ in (*MODIFIERS, "nsubj")]
    if trig.lemma_.lower() in FIRING_VERBS:
        heads += [c for c in trig.children if c.dep_ == "dobj"]
    for c in trig.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in MEANS_PREPS or c.lower_ == "using":
            heads += [g for g in c.children if g.dep_ in ("pobj", "dobj")]
    if trig.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in trig.children):
        heads += [c for c in trig.head.children if c.dep_ == "nsubj"]  # 'X fired at and dropped'
    return [t for h in heads for t in (h, *h.conjuncts)]


def weapon(tok: Token) -> str | None:
    """The class a weapon noun tells, by its lemma or with its modifier ('air force')."""
    table = means()
    keys = [tok.lemma_.lower(), tok.lower_]
    keys += [f"{c.lower_} {tok.lemma_.lower()}" for c in tok.children if c.dep_ in MODIFIERS]
    return next((table[k] for k in keys if k in table), None)
