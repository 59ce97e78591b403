"""Named-graph writes that keep the store's default graph the RDF merge of its named graphs.

Every triple of kg lives in a named graph (one per article, the ontology, the shared Wikidata
graph, the manual graph /update writes, ...). The store's default graph holds each of those
triples once, whatever number of graphs assert it, so that queries get set semantics (a triple
counted once) from the engine's own default graph, with no union at query time. A triple enters
the default graph when a named graph gains it and leaves it when no named graph holds it any
more; `write` does both in the same transaction as the named-graph change, and every writer
(builds, `kg link`, the ontology, /update through server/update_ops.py) goes through it.

Stores written before kg kept the default graph (an empty default graph beside the ontology
graph) are merged once when opened (`kg.store.open_store`, `kg.store.open_for_reading`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Store

from kg import iris

MERGE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _unshared(graph: NamedNode) -> str:
    """An update operation removing from the default graph what only `graph` holds."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}")


def _in_graph(quads: Iterable[Quad], graph: NamedNode) -> list[Quad]:
    return [q if q.graph_name == graph else Quad(q.subject, q.predicate, q.object, graph)
            for q in quads]


def _named(quads: Iterable[Quad]) -> list[Quad]:
    out = list(quads)
    for q in out:
        if not isinstance(q.graph_name, NamedNode):
            raise TypeError(f"kg writes named graphs only, not {q.graph_name}: {q}")
    return out


def is_empty(store: Store, graph: NamedNode | DefaultGraph) -> bool:
    """Whether a graph of the store holds no triple."""
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is None


def write(store: Store, replace: Mapping[NamedNode, Iterable[Quad]] | None = None,
          add: Iterable[Quad] = (), remove: Iterable[Quad] = ()) -> None:
    """Replace whole named graphs, remove quads from others and add quads, in one transaction.

    `replace` maps a graph to its new quads (their graph name is set to it; an empty list
    empties it); `remove` quads leave their own named graphs (no blank nodes), before `add`
    quads join theirs (set semantics). The default graph gains every triple written and loses
    a replaced graph's or removed quad's triples that no graph holds after.
    """
    new = {g: _in_graph(quads, g) for g, quads in (replace or {}).items()}
    added = _named(add)
    removed = _named(remove)
    written = [q for quads in new.values() for q in quads] + added
    defaults = [Quad(q.subject, q.predicate, q.object) for q in written]
    existing = [g for g in new if not is_empty(store, g)]
    if not existing and not removed:
        # new graphs only: nothing leaves the default graph, and extend() is one transaction
        store.extend(written + defaults)
        return
    ops = [op for g in existing for op in (_unshared(g), f"DROP SILENT GRAPH {g}")]
    if removed:
        ops += _removals(removed)
    if written:
        body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
                         for q in written)
        # one INSERT DATA: a blank node label names the same new node in both copies
        ops.append(f"INSERT DATA {{\n{body}\n"
                   + "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in defaults)
                   + "\n}")
    store.update(" ;\n".join(ops))


def write_new(store: Store, new: Mapping[NamedNode, Iterable[Quad]], more: Iterable[Quad] = ()
              ) -> None:
    """Write graphs the store does not hold yet (and `more` quads it does not hold, in other
    graphs) with pyoxigraph's bulk loader: fast, and not one transaction (kg.bulk guards it
    with a journal).

    The named graphs' quads go in first and their default-graph copies after, so a write cut
    short leaves no default triple that no named graph holds.
    """
    written = [q for g, quads in new.items() for q in _in_graph(quads, g)] + _named(more)
    store.bulk_extend(written)
    store.bulk_extend([Quad(q.subject, q.predicate, q.object) for q in written])


def _removals(quads: list[Quad]) -> list[str]:
    """Update operations deleting quads from their graphs, then from the default graph if no
    graph holds them any more."""
    for q in quads:
        if isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode):
            raise TypeError(f"a quad with a blank node cannot be removed by value: {q}")
    body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
                     for q in quads)
    rows = "\n".join(f"({q.subject} {q.predicate} {q.object})" for q in dict.fromkeys(
        Quad(q.subject, q.predicate, q.object) for q in quads))
    unheld = (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows}\n}} "
              "FILTER NOT EXISTS { GRAPH ?any { ?s ?p ?o } } }")
    return [f"DELETE DATA {{\n{body}\n}}", unheld]


def stale(store: Store) -> bool:
    """Whether the store was written before kg kept its default graph (a kg store, default empty)."""
    return store.contains_named_graph(iris.ONTOLOGY_GRAPH) and is_empty(store, DefaultGraph())


def merge_default(store: Store) -> None:
    """Fill the default graph with every named graph's triples, once each (one transaction)."""
    store.update(MERGE)
