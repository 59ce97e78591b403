"""The SPARQL 1.1 Protocol over HTTP against the live gunicorn server (W3C protocol test cases)."""

from __future__ import annotations

import csv
import io
import json
import threading

import pyoxigraph
import pytest
import rdflib
import requests
from listeners import Listener

NKG = "https://w3id.org/newskg/ontology#"
ONTOLOGY = "https://w3id.org/newskg/graph/ontology"
ARTICLES = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <{NKG}Article> }}"
ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 7"
GRAPH_Q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 20"
RESULTS = {"application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
           "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
           "text/csv": pyoxigraph.QueryResultsFormat.CSV,
           "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV}
RDF = {"text/turtle": pyoxigraph.RdfFormat.TURTLE,
       "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
       "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
       "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
       "application/n-quads": pyoxigraph.RdfFormat.N_QUADS,
       "application/trig": pyoxigraph.RdfFormat.TRIG}


def count(resp: requests.Response) -> int:
    """The ?n of a one-row COUNT answer in SPARQL JSON."""
    assert resp.status_code == 200, resp.text
    return int(resp.json()["results"]["bindings"][0]["n"]["value"])


def test_query_by_get(live_server):
    resp = requests.get(f"{live_server}/sparql", params={"query": ARTICLES}, timeout=30)
    assert resp.headers["Content-Type"].startswith("application/sparql-results+json")
    assert count(resp) >= 5


def test_query_by_post_form(live_server):
    resp = requests.post(f"{live_server}/sparql", data={"query": ARTICLES}, timeout=30)
    assert count(resp) >= 5


def test_query_by_post_direct(live_server):
    resp = requests.post(f"{live_server}/sparql", data=ARTICLES.encode(), timeout=30,
                         headers={"Content-Type": "application/sparql-query"})
    assert count(resp) >= 5


def test_default_graph_is_union_of_named_graphs(live_server):
    union = count(requests.get(f"{live_server}/sparql", timeout=30, params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}))
    quads = count(requests.get(f"{live_server}/sparql", timeout=30, params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}))
    assert 0 < union <= quads


def test_default_graph_uri(live_server):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only = count(requests.get(f"{live_server}/sparql", timeout=30,
                              params={"query": q, "default-graph-uri": ONTOLOGY}))
    direct = count(requests.get(f"{live_server}/sparql", timeout=30, params={
        "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}"}))
    union = count(requests.get(f"{live_server}/sparql", params={"query": q}, timeout=30))
    assert only == direct and 0 < only < union


def test_named_graph_uri(live_server):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    resp = requests.post(f"{live_server}/sparql", timeout=30,
                         data={"query": q, "named-graph-uri": ONTOLOGY})
    graphs = [b["g"]["value"] for b in resp.json()["results"]["bindings"]]
    assert graphs == [ONTOLOGY]
    # with only named graphs given, the default graph is empty
    empty = requests.get(f"{live_server}/sparql", timeout=30, params={
        "query": "ASK { ?s ?p ?o }", "named-graph-uri": ONTOLOGY})
    assert empty.json()["boolean"] is False


def test_malformed_query_is_400_with_parser_message(live_server):
    resp = requests.get(f"{live_server}/sparql", params={"query": "SELEC * WHERE {"}, timeout=30)
    assert resp.status_code == 400
    assert "syntax error" in resp.text.lower() and "1:" in resp.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_wrong_method_is_405(live_server, method):
    resp = requests.request(method, f"{live_server}/sparql", data="x", timeout=30)
    assert resp.status_code == 405
    assert "GET" in resp.headers["Allow"] and "POST" in resp.headers["Allow"]


@pytest.mark.parametrize("ctype", ["text/plain", "application/json", "application/sparql-update"])
def test_unsupported_media_type_is_415(live_server, ctype):
    resp = requests.post(f"{live_server}/sparql", data=ARTICLES.encode(), timeout=30,
                         headers={"Content-Type": ctype})
    assert resp.status_code == 415


def test_multiple_queries_are_400(live_server):
    both = [("query", "ASK {}"), ("query", "ASK {}")]
    assert requests.get(f"{live_server}/sparql", params=both, timeout=30).status_code == 400
    assert requests.post(f"{live_server}/sparql", data=both, timeout=30).status_code == 400


def test_missing_query_on_post_is_400(live_server):
    resp = requests.post(f"{live_server}/sparql", data={"default-graph-uri": ONTOLOGY},
                         timeout=30)
    assert resp.status_code == 400 and "missing query" in resp.text


def test_update_on_query_endpoint_is_refused(live_server):
    resp = requests.post(f"{live_server}/sparql", data={"update": "CLEAR ALL"}, timeout=30)
    assert resp.status_code == 400


def test_request_too_large_is_413(live_server):
    big = "ASK {}" + " " * 1_200_000
    resp = requests.post(f"{live_server}/sparql", data={"query": big}, timeout=30)
    assert resp.status_code == 413


