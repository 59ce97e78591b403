"""What the endpoint and the data are: SPARQL 1.1 Service Description and a VoID description."""

from __future__ import annotations

import time
from pathlib import Path

from flask import Blueprint, Response, current_app, request
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg import store
from kg.vocab import DCT, PREFIXES, RDF, SH, XSD, Namespace
from server import formats, protocol
from server.state import CHECK_EVERY

bp = Blueprint("describe", __name__)
protocol.register_errors(bp)
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FMT = Namespace("http://www.w3.org/ns/formats/")
ENT = Namespace("http://www.w3.org/ns/entailment/")
DESCRIBE_PREFIXES = {"sd": str(SD), "void": str(VOID), "formats": str(FMT), "ent": str(ENT),
                     "sh": str(SH)}
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads",
                  "TriG")
UNION_NOTE = ("The default graph is the RDF merge of all named graphs (one per article, the "
              "ontology graph, the Wikidata graph, the manual graph): each triple once, however "
              "many graphs assert it; GRAPH ?g ranges over the named graphs. default-graph-uri / "
              "named-graph-uri or FROM / FROM NAMED choose other graphs. Relative IRIs resolve "
              "against the endpoint's URL. The prefixes declared below (sh:declare) need no "
              "PREFIX line.")
GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # the merged default graph: distinct
CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
ENTITIES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER isIRI(?s) }"


def rows(query: str) -> list[tuple[str, int]]:
    """(first value, count) pairs from a statistics query, once per published snapshot.

    The counts scan the whole store (seconds at millions of triples) and only change when a
    build or an update publishes a snapshot, so they are kept until the next one.
    """
    snapshot = store.latest_snapshot(Path(current_app.config["STORE_DIR"]))
    key = (str(snapshot), query)
    if key in _STATISTICS:
        return _STATISTICS[key]
    keep = snapshot is not None and settled(snapshot)  # before the count: it reads from now
    found = count_rows(query)
    if keep:
        for old in [k for k in _STATISTICS if k[0] != key[0]]:
            _STATISTICS.pop(old, None)
        _STATISTICS[key] = found
    return found


_STATISTICS: dict[tuple[str, str], list[tuple[str, int]]] = {}  # (snapshot, query) -> rows


def settled(snapshot: Path) -> bool:
    """Whether every executor reads `snapshot` by now: they look for a newer one each
    CHECK_EVERY seconds, so counts taken sooner may be of the one before (not to be kept)."""
    published = int(snapshot.name) / 1e9 if snapshot.name.isdigit() else 0.0
    return time.time() - published > CHECK_EVERY + 1.0


def count_rows(query: str) -> list[tuple[str, int]]:
    """(first value, count) pairs from a statistics query run in an executor (as a page's own
    query: its slow answers are kept on disk beside the snapshot, server/kept.py)."""
    from server.pages_common import select

    return [(next((t.value for k, t in r.items() if k != "n"), ""), int(r["n"].value))
            for r in select(query)]


def integer(n: int) -> Literal:
    """An xsd:integer literal."""
    return Literal(str(n), datatype=XSD.integer)


def answer_rdf(triples: list[Triple]) -> Response:
    """Triples in the RDF format the client asked for (Turtle by default)."""
    media = formats.choose(request.accept_mimetypes, request.args, list(formats.RDF_TYPES))
    if media is None:
        return protocol.text_error(406, "this description can be given as: "
                                   + ", ".join(formats.RDF_TYPES))
    body, _ = formats.serialize_triples(triples, media, prefixes=DESCRIBE_PREFIXES)
    resp = Response(body, content_type=formats.content_type(media))
    resp.headers["Vary"] = "Accept"
    return resp


def service_triples(base: str, graphs: list[tuple[str, int]]) -> list[Triple]:
    """The service description: endpoint, language, formats, features, default dataset."""
    service, dataset, default = NamedNode(base + "sparql#service"), BlankNode(), BlankNode()
    out = [Triple(service, RDF.type, SD.Service),
           Triple(service, SD.endpoint, NamedNode(base + "sparql")),
           Triple(service, SD.supportedLanguage, SD.SPARQL11Query),
           Triple(service, SD.feature, SD.UnionDefaultGraph),
           Triple(service, SD.defaultEntailmentRegime, ENT.Simple),
           Triple(service, SD.defaultDataset, dataset),
           Triple(dataset, RDF.type, SD.Dataset),
           Triple(dataset, SD.defaultGraph, default),
           Triple(default, RDF.type, SD.Graph),
           Triple(default, DCT.description, Literal(UNION_NOTE)),
           Triple(default, VOID.triples, integer(rows(TRIPLES)[0][1]))]
    out += prefix_declarations(service)
    if current_app.config.get("ALLOW_UPDATE"):
        out.append(Triple(service, SD.supportedLanguage, SD.SPARQL11Update))
    if current_app.config.get("ALLOWED_SERVICES"):
        out.append(Triple(service, SD.feature, SD.BasicFederatedQuery))
    out += [Triple(service, SD.resultFormat, FMT[name]) for name in RESULT_FORMATS]
    for iri, n in graphs:
        named, graph = BlankNode(), BlankNode()
        out += [Triple(dataset, SD.namedGraph, named), Triple(named, SD.name, NamedNode(iri)),
                Triple(named, SD.graph, graph), Triple(graph, RDF.type, SD.Graph),
                Triple(graph, VOID.triples, integer(n))]
    return out


def prefix_declarations(service: NamedNode) -> list[Triple]:
    """The prefixes every query may use without declaring them, as SHACL prefix declarations."""
    out = []
    for prefix, iri in PREFIXES.items():
        decl = BlankNode()
        out += [Triple(service, SH.declare, decl), Triple(decl, SH.prefix, Literal(prefix)),
                Triple(decl, SH.namespace, Literal(iri, datatype=XSD.anyURI))]
    return out


def service_description() -> Response:
    """GET /sparql without a query: the SPARQL 1.1 Service Description."""
    return answer_rdf(service_triples(request.url_root, rows(GRAPHS)))


def void_triples(base: str) -> list[Triple]:
    """The VoID description: size, entities, class partition, endpoint and dumps."""
    ds = NamedNode(base + ".well-known/void#dataset")
    out = [Triple(ds, RDF.type, VOID.Dataset),
           Triple(ds, DCT.title, Literal("kg: a knowledge graph of news articles")),
           Triple(ds, DCT.description, Literal(UNION_NOTE)),
           Triple(ds, VOID.sparqlEndpoint, NamedNode(base + "sparql")),
           Triple(ds, VOID.triples, integer(rows(TRIPLES)[0][1])),
           Triple(ds, VOID.entities, integer(rows(ENTITIES)[0][1])),
           Triple(ds, VOID.uriSpace, Literal("https://w3id.org/newskg/id/")),
           Triple(ds, VOID.vocabulary, NamedNode("https://w3id.org/newskg/ontology#"))]
    out += [Triple(ds, VOID.dataDump, NamedNode(base + name))
            for name in ("dump.trig", "dump.nq", "dump.ttl")]
    for cls, n in rows(CLASSES):
        part = BlankNode()
        out += [Triple(ds, VOID.classPartition, part), Triple(part, VOID["class"], NamedNode(cls)),
                Triple(part, VOID.entities, integer(n))]
    return out


@bp.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    """A VoID description of the dataset (Turtle by default, any RDF format by Accept)."""
    return answer_rdf(void_triples(request.url_root))
