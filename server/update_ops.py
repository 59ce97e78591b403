"""SPARQL Update on a store whose default graph is the merge of its named graphs (kg/graphs.py).

An update request is rewritten, operation by operation, into one request (so one transaction)
that keeps the invariant: the default graph holds each triple that some named graph holds, and
nothing else. The rules, as the README's "Updating" section states them:

- inserting into the default graph inserts into the manual graph (and so into the default
  graph); inserting into a named graph also inserts into the default graph;
- deleting from the default graph deletes the triple from every named graph that holds it
  (the default graph is their merge: a triple leaves it only when no graph holds it);
- deleting from a named graph (DELETE, DROP, CLEAR, COPY or MOVE onto it) removes the triple
  from the default graph too, unless another named graph still holds it;
- CLEAR/DROP NAMED are CLEAR/DROP ALL; CLEAR/DROP DEFAULT, COPY/MOVE to DEFAULT and MOVE
  DEFAULT are refused (they would empty the whole store or break the merge); COPY DEFAULT TO g
  is ADD DEFAULT TO g (the default graph already holds all of g).
DELETE/INSERT operations record what their templates touch in scratch graphs (`urn:x-kg:*`),
which the operations after them read and drop, inside the same transaction.
"""

from __future__ import annotations

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, parse

from kg import iris
from kg.errors import QueryError
from kg.sparql import syntax_message
from kg.vocab import PREFIXES, sparql_prefixes
from server.update_text import Operation, Template, join, split, template

MANUAL = f"<{iris.MANUAL_GRAPH.value}>"
TOUCHED, GONE_NAMED = "<urn:x-kg:touched>", "<urn:x-kg:deleted-named>"
GONE_DEFAULT, NEW_DEFAULT = "<urn:x-kg:deleted-default>", "<urn:x-kg:inserted-default>"
SCRATCH = (TOUCHED, GONE_NAMED, GONE_DEFAULT, NEW_DEFAULT)
MARK = "<urn:x-kg:graph>"
NOT_SCRATCH = f"FILTER(?h NOT IN ({', '.join(SCRATCH)}))"


def unshared(graph: str, keep: str | None = None) -> str:
    """Remove from the default graph what only `graph` holds (and `keep` does not)."""
    also = f" FILTER NOT EXISTS {{ GRAPH {keep} {{ ?s ?p ?o }} }}" if keep else ""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} FILTER NOT EXISTS "
            f"{{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {graph}) }}{also} }}")


def prepare(text: str, base: str | None, using: list[str] = (), using_named: list[str] = (),
            network: bool = False) -> str:
    """The update to run: checked for syntax on an empty store (positions as the user wrote
    them; not when it LOADs or calls a SERVICE), then rewritten by `rewrite`."""
    if not network:
        try:
            Store().update(text, base_iri=base, prefixes=PREFIXES)
        except SyntaxError as err:
            raise QueryError(syntax_message(text, err)) from None
        except (OSError, RuntimeError):
            pass  # an empty store lacks a graph the real one may have: only syntax counts here
    return rewrite(text, base, using, using_named)


def rewrite(text: str, base: str | None, using: list[str] = (), using_named: list[str] = ()
            ) -> str:
    """The update request with every operation made to keep the default graph the merge."""
    out, prologue = [], sparql_prefixes()
    for op in split(text):
        prologue += op.prologue
        out.append(op.prologue + " ;\n".join(operation(op, prologue, base, using, using_named)))
    return " ;\n".join(out)


def operation(op: Operation, prologue: str, base: str | None, using: list[str],
              using_named: list[str]) -> list[str]:
    """One operation as the operations that do it and keep the invariant."""
    if op.form in ("INSERT DATA", "DELETE DATA"):
        return data(op, prologue, base)
    if op.form in ("MODIFY", "DELETE WHERE"):
        return modify(op, using, using_named)
    words = [w.word() for w in op.words]
    names = [w.text for w in op.words]
    silent = "SILENT " if "SILENT" in words else ""
    if op.form in ("CLEAR", "DROP"):
        if "DEFAULT" in words:
            raise QueryError(f"{op.form} DEFAULT is refused: the default graph is the merge of "
                             f"the named graphs; use {op.form} ALL to empty the store, or "
                             f"{op.form} GRAPH {MANUAL} for what updates added")
        if "NAMED" in words or "ALL" in words:
            return [f"{op.form} {silent}ALL"]
        return [unshared(names[-1]), op.text]
    if op.form in ("ADD", "COPY", "MOVE"):
        return graph_management(op, words, names, silent)
    if op.form == "LOAD":
        if "INTO" not in words:
            return [f"{op.text} INTO GRAPH {MANUAL}", copy_graph(MANUAL)]
        return [op.text, copy_graph(names[-1])]
    return [op.text]  # CREATE


def graph_management(op: Operation, words: list[str], names: list[str], silent: str) -> list[str]:
    """ADD / COPY / MOVE between graphs, the default graph kept as the merge."""
    to = words.index("TO")
    source = "DEFAULT" if "DEFAULT" in words[:to] else names[to - 1]
    target = "DEFAULT" if "DEFAULT" in words[to:] else names[-1]
    if op.form == "ADD" or (op.form == "COPY" and source == "DEFAULT" and target != "DEFAULT"):
        return [(f"ADD {silent}{'DEFAULT' if source == 'DEFAULT' else source} TO "
                f"{'DEFAULT' if target == 'DEFAULT' else 'GRAPH ' + target}")]
    if "DEFAULT" in (source, target):
        raise QueryError(f"{op.form} {'to' if target == 'DEFAULT' else 'from'} DEFAULT is refused: "
                         "the default graph is the merge of the named graphs (ADD works)")
    return [unshared(target, keep=source), op.text]


