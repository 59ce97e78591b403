"""People, factions and places: one entity per real thing an article names, with every mention.

Steps: fixed name spans (ruler.py and the fixes it runs) -> classified mentions (mentions.py) + unnamed
parties and institutions (parties.py) -> clusters (coref.py) -> entities, roles and relations
(roles.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as TextSpan

from kg.extract import coref, parties, propagate, roles, ruler
from kg.extract.classes import top_class
from kg.extract.entity_data import fold, place_class, place_kind
from kg.extract.mentions import Mention, context_places, from_doc
from kg.extract.recut import HONORIFICS
from kg.extract.text import text_of
from kg.model import Entity, Extraction, Relation, Span


def add_components(nlp: Language) -> None:
    """Add the lexicon ruler and the entity fixes to a loaded model."""
    ruler.add_components(nlp)


def extract(doc: Doc, found: Extraction) -> Extraction:
    """Entities with all their mentions, roles and the relations the text states."""
    ms = from_doc(doc)
    ms += context_places(doc, ms)
    coref.strip_lost_apostrophes(ms, doc)
    ms += parties.party_mentions(doc, ms)
    ms = propagate.more_mentions(doc, ms)
    groups = propagate.attach_monitor(coref.cluster(doc, ms))
    groups.sort(key=lambda g: min(m.start for m in g))
    built = [build(doc, f"e{i}", g) for i, g in enumerate(groups)]
    ents, rels = add_roles(doc, built, groups)
    ents = add_title_mentions(doc, ents)
    found = replace(found, entities=tuple(ents), relations=tuple(found.relations) + tuple(rels))
    return replace(found, entities=add_pronoun_mentions(doc, found))


def entity_class(g: list[Mention]) -> str:
    """The class the cluster's evidence supports: lexicon, place, person, then organisation words."""
    if any(m.side for m in g):
        return "Faction"  # a sports side: the place it is named for is another entity
    fixed = [m.cls for m in g if m.fixed]
    if fixed:
        return fixed[0]
    if all(m.scoped for m in g):
        return Counter(m.cls for m in g).most_common(1)[0][0]
    if surname_of_person(g):
        return "Actor"  # 'Hillary Clinton', then 'the Clinton camp': not a camp or a town
    said = {m.cls for m in g if m.forms}
    if len(said) == 1:
        return said.pop()
    for m in g:
        kind = place_kind(m.name) if top_class(m.cls) == "Place" else None
        if kind:
            return place_class(kind[0])
    for m in g:
        if m.forms:
            return m.cls
    if any(m.label == "PERSON" or m.cls == "Actor" for m in g) or surnamed(g):
        return "Actor"
    specific = [m.cls for m in g if m.cls not in ("Faction", "Place")]
    return specific[0] if specific else g[0].cls


def surname_of_person(g: list[Mention]) -> bool:
    """Whether the model names a person in full in the cluster ('Hillary Clinton'; a full name
    that is a place's elsewhere, 'Dima Hasao' of 'Dima Hasao District', is none) and another
    mention is that name's last word alone ('Clinton')."""
    places = {fold(m.name) for m in g if top_class(m.cls) == "Place"}
    people = [fold(m.name) for m in g if m.named and m.label == "PERSON" and not m.fixed]
    alone = {fold(m.name) for m in g if m.named and len(m.name.split()) == 1}
    return any(len(p.split()) > 1 and p.split()[-1] in alone and p not in places
               and not place_kind(p) for p in people)


def surnamed(g: list[Mention]) -> bool:
    """Whether a plain name (no organisation word) is also given by its last word(s) alone: a person."""
    names = [fold(m.name).split() for m in g if m.named]
    plain = all(
        (m.cls == "Faction" or top_class(m.cls) == "Place" and not place_kind(m.name))
        and not m.fixed
        and not coref.is_acronym(m.name)
        for m in g
        if m.named
    )
    return plain and any(0 < len(a) < len(b) and b[-len(a) :] == a for a in names for b in names)


def label_of(g: list[Mention], cls: str) -> str:
    """The preferred name: the lexicon's, the fullest for people and groups, the usual for places."""
    named = [m for m in g if m.named] or g
    fixed = [m.name for m in named if m.fixed]
    if fixed:
        return fixed[0]
    if top_class(cls) == "Place":
        counts = Counter(m.name for m in named)
        return max(counts, key=lambda n: (counts[n], not n.isupper(), len(n)))  # not "BOGOTA"
    full = [m for m in named if not coref.is_acronym(m.name)] or named
    return max(full, key=lambda m: (len(m.name.split()), -m.start)).name


