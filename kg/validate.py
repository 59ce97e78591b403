"""SHACL check of a store against ontology/shapes.ttl, with the ontology for subclass targets."""

from __future__ import annotations

import io
from pathlib import Path

import rdflib
from pyoxigraph import RdfFormat, Store, serialize
from rdflib.namespace import SH

from kg import iris
from kg.config import ONTOLOGY_DIR
from kg.store import open_for_reading

SHAPES_FILE = "shapes.ttl"
SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes as an rdflib graph."""
    g = rdflib.Graph()
    g.parse(ONTOLOGY_DIR / SHAPES_FILE, format="turtle")
    return g


def ontology_graph() -> rdflib.Graph:
    """The ontology (every ontology/*.ttl but the shapes) as an rdflib graph."""
    g = rdflib.Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        if path.name != SHAPES_FILE:
            g.parse(path, format="turtle")
    return g


def data_graph(store: Store) -> rdflib.Graph:
    """The union of every named graph in the store but the ontology's, as one rdflib graph."""
    triples = (q.triple for graph in store.named_graphs() if graph != iris.ONTOLOGY_GRAPH
               for q in store.quads_for_pattern(None, None, None, graph))
    buffer = io.BytesIO()
    serialize(triples, buffer, RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return g


def check(data: rdflib.Graph) -> tuple[bool, str]:
    """Validate an rdflib graph against the shapes; (conforms, readable report)."""
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
        allow_warnings=True, allow_infos=True, advanced=False)
    lines = report_lines(results)
    if conforms and not lines:
        return True, "conforms"
    head = "conforms" if conforms else f"does not conform: {count_violations(results)} violation(s)"
    return bool(conforms), "\n".join([head, *lines])


def validate(store_dir: Path) -> tuple[bool, str]:
    """Validate the graph in `store_dir` against the shapes; (conforms, readable report)."""
    return check(data_graph(open_for_reading(Path(store_dir))))


def count_violations(results: rdflib.Graph) -> int:
    """How many results of severity sh:Violation the report holds."""
    return sum(1 for _ in results.subjects(SH.resultSeverity, SH.Violation))


def report_lines(results: rdflib.Graph) -> list[str]:
    """One line per result: severity, focus node, path, value and message, violations first."""
    rows = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        line = f"{local(severity)}: {term(focus)} {term(path) if path is not None else '-'}"
        if value is not None and value != focus:
            line += f" (value {term(value)})"
        line += f": {'; '.join(messages) or local(results.value(r, SH.sourceConstraintComponent))}"
        rows.append((SEVERITY_ORDER.get(severity, 3), line))
    return [line for _, line in sorted(set(rows))]


def local(node: rdflib.term.Node | None) -> str:
    """The local name of a SHACL term (Violation, MinCountConstraintComponent)."""
    text = str(node or "")
    return text.rsplit("#", 1)[-1]


def term(node: rdflib.term.Node) -> str:
    """A term as it would be written in N-Triples, shortening nothing (IRIs stay searchable)."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.BNode):
        return f"_:{node}"
    return node.n3()
