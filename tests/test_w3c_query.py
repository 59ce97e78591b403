"""W3C SPARQL 1.1 query evaluation tests (235): kg serve over HTTP passes all the engine passes.

Each distinct dataset (88 for 235 tests) is its own small store, loaded as the test gives it (a
default graph and named graphs: a store kg did not write is read as it is). One store holding
many datasets in separate graphs would not be the same semantics (the default graph would
differ); instead each of a few `kg serve` processes is handed its datasets one after another
as its store's current snapshot, the way a build hands a running server a new store.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
import requests

from tests.conftest import start_server, stop_server
from tests.w3c_manifest import QueryTest, dataset_quads, path_to_iri, query_tests
from tests.w3c_results import compare, from_pyox, parse_csv, parse_results, query_is_ordered

JOBS = 4  # servers at once
ACCEPT = {"csv": "text/csv", "tsv": "text/tab-separated-values",
          None: "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1"}
CONTENT = {"application/sparql-results+json": "srj", "application/sparql-results+xml": "srx",
           "text/tab-separated-values": "tsv", "text/csv": "csv", "text/turtle": "ttl",
           "application/n-triples": "nt", "application/rdf+xml": "rdf"}
# What pyoxigraph 0.5.13 itself gets wrong, in-process and so over HTTP (README, "Conformance").
KNOWN = {
    "aggregates/agg-groupconcat-04": "GROUP_CONCAT keeps a shared language tag",
    "aggregates/agg-groupconcat-06": "GROUP_CONCAT keeps a shared language tag",
    "aggregates/agg-empty-group-count-graph": "COUNT in a subquery inside GRAPH ?g: one row, not one per graph",
    "bindings/graph": "VALUES with UNDEF ?g inside GRAPH ?g is not joined with every graph",
    "negation/graph-minus": "MINUS inside GRAPH ?g",
    "property-path/zero_or_more_set_start": "zero-length path to a constant on an empty dataset",
    "property-path/zero_or_more_set_end": "zero-length path to a constant on an empty dataset",
    "property-path/zero_or_one_set_start": "zero-length path to a constant on an empty dataset",
    "property-path/zero_or_one_set_end": "zero-length path to a constant on an empty dataset",
    "functions/bnode01": "BNODE(str) is the same node across solutions",
    "csv-tsv-res/tsv03": "xsd:negativeInteger stored as xsd:integer",
}


def judge(test: QueryTest, actual: tuple) -> str | None:
    """None if `actual` is the expected result, else why not."""
    with open(test.result, "rb") as f:
        expected = parse_results(f.read(), test.result_format, path_to_iri(test.result))
    text = test.query.read_text(encoding="utf-8")
    ok, _, why = compare(expected, actual, ordered=query_is_ordered(text))
    return None if ok else why or "differs"


def in_process(test: QueryTest) -> str | None:
    """The test run on pyoxigraph itself: None if it passes, else why not."""
    store = ox.Store()
    store.extend(dataset_quads(test.data, test.graphs))
    try:
        res = store.query(test.query.read_text(encoding="utf-8"), base_iri=path_to_iri(test.query))
        if test.result_format == "csv":
            return judge(test, parse_csv(res.serialize(format=ox.QueryResultsFormat.CSV)))
        return judge(test, from_pyox(res))
    except (SyntaxError, OSError, RuntimeError, ValueError) as err:
        return f"{type(err).__name__}: {err}"


def over_http(base: str, test: QueryTest) -> str | None:
    """The test sent to kg serve as the W3C harness sends it (BASE line, POST form)."""
    text = f"BASE <{path_to_iri(test.query)}>\n" + test.query.read_text(encoding="utf-8")
    fmt = test.result_format if test.folder == "csv-tsv-res" and test.result_format in ("csv", "tsv") \
        else None
    resp = requests.post(f"{base}/sparql", data={"query": text}, headers={"Accept": ACCEPT[fmt]},
                         timeout=60)
    if resp.status_code != 200:
        return f"HTTP {resp.status_code}: {resp.text[:200]}"
    kind = CONTENT.get(resp.headers.get("Content-Type", "").split(";")[0].strip())
    if kind is None:
        return f"Content-Type {resp.headers.get('Content-Type')!r}"
    return judge(test, parse_results(resp.content, kind))


def publish(scratch: ox.Store, directory, n: int, test: QueryTest) -> None:
    """Make test's dataset the store's current snapshot, as `kg build` publishes one (a
    checkpoint of a scratch store: much cheaper than a new database each time)."""
    scratch.clear()
    scratch.extend(dataset_quads(test.data, test.graphs))
    scratch.backup(str(directory / "snapshots" / str(n)))
    (directory / "snapshots" / "next").write_text(str(n))
    os.replace(directory / "snapshots" / "next", directory / "snapshots" / "CURRENT")


def serve_datasets(directory, groups: list[list[QueryTest]]) -> dict[str, str | None]:
    """One kg serve, given one dataset after another as its store's current snapshot.

    Every process of the server reads the newest snapshot for each request (server/state.py),
    so each test runs on its own dataset alone: the same as one server per dataset, without
    starting 88 servers.
    """
    (directory / "snapshots").mkdir(parents=True)
    scratch = ox.Store(str(directory / "scratch"))
    publish(scratch, directory, 0, groups[0][0])
    proc, base = start_server(directory, "--workers", "1")
    out = {}
    try:
        for n, group in enumerate(groups):
            if n:
                publish(scratch, directory, n, group[0])
            out.update({t.id: over_http(base, t) for t in group})
    finally:
        stop_server(proc)
        del scratch
        shutil.rmtree(directory, ignore_errors=True)
    return out


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> tuple[dict, dict]:
    """(in-process, over HTTP): test id -> None when it passes, else why it fails."""
    tests = query_tests()
    engine = {t.id: in_process(t) for t in tests}
    groups: dict[tuple, list[QueryTest]] = {}
    for t in tests:
        groups.setdefault(t.dataset, []).append(t)
    tmp = tmp_path_factory.mktemp("w3c-query")
    shares = [list(groups.values())[n::JOBS] for n in range(JOBS)]
    http: dict[str, str | None] = {}
    with ThreadPoolExecutor(JOBS) as pool:
        for found in pool.map(lambda n: serve_datasets(tmp / str(n), shares[n]), range(JOBS)):
            http.update(found)
    return engine, http


def test_the_suite_is_all_there(outcomes):
    engine, http = outcomes
    assert len(engine) == len(http) == 235


def test_kg_over_http_passes_every_test_the_engine_passes(outcomes):
    engine, http = outcomes
    lost = {t: why for t, why in http.items() if why is not None and engine[t] is None}
    assert not lost


def test_what_fails_is_what_the_readme_lists(outcomes):
    engine, http = outcomes
    assert {t for t, why in engine.items() if why} == set(KNOWN)
    assert {t for t, why in http.items() if why} == set(KNOWN)
