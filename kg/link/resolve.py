"""Disambiguation: pick the one gazetteer item an entity names, or none.

A candidate must fit the entity's class (a Place never links to a party). Among those, the
article decides (places.py for places, people.py for people); population breaks the remaining
ties. Unless one candidate clearly wins, nothing is linked: a link must be right or absent.
Every decision is a `Verdict` that keeps the candidates, their scores and the context used, so
`kg link --explain` can say why a name linked or did not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kg.extract.classes import top_class
from kg.link import people, places
from kg.link.candidates import EXACT, class_for, entity_matches, fullest_name_items, names_of
from kg.link.context import Context, list_hints, shouted, windows
from kg.link.gazetteer import Candidate, Gazetteer, Match
from kg.link.normalize import LEVELS, acronym, fold
from kg.model import Entity, Relation, Span

THRESHOLD = 0.9
MARGIN = 0.12
FULLER_NAME = 0.2  # for the one item a longer name of the entity gives exactly
NATIONAL_KINDS = frozenset({"government_body", "media_outlet"})
COUNTRY_KINDS = frozenset({"political_party", "government_body", "armed_group"})  # say where


@dataclass(frozen=True)
class Decision:
    """The item an entity links to, how sure we are, and the class the item says it is."""

    candidate: Candidate
    confidence: float
    cls: str


@dataclass(frozen=True)
class Scored:
    """One candidate with its score and what made it (people: what agrees, what rules it out)."""

    match: Match
    score: float
    parts: tuple[tuple[float, str], ...] = ()
    support: tuple[str, ...] = ()
    against: str | None = None


@dataclass(frozen=True)
class Verdict:
    """Why an entity links to an item or to none."""

    entity: Entity
    decision: Decision | None
    reason: str
    ranked: tuple[Scored, ...] = ()
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    """The article text the entities were read from (empty when only records are known)."""

    text: str = ""
    sentences: tuple[Span, ...] = ()
    relations: tuple[Relation, ...] = ()


NO_TEXT = Reading()


def base_parts(m: Match) -> list[tuple[float, str]]:
    """How well the name matched, how far the source is trusted, and size."""
    c = m.candidate
    parts = [(m.quality * c.prior, "name match x source prior")]
    if c.population:
        parts.append((0.03 * math.log10(c.population + 1), "population"))
    return parts


def faction_parts(m: Match, ctx: Context, short: str) -> list[tuple[float, str]]:
    """A party or a national body is meant where the article names its country.
    `short`: 'acronym' or 'word' when the entity has no longer name."""
    c = m.candidate
    if c.kind in NATIONAL_KINDS and c.country and short == "acronym":
        return [(-0.5, "a national body named only by an acronym")]
    if c.country and c.country in ctx.countries:
        return [(0.1, "of a country the article names")]
    if c.kind == "political_party" and c.country:
        return [(-0.5, "a party of a country the article never names")]
    if c.kind in NATIONAL_KINDS and c.country and short:
        return [(-0.5, "a national body's short name, its country never named")]
    return []


def shortest(e: Entity) -> str:
    """'acronym' if the entity goes only by acronyms, 'word' if by one word, else ''."""
    names = names_of(e)
    if all(acronym(n) for n in names):
        return "acronym"
    return "word" if max(len(fold(n).split()) for n in names) <= 1 else ""


def decide(e: Entity, gaz: Gazetteer, ctx: Context, reading: Reading = NO_TEXT,
           matched: tuple | None = None) -> Verdict:
    """The item this place or faction names, if one clearly fits (`matched`: its
    entity_matches, when already made)."""
    matches, hints = matched or entity_matches(e, gaz)
    hints = set(hints)
    ws = windows(e, reading.text, reading.sentences)
    place = top_class(e.cls) == "Place"
    hints |= list_hints(ws) if place else set()
    short = shortest(e)
    used = {"countries": sorted(ctx.countries), "demonyms": sorted(ctx.demonyms),
            "hints": sorted(hints)}
    if not matches:
        return Verdict(e, None, "no item of this class in the gazetteer has this name", (), used)
    if not place and short == "acronym" and shouted(ws):
        return Verdict(e, None, "an acronym seen only in text written in capitals", (), used)
    fullest = fullest_name_items(e, matches, gaz)
    dateline = places.is_dateline(e)
    bare_name = places.city_first(matches, hints, names_of(e)) if place else (set(), set())
    ranked = []
    for qid, m in matches.items():
        parts = base_parts(m) + (places.place_parts(m, hints, ctx, dateline, bare_name)
                                 if m.candidate.is_place else
                                 faction_parts(m, ctx, short))
        if qid in fullest:
            parts.append((FULLER_NAME, "the entity's fullest name gives it alone"))
        ranked.append(Scored(m, sum(p for p, _ in parts), tuple(parts)))
    ranked.sort(key=lambda s: (-s.score, s.match.candidate.qid))
    return settle(e, ranked, used)


def settle(e: Entity, ranked: list[Scored], used: dict) -> Verdict:
    """The best candidate if it passes the threshold and beats its rivals by the margin."""
    best = ranked[0]
    floor = LEVELS["bare"] if best.match.quality >= EXACT else 0.0  # sound-alikes never rival
    rival = next((s for s in ranked[1:] if s.match.quality >= floor
                  and not places.namesakes(s.match.candidate, best.match.candidate)), None)
    margin = best.score - rival.score if rival is not None else 1.0
    if best.score < THRESHOLD:
        return Verdict(e, None, f"best score {best.score:.2f} is under {THRESHOLD}", tuple(ranked),
                       used)
    if margin < MARGIN:
        return Verdict(e, None, f"{best.match.candidate.qid} and {rival.match.candidate.qid} "
                       f"score within {MARGIN}", tuple(ranked), used)
    c = best.match.candidate
    confidence = min(0.99, best.match.quality * c.prior * min(1.0, 0.6 + margin))
    return Verdict(e, Decision(c, round(confidence, 3), class_for(c, e.cls)),
                   f"{c.qid} scores {best.score:.2f}, {margin:.2f} ahead", tuple(ranked), used)


def decide_person(e: Entity, gaz: Gazetteer, countries: frozenset[str], reading: Reading,
                  parties: tuple[Candidate, ...]) -> Verdict:
    """The item this person is, if exactly one fits the name and the article agrees with it."""
    matches, _ = entity_matches(e, gaz)
    held = [t for t in (people.split_title(n)[0] for n in names_of(e)) if t]
    d = people.describe(windows(e, reading.text, reading.sentences), [*e.roles, *held], gaz)
    used = {"countries": sorted(countries), "titles": sorted(d.titles), "cues": sorted(d.cues),
            "countries next to the name": sorted(d.countries),
            "parties": [p.qid for p in parties]}
    if not matches:
        return Verdict(e, None, "no person in the gazetteer has this full name", (), used)
    ranked = []
    for m in sorted(matches.values(), key=lambda m: (-m.quality, m.candidate.qid)):
        c = m.candidate
        support, against = people.evidence(c, d, countries, parties)
        abroad = bool(countries) and "country" not in support  # the article is about elsewhere
        need = 2 if people.common(c, gaz) or abroad else 1
        ok = against is None and len(support) >= need
        short = None if ok else (
            "nothing in the article agrees with it" if not support else
            "a common name: two kinds of agreement needed" if not abroad else
            f"the article names {'/'.join(sorted(countries))}, not {c.country}: two kinds needed")
        ranked.append(Scored(m, float(len(support)) if ok else 0.0, (), support, against or short))
    live = [s for s in ranked if s.score > 0]
    if len(live) != 1:
        why = ("no candidate fits: " + "; ".join(f"{s.match.candidate.qid} {s.against}"
                                                 for s in ranked[:3]) if not live else
               f"{len(live)} live candidates: " + ", ".join(s.match.candidate.qid for s in live))
        return Verdict(e, None, why, tuple(ranked), used)
    best = live[0]
    c = best.match.candidate
    confidence = min(0.99, best.match.quality * c.prior * (0.8 + 0.1 * len(best.support)))
    return Verdict(e, Decision(c, round(confidence, 3), class_for(c, e.cls)),
                   f"{c.qid} is the one candidate the article agrees with ({', '.join(best.support)})",
                   tuple(ranked), used)


def verdicts(entities: tuple[Entity, ...], gaz: Gazetteer,
             reading: Reading = NO_TEXT) -> dict[str, Verdict]:
    """A verdict for each unlinked, named entity, by key: places and factions first, then people
    (whose context includes the parties and bodies linked in the first pass)."""
    matched: dict = {}
    facts = places.place_facts(entities, gaz, matched)
    ctx = places.article_context(entities, gaz, facts=facts, text=reading.text)
    todo = [e for e in entities if not (e.qid or e.scoped)]
    out = {e.key: decide(e, gaz, places.without(ctx, facts, e.key), reading, matched.get(e.key))
           for e in todo if top_class(e.cls) != "Actor"}
    linked = {k: v.decision.candidate for k, v in out.items() if v.decision}
    countries = ctx.countries | {
        c.country for c in linked.values() if c.kind in COUNTRY_KINDS and c.country}
    by_key = {e.key: e for e in entities}
    for e in todo:
        if top_class(e.cls) == "Actor":
            parties = near_parties(e, by_key, linked, reading)
            out[e.key] = decide_person(e, gaz, frozenset(countries), reading, parties)
    return out


def near_parties(e: Entity, by_key: dict[str, Entity], linked: dict[str, Candidate],
                 reading: Reading) -> tuple[Candidate, ...]:
    """Linked parties named next to a person, or that the text makes theirs (memberOf)."""
    keys = {r.object for r in reading.relations if r.subject == e.key
            and r.predicate in ("memberOf", "leaderOf")}
    spans = [(w.start, w.end) for w in windows(e, reading.text, reading.sentences)]
    out = []
    for key, c in linked.items():
        if c.kind != "political_party":
            continue
        if key in keys or any(a <= m.start and m.end <= b for m in by_key[key].mentions
                              for a, b in spans):
            out.append(c)
    return tuple(out)


def resolve(entities: tuple[Entity, ...], gaz: Gazetteer,
            reading: Reading = NO_TEXT) -> dict[str, Decision]:
    """Decisions for the article's unlinked, named entities, by entity key."""
    return {k: v.decision for k, v in verdicts(entities, gaz, reading).items() if v.decision}