@pytest.mark.parametrize("media", list(RESULTS))
def test_select_in_every_results_format(live_server, media):
    resp = requests.get(f"{live_server}/sparql", params={"query": ROWS}, timeout=30,
                        headers={"Accept": media})
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith(media)
    if media == "text/csv":  # lossy: pyoxigraph will not read it back, the csv module does
        table = list(csv.reader(io.StringIO(resp.text)))
        assert table[0] == ["s", "p", "o"] and len(table) == 8
        return
    rows = list(pyoxigraph.parse_query_results(resp.content, format=RESULTS[media]))
    assert len(rows) == 7


@pytest.mark.parametrize("media", ["application/sparql-results+json",
                                   "application/sparql-results+xml"])
def test_ask_in_results_formats(live_server, media):
    resp = requests.get(f"{live_server}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": media}, timeout=30)
    assert bool(pyoxigraph.parse_query_results(resp.content, format=RESULTS[media])) is True


@pytest.mark.parametrize("media", list(RDF))
def test_construct_in_every_rdf_format(live_server, media):
    resp = requests.get(f"{live_server}/sparql", params={"query": GRAPH_Q}, timeout=30,
                        headers={"Accept": media})
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith(media)
    quads = list(pyoxigraph.parse(resp.content, format=RDF[media]))
    assert len(quads) == 20


def test_describe_answers_rdf(live_server):
    q = f"DESCRIBE ?a WHERE {{ ?a a <{NKG}Article> }} LIMIT 1"
    resp = requests.get(f"{live_server}/sparql", params={"query": q}, timeout=30)
    assert resp.headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=resp.text, format="turtle")
    assert (None, rdflib.RDF.type, rdflib.URIRef(NKG + "Article")) in graph


def test_q_values_choose_the_preferred_format(live_server):
    accept = "application/sparql-results+json;q=0.2, text/csv;q=0.9, */*;q=0.1"
    resp = requests.get(f"{live_server}/sparql", params={"query": ROWS}, timeout=30,
                        headers={"Accept": accept})
    assert resp.headers["Content-Type"].startswith("text/csv")
    assert resp.headers["Vary"] == "Accept"


@pytest.mark.parametrize(("fmt", "query", "media"), [
    ("tsv", ROWS, "text/tab-separated-values"), ("xml", ROWS, "application/sparql-results+xml"),
    ("ttl", GRAPH_Q, "text/turtle"), ("nt", GRAPH_Q, "application/n-triples"),
    ("jsonld", GRAPH_Q, "application/ld+json"), ("trig", GRAPH_Q, "application/trig")])
