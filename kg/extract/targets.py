"""What can be struck or destroyed: buildings, vehicles, places, crops, property (data/events/
targets.tsv, derived from WordNet), not ideas ('struck a deal', 'destroyed the plan'); and
what strikes without an attacker (data/events/natural_forces.tsv: 'an earthquake struck')."""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Token

OBJECTS = ("dobj", "nsubjpass")


@cache
def natural_forces() -> frozenset[str]:
    """What strikes without an attacker: 'an earthquake', 'a storm' (data/events/natural_forces.tsv)."""
    path = resources.files("kg.extract") / "data" / "events" / "natural_forces.tsv"
    return frozenset(ln for ln in path.read_text(encoding="utf-8").splitlines()[2:] if ln)


@cache
def targets() -> frozenset[str]:
    """The physical-target nouns (data/events/targets.tsv, from WordNet)."""
    path = resources.files("kg.extract") / "data" / "events" / "targets.tsv"
    return frozenset(ln for ln in path.read_text(encoding="utf-8").splitlines()[2:] if ln)


def physical(tok: Token, quantities: frozenset[str] = frozenset()) -> bool:
    """Whether a noun names a physical target ('the hospital', 'crops'), or a number or
    quantity of them ('dozens of homes', '20 of the houses')."""
    if tok.lemma_.lower() in targets() or tok.lower_ in targets():
        return True
    if tok.like_num or tok.lower_ in quantities:
        return any(physical(g) for c in tok.children if c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj")
    return False


def objects_of(tok: Token) -> list[Token]:
    """The verb's common-noun objects ('destroyed the bridge', 'the bridge was destroyed');
    pronouns and names are left out: they say nothing of what was hit."""
    return [c for c in tok.children if c.dep_ in OBJECTS and c.pos_ == "NOUN"]


def struck_target(tok: Token, quantities: frozenset[str]) -> bool:
    """Whether a verb has a physical target as its object ('struck a convoy')."""
    return any(physical(o, quantities) for o in objects_of(tok))


def natural(subjects: list[Token]) -> bool:
    """Whether what struck was a force of nature ('an earthquake struck the region')."""
    return any(s.lemma_.lower() in natural_forces() or s.lower_ in natural_forces()
               for s in subjects)


def only_targets(tok: Token, quantities: frozenset[str]) -> bool:
    """Whether every common-noun object of a verb is a physical target (none counts too:
    'destroyed it')."""
    return all(physical(o, quantities) for o in objects_of(tok))
