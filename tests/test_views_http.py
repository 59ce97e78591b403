"""/events, /map, /timeline, /search and their data twins over HTTP, on a real server."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.request
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from kg import store
from kg.vocab import sparql_prefixes

BANIYAS = "https://w3id.org/newskg/id/wd/Q263922"


def get(url: str, data: bytes | None = None, kind: str = "") -> tuple[int, dict, str]:
    """(status, headers, body) of a GET (or a POST of `data`), errors included."""
    req = urllib.request.Request(url, data=data, headers={"Content-Type": kind} if kind else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read().decode()


def data(base: str, path: str) -> dict:
    """A JSON twin, which must answer 200."""
    status, headers, body = get(base + path)
    assert status == 200, (path, body[:300])
    assert "json" in headers["Content-Type"]
    return json.loads(body)


def sparql(views_store, query: str) -> list:
    """Rows of a query on the store itself (read-only), for counts to compare with."""
    db = store.open_for_reading(views_store)
    return list(db.query(sparql_prefixes() + query, use_default_graph_as_union=True))


def test_events_total_matches_the_graph_and_pages_cover_it(views_server, views_store):
    n = int(sparql(views_store, """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?e nkg:trigger ?t ; a ?c . ?c rdfs:subClassOf* nkg:Event }""")[0]["n"].value)
    first = data(views_server, "/events.json?size=20")
    assert first["total"] == n > 20
    seen, page = [], "/events.json?size=20"
    while page:
        doc = data(views_server, page)
        seen += [e["iri"] for e in doc["events"]]
        page = doc["next"] and doc["next"].replace("/events?", "/events.json?", 1)
    assert len(seen) == len(set(seen)) == n
    dates = [e["date"] for e in first["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True), "newest first by default"


def test_every_facet_value_is_a_link_whose_list_has_that_count(views_server):
    doc = data(views_server, "/events.json")
    for name, values in doc["facets"].items():
        assert values, name
        for v in values[:4]:
            assert v["href"].startswith("/events?")
            linked = data(views_server, v["href"].replace("/events?", "/events.json?", 1))
            assert linked["total"] == v["count"], (name, v)


def test_class_includes_subclasses_and_place_includes_the_places_inside(views_server):
    killings = data(views_server, "/events.json?class=nkg:Killing&size=100")
    classes = {e["class"].rsplit("#", 1)[1] for e in killings["events"]}
    assert {"Killing", "Execution"} <= classes
    assert data(views_server, "/events.json?class=Killing")["total"] == killings["total"]
    region = data(views_server, "/events.json?place=Tartus+Governorate&size=100")
    town = data(views_server, "/events.json?place=" + quote(BANIYAS) + "&size=100")
    assert town["total"] > 0
    assert {e["iri"] for e in town["events"]} < {e["iri"] for e in region["events"]}
    assert data(views_server, "/events.json?place=Banias")["total"] == town["total"]


def test_which_armed_groups_are_accused_of_killings_in_banias_and_by_whom(views_server):
    doc = data(views_server, "/events.json?class=nkg:Killing&place=Banias&role=agent")
    parties = {v["label"] for v in doc["facets"]["party"]}
    sources = {v["label"] for v in doc["facets"]["source"]}
    assert {"Hamza Division", "Sultan Murad Division"} <= parties
    assert {"Amnesty International", "Syrian Observatory for Human Rights"} <= sources
    by_agent = data(views_server, "/events.json?class=nkg:Killing&place=Banias"
                                  "&party=Sultan+Murad+Division")
    (event,) = by_agent["events"]
    accusers = {s["label"]: s["status"] for s in event["sources"]}
    assert accusers["Amnesty International"] == "Disputed"


def test_date_text_source_and_paging_filters(views_server):
    march = data(views_server, "/events.json?from=2025-03&to=2025-03")
    assert march["total"] > 0
    assert all(e["date"].startswith("2025-03") for e in march["events"])
    q = data(views_server, "/events.json?q=warplanes")
    assert q["total"] > 0 and all("warplanes" in e["evidence"].lower() for e in q["events"])
    un = data(views_server, "/events.json?source=United+Nations")
    assert un["total"] > 0
    assert all(any(s["label"] == "United Nations" for s in e["sources"]) for e in un["events"])
    nothing = data(views_server, "/events.json?party=Nobody+Of+That+Name")
    assert nothing["total"] == 0 and nothing["filters"][0]["unmatched"]


@pytest.mark.parametrize("query, word", [("from=March", "from"), ("to=2025-13-40", "to"),
                                         ("role=victim", "role"), ("sort=up", "sort"),
                                         ("size=0", "size"), ("per=day", "per")])
def test_bad_filters_are_400s_naming_them(views_server, query, word):
    for path in ("/events.json", "/events", "/map.geojson", "/timeline.json"):
        status, _, body = get(f"{views_server}{path}?{query}")
        if path in ("/map.geojson", "/timeline.json") and word in ("sort", "size"):
            assert status == 200
            continue
        assert status == 400, (path, query)
        assert word in body


def test_csv_holds_every_matching_event(views_server):
    status, headers, body = get(views_server + "/events.csv?class=nkg:Killing")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == data(views_server, "/events.json?class=nkg:Killing")["total"]
    assert any(r["place"] == "Baniyas" and r["place_iri"] == BANIYAS for r in rows)


def test_html_events_page_links_each_filter_and_its_twins(views_server):
    status, _, body = get(views_server + "/events?class=nkg:Killing")
    assert status == 200
    assert 'href="/events.json?class=nkg:Killing"' in body
    assert 'href="/events.csv?class=nkg:Killing"' in body
    assert 'href="/events" title="remove this filter"' in body or "clear all" in body
    links = re.findall(r'href="(/events\?[^"]+)"', body)
    keys = {k for link in links for k, _ in parse_qsl(urlsplit(link.replace("&amp;", "&")).query)}
    assert {"class", "place", "party", "source", "from", "to"} <= keys


def test_map_geojson_points_have_coordinates_counts_and_links(views_server):
    doc = data(views_server, "/map.geojson")
    assert doc["type"] == "FeatureCollection" and doc["features"]
    by_place = {f["properties"]["label"]: f for f in doc["features"]}
    banias = by_place["Baniyas"]
    lon, lat = banias["geometry"]["coordinates"]
    assert 35 < lon < 37 and 34 < lat < 36
    props = banias["properties"]
    assert props["href"] == "/id/wd/Q263922"
    assert props["count"] == sum(c["count"] for c in props["classes"])
    listed = data(views_server, props["events"].replace("/events?", "/events.json?", 1))
    assert listed["total"] >= props["count"]
    killings = data(views_server, "/map.geojson?class=nkg:Killing")
    assert sum(f["properties"]["count"] for f in killings["features"]) < sum(
        f["properties"]["count"] for f in doc["features"])


def test_timeline_counts_the_dated_events(views_server):
    doc = data(views_server, "/timeline.json?granularity=month&from=2025")
    assert doc["granularity"] == "month" and doc["periods"] == ["2025-03", "2025-04", "2025-05"]
    dated = data(views_server, "/events.json?from=2025")["total"]
    assert sum(sum(s["counts"]) for s in doc["series"]) == dated
    everything = data(views_server, "/timeline.json")
    shown = sum(sum(s["counts"]) for s in everything["series"])
    assert shown + everything["undated"] + everything["vague"] == data(
        views_server, "/events.json")["total"]
    day = data(views_server, "/timeline.json?from=2025")
    assert day["granularity"] == "day" and "2025-03-08" in day["periods"]
    assert get(views_server + "/timeline.json?granularity=week")[0] == 400


def test_search_ranks_names_and_aliases_and_completes_prefixes(views_server):
    doc = data(views_server, "/search.json?q=Banias")
    assert doc["results"][0]["iri"] == BANIYAS and doc["results"][0]["href"] == "/id/wd/Q263922"
    assert {"entity", "event", "article"} <= set(doc["kinds"])
    typed = data(views_server, "/search.json?q=Hamz&complete=1")
    assert typed["results"][0]["label"] == "Hamza Division"
    events = data(views_server, "/search.json?q=warplanes&kind=event")
    assert events["results"] and all(r["kind"] == "event" for r in events["results"])
    groups = data(views_server, "/search.json?class=nkg:ArmedGroup&size=200")
    assert groups["total"] == len(groups["results"]) > 0
    assert all(r["class"].endswith("#ArmedGroup") for r in groups["results"])
    status, _, page = get(views_server + "/search?q=Banias")
    assert status == 200 and 'href="/id/wd/Q263922"' in page


def test_labels_of_iris_for_result_tables(views_server):
    body = json.dumps({"iris": [BANIYAS, "https://w3id.org/newskg/ontology#Killing"]}).encode()
    status, _, answer = get(views_server + "/labels.json", body, "application/json")
    assert status == 200
    assert json.loads(answer)["labels"] == {BANIYAS: "Baniyas",
                                            "https://w3id.org/newskg/ontology#Killing": "Killing"}
    assert get(views_server + "/labels.json", b"[1]", "application/json")[0] == 400


def test_home_class_counts_link_to_their_instances(views_server):
    status, _, body = get(views_server + "/")
    assert status == 200
    found = re.findall(r'<a href="(/(?:search|events)\?class=nkg:(\w+))">(\d+)</a>', body)
    assert found
    for link, name, n in found:
        twin = link.replace("/search?", "/search.json?size=200&", 1).replace(
            "/events?", "/events.json?", 1)
        assert data(views_server, twin)["total"] >= int(n), name


def test_saved_query_results_show_labels(views_server):
    status, _, body = get(views_server + "/queries/events_by_type_and_place?region=Tartus+Governorate")
    assert status == 200
    assert ">Baniyas<" in body.split("<tbody>", 1)[1] or "Baniyas" in body
    assert 'title="nkg:Killing"' in body or ">Killing<" in body


def test_event_page_has_the_competing_tolls_and_entity_page_its_events(views_server):
    doc = data(views_server, "/events.json?source=Amnesty+International")
    event = doc["events"][0]
    status, _, body = get(views_server + "/id/" + event["iri"].split("/id/", 1)[1])
    assert status == 200 and "Who says how many" in body
    assert "Amnesty International" in body and ">30<" in body
    status, _, page = get(views_server + "/id/faction/hamza-division")
    assert status == 200
    assert 'data-src="/timeline.json?party=https://w3id.org/newskg/id/faction/hamza-division"' in page
    assert 'href="/events?party=https://w3id.org/newskg/id/faction/hamza-division"' in page
