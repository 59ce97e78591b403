"""Incidents over HTTP: the /id/incident/ page, /events and /map counting incidents, the saved
query; on the five market-attack articles of test_incidents, built into a real store and served
by a real `kg serve`."""

from __future__ import annotations

import json
import re
import urllib.request
from html.parser import HTMLParser

import pytest
from conftest import start_server, stop_server
from test_incidents import ARTICLES, write_articles

from kg import iris, store
from kg.config import QUERIES_DIR
from kg.pipeline import build
from kg.queries import load_queries, run_saved
from kg.vocab import NKG, RDF

THREE = {"gao-afp", "gao-reuters", "gao-rfi"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(store directory, base URL) of the five articles, served."""
    root = tmp_path_factory.mktemp("incident-pages")
    directory = root / "store"
    build(write_articles(root / "articles", list(ARTICLES)), directory)
    proc, base = start_server(directory)
    yield directory, base
    stop_server(proc)


def get(url: str) -> str:
    """The body of a GET, as text."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def gao_incident(directory) -> str:
    """The IRI of the incident the Gao AFP article's killing reports."""
    db = store.open_for_reading(directory)
    sizes: dict[str, int] = {}
    for q in db.quads_for_pattern(None, NKG.report, None, iris.INCIDENTS_GRAPH):
        sizes[q.subject.value] = sizes.get(q.subject.value, 0) + 1
    return max(sizes, key=lambda k: (sizes[k], k))


class Rows(HTMLParser):
    """The text of each row of the table of reports."""

    def __init__(self) -> None:
        super().__init__()
        self.inside, self.rows = False, []

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "incident-reports" in (dict(attrs).get("class") or ""):
            self.inside = True
        elif tag == "tr" and self.inside:
            self.rows.append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.rows:
            self.rows[-1] += data


def test_the_incident_page_shows_each_report_with_its_sentence(served):
    directory, base = served
    iri = gao_incident(directory)
    assert iri.startswith(iris.ID + "incident/")
    html = get(base + "/id/" + iri[len(iris.ID):])
    parser = Rows()
    parser.feed(html)
    reports = parser.rows[1:]  # the header row first
    assert len(reports) >= 3
    for sentence in ("killing 12 civilians", "Gunmen killed 14 people", "rose to 15 dead"):
        assert any(sentence in r for r in reports), sentence
    assert "Why these reports are one incident" in html and "place same" in html
    # each report's trigger is marked in its sentence, at its own offsets
    marks = re.findall(r'<mark class="trigger"[^>]*>([^<]+)</mark>', html)
    assert len(marks) >= 3 and {m.lower() for m in marks} & {"killing", "killed"}


def test_the_incident_is_rdf_for_rdf_clients(served):
    directory, base = served
    iri = gao_incident(directory)
    request = urllib.request.Request(base + "/id/" + iri[len(iris.ID):],
                                     headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read().decode("utf-8")
    assert "report" in body and "Incident" in body


def test_an_unknown_incident_is_404(served):
    _, base = served
    with pytest.raises(urllib.error.HTTPError) as err:
        get(base + "/id/incident/0000000000000000")
    assert err.value.code == 404


def test_events_and_map_count_incidents_when_asked(served):
    directory, base = served
    reports = json.loads(get(base + "/events.json"))["total"]
    incidents = json.loads(get(base + "/events.json?per=incident"))["total"]
    db = store.open_for_reading(directory)
    expected = len({q.subject for q in db.quads_for_pattern(None, NKG.report, None,
                                                            iris.INCIDENTS_GRAPH)})
    assert incidents == expected < reports
    by_place = {}
    for per in ("report", "incident"):
        doc = json.loads(get(base + f"/map.geojson?per={per}"))
        by_place[per] = {f["properties"]["label"]: f["properties"]["count"]
                         for f in doc["features"]}
    assert by_place["incident"]["Gao"] < by_place["report"]["Gao"]
    page = get(base + "/events?per=incident")
    assert f"{incidents} incidents" in page
    # the header switches between the two counts, keeping the other filters
    switch = get(base + "/events?class=Killing")
    assert 'aria-label="Count"' in switch and "per=incident" in switch
    assert 'aria-current="true" title="count reports"' in switch


def test_the_map_counts_an_incident_once_whatever_classes_its_reports_have(served):
    directory, base = served
    db = store.open_for_reading(directory)
    gao = {q.subject for q in db.quads_for_pattern(None, NKG.place, None, None)
           if "/event/" in q.subject.value
           and any(lq.object.value == "Gao" for lq in db.quads_for_pattern(q.object, None, None, None)
                   if lq.predicate.value.endswith("#label"))}
    incidents = {q.subject for q in db.quads_for_pattern(None, NKG.report, None,
                                                         iris.INCIDENTS_GRAPH) if q.object in gao}
    classes = {q.object for e in gao for q in db.quads_for_pattern(e, RDF.type, None, None)}
    assert len(classes) > 1 and len(incidents) < len(gao)  # killings and attacks, joined
    doc = json.loads(get(base + "/map.geojson?per=incident"))
    point = next(f["properties"] for f in doc["features"] if f["properties"]["label"] == "Gao")
    assert point["count"] == len(incidents)
    assert sum(c["count"] for c in point["classes"]) == point["count"]


def test_the_saved_query_lists_incidents_with_their_competing_tolls(served):
    directory, _ = served
    assert (QUERIES_DIR / "incidents.rq").exists()
    query = load_queries()["incidents"]
    rows = list(run_saved(store.open_for_reading(directory), query,
                          {"region": "Mali", "month": "2024-05"}))
    assert rows
    gao = [r for r in rows if r["incident"].value == gao_incident(directory)]
    assert gao and int(gao[0]["reports"].value) >= 3
    assert int(gao[0]["lowest"].value) < int(gao[0]["highest"].value)
    later = list(run_saved(store.open_for_reading(directory), query,
                           {"region": "Mali", "month": "2024-06"}))
    assert not later
