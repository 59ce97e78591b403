"""People, factions and places: one entity per real thing an article names, with every mention.

Steps: fixed name spans (ruler.py) -> classified mentions (mentions.py) + unnamed parties and
institutions (parties.py) -> clusters (coref.py) -> entities, roles and relations (roles.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import coref, parties, roles, ruler
from kg.extract.classes import top_class
from kg.extract.entity_data import fold, place_class, place_kind
from kg.extract.mentions import Mention, context_places, from_doc
from kg.model import Entity, Extraction, Relation, Span


def add_components(nlp: Language) -> None:
    """Add the lexicon ruler and the entity fixes to a loaded model."""
    ruler.add_components(nlp)


def extract(doc: Doc, found: Extraction) -> Extraction:
    """Entities with all their mentions, roles and the relations the text states."""
    ms = from_doc(doc)
    ms += context_places(doc, ms)
    coref.strip_lost_apostrophes(ms)
    ms += parties.party_mentions(doc, ms)
    ms += bracket_acronyms(doc, ms) + head_words(doc, ms)
    groups = attach_monitor(coref.cluster(doc, ms))
    groups.sort(key=lambda g: min(m.start for m in g))
    built = [build(doc, f"e{i}", g) for i, g in enumerate(groups)]
    ents, rels = add_roles(doc, built, groups)
    ents = add_title_mentions(doc, ents)
    found = replace(found, entities=tuple(ents), relations=tuple(found.relations) + tuple(rels))
    return replace(found, entities=add_pronoun_mentions(doc, found))


def bracket_acronyms(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """'(SFs)' after a name that the model did not tag: a mention to be joined to that name."""
    taken = {i for m in ms for i in range(m.start, m.end)}
    out = []
    for m in ms:
        i = m.end + 1
        if (
            i + 1 < len(doc)
            and doc[m.end].text == "("
            and doc[i + 1].text == ")"
            and i not in taken
            and coref.is_acronym(doc[i].text)
        ):
            out.append(Mention(i, i + 1, doc[i].text, doc[i].text, m.cls, "ORG", scoped=m.scoped))
    return out


def head_words(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """'Observatory' alone after 'Syrian Observatory for Human Rights': a mention to be joined."""
    taken = {i for m in ms for i in range(m.start, m.end)}
    heads = {}
    for m in ms:
        root = doc[m.start : m.end].root
        if m.end - m.start > 1 and top_class(m.cls) == "Faction" and not m.scoped and root.is_title:
            heads.setdefault(root.text, m)
    return [
        Mention(t.i, t.i + 1, t.text, t.text, heads[t.text].cls, "ORG")
        for t in doc
        if t.text in heads
        and t.i not in taken
        and not t.is_sent_start
        or t.text in heads
        and t.i not in taken
        and t.i > 0
        and doc[t.i - 1].lower_ == "the"
    ]


def attach_monitor(groups: list[list[Mention]]) -> list[list[Mention]]:
    """'the monitor' stands for the one monitoring NGO the article names, where there is one."""
    ngos = [g for g in groups if any(m.cls == "NGO" and not m.scoped for m in g)]
    monitor = [g for g in groups if any(m.group == "monitor" for m in g)]
    if len(ngos) != 1 or not monitor:
        return groups
    for m in monitor[0]:
        ngos[0].append(replace_mention(m, ngos[0][0]))
    return [g for g in groups if g is not monitor[0]]


def replace_mention(m: Mention, like: Mention) -> Mention:
    """A resolved mention (no alt label) standing for `like`'s entity."""
    return Mention(m.start, m.end, m.text, like.name, like.cls, named=False)


def entity_class(g: list[Mention]) -> str:
    """The class the cluster's evidence supports: lexicon, place, person, then organisation words."""
    fixed = [m.cls for m in g if m.fixed]
    if fixed:
        return fixed[0]
    if all(m.scoped for m in g):
        return Counter(m.cls for m in g).most_common(1)[0][0]
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
        return max(counts, key=lambda n: (counts[n], len(n)))
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
    country = next((m.country for m in g if m.country), None)
    if top_class(cls) == "Place" and place_kind(label):
        country = place_kind(label)[1] or country
    return Entity(
        key=key,
        cls=cls,
        label=label,
        mentions=tuple(Span(s, e, doc.text[s:e]) for s, e in spans),
        alt_labels=tuple(dict.fromkeys(a for a in alts if a and a != label)),
        scoped=all(m.scoped for m in g),
        country=country or None,
    )


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
        if e.cls == "Actor":
            for m in g:
                for s, t in roles.roles_of(doc, m.start, m.end) if m.named else ():
                    span = doc[s:t]
                    titles.append(span.text)
                    other = _entity_at(ents, span.start_char, span.end_char, "Faction")
                    pred = roles.relation_for(span, other.cls) if other else None
                    if pred:
                        rels.append(
                            Relation(
                                e.key,
                                pred,
                                other.key,
                                Span(
                                    span.start_char,
                                    doc[m.end - 1].idx + len(doc[m.end - 1]),
                                    doc.text[
                                        span.start_char : doc[m.end - 1].idx + len(doc[m.end - 1])
                                    ],
                                ),
                            )
                        )
        out.append(replace(e, roles=tuple(dict.fromkeys(titles))))
    return out, rels + based_in(doc, out)


def based_in(doc: Doc, ents: list[Entity]) -> list[Relation]:
    """'UK-based Syrian Observatory' -> the Observatory basedIn the United Kingdom."""
    rels = []
    for place_i, org_i, _ in roles.based_in(doc):
        if org_i >= len(doc):
            continue
        place = _entity_at(ents, doc[place_i].idx, doc[place_i].idx + 1, "Place")
        org = _entity_at(ents, doc[org_i].idx, doc[org_i].idx + 1, "Faction")
        if place and org:
            s, t = doc[place_i].idx, doc[org_i].idx + len(doc[org_i])
            rels.append(Relation(org.key, "basedIn", place.key, Span(s, t, doc.text[s:t])))
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
