"""Point lookups answered in the server worker itself: one triple pattern, its cost bounded.

A query that is a single triple pattern, every variable of it selected once (`SELECT ?p ?o
WHERE { <iri> ?p ?o }`, `SELECT * { ?s rdfs:label ?o } LIMIT 10`), gives one row per matching
triple, and the engine streams those rows: answering it costs what its answer costs to write,
and its answer is written within the row cap's byte budget (server/formats.serialize_within),
so it cannot run away or grow, and needs no killable process. It is answered in the worker,
without the round trip to an executor (server/executor.py), which a point lookup would
otherwise spend most of its time on.

The client's text never reaches a SPARQL parser here: it is read by kg's lexer
(kg/sparql_text.py) against the small grammar below, and the engine runs a query kg writes
itself, from checked variable names and IRIs (NamedNode refuses `>`, spaces, braces ...). What does not fit the grammar exactly (a literal, a
backslash, FILTER, DISTINCT, OFFSET, FROM, dataset parameters, a repeated variable ...) goes
to an executor as before, as does an answer over the byte budget.

    PREFIX p: <iri> ...  SELECT (* | ?v ...)  [WHERE] { term term term [.] }  [LIMIT n]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import NamedNode, Store

from kg.sparql_text import Token, tokens
from kg.vocab import PREFIXES
from server import formats

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
PNAME = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)?:((?:[A-Za-z0-9_][A-Za-z0-9_-]*)?)\Z")
ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
DOT_SEGMENT = re.compile(r"/\.\.?(?:/|\Z)")


@dataclass(frozen=True)
class Lookup:
    """A point lookup: the pattern (variable names or IRIs), the variables selected, the limit."""

    pattern: tuple[str | NamedNode, str | NamedNode, str | NamedNode]
    selected: tuple[str, ...]
    limit: int | None

    def fixed(self) -> str:
        """The query kg runs for it: its own text, the IRIs in it checked terms (NamedNode)."""
        pattern = " ".join(f"?{p}" if isinstance(p, str) else str(p) for p in self.pattern)
        limit = "" if self.limit is None else f" LIMIT {self.limit}"
        return f"SELECT {' '.join(f'?{v}' for v in self.selected)} WHERE {{ {pattern} }}{limit}"


def read(text: str) -> Lookup | None:
    """The point lookup this query text is, or None if it is anything else."""
    if "\\" in text:
        return None
    toks = tokens(text)
    prefixes, i = dict(PREFIXES), 0
    while i + 2 < len(toks) and toks[i].word() == "PREFIX":
        name, iri = toks[i + 1], toks[i + 2]
        if name.kind != "word" or not PNAME.match(name.text) or name.text[-1] != ":" \
                or iri.kind != "iri" or absolute(iri.text[1:-1]) is None:
            return None
        prefixes[name.text[:-1]] = iri.text[1:-1]
        i += 3
    return select(toks[i:], prefixes)


def select(toks: list[Token], prefixes: dict[str, str]) -> Lookup | None:
    """SELECT ... WHERE { s p o } [LIMIT n], read from the tokens after the prologue."""
    if not toks or toks[0].word() != "SELECT":
        return None
    i, chosen = 1, []
    while i < len(toks) and toks[i].kind == "var":
        chosen.append(toks[i].text[1:])
        i += 1
    star = not chosen and i < len(toks) and toks[i].text == "*"
    i += 1 if star else 0
    if i < len(toks) and toks[i].word() == "WHERE":
        i += 1
    body = [t.text for t in toks[i:i + 6]]
    close = i + 5 if body[4:5] == ["}"] else i + 6 if body[4:6] == [".", "}"] else None
    if close is None or body[0] != "{" or any(t.kind == "punct" for t in toks[i + 1:i + 4]):
        return None
    pattern = tuple(term(t, n == 1, prefixes) for n, t in enumerate(toks[i + 1:i + 4]))
    names = [p for p in pattern if isinstance(p, str)]
    if None in pattern or not names or len(set(names)) != len(names) or any(
            not NAME.match(n) for n in names):
        return None
    if not star and sorted(chosen) != sorted(names):
        return None
    rest = toks[close:]
    limit = None
    if len(rest) == 2 and rest[0].word() == "LIMIT" and rest[1].text.isdigit() and rest[1].text.isascii():
        limit, rest = int(rest[1].text), []
    # `*` selects the pattern's variables in the engine's order: sorted by name
    return None if rest else Lookup(pattern, tuple(sorted(names) if star else chosen), limit)


def term(tok: Token, predicate: bool, prefixes: dict[str, str]) -> str | NamedNode | None:
    """A variable's name, an IRI (written out, prefixed, or `a`), or None for anything else."""
    if tok.kind == "var":
        return tok.text[1:]
    if tok.kind == "iri":
        return absolute(tok.text[1:-1])
    if tok.kind != "word":
        return None
    if predicate and tok.text == "a":
        return NamedNode(RDF_TYPE)
    found = PNAME.match(tok.text)
    if found is None or (found.group(1) or "") not in prefixes:
        return None
    return absolute(prefixes[found.group(1) or ""] + found.group(2))


@lru_cache(maxsize=4096)  # the prologue's IRIs come again with every query of a client
def absolute(iri: str) -> NamedNode | None:
    """An absolute IRI that no base resolution would change, as a term; None otherwise."""
    if not ABSOLUTE.match(iri) or DOT_SEGMENT.search(iri):
        return None
    try:
        return NamedNode(iri)
    except ValueError:
        return None


def answer(store: Store, lookup: Lookup, accept: str | None, params: dict,
           max_rows: int) -> dict | None:
    """The answer as an executor gives it (status, media, body), or None if over the budget."""
    media = formats.choose(accept, params, list(formats.RESULTS_TYPES))
    if media is None:
        return None  # the executor words the 406
    body = formats.serialize_within(store.query(lookup.fixed()), media, max_rows)
    if body is None:
        return None
    return {"status": 200, "media": media, "body": body, "truncated": False}

