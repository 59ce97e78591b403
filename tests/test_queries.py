"""Saved queries on the graph built from seeds/: each returns rows, binds safely, errs clearly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions

from kg.config import QUERIES_DIR
from kg.errors import QueryError
from kg.queries import (
    ParamError,
    load_queries,
    parse_params,
    parse_query,
    resolve_entity,
    run_saved,
)
from kg.sparql_text import where_brace
from kg.store import open_for_reading
from kg.vocab import DCT, NKG
from tests.test_queries_pairs import members, objects

QUERY_FILES = sorted(QUERIES_DIR.glob("*.rq"))
NAMES = [p.stem for p in QUERY_FILES]
HOSTILE = ['"', "'", ">", "}", '" } ; DROP ALL ; SELECT * {', "'> } ; DROP ALL ; #",
           "SELECT * WHERE { ?s ?p ?o }", "x\" . } INSERT DATA { <a:b> <a:b> <a:b> } #"]
NO_MATCH = {"iri": "https://example.org/no-such-thing", "entity": "zzqx no such entity",
            "string": "zzqx no such text", "integer": "999999999", "date": "2999-12-31"}
SOHR = ("syrian observatory", "sohr")


@pytest.fixture(scope="module")
def store(seed_store):
    """The seed store, read-only."""
    return open_for_reading(seed_store)


@pytest.fixture(scope="module")
def queries():
    """The saved queries by name."""
    return load_queries()


def defaults_for(name: str, standin: tuple[str, list]) -> dict[str, str]:
    """Parameters to run a query with its defaults (the SERVICE endpoint: the stand-in)."""
    return {"endpoint": standin[0]} if name == "wikidata_enrichment" else {}


def table(results) -> list[dict[str, str]]:
    """SELECT rows as dicts of plain values, or CONSTRUCT triples as s/p/o dicts."""
    if isinstance(results, QuerySolutions):
        names = [v.value for v in results.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in results]
    return [{"s": t.subject.value, "p": t.predicate.value, "o": t.object.value} for t in results]


def canon(results) -> list:
    """A comparable form of a result: its rows as sorted tuples."""
    return sorted(tuple(sorted(row.items())) for row in table(results))


def has(rows: list[dict], column: str, *needles: str) -> bool:
    """Whether some row's column contains one of the needles (case-insensitive)."""
    return any(n in row.get(column, "").lower() for row in rows for n in needles)


def test_there_are_at_least_twelve_queries(queries):
    assert len(queries) >= 12
    for q in queries.values():
        assert q.title and q.description and q.tags and q.example.startswith("kg query --saved")
        for p in q.params:
            assert p.description and p.default is not None, (q.name, p.name)


@pytest.mark.parametrize("name", NAMES)
def test_every_query_returns_rows_with_its_defaults(name, store, queries, wikidata_standin):
    rows = table(run_saved(store, queries[name], defaults_for(name, wikidata_standin)))
    assert rows, f"{name} returned no rows on the seed graph"