def build(doc: Doc, key: str, g: list[Mention]) -> Entity:
    """One entity from a cluster of mentions."""
    cls = entity_class(g)
    label = label_of(g, cls)
    spans = sorted({(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in g})
    alts: list[str] = []
    for m in g:
        if m.named:
            alts += [m.text.removeprefix("the ").removeprefix("The "), m.name, *m.forms]
    alts = [a for a in alts if "(" not in a] + (addressed(doc, g) if cls == "Actor" else [])
    country = next((m.country for m in g if m.country), None)
    if top_class(cls) == "Place" and place_kind(label):
        country = place_kind(label)[1] or country
    return Entity(
        key=key,
        cls=cls,
        label=label,
        mentions=tuple(Span(s, e, text_of(doc)[s:e]) for s, e in spans),
        alt_labels=tuple(dict.fromkeys(a for a in alts if a and a != label)),
        scoped=all(m.scoped for m in g),
        country=country or None,
    )


def addressed(doc: Doc, g: list[Mention]) -> list[str]:
    """A person's names with the honorific the text gives them ('Mr. Vogel', 'Dr Amara'): the
    model's span leaves it out, yet it is a surface form the person was mentioned by."""
    return [f"{doc[m.start - 1].text} {m.text}" for m in g if m.named and m.start > 0
            and doc[m.start - 1].lower_.rstrip(".") in HONORIFICS]


def _entity_at(ents: list[Entity], start: int, end: int, top: str | None = None) -> Entity | None:
    """The entity with a mention overlapping a character range."""
    for e in ents:
        if top and top_class(e.cls) != top:
            continue
        if any(s.start < end and start < s.end for s in e.mentions):
            return e
    return None


def add_roles(
    doc: Doc, ents: list[Entity], groups: list[list[Mention]]
) -> tuple[list[Entity], list[Relation]]:
    """Titles of people as roles; leaderOf/memberOf where a title names a group; basedIn."""
    rels: list[Relation] = []
    out = []
    for e, g in zip(ents, groups):
        titles: list[str] = []
        for m in g if e.cls == "Actor" else ():
            for s, t in roles.roles_of(doc, m.start, m.end) if m.named else ():
                titles.append(doc[s:t].text)
                rels += title_relation(doc, e, doc[min(s, m.start) : max(t, m.end)], doc[s:t], ents)
        out.append(replace(e, roles=tuple(dict.fromkeys(titles))))
    return out, rels + based_in(doc, out)


def title_relation(
    doc: Doc, person: Entity, evidence: TextSpan, title: TextSpan, ents: list[Entity]
) -> list[Relation]:
    """leaderOf or memberOf the group a title names ('Observatory director')."""
    group = _entity_at(ents, title.start_char, title.end_char, "Faction")
    pred = roles.relation_for(title, group.cls) if group else None
    if not pred:
        return []
    span = Span(evidence.start_char, evidence.end_char, evidence.text)
    return [Relation(person.key, pred, group.key, span)]


def based_in(doc: Doc, ents: list[Entity]) -> list[Relation]:
    """'UK-based Syrian Observatory' -> basedIn; 'vigilantes led by X' -> X leaderOf the vigilantes."""
    pairs = [(org, "basedIn", place) for place, org, _ in roles.based_in(doc)]
    pairs += [(leader, "leaderOf", group) for group, leader in roles.led_by(doc)]
    tops = {"basedIn": ("Faction", "Place"), "leaderOf": ("Actor", "Faction")}
    rels = []
    for subj_i, pred, obj_i in pairs:
        if max(subj_i, obj_i) >= len(doc):
            continue
        subj = _entity_at(ents, doc[subj_i].idx, doc[subj_i].idx + 1, tops[pred][0])
        obj = _entity_at(ents, doc[obj_i].idx, doc[obj_i].idx + 1, tops[pred][1])
        if subj and obj:
            first, last = doc[min(subj_i, obj_i)], doc[max(subj_i, obj_i)]
            s, t = first.idx, last.idx + len(last)
            rels.append(Relation(subj.key, pred, obj.key, Span(s, t, text_of(doc)[s:t])))
    return rels


def add_title_mentions(doc: Doc, ents: list[Entity]) -> list[Entity]:
    """'the interim president' as a mention (and title) of the one person whose titles it echoes."""
    people = {e.key: list(e.roles) for e in ents if e.cls == "Actor" and e.roles}
    extra: dict[str, list[Span]] = {}
    for s, t, key in roles.title_mentions(doc, people):
        span = doc[s:t]
        extra.setdefault(key, []).append(Span(span.start_char, span.end_char, span.text))
    return [_with_mentions(e, extra.get(e.key, []), named=True) for e in ents]


def add_pronoun_mentions(doc: Doc, found: Extraction) -> tuple[Entity, ...]:
    """He/She as the subject of a clause: a mention of the person it stands for."""
    extra: dict[str, list[Span]] = {}
    for tok in doc:
        if tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass"):
            key = coref.resolve_pronoun(doc, tok, found)
            if key:
                extra.setdefault(key, []).append(Span(tok.idx, tok.idx + len(tok), tok.text))
    return tuple(_with_mentions(e, extra.get(e.key, [])) for e in found.entities)


def _with_mentions(e: Entity, spans: list[Span], named: bool = False) -> Entity:
    """An entity with more mentions (and, for titles, their text as alt labels)."""
    if not spans:
        return e
    mentions = tuple(sorted(set(e.mentions) | set(spans), key=lambda s: (s.start, s.end)))
    alts = (
        e.alt_labels + tuple(s.text.removeprefix("the ") for s in spans) if named else e.alt_labels
    )
    return replace(e, mentions=mentions, alt_labels=tuple(dict.fromkeys(alts)))
