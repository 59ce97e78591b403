"""Wikidata linking: offline from the bundled gazetteer, online when asked."""

from __future__ import annotations

from dataclasses import replace

from pyoxigraph import Quad

from kg.extract.classes import top_class
from kg.link.facts import item_quads
from kg.link.gazetteer import Gazetteer, load_gazetteer
from kg.link.resolve import NO_TEXT, Decision, Reading, resolve
from kg.model import Entity, Extraction

LINKER = "kg-gazetteer"


def apply(e: Entity, d: Decision, linker: str = LINKER) -> Entity:
    """The entity with its link, country, refined class and the item's label.

    One IRI per item means one preferred label across articles (the contract's one
    rdfs:label): the item's; every name the text used stays an alt label.
    """
    c = d.candidate
    alts = tuple(n for n in dict.fromkeys((e.label, *e.alt_labels)) if n != c.display_label)
    return replace(e, qid=c.qid, link_confidence=d.confidence, linker=linker, cls=d.cls,
                   country=c.country or e.country, label=c.display_label, alt_labels=alts)


def link_entities(entities: tuple[Entity, ...], gaz: Gazetteer, reading: Reading = NO_TEXT
                  ) -> tuple[tuple[Entity, ...], list[Quad]]:
    """Entities linked where a candidate clearly fits, and shared-graph facts about the items.

    `reading`: the article text and sentences the entities' mentions point into (what the text
    says around a name decides people and lists of provinces)."""
    decisions = resolve(entities, gaz, reading)
    out, quads, done = [], [], set()
    for e in entities:
        d = decisions.get(e.key)
        if d is None:
            out.append(e)
            continue
        linker = f"{LINKER}-user" if d.candidate.qid in gaz.user_qids else LINKER
        out.append(apply(e, d, linker))
        if d.candidate.qid not in done:
            done.add(d.candidate.qid)
            quads.extend(item_quads(d.candidate, top_class(e.cls), gaz))
    return tuple(out), quads


def link(x: Extraction, online: bool = False) -> tuple[Extraction, list[Quad]]:
    """Entities linked to Wikidata where a candidate fits, and the facts about linked items.

    The facts (coordinates, parent regions, descriptions) go into the shared Wikidata graph,
    not the article's graph. With `online`, names the gazetteer does not know are looked up
    in Wikidata's API first and kept in the user gazetteer.
    """
    gaz = load_gazetteer()
    reading = Reading(x.article.text, x.sentences, x.relations)
    if online:
        from kg.link.wikidata import learn_unknown

        gaz = learn_unknown(x.entities, gaz, reading=reading)
    entities, quads = link_entities(x.entities, gaz, reading)
    return replace(x, entities=entities), quads