EXPECTED = {
    "articles": ("articleTitle", ("air raids kill 29 civilians",)),
    "entity_mentions": ("text", ("syria",)),
    "claim_sources": ("label", SOHR),
    "casualty_claims": ("sourceLabel", SOHR),
    "accusations": ("sourceLabel", ("syrian",)),
    "timeline": ("class", ("killing",)),
    "actors_by_faction": ("actorLabel", ("assad",)),
    "events_by_type_and_place": ("class", ("killing", "execution")),
    "wikidata_links": ("item", ("http://www.wikidata.org/entity/q858",)),
    "cooccurrence": ("aLabel", ("syria",)),
    "cooccurrence_graph": ("p", ("http://www.w3.org/2004/02/skos/core#related",)),
    "places_with_events": ("wkt", ("point(",)),
    "wikidata_enrichment": ("label", ("syria",)),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_names_an_expected_row(name, store, queries, wikidata_standin):
    column, needles = EXPECTED[name]
    rows = table(run_saved(store, queries[name], defaults_for(name, wikidata_standin)))
    assert has(rows, column, *needles), f"{name}: no {column} containing {needles}"


def test_articles_count_the_events_and_claims_of_each_article(store, queries):
    read_from = objects(store, NKG.article)
    events, claims = members(store, NKG.Event), members(store, NKG.Claim)
    titles = objects(store, DCT.title)
    want = sorted((a.value, next(iter(titles[a])).value,
                   sum(1 for e in events if a in read_from.get(e, ())),
                   sum(1 for c in claims if a in read_from.get(c, ())))
                  for a in members(store, NKG.Article))
    rows = run_saved(store, queries["articles"], {})
    got = sorted((r["article"].value, r["articleTitle"].value, int(r["events"].value),
                  int(r["claims"].value)) for r in rows)
    assert len(want) == 5 and all(w[2] and w[3] for w in want)
    assert got == want


def test_region_includes_places_inside_it(store, queries):
    q = queries["events_by_type_and_place"]
    syria = table(run_saved(store, q, {"type": "nkg:Event", "region": "Syria"}))
    tartus = table(run_saved(store, q, {"type": "nkg:Event", "region": "Tartus"}))
    inside = {r["event"] for r in tartus}
    assert inside <= {r["event"] for r in syria}
    assert has(tartus, "places", "banias", "baniyas")


def test_timeline_is_in_time_order(store, queries):
    rows = table(run_saved(store, queries["timeline"], {}))
    dated = [r["when"] for r in rows if "when" in r]
    assert dated == sorted(dated)
    assert all("when" in r for r in rows[:len(dated)])


def test_enrichment_calls_the_endpoint_and_joins_its_answer(store, queries, wikidata_standin):
    url, received = wikidata_standin
    before = len(received)
    rows = table(run_saved(store, queries["wikidata_enrichment"], {"endpoint": url}))
    assert len(received) > before and "P1082" in received[-1]
    assert all(int(r["population"]) >= 1000 and r["endpoint"] == url for r in rows)


def test_entity_accepts_a_name_in_any_case_or_an_iri(store, queries):
    q = queries["entity_mentions"]
    by_name = canon(run_saved(store, q, {"entity": "Syria"}))
    assert canon(run_saved(store, q, {"entity": "sYRIA"})) == by_name
    iri = table(run_saved(store, q, {"entity": "Syria"}))[0]["entity"]
    assert table(run_saved(store, q, {"entity": iri}))


def hostile_cases():
    """(query name, parameter name) for every parameter of every query."""
    for path in QUERY_FILES:
        for p in parse_query(path).params:
            yield path.stem, p.name


# String parameters that filter by "contains": the column they look in.
CONTAINS = {("articles", "title"): "articleTitle", ("actors_by_faction", "role"): "actorRole",
            ("actors_by_faction", "faction"): "factionLabel"}


def expected_for(store, q, base: dict, param: str, value: str) -> list | None:
    """What a value must give if it is taken as plain data (None: it must be refused)."""
    if param in q.services:
        return None  # an endpoint must be a valid IRI; every hostile value is refused
    column = CONTAINS.get((q.name, param))
    if column:
        rows = table(run_saved(store, q, {**base, param: ""}))
        kept = [r for r in rows if value.lower() in r.get(column, "").lower()]
        return sorted(tuple(sorted({**r, param: value}.items())) for r in kept)
    try:
        return canon(run_saved(store, q, {**base, param: NO_MATCH[q.param(param).type]}))
    except ParamError:
        return None  # e.g. an enum: the no-match value is itself refused


@pytest.mark.parametrize("name,param", list(hostile_cases()))
def test_hostile_values_change_nothing(name, param, store, queries, wikidata_standin):
    q = queries[name]
    base = defaults_for(name, wikidata_standin)
    size = len(store)
    for value in HOSTILE:
        try:
            got = canon(run_saved(store, q, {**base, param: value}))
        except ParamError as err:
            assert err.param == param
            continue
        expected = expected_for(store, q, base, param, value)
        assert expected is not None and got == expected, (name, param, value)
    assert len(store) == size


@pytest.mark.parametrize("name,params,param", [
    ("casualty_claims", {"min_quantity": "ten"}, "min_quantity"),
    ("casualty_claims", {"min_quantity": "1.5"}, "min_quantity"),
    ("timeline", {"since": "2025-13-40"}, "since"),
    ("timeline", {"since": "yesterday"}, "since"),
    ("timeline", {"type": "not an iri"}, "type"),
    ("timeline", {"type": "Killing"}, "type"),
    ("claims_by_status", {"status": "nkg:Sure"}, "status"),
    ("articles", {"nonsense": "1"}, "nonsense"),
    ("entity_mentions", {"entity": ""}, "entity"),
])
def test_wrong_values_name_the_parameter(name, params, param, store, queries):
    with pytest.raises(ParamError) as err:
        run_saved(store, queries[name], params)
    assert err.value.param == param and param in str(err.value)


def test_front_matter_is_checked(tmp_path: Path):
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ title: Bad\n#+ params:\n#+   - name: x\n#+     type: iri\n"
                   "SELECT ?y WHERE { ?y ?p ?o }\n")
    with pytest.raises(QueryError, match="not used"):
        parse_query(bad)
    bad.write_text("#+ title: Bad\n#+ params:\n#+   - name: x\n#+     type: float\n"
                   "SELECT ?x WHERE { ?x ?p ?o }\n")
    with pytest.raises(QueryError, match="unknown type"):
        parse_query(bad)
    (tmp_path / "ok").mkdir()
    good = tmp_path / "ok" / "good.rq"
    good.write_text("#+ title: Good\n#+ tags: [a]\n#+ params:\n#+   - name: x\n"
                    "#+     type: integer\n#+     default: 3\nSELECT ?x WHERE { }\n")
    q = load_queries(good.parent)["good"]
    assert q.title == "Good" and q.params[0].default == "3" and q.form == "SELECT"


