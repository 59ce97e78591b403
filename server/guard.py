"""Which endpoints a query or update may reach: its SERVICE and LOAD targets, read by a full parser.

Two layers keep the endpoint from being used to reach other hosts (README, "Putting kg serve
on a network"):

1. Every query runs in a sealed executor (server/sandbox.py): the kernel refuses it any socket.
   Whatever pyoxigraph reads in a query, a sealed process cannot call out.
2. Only a query that needs the network is let out, to an unsealed executor, and only when
   rdflib's SPARQL 1.1 parser, read into algebra, finds every SERVICE / LOAD target on the
   allow-list. Where rdflib and pyoxigraph could read a query differently, it is refused: any
   backslash (escapes in IRIs, strings or prefixed names), BASE, a prefix declared twice with
   two IRIs, or the word "service" (or "load") anywhere but as the keyword.

This module is pure (text -> targets); it runs inside the executor, under its timeout and
memory cap, so a slow parse of a hostile query costs a killable process, not a server thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from kg.errors import QueryError

ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class ServiceRefused(QueryError):
    """A query names a SERVICE (or LOAD) endpoint that is not allow-listed."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param  # the saved-query parameter that named the endpoint, if one did


def unescape(text: str) -> str:
    """Apply SPARQL's \\u / \\U codepoint escapes."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def keywords(update: bool) -> tuple[str, ...]:
    """The keywords that make a request call out."""
    return ("service", "load") if update else ("service",)


def mentions_network(text: str, update: bool = False) -> bool:
    """Whether the text could hold a SERVICE (or LOAD): if not, it needs no parse at all."""
    folded = (text + unescape(text)).lower()
    return any(word in folded for word in keywords(update))


def parse(text: str, update: bool, prefixes: Mapping[str, str] | None = None):
    """rdflib's parse tree and algebra of a query or update (raises on what it cannot read)."""
    import logging

    from rdflib.plugins.sparql import algebra, parser

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # escaped names it cannot read
    text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items()) + text
    if update:
        tree = parser.parseUpdate(text)
        return tree, algebra.translateUpdate(tree).algebra
    tree = parser.parseQuery(text)
    return tree, algebra.translateQuery(tree).algebra


def nodes(node, names: tuple[str, ...]) -> Iterator:
    """Every CompValue named one of `names` below `node`."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name in names:
                yield item
            stack.extend(item.values())
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


def targets(algebra) -> list[tuple[str, object]]:
    """(keyword, rdflib term) of every SERVICE and LOAD in rdflib's algebra."""
    found = [("SERVICE", n.get("term")) for n in nodes(algebra, ("ServiceGraphPattern",))]
    return found + [("LOAD", n.get("iri")) for n in nodes(algebra, ("Load",))]


def normal(iri: str) -> str:
    """An endpoint IRI compared without a trailing slash."""
    return iri.rstrip("/")


def endpoint(keyword: str, term, bound: Mapping[str, str]) -> str:
    """The IRI a SERVICE/LOAD calls: its IRI, or the value its variable is bound to."""
    from rdflib.term import URIRef, Variable

    if isinstance(term, Variable) and str(term) in bound:
        return bound[str(term)]
    if isinstance(term, URIRef):
        return str(term)
    raise ServiceRefused(f"{keyword} with a variable endpoint (?{term}) is not allowed: "
                         "federation is limited to the allow-listed endpoints")


def ambiguity(text: str, update: bool, tree, calls: int) -> str | None:
    """Why two SPARQL parsers could read this text's endpoints differently (None if they cannot)."""
    if "\\" in text:
        return "escapes (\\) are not accepted in a query that calls a remote endpoint"
    decls = list(nodes(tree, ("PrefixDecl", "Base")))
    if any(d.name == "Base" for d in decls):
        return "BASE is not accepted in a query that calls a remote endpoint"
    seen: dict[str, str] = {}
    for d in decls:
        prefix, iri = str(d.get("prefix") or ""), str(d.get("iri"))
        if seen.setdefault(prefix, iri) != iri:
            return f"prefix {prefix}: is declared twice with different IRIs"
    words = sum(text.lower().count(word) for word in keywords(update))
    if words != calls:
        return ("the words SERVICE/LOAD may appear only as keywords in a query that calls a "
                "remote endpoint (not in names, strings or comments)")
    return None


def plan(text: str, allowed: Iterable[str], update: bool = False,
         bound: Mapping[str, str] | None = None, prefixes: Mapping[str, str] | None = None,
         trusted: bool = False) -> bool:
    """Whether the text needs the network; ServiceRefused if it would call a non-allowed endpoint.

    `bound` maps variables to the endpoint IRIs they are substituted with (a saved query's
    `SERVICE ?endpoint` parameter); `prefixes` are declared before the text, as pyoxigraph's
    `prefixes=` does; a `trusted` text (a saved query the operator wrote, whose parameters
    are bound as terms) skips the checks against parser ambiguity. False means: run it sealed.
    """
    if not mentions_network(text, update):
        return False
    try:
        tree, algebra = parse(text, update, prefixes)
    except Exception:  # noqa: BLE001 - unreadable by rdflib: it stays sealed
        return False
    found = targets(algebra)
    if not found:
        return False  # none, or unreadable by rdflib: sealed, so pyoxigraph cannot call out
    allow = {normal(a) for a in allowed}
    for keyword, term in found:
        iri = endpoint(keyword, term, bound or {})
        if normal(iri) not in allow:
            where = ("this server calls no remote endpoints" if not allow else
                     "this server only calls its allow-listed endpoints")
            param = str(term) if str(term) in (bound or {}) else None
            raise ServiceRefused(f"{keyword} <{iri}> is not allowed: {where} "
                                 "(kg serve --allow-service URL)", param)
    reason = None if trusted else ambiguity(text, update, tree, len(found))
    if reason:
        raise ServiceRefused(reason)
    return True
