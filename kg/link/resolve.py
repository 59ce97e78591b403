"""Disambiguation: pick the one gazetteer item an entity names, or none.

A candidate must fit the entity's class (a Place never links to a party). Among those,
the article decides: the countries it mentions, places it mentions that contain the
candidate, and the affix the text used ("province of Latakia" is the governorate, a
bare "Damascus" the city). Population breaks the remaining ties. Unless one candidate
clearly wins, nothing is linked: a link must be right or absent.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.classes import top_class
from kg.link.gazetteer import PLACE_KINDS, Candidate, Gazetteer, Match
from kg.link.normalize import LEVELS, bare, fold, strip_affix
from kg.model import Entity

FACTION_KINDS = frozenset({"armed_group", "political_party", "government_body", "organization",
                           "religious_group", "ethnic_group"})
KINDS_OF = {"Actor": frozenset({"person"}), "Faction": FACTION_KINDS, "Place": PLACE_KINDS}
KIND_CLASS = {"country": "Country", "admin1": "AdministrativeArea",
              "admin2": "AdministrativeArea", "admin3": "AdministrativeArea",
              "city": "Settlement", "neighbourhood": "Neighbourhood", "facility": "Facility", "person": "Actor",
              "political_party": "PoliticalParty", "government_body": "GovernmentBody",
              "armed_group": "ArmedGroup", "religious_group": "Community",
              "ethnic_group": "Community"}
ADMIN_KINDS = frozenset({"admin1", "admin2", "admin3"})
EXACT = LEVELS["compact"]
THRESHOLD = 0.9
MARGIN = 0.12
NEAR_KM = 300.0
FULLER_NAME = 0.2  # for the one item a longer name of the entity gives exactly
OTHER_COUNTRY = 0.5  # a region or town in a country the article never names: rarely meant


@dataclass(frozen=True)
class Decision:
    """The item an entity links to, how sure we are, and the class the item says it is."""

    candidate: Candidate
    confidence: float
    cls: str


@dataclass(frozen=True)
class Context:
    """What the article as a whole says about where it is."""

    countries: frozenset[str]
    places: frozenset[str]  # QIDs of places the article names exactly
    points: tuple[tuple[float, float], ...] = ()  # where those places (below country) are


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


def entity_matches(e: Entity, gaz: Gazetteer) -> tuple[dict[str, Match], set[str]]:
    """Best match per QID over all the entity's names, kept to its class; and affix hints."""
    allowed = KINDS_OF[top_class(e.cls)]
    best: dict[str, Match] = {}
    hints: set[str] = set()
    for name in dict.fromkeys((e.label, *e.alt_labels)):
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
    """Loose (sound-alike) matches only for places and multi-word names; people need two words."""
    words = len(fold(name).split())
    if top_class(e.cls) == "Actor":
        return words >= 2 and m.quality >= LEVELS["bare"]
    return m.candidate.is_place or m.quality >= EXACT or words >= 2


def place_facts(entities: Iterable[Entity], gaz: Gazetteer) -> dict[str, tuple[set[str], str | None]]:
    """For each place entity: the items its name matches exactly, and the country it names."""
    out = {}
    for e in entities:
        if top_class(e.cls) != "Place":
            continue
        matches, _ = entity_matches(e, gaz)
        exact = [m.candidate for m in matches.values() if m.quality >= EXACT]
        regions = [c for c in exact if c.kind in ("country", "admin1")]
        if len({c.country for c in regions}) > 1:  # 'Congo' and 'Democratic Republic of ...'
            fullest = fullest_name_items(e, matches, gaz)
            regions = [c for c in regions if c.qid in fullest] or regions
        country = regions[0].country if len({c.country for c in regions}) == 1 else None
        out[e.key] = ({c.qid for c in exact}, country)
    return out


def article_context(entities: Iterable[Entity], gaz: Gazetteer, but: str | None = None,
                    facts: dict | None = None) -> Context:
    """Countries and places the article names unambiguously (leaving out the country entity
    `but` names, so that a place cannot vouch for its own country)."""
    facts = place_facts(entities, gaz) if facts is None else facts
    places = set().union(*(qids for qids, _ in facts.values()))
    countries = {c for key, (_, c) in facts.items() if c and key != but}
    points = tuple((c.lat, c.lon) for qid in sorted(places) if (c := gaz.get(qid)) is not None
                   and c.kind != "country" and c.lat is not None and c.lon is not None)
    return Context(frozenset(countries), frozenset(places), points)


def near(c: Candidate, points: tuple[tuple[float, float], ...], km: float = NEAR_KM) -> bool:
    """Whether a place lies within `km` of a place the article names (true if none known)."""
    if not points or c.lat is None or c.lon is None:
        return True
    for lat, lon in points:
        p1, p2 = math.radians(c.lat), math.radians(lat)
        dl = math.radians(lon - c.lon)
        cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
        if 6371.0 * math.acos(max(-1.0, min(1.0, cos))) <= km:
            return True
    return False


def score(m: Match, hints: set[str], ctx: Context, rivals: dict[str, Match]) -> float:
    """How well a candidate fits the entity and the article."""
    c = m.candidate
    s = m.quality * c.prior + 0.03 * math.log10((c.population or 0) + 1)
    if c.is_place:
        return s + place_fit(m, hints, ctx, rivals)
    if c.country and c.country in ctx.countries:
        return s + 0.1
    if c.kind == "political_party" and c.country:
        return s - 0.5  # party names repeat across countries: only in a country the text names
    return s


