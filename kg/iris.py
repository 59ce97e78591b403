"""Stable IRIs for articles, graphs, entities, events, claims and spans."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from pyoxigraph import NamedNode
from unidecode import unidecode

BASE = "https://w3id.org/newskg/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

ONTOLOGY_GRAPH = NamedNode(GRAPH + "ontology")
WIKIDATA_GRAPH = NamedNode(GRAPH + "wikidata")
MANUAL_GRAPH = NamedNode(GRAPH + "manual")  # what /update writes to the default graph
INCIDENTS_GRAPH = NamedNode(GRAPH + "incidents")  # one node per real-world event (kg.incidents)


def slug(text: str) -> str:
    """A lower-case ASCII slug of a name, Arabic articles dropped: 'Ahmad al-Sharaa' -> 'ahmad-sharaa'.

    Spellings that differ only in punctuation, diacritics or al-/el- get one slug, hence one IRI.
    """
    from kg.link.normalize import ARTICLES, fold

    words = fold(text).split()
    kept = [w for w in words if w not in ARTICLES] or words
    return "-".join(kept) or re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


@lru_cache(maxsize=4096)
def article_id(key: str) -> str:
    """A short digest of what makes an article itself (its URL or absolute path)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def article(key: str) -> NamedNode:
    """The article node."""
    return NamedNode(f"{ID}article/{article_id(key)}")


def article_graph(key: str) -> NamedNode:
    """The named graph holding everything extracted from one article."""
    return NamedNode(f"{GRAPH}article/{article_id(key)}")


def entity(cls_top: str, label: str, qid: str | None = None, country: str | None = None,
           scope: str | None = None) -> NamedNode:
    """One IRI per real-world entity: by Wikidata item, else by class, country and name.

    `scope` (an article id) keeps unnamed parties ("gunmen") apart across articles.
    """
    if qid:
        return NamedNode(f"{ID}wd/{qid}")
    parts = [cls_top.lower()]
    if scope:
        parts.append(f"a{scope}")
    if country:
        parts.append(country.lower())
    parts.append(slug(label))
    return NamedNode(ID + "/".join(parts))


def event(article_key: str, local_key: str) -> NamedNode:
    """An event read from one article."""
    return NamedNode(f"{ID}article/{article_id(article_key)}/event/{local_key}")


def claim(article_key: str, local_key: str) -> NamedNode:
    """A claim read from one article."""
    return NamedNode(f"{ID}article/{article_id(article_key)}/{local_key}")


def span(article_key: str, start: int, end: int) -> NamedNode:
    """A text span, as an RFC 5147 fragment on the article's text (NIF)."""
    return NamedNode(f"{ID}article/{article_id(article_key)}/text#char={start},{end}")


def context(article_key: str, length: int) -> NamedNode:
    """The whole article text as a NIF context."""
    return span(article_key, 0, length)


def run(article_key: str, checksum: str) -> NamedNode:
    """The extraction run that made an article's graph."""
    return NamedNode(f"{ID}article/{article_id(article_key)}/run/{checksum[:12]}")


def link(article_key: str, entity_key: str) -> NamedNode:
    """The record of one entity's Wikidata link as made for one article (confidence, linker)."""
    return NamedNode(f"{ID}article/{article_id(article_key)}/link/{entity_key}")