def test_parse_params():
    assert parse_params(("a=1", "b=x=y", "c=")) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(QueryError):
        parse_params(("novalue",))


def kg(*args: str) -> subprocess.CompletedProcess:
    """The kg command line, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "kg", *args], check=False, capture_output=True,
                          text=True, timeout=120)


def test_cli_runs_a_saved_query_with_parameters(seed_store):
    done = kg("query", "--store", str(seed_store), "--saved", "articles", "--param",
              "title=air raids", "--format", "csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("article,") and len(lines) == 2
    assert "Air raids kill 29 civilians" in lines[1]


def test_cli_reports_a_bad_parameter_and_an_unknown_query(seed_store):
    done = kg("query", "--store", str(seed_store), "--saved", "casualty_claims",
              "--param", "min_quantity=many")
    assert done.returncode != 0 and "min_quantity" in done.stderr
    done = kg("query", "--store", str(seed_store), "--saved", "no_such_query")
    assert done.returncode != 0 and "no_such_query" in done.stderr


def test_a_name_of_several_entities_gives_the_rows_of_each(store, queries):
    """'Idlib' names the city and the province: bound as one VALUES block opening the WHERE
    group, the rows are exactly those of each IRI asked for alone."""
    q = queries["entity_mentions"]
    iris = resolve_entity(store, q.param("entity"), "Idlib")
    assert len(iris) >= 2
    each = sorted(row for iri in iris for row in canon(run_saved(store, q, {"entity": iri.value})))
    assert canon(run_saved(store, q, {"entity": "Idlib"})) == each


@pytest.mark.parametrize("text, before", [
    ("SELECT ?s WHERE { ?s ?p ?o }", "?s ?p ?o"),
    ("SELECT (COUNT(?s) AS ?n) { ?s ?p ?o }", "?s ?p ?o"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "?s ?p ?o"),
    ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o FILTER(?o != '{') }", "?s ?p ?o FILTER"),
    ("# a { in a comment\nPREFIX x: <http://x/#>\nSELECT * WHERE { ?s x:p '}' }", "?s x:p"),
    ("SELECT ?where WHERE { ?where <http://x/p> \"\"\"{ WHERE {\"\"\" }", "?where"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "?s ?p ?o"),
])
def test_where_brace_is_just_inside_the_where_group(text, before):
    at = where_brace(text)
    assert text[:at].rstrip().endswith("{") and text[at:].lstrip().startswith(before)


def test_where_brace_of_a_query_without_a_group_is_none():
    assert where_brace("DESCRIBE <http://x/a>") is None