def place_fit(m: Match, hints: set[str], ctx: Context, rivals: dict[str, Match]) -> float:
    """What the article says for or against a place: its countries, regions and affixes."""
    c = m.candidate
    kind = kind_of(c)
    in_parent = bool(c.parent_qid and c.parent_qid in ctx.places)
    s = 0.15 if in_parent else 0.0
    if kind == "country":
        s += 0.1
    elif ctx.countries:
        s += 0.25 if c.country in ctx.countries else -OTHER_COUNTRY
    if m.quality < LEVELS["bare"] and not (in_parent or (
            c.prior >= 0.9 and c.country in ctx.countries and near(c, ctx.points))):
        s -= 0.5  # a sound-alike in a place the article does not otherwise point to
    return s + hint_fit(kind, hints) + namesake_bonus(c, hints, rivals)


def hint_fit(kind: str, hints: set[str]) -> float:
    """The affix the text used ('province', 'city of') for or against this kind of place."""
    if not hints or ("city" in hints and hints & ADMIN_KINDS):
        return 0.0  # "city of X" and "X province" both: the text names both, the bare name decides
    if kind in hints:
        return 0.2
    if kind in ADMIN_KINDS and hints & ADMIN_KINDS:
        return 0.1
    return -0.2


def namesake_bonus(c: Candidate, hints: set[str], rivals: dict[str, Match]) -> float:
    """A bare name shared by a region and its main city means the city ('Damascus')."""
    if (hints and not ("city" in hints and hints & ADMIN_KINDS)) or kind_of(c) != "city":
        return 0.0
    for m in rivals.values():
        a = m.candidate
        if a.kind in ADMIN_KINDS and a.country == c.country and (
                c.parent_qid in (a.qid, None) or not a.population
                or (c.population or 0) >= 0.2 * a.population):
            return 0.1
    return 0.0


def namesakes(a: Candidate, b: Candidate) -> bool:
    """A region and the city it is named after: either is an acceptable reading."""
    kinds = {kind_of(a), kind_of(b)}
    if "city" not in kinds or not kinds & ADMIN_KINDS or a.country != b.country:
        return False
    city, region = (a, b) if kind_of(a) == "city" else (b, a)
    return city.parent_qid == region.qid or bare(fold(a.label)) == bare(fold(b.label))


def fullest_name_items(e: Entity, matches: dict[str, Match], gaz: Gazetteer) -> set[str]:
    """The items only the entity's longest exactly matching name gives: 'Democratic Republic
    of the Congo' over a bare 'Congo' (a fuller name is the more specific one)."""
    exact: dict[str, int] = {}
    for name in dict.fromkeys((e.label, *e.alt_labels)):
        for m in gaz.match(name):
            qid = m.candidate.qid
            if qid in matches and m.quality >= EXACT:
                exact[qid] = max(exact.get(qid, 0), len(fold(name).split()))
    if len(exact) < 2:
        return set()
    longest = max(exact.values())
    top = {q for q, n in exact.items() if n == longest}
    return top if len(top) == 1 and sorted(exact.values())[-2] < longest else set()


def dateline_abroad(e: Entity, ctx: Context):
    """For a place written in capitals ('BANGKOK (AP) -'), a dateline: the city a story is
    filed from needs no mention of its country, so the other-country penalty is given back."""
    dateline = any(n.isupper() and len(n) > 3 and n.replace("-", "").replace(" ", "").isalpha()
                   for n in (e.label, *e.alt_labels))

    def bonus(c: Candidate) -> float:
        foreign = c.is_place and kind_of(c) != "country" and ctx.countries
        return OTHER_COUNTRY if dateline and foreign and c.country not in ctx.countries else 0.0

    return bonus


def decide(e: Entity, gaz: Gazetteer, ctx: Context) -> Decision | None:
    """The item this entity names, if one clearly fits."""
    matches, hints = entity_matches(e, gaz)
    if not matches:
        return None
    fullest = fullest_name_items(e, matches, gaz)
    abroad = dateline_abroad(e, ctx)
    ranked = sorted(((score(m, hints, ctx, matches) + FULLER_NAME * (qid in fullest)
                      + abroad(m.candidate), m)
                     for qid, m in matches.items()),
                    key=lambda sm: (-sm[0], sm[1].candidate.qid))
    best_score, best = ranked[0]
    floor = LEVELS["bare"] if best.quality >= EXACT else 0.0  # sound-alikes never rival a name
    rival = next((s for s, m in ranked[1:] if m.quality >= floor
                  and not namesakes(m.candidate, best.candidate)), None)
    margin = best_score - rival if rival is not None else 1.0
    if best_score < THRESHOLD or margin < MARGIN:
        return None
    confidence = min(0.99, best.quality * best.candidate.prior * min(1.0, 0.6 + margin))
    return Decision(best.candidate, round(confidence, 3), class_for(best.candidate, e.cls))


def resolve(entities: tuple[Entity, ...], gaz: Gazetteer) -> dict[str, Decision]:
    """Decisions for the article's unlinked, named entities, by entity key."""
    facts = place_facts(entities, gaz)
    out = {}
    for e in entities:
        if e.qid or e.scoped:
            continue
        d = decide(e, gaz, article_context(entities, gaz, but=e.key, facts=facts))
        if d:
            out[e.key] = d
    return out
