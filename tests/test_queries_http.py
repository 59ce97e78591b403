"""Saved queries over HTTP, against `kg serve` under gunicorn on the seed store."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from pyoxigraph import RdfFormat, parse

from kg.config import QUERIES_DIR

NAMES = sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))


def get(url: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    """(status, headers, body) of a GET, errors included."""
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def bindings(body: bytes) -> list[dict[str, str]]:
    """SPARQL JSON results as rows of plain values."""
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def test_gallery_lists_every_query_as_json_and_html(live_server):
    status, headers, body = get(live_server + "/queries", "application/json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    listed = {q["name"]: q for q in json.loads(body)["queries"]}
    assert sorted(listed) == NAMES
    params = {p["name"]: p for p in listed["casualty_claims"]["parameters"]}
    assert params["min_quantity"]["type"] == "integer" and listed["casualty_claims"]["tags"]
    status, headers, body = get(live_server + "/queries", "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Casualty claims with source, number, bound and status" in body.decode()


@pytest.mark.parametrize("ext,accept,media", [
    ("json", "application/sparql-results+json", "application/sparql-results+json"),
    ("csv", "text/csv", "text/csv"), ("tsv", "text/tab-separated-values",
                                      "text/tab-separated-values")])
def test_formats_by_extension_and_by_accept(live_server, ext, accept, media):
    by_ext = get(f"{live_server}/queries/articles.{ext}")
    by_accept = get(f"{live_server}/queries/articles", accept)
    for status, headers, body in (by_ext, by_accept):
        assert status == 200 and headers["Content-Type"].startswith(media)
        assert "Air raids kill 29 civilians" in body.decode()
    assert by_ext[2] == by_accept[2]
    if ext == "csv":
        rows = list(csv.DictReader(io.StringIO(by_ext[2].decode())))
        assert any(r["articleTitle"].startswith("ISIL Beheads 8") for r in rows)


def test_html_page_has_the_form_and_results(live_server):
    status, headers, body = get(live_server + "/queries/entity_mentions?entity=Syria",
                                "text/html,application/xhtml+xml,*/*;q=0.8")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'name="entity"' in page and 'value="Syria"' in page and "<table" in page


def test_construct_as_turtle(live_server):
    for url, accept in (("/queries/cooccurrence_graph.ttl", None),
                        ("/queries/cooccurrence_graph", "text/turtle")):
        status, headers, body = get(live_server + url, accept)
        assert status == 200 and headers["Content-Type"].startswith("text/turtle")
        triples = list(parse(body, format=RdfFormat.TURTLE))
        assert any(t.predicate.value.endswith("core#related") for t in triples)


def test_pages_follow_link_headers_and_cover_everything(live_server):
    status, _, body = get(live_server + "/queries/entity_mentions.json?limit=1000")
    everything = bindings(body)
    assert status == 200 and len(everything) > 3
    url, seen = live_server + "/queries/entity_mentions.json?limit=3", []
    while url:
        status, headers, body = get(url)
        assert status == 200
        rows = bindings(body)
        assert len(rows) <= 3
        seen += rows
        nxt = [part for part in headers.get("Link", "").split(", ") if 'rel="next"' in part]
        url = live_server + nxt[0].split(">")[0].lstrip("<") if nxt else None
    assert seen == everything


@pytest.mark.parametrize("query", ["limit=0", "limit=5000", "limit=ten", "offset=-1"])
def test_bad_paging_is_a_400_naming_it(live_server, query):
    status, _, body = get(f"{live_server}/queries/articles.json?{query}")
    assert status == 400 and json.loads(body)["parameter"] == query.split("=")[0]


@pytest.mark.parametrize("name,params,param", [
    ("casualty_claims", "min_quantity=ten", "min_quantity"),
    ("timeline", "since=2025-02-31", "since"),
    ("events_by_type_and_place", "type=" + quote("not an iri"), "type"),
    ("articles", "colour=red", "colour"),
])
def test_wrong_types_are_400s_naming_the_parameter(live_server, name, params, param):
    status, headers, body = get(f"{live_server}/queries/{name}.json?{params}")
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    error = json.loads(body)
    assert error["parameter"] == param and param in error["error"]


HOSTILE = ['"', "'", ">", "}", '" } ; DROP ALL ; SELECT * {', "SELECT * WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_over_http_change_nothing(live_server, value):
    before = get(live_server + "/queries/articles.json")[2]
    nothing = bindings(get(live_server + "/queries/accusations.json?cue=zzqx")[2])
    status, _, body = get(live_server + "/queries/accusations.json?cue=" + quote(value))
    assert status == 200 and bindings(body) == nothing == []
    status, _, body = get(live_server + "/queries/entity_mentions.json?entity=" + quote(value))
    assert status == 200 and bindings(body) == []
    status, _, body = get(live_server + "/queries/claims_by_status.json?status=" + quote(value))
    assert status == 400 and json.loads(body)["parameter"] == "status"
    assert get(live_server + "/queries/articles.json")[2] == before


def test_unknown_query_and_unknown_extension_are_404s(live_server):
    assert get(live_server + "/queries/no_such_query.json")[0] == 404
    assert get(live_server + "/queries/articles.ttl")[0] == 404


def test_openapi_document_validates_and_describes_every_query(live_server):
    from openapi_spec_validator import validate

    status, _, body = get(live_server + "/openapi.json")
    doc = json.loads(body)
    assert status == 200
    validate(doc)
    for name in NAMES:
        op = doc["paths"][f"/queries/{name}"]["get"]
        assert op["operationId"] == name and "200" in op["responses"]
    op = doc["paths"]["/queries/casualty_claims"]["get"]
    schema = {p["name"]: p["schema"] for p in op["parameters"]}
    assert schema["min_quantity"]["type"] == "integer" and schema["limit"]["maximum"] == 1000
    assert "text/csv" in op["responses"]["200"]["content"]
    assert "text/turtle" in doc["paths"]["/queries/cooccurrence_graph"]["get"][
        "responses"]["200"]["content"]


def test_service_endpoint_must_be_allow_listed(live_server):
    status, _, body = get(live_server + "/queries/wikidata_enrichment.json")
    assert status == 400 and json.loads(body)["parameter"] == "endpoint"


def test_federated_query_through_an_allow_listed_standin(seed_store, wikidata_standin):
    from conftest import start_server, stop_server

    url, received = wikidata_standin
    proc, base = start_server(seed_store, "--allow-service", url)
    try:
        status, _, body = get(f"{base}/queries/wikidata_enrichment.json?endpoint={quote(url)}")
        assert status == 200, body
        rows = bindings(body)
        assert any(r.get("label") == "Syria" and int(r["population"]) >= 1000 for r in rows)
        assert received and "P1082" in received[-1]
        other = quote("http://127.0.0.1:9/sparql")
        status, _, body = get(f"{base}/queries/wikidata_enrichment.json?endpoint={other}")
        assert status == 400 and json.loads(body)["parameter"] == "endpoint"
    finally:
        stop_server(proc)
