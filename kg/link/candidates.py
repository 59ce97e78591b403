"""The gazetteer items an entity's names match, kept to what its class allows."""

from __future__ import annotations

from kg.extract.classes import top_class
from kg.link.gazetteer import PLACE_KINDS, Candidate, Gazetteer, Match
from kg.link.normalize import ARTICLES, LEVELS, fold, strip_affix
from kg.link.people import split_title
from kg.model import Entity

FACTION_KINDS = frozenset({"armed_group", "political_party", "government_body", "organization",
                           "religious_group", "ethnic_group", "media_outlet"})
KINDS_OF = {"Actor": frozenset({"person"}), "Faction": FACTION_KINDS, "Place": PLACE_KINDS}
KIND_CLASS = {"country": "Country", "admin1": "AdministrativeArea",
              "admin2": "AdministrativeArea", "admin3": "AdministrativeArea",
              "city": "Settlement", "neighbourhood": "Neighbourhood", "facility": "Facility",
              "person": "Actor", "political_party": "PoliticalParty",
              "government_body": "GovernmentBody", "armed_group": "ArmedGroup",
              "religious_group": "Community", "ethnic_group": "Community",
              "media_outlet": "MediaOutlet"}
ADMIN_KINDS = frozenset({"admin1", "admin2", "admin3"})
EXACT = LEVELS["compact"]


def kind_of(c: Candidate) -> str:
    """The item's kind, corrected where its own label says otherwise ("Dima Hasao District")."""
    last = fold(c.label).rsplit(" ", 1)[-1]
    if c.kind == "city" and last in ("district", "governorate", "province", "county"):
        return "admin2" if last in ("district", "county") else "admin1"
    return c.kind


def class_for(c: Candidate, entity_cls: str) -> str:
    """The finer class the item gives the entity, within the entity's top class."""
    kind = kind_of(c)
    cls = KIND_CLASS.get(kind)
    if kind == "organization" and not c.country:
        cls = "InternationalOrganisation"
    if cls and top_class(cls) == top_class(entity_cls):
        return cls
    return entity_cls


def names_of(e: Entity) -> list[str]:
    """The entity's label and alt labels, each once."""
    return list(dict.fromkeys((e.label, *e.alt_labels)))


def entity_matches(e: Entity, gaz: Gazetteer) -> tuple[dict[str, Match], set[str]]:
    """Best match per QID over all the entity's names, kept to its class; and affix hints."""
    allowed = KINDS_OF[top_class(e.cls)]
    best: dict[str, Match] = {}
    hints: set[str] = set()
    names = names_of(e)
    if top_class(e.cls) == "Actor":  # 'Chancellor Angela Merkel' is Angela Merkel
        names = list(dict.fromkeys([*names, *(split_title(n)[1] for n in names)]))
    for name in names:
        for m in gaz.match(name):
            if m.candidate.kind not in allowed or not plausible(m, name, e):
                continue
            hint = m.hint or strip_affix(name)[1]
            if hint:
                hints.add(hint)
            if m.candidate.qid not in best or m.quality > best[m.candidate.qid].quality:
                best[m.candidate.qid] = m
    return best, hints


def plausible(m: Match, name: str, e: Entity) -> bool:
    """Loose (sound-alike) matches only for places and multi-word names; people need a full
    name (a surname alone links only through the full name the article gave first)."""
    if top_class(e.cls) == "Actor":
        return full_name(name) and m.quality >= LEVELS["bare"]
    return m.candidate.is_place or m.quality >= EXACT or len(fold(name).split()) >= 2


def full_name(name: str) -> bool:
    """Whether a name has a given name and a surname ('Ayman Odeh', not 'Odeh' or 'al-Assad')."""
    return len([w for w in fold(name).split() if w not in ARTICLES]) >= 2


def fullest_name_items(e: Entity, matches: dict[str, Match], gaz: Gazetteer) -> set[str]:
    """The items only the entity's longest exactly matching name gives: 'Democratic Republic
    of the Congo' over a bare 'Congo' (a fuller name is the more specific one)."""
    exact: dict[str, int] = {}
    for name in names_of(e):
        for m in gaz.match(name):
            qid = m.candidate.qid
            if qid in matches and m.quality >= EXACT:
                exact[qid] = max(exact.get(qid, 0), len(fold(name).split()))
    if len(exact) < 2:
        return set()
    longest = max(exact.values())
    top = {q for q, n in exact.items() if n == longest}
    return top if len(top) == 1 and sorted(exact.values())[-2] < longest else set()