def copy_graph(graph: str) -> str:
    """Put a graph's triples into the default graph."""
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"


def data_quads(op: Operation, prologue: str, base: str | None) -> list[Quad]:
    """The quads of INSERT DATA / DELETE DATA (read as TriG: the same syntax, ground)."""
    start, end = op.blocks["DATA"]
    block = template(op.text[start:end])
    trig = prologue + "\n" + "".join(f"{piece}\n.\n" for piece in block.triples) + "".join(
        f"GRAPH {name} {{\n{inner}\n}}\n" for name, inner in block.graphs)
    try:
        return list(parse(trig, format=RdfFormat.TRIG, base_iri=base))
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error in {op.form}: {err}") from None


def triple(q: Quad) -> str:
    return f"{q.subject} {q.predicate} {q.object}"


def data(op: Operation, prologue: str, base: str | None) -> list[str]:
    """INSERT DATA / DELETE DATA as explicit quads, the default graph kept as the merge."""
    quads = data_quads(op, prologue, base)
    if not quads:
        return [op.text]
    if op.form == "INSERT DATA":
        named = [(MANUAL if q.graph_name == DefaultGraph() else str(q.graph_name), triple(q))
                 for q in quads]
        body = "\n".join(f"GRAPH {g} {{ {t} }}" for g, t in named)
        return [f"INSERT DATA {{\n{body}\n" + "\n".join(f"{t} ." for _, t in named) + "\n}"]
    default = [triple(q) for q in quads if q.graph_name == DefaultGraph()]
    named = [q for q in quads if q.graph_name != DefaultGraph()]
    ops = []
    if named:
        body = "\n".join(f"GRAPH {q.graph_name} {{ {triple(q)} }}" for q in named)
        rows = " ".join(f"({triple(q)})" for q in named)
        ops += [f"DELETE DATA {{\n{body}\n}}",
                (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} "
                f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }} }}")]
    if default:
        rows = " ".join(f"({t})" for t in default)
        ops += [(f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} "
                f"GRAPH ?g {{ ?s ?p ?o }} }}"),
                "DELETE DATA {\n" + "\n".join(f"{t} ." for t in default) + "\n}"]
    return ops


def modify(op: Operation, using: list[str], using_named: list[str]) -> list[str]:
    """DELETE/INSERT ... WHERE (and DELETE WHERE), its templates recorded in scratch graphs."""
    if (using or using_named) and (op.using or op.with_graph):
        raise QueryError("give the update's dataset either by using-graph-uri / "
                         "using-named-graph-uri or by USING / WITH in the update, not both")
    blocks = {clause: op.text[start:end] for clause, (start, end) in op.blocks.items()}
    if "WHERE" not in blocks:
        raise QueryError(f"SPARQL syntax error: no WHERE in {op.text[:60]!r}")
    delete_text = blocks["WHERE"] if op.form == "DELETE WHERE" else blocks.get("DELETE", "")
    deleted = template(delete_text)
    inserted = template(blocks.get("INSERT", "")) if op.form == "MODIFY" else Template()
    clauses = [*op.using, *(f"USING <{u}>" for u in using),
               *(f"USING NAMED <{u}>" for u in using_named)]
    head = f"WITH {op.with_graph}\n" if op.with_graph else ""
    body = records(deleted, inserted, op.with_graph)
    where = blocks["WHERE"]
    return [f"{head}DELETE {{\n{delete_text}\n}}\nINSERT {{\n{body}\n}}\n"
            + "".join(f"{c}\n" for c in clauses) + f"WHERE {{\n{where}\n}}", *after(deleted, op)]


def records(deleted: Template, inserted: Template, with_graph: str | None) -> str:
    """The insert template, default-graph triples sent to the manual graph, and the records."""
    home = with_graph or MANUAL
    parts = [f"GRAPH {g} {{\n{inner}\n}}\nGRAPH {TOUCHED} {{ {g} {MARK} {MARK} }}"
             for g, inner in inserted.graphs]
    if inserted.triples:
        parts.append(f"GRAPH {home} {{\n{join(inserted.triples)}\n}}\n"
                     f"GRAPH {TOUCHED} {{ {home} {MARK} {MARK} }}")
    parts += [f"GRAPH {GONE_NAMED} {{\n{inner}\n}}" for _, inner in deleted.graphs]
    if deleted.triples:
        gone = GONE_NAMED if with_graph else GONE_DEFAULT
        parts.append(f"GRAPH {gone} {{\n{join(deleted.triples)}\n}}")
        if inserted.triples and not with_graph:
            parts.append(f"GRAPH {NEW_DEFAULT} {{\n{join(inserted.triples)}\n}}")
    return "\n".join(parts)


def after(deleted: Template, op: Operation) -> list[str]:
    """The operations that follow a DELETE/INSERT: apply its records, then drop them."""
    ops = []
    if deleted.triples and not op.with_graph:
        ops += [(f"DELETE {{ GRAPH ?h {{ ?s ?p ?o }} }} WHERE {{ GRAPH {GONE_DEFAULT} {{ ?s ?p ?o }} "
                f"GRAPH ?h {{ ?s ?p ?o }} {NOT_SCRATCH} }}"),
                (f"INSERT {{ GRAPH {MANUAL} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {GONE_DEFAULT} "
                f"{{ ?s ?p ?o }} GRAPH {NEW_DEFAULT} {{ ?s ?p ?o }} }}")]
    ops += [(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {GONE_NAMED} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} {NOT_SCRATCH} }} }}"),
            (f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {TOUCHED} {{ ?g {MARK} {MARK} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} }}")]
    return ops + [f"DROP SILENT GRAPH {g}" for g in SCRATCH]
