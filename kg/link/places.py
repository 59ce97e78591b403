"""Places: what the article says for or against a place item.

The article decides: the countries it names (or, naming none, names by a demonym), places it names that contain the candidate, the
affix the text used ("province of Latakia" is the governorate, a bare "Damascus" the city,
"Idlib, Hama and Aleppo provinces" the three governorates). A town in a country the article
never names is rarely meant, unless it is a capital ('Paris') or a city of a million that a
second gazetteer confirms.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from kg.extract.classes import top_class
from kg.link.candidates import (
    ADMIN_KINDS,
    EXACT,
    entity_matches,
    fullest_name_items,
    kind_of,
    names_of,
)
from kg.link.context import Context
from kg.link.gazetteer import Candidate, Gazetteer, Match
from kg.link.normalize import LEVELS, bare, fold, keys
from kg.link.people import demonym_countries
from kg.model import Entity

NEAR_KM = 300.0
IN_COUNTRY = 0.25  # in a country the article names
DEMONYM = 0.15  # in a country only a demonym names ('Malian troops'): often the actor's, weaker
OTHER_COUNTRY = 0.5  # a region or town in a country the article never names: rarely meant
NAMESAKE = 0.2  # a bare name shared by a city and its region: for the city, against the region
Parts = list[tuple[float, str]]


def place_facts(entities: Iterable[Entity], gaz: Gazetteer, matched: dict | None = None
                ) -> dict[str, tuple[set[str], str | None]]:
    """For each place entity: the items its name matches exactly, and the country it names.
    `matched`: entity_matches by entity key, filled in as they are made."""
    out = {}
    matched = {} if matched is None else matched
    for e in entities:
        if top_class(e.cls) != "Place":
            continue
        matches, _ = matched.setdefault(e.key, entity_matches(e, gaz))
        exact = [m.candidate for m in matches.values() if m.quality >= EXACT]
        regions = [c for c in exact if c.kind in ("country", "admin1")]
        if len({c.country for c in regions}) > 1:  # 'Congo' and 'Democratic Republic of ...'
            fullest = fullest_name_items(e, matches, gaz)
            regions = [c for c in regions if c.qid in fullest] or regions
        country = regions[0].country if len({c.country for c in regions}) == 1 else None
        out[e.key] = ({c.qid for c in exact}, country)
    return out


def article_context(entities: Iterable[Entity], gaz: Gazetteer, but: str | None = None,
                    facts: dict | None = None, text: str = "") -> Context:
    """Countries and places the article names unambiguously (leaving out the country entity
    `but` names, so that a place cannot vouch for its own country), and the countries its
    demonyms name (`text`: the article's text)."""
    facts = place_facts(entities, gaz) if facts is None else facts
    places = set().union(*(qids for qids, _ in facts.values()))
    countries = {c for key, (_, c) in facts.items() if c and key != but}
    points = tuple((c.lat, c.lon) for qid in sorted(places) if (c := gaz.get(qid)) is not None
                   and c.kind != "country" and c.lat is not None and c.lon is not None)
    return Context(frozenset(countries), frozenset(places), points, demonym_countries(text))


def without(ctx: Context, facts: dict, key: str) -> Context:
    """The article's context less the country only the entity `key` names (a place cannot
    vouch for its own country)."""
    own = facts.get(key, (None, None))[1]
    if own is None or any(c == own for k, (_, c) in facts.items() if k != key):
        return ctx
    return replace(ctx, countries=ctx.countries - {own})


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


def place_parts(m: Match, hints: set[str], ctx: Context, dateline: bool,
                bare_name: tuple[set[str], set[str]] = (set(), set())) -> Parts:
    """What the article says for or against a place: its countries, regions and affixes.
    `bare_name`: the cities a bare name means and the regions it then does not (`city_first`)."""
    c = m.candidate
    kind = kind_of(c)
    in_parent = bool(c.parent_qid and c.parent_qid in ctx.places)
    parts: Parts = [(0.15, "inside a place the article names")] if in_parent else []
    if kind == "country":
        parts.append((0.1, "a country"))
    elif ctx.countries and c.country in ctx.countries:
        parts.append((IN_COUNTRY, "in a country the article names"))
    elif not ctx.countries and c.country in ctx.demonyms:  # a country named wins over a demonym
        parts.append((DEMONYM, "in the country of a demonym the article uses"))
    elif ctx.countries and not (c.major or dateline or c.country in ctx.demonyms):
        parts.append((-OTHER_COUNTRY, "in a country the article never names"))
    if m.quality < LEVELS["bare"] and not (in_parent or (
            c.prior >= 0.9 and c.country in ctx.countries and near(c, ctx.points))):
        parts.append((-0.5, "a sound-alike far from the article's places"))
    fit = hint_fit(kind, hints)
    if fit:
        parts.append((fit, f"the text says {'/'.join(sorted(hints))}"))
    if c.qid in bare_name[0]:
        parts.append((NAMESAKE, "a bare name shared with its region: the city"))
    elif c.qid in bare_name[1]:
        parts.append((-NAMESAKE, "a bare name shared with its city: not the region"))
    return parts


def city_first(matches: dict[str, Match], hints: set[str], names: list[str]
               ) -> tuple[set[str], set[str]]:
    """A bare name shared by a region and its main city means the city ('Damascus', 'Kyiv'):
    (those cities, those regions). Not when the text says 'province' (or only 'city'), nor
    when it names the city by a shortened name ('Guatemala' is not Guatemala City).
    `names`: the entity's names."""
    if hints and not ("city" in hints and hints & ADMIN_KINDS):
        return set(), set()
    close = [m.candidate for m in matches.values() if m.quality >= LEVELS["bare"]]
    regions = [c for c in close if c.kind in ADMIN_KINDS]
    if not regions:
        return set(), set()
    said = frozenset().union(*map(name_forms, names))
    cities = [c for c in close if kind_of(c) == "city" and own_name(c, said)]
    pairs = [(c, r) for c in cities for r in regions if namesakes(c, r) and main_city(c, r)]
    return {c.qid for c, _ in pairs}, {r.qid for _, r in pairs}


def hint_fit(kind: str, hints: set[str]) -> float:
    """The affix the text used ('province', 'city of') for or against this kind of place."""
    if not hints or ("city" in hints and hints & ADMIN_KINDS):
        return 0.0  # "city of X" and "X province" both: the text names both, the bare name decides
    if kind in hints:
        return 0.2
    if kind in ADMIN_KINDS and hints & ADMIN_KINDS:
        return 0.1
    return -0.2


def own_name(c: Candidate, names: frozenset[str]) -> bool:
    """Whether the text calls the item by one of its own names (however romanised), not by a
    shortened one. `names`: the keys of the text's names (`name_forms`)."""
    return any(k in names for n in (c.label, *c.aliases) for k in name_forms(n))


@lru_cache(maxsize=1 << 14)
def name_forms(name: str) -> frozenset[str]:
    """A name's keys at every level: 'Deir ez-Zor', 'Deir Ezzor', 'Idleb' are one name."""
    return frozenset(keys(name).values())


def main_city(city: Candidate, region: Candidate) -> bool:
    """Whether a city is its namesake region's main one: a capital or a city of a million, or
    a fifth of the region's people ('Hatay' the town is not; the province is meant)."""
    if city.major:
        return True
    return bool(city.population) and (not region.population
                                      or city.population >= 0.2 * region.population)


def namesakes(a: Candidate, b: Candidate) -> bool:
    """A region and the city it is named after: either is an acceptable reading."""
    kinds = {kind_of(a), kind_of(b)}
    if "city" not in kinds or not kinds & ADMIN_KINDS or a.country != b.country:
        return False
    city, region = (a, b) if kind_of(a) == "city" else (b, a)
    return (city.parent_qid == region.qid or bare(fold(a.label)) == bare(fold(b.label))
            or fold(city.label) in {fold(n) for n in region.aliases})  # 'Kyiv' of 'Kyivska


def is_dateline(e: Entity) -> bool:
    """A place written in capitals ('BANGKOK (AP) -'): the city a story is filed from needs
    no mention of its country."""
    return any(n.isupper() and len(n) > 3 and n.replace("-", "").replace(" ", "").isalpha()
               for n in names_of(e))
