"""SPARQL text run the kg way: the usual prefixes, a base IRI, readable syntax errors.

Every query path (`kg query`, saved queries, the pages, the endpoint's executor) runs through
`query`, on the store's own default graph: the merge of the named graphs (kg/graphs.py), so a
triple asserted by many articles is counted once. `FROM` / `FROM NAMED` in the query, or the
protocol's dataset parameters, choose other graphs as the standard says (several default
graphs are merged, set semantics, where the engine would join them as a bag).
"""

from __future__ import annotations

import re

from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

from kg import iris
from kg.errors import QueryError
from kg.sparql_text import dataset_clauses
from kg.vocab import PREFIXES

BASE = iris.BASE  # relative IRIs outside the server (which uses its own URL) resolve here
POSITION = re.compile(r"error at (\d+):(\d+)")
FROM = re.compile(r"\bFROM\b", re.IGNORECASE)
PREFIXED_END = re.compile(r"([^\W\d_][\w.-]*)?:[^\s{}()<>\"',;]*\Z")
RANGES = re.compile(r"\['[^\]]*\](?:, \['[^\]]*\])*")  # the parser's character classes: ['A' ..= 'Z' | ...]


def query(store: Store, text: str, base: str | None = BASE, substitutions: dict | None = None,
          default_graph: list[NamedNode] | None = None,
          named_graphs: list[NamedNode] | None = None):
    """Run a query with kg's prefixes; a QueryError with a readable message if it does not parse.

    `default_graph` / `named_graphs` (the protocol's dataset) replace the query's FROM clauses.
    """
    if default_graph is None and named_graphs is None and FROM.search(text):
        froms, named = dataset_clauses(text, base, PREFIXES)
        if len(froms) > 1:
            default_graph, named_graphs = [NamedNode(g) for g in froms], [NamedNode(g) for g in named]
    if default_graph is not None and len(default_graph) > 1:
        store, default_graph = merged(store, default_graph, named_graphs), [DefaultGraph()]
    try:
        return store.query(text, prefixes=PREFIXES, base_iri=base, substitutions=substitutions,
                           default_graph=default_graph, named_graphs=named_graphs)
    except SyntaxError as err:
        raise QueryError(syntax_message(text, err)) from None


def merged(store: Store, default_graph: list[NamedNode], named_graphs: list[NamedNode] | None
           ) -> Store:
    """An in-memory dataset whose default graph is the RDF merge of `default_graph`.

    The engine joins several default graphs as a bag (a triple in two of them comes twice);
    the standard's default graph is their merge, each triple once, so the graphs asked for are
    copied (only when there are two or more: the cost is the size of what the query reads).
    """
    out = Store()
    out.extend(Quad(q.subject, q.predicate, q.object)
               for g in default_graph for q in store.quads_for_pattern(None, None, None, g))
    for g in store.named_graphs() if named_graphs is None else named_graphs:
        out.extend(store.quads_for_pattern(None, None, None, g))
    return out


def syntax_message(text: str, err: SyntaxError) -> str:
    """pyoxigraph's syntax error, with an unknown prefix named plainly."""
    message = str(err)
    if "Prefix not found" in message:
        prefix = unknown_prefix(text, message)
        if prefix is not None:
            return (f"SPARQL syntax error: unknown prefix {prefix}: — add PREFIX {prefix}: <…> "
                    f"(known without a PREFIX line: {', '.join(sorted(PREFIXES))})")
    return "SPARQL syntax error: " + RANGES.sub("a name", message).replace("\n", " ")


def unknown_prefix(text: str, message: str) -> str | None:
    """The prefix of the prefixed name that ends where the parser stopped, if there is one."""
    found = POSITION.search(message)
    if not found:
        return None
    line, column = int(found.group(1)), int(found.group(2))
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    # the parser counts columns in characters from 1 and stops just after the prefixed name
    name = PREFIXED_END.search(lines[line - 1][:column - 1])
    return (name.group(1) or "") if name else None