def test_format_parameter_overrides_accept(live_server, fmt, query, media):
    resp = requests.get(f"{live_server}/sparql", params={"query": query, "format": fmt},
                        headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith(media)


def test_unacceptable_accept_is_406(live_server):
    for query, media in ((ROWS, "text/turtle"), (GRAPH_Q, "application/sparql-results+json"),
                         (ROWS, "image/png")):
        resp = requests.get(f"{live_server}/sparql", params={"query": query}, timeout=30,
                            headers={"Accept": media})
        assert resp.status_code == 406, (query, media)


def test_service_description(live_server):
    resp = requests.get(f"{live_server}/sparql", timeout=30)
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=resp.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = g.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (service, sd.feature, sd.UnionDefaultGraph) in g
    assert (service, sd.endpoint, rdflib.URIRef(f"{live_server}/sparql")) in g
    assert g.value(g.value(service, sd.defaultDataset), sd.defaultGraph) is not None
    names = set(g.objects(None, sd.name))
    assert rdflib.URIRef(ONTOLOGY) in names
    assert len(list(g.objects(service, sd.resultFormat))) == 10


def test_service_description_by_accept(live_server):
    resp = requests.get(f"{live_server}/sparql", headers={"Accept": "application/rdf+xml"},
                        timeout=30)
    assert resp.headers["Content-Type"].startswith("application/rdf+xml")
    assert len(rdflib.Graph().parse(data=resp.content, format="xml")) > 10


def test_void(live_server):
    resp = requests.get(f"{live_server}/.well-known/void", timeout=30)
    g = rdflib.Graph().parse(data=resp.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = g.value(predicate=rdflib.RDF.type, object=void.Dataset)
    assert int(g.value(ds, void.triples)) > 1000 and int(g.value(ds, void.entities)) > 50
    assert g.value(ds, void.sparqlEndpoint) == rdflib.URIRef(f"{live_server}/sparql")
    classes = {g.value(p, void["class"]): int(g.value(p, void.entities))
               for p in g.objects(ds, void.classPartition)}
    assert classes[rdflib.URIRef(NKG + "Article")] >= 5
    dumps = {str(d) for d in g.objects(ds, void.dataDump)}
    assert f"{live_server}/dump.trig" in dumps


@pytest.mark.parametrize("path", ["/graph-store", "/sparql"])
def test_graph_store_read(live_server, path):
    resp = requests.get(f"{live_server}{path}", params={"graph": ONTOLOGY}, timeout=30,
                        headers={"Accept": "application/n-triples"})
    assert resp.status_code == 200
    triples = list(pyoxigraph.parse(resp.content, format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert any(str(t.object) == f"<{NKG}Article>" for t in triples)


def test_graph_store_default_and_missing(live_server):
    resp = requests.get(f"{live_server}/graph-store?default", timeout=30,
                        headers={"Accept": "text/turtle"})
    assert resp.status_code == 200 and len(rdflib.Graph().parse(data=resp.text)) > 1000
    missing = requests.get(f"{live_server}/graph-store",
                           params={"graph": "http://example.org/none"}, timeout=30)
    assert missing.status_code == 404
    assert requests.get(f"{live_server}/graph-store", timeout=30).status_code == 400


@pytest.mark.parametrize(("ext", "fmt"), [("trig", "trig"), ("nq", "nquads"), ("ttl", "turtle")])
def test_dumps_stream_the_whole_store(live_server, ext, fmt):
    resp = requests.get(f"{live_server}/dump.{ext}", timeout=60, stream=True)
    assert resp.status_code == 200
    data = b"".join(resp.iter_content(65536))
    ds = rdflib.Dataset()
    ds.parse(io.BytesIO(data), format=fmt)
    assert len(ds) > 1000 or sum(len(g) for g in ds.graphs()) > 1000


def test_cors(live_server):
    resp = requests.get(f"{live_server}/sparql", params={"query": "ASK {}"}, timeout=30,
                        headers={"Origin": "https://yasgui.example"})
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    pre = requests.options(f"{live_server}/sparql", timeout=30, headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status_code in (200, 204)
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]


def test_update_is_off_by_default(live_server):
    resp = requests.post(f"{live_server}/update", timeout=30, data={"update": "CLEAR ALL"},
                         headers={"Authorization": "Bearer anything"})
    assert resp.status_code == 403 and "--allow-update" in resp.text


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX x: <{url}>\nSELECT * WHERE {{ ?a ?b ?c # SERVICE? no\n . service\n x: {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
])
def test_service_outside_allow_list_is_refused(live_server, template):
    listener = Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/sparql"
        resp = requests.post(f"{live_server}/sparql", data={"query": template.format(url=url)},
                             timeout=30)
        assert resp.status_code == 400 and "SERVICE" in resp.text
        assert "allow" in resp.text
    finally:
        listener.close()
    assert listener.connections == 0


def test_service_in_a_string_or_comment_is_not_refused(live_server):
    q = 'SELECT * WHERE { BIND("SERVICE <http://127.0.0.1:1/>" AS ?x) } # SERVICE <http://a/>'
    resp = requests.get(f"{live_server}/sparql", params={"query": q}, timeout=30)
    assert resp.status_code == 200


def test_runaway_query_is_stopped_while_others_are_answered(live_server):
    runaway = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
               "?m ?n2 ?o }")
    outcome: dict = {}

    def run() -> None:
        outcome["resp"] = requests.post(f"{live_server}/sparql", data={"query": runaway},
                                        timeout=120)

    thread = threading.Thread(target=run)
    thread.start()
    answered = []
    while thread.is_alive():
        r = requests.get(f"{live_server}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                         timeout=60)
        answered.append(r.status_code)
        thread.join(0.3)
    thread.join()
    resp = outcome["resp"]
    assert resp.status_code == 503
    assert "query stopped after 5 s (timeout)" in resp.text
    assert answered and all(code == 200 for code in answered)
    after = requests.get(f"{live_server}/sparql", params={"query": ARTICLES}, timeout=60)
    assert count(after) >= 5


def test_update_param_on_get_is_refused(live_server):
    resp = requests.get(f"{live_server}/sparql", params={"update": "CLEAR ALL"}, timeout=30)
    assert resp.status_code == 400


def test_results_json_is_valid_json_for_empty(live_server):
    q = "SELECT ?x WHERE { ?x <http://example.org/none> ?y }"
    resp = requests.get(f"{live_server}/sparql", params={"query": q}, timeout=30)
    assert json.loads(resp.text)["results"]["bindings"] == []


def test_allow_listed_service_passes_the_guard():
    from server.guard import ServiceRefused, plan

    assert plan("SELECT * WHERE { SERVICE <http://ok.example/sparql> { ?s ?p ?o } }",
                ["http://ok.example/sparql/"])
    with pytest.raises(ServiceRefused):
        plan("SELECT * WHERE { SERVICE <http://ok.example/other> { ?s ?p ?o } }",
             ["http://ok.example/sparql"])
