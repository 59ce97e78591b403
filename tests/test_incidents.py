"""Incidents: one event, many reports, kept in step with every article write (kg.incidents)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad

from kg import incidents, iris, store
from kg.cli import cli
from kg.incidents import refresh
from kg.incidents.cluster import cluster
from kg.incidents.match import compare, profile
from kg.incidents.places import Places
from kg.incidents.reports import Report
from kg.incidents.settings import DEFAULTS, read
from kg.pipeline import build
from kg.vocab import NKG, RDF, RDFS

ARTICLES = {
    "gao-afp": ("2024-05-06", ("GAO, Mali (AFP) - Jihadists attacked the central market in Gao on "
                "Monday, killing 12 civilians, a local official said.")),
    "gao-reuters": ("2024-05-06", ("BAMAKO (Reuters) - Gunmen killed 14 people at the busy central "
                    "market of Gao on Monday, security sources said.")),
    "gao-rfi": ("2024-05-07", ("The toll from the attack on the central market in Gao on Monday "
                "rose to 15 dead, the regional governor said on Tuesday.")),
    "gao-week-later": ("2024-05-13", ("Gunmen killed three traders at the central market in Gao "
                       "on Monday, residents said.")),
    "timbuktu-same-day": ("2024-05-06", ("Jihadists attacked a cattle market in Timbuktu on Monday, "
                          "killing nine civilians, officials said.")),
}


def write_articles(folder, names):
    """The named articles as text files with front matter, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        day, text = ARTICLES[name]
        p = folder / f"{name}.txt"
        p.write_text(f"---\ndate: {day}\nurl: https://test.example.org/{name}\n---\n"
                     f"Market attack\n\n{text}\n")
        paths.append(str(p))
    return paths


def partition(db) -> set[frozenset[str]]:
    """The store's incidents, each as the set of its reports' IRIs."""
    out: dict[str, set[str]] = {}
    for q in db.quads_for_pattern(None, NKG.report, None, iris.INCIDENTS_GRAPH):
        out.setdefault(q.subject.value, set()).add(q.object.value)
    return {frozenset(v) for v in out.values()}


def events(db) -> set[str]:
    """Every article-level event in the store."""
    return {r.iri.value for r in refresh.all_profiles(db, Places(db), 1)}


def check_consistent(db) -> None:
    """Every event is the report of exactly one incident, and the graph is what a rebuild makes."""
    reports = [q.object.value for q in db.quads_for_pattern(None, NKG.report, None, iris.INCIDENTS_GRAPH)]
    assert sorted(reports) == sorted(events(db))
    graph = set(db.quads_for_pattern(None, None, None, iris.INCIDENTS_GRAPH))
    assert graph == set(refresh.rebuild(db))


def incident_with(db, url_part: str) -> set[str]:
    """The articles (their keys) whose reports share an incident with the article `url_part`."""
    article_of = {}
    for q in db.quads_for_pattern(None, NKG.article, None, None):
        article_of[q.subject.value] = q.object.value
    urls = {q.subject.value: q.object.value for q in db.quads_for_pattern(
        None, NamedNode("https://schema.org/url"), None, None)}
    found = set()
    for members in partition(db):
        names = {urls[article_of[e]].rsplit("/", 1)[-1] for e in members}
        if url_part in names and len(names) > 1:
            found |= names
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The five articles built into one store, in the order listed."""
    root = tmp_path_factory.mktemp("incidents")
    directory = root / "store"
    paths = write_articles(root / "articles", list(ARTICLES))
    for p in paths:  # one at a time: each write sees the incidents of those before
        build([p], directory)
    return root, directory


def test_the_same_event_in_three_articles_is_one_incident(built):
    _, directory = built
    db = store.open_for_reading(directory)
    together = incident_with(db, "gao-afp")
    assert {"gao-afp", "gao-reuters", "gao-rfi"} <= together


def test_the_same_town_a_week_later_and_another_city_that_day_stay_apart(built):
    _, directory = built
    db = store.open_for_reading(directory)
    together = incident_with(db, "gao-afp")
    assert "gao-week-later" not in together
    assert "timbuktu-same-day" not in together


def test_every_report_has_one_incident_and_the_graph_is_a_rebuild(built):
    _, directory = built
    check_consistent(store.open_for_reading(directory))


def test_an_incident_explains_its_joins_and_carries_its_tolls(built):
    _, directory = built
    db = store.open_for_reading(directory)
    rows = list(db.query(
        "SELECT ?i ?score ?feature WHERE { GRAPH ?g { ?i a nkg:Incident ; nkg:matchScore ?score ;"
        " nkg:match ?m . ?m nkg:matchFeature ?feature } }",
        prefixes={"nkg": NKG.base}))
    assert rows and all(0 < float(r["score"].value) <= 2 for r in rows)
    assert any(r["feature"].value.startswith("place") for r in rows)
    joined = {r["i"] for r in rows}
    places = {q.subject for q in db.quads_for_pattern(None, NKG.place, None, iris.INCIDENTS_GRAPH)}
    assert joined <= places  # a joined incident has a place


def test_the_count_of_incidents_never_depends_on_the_build_order(built, tmp_path):
    _root, directory = built
    expected = partition(store.open_for_reading(directory))
    reverse = tmp_path / "reverse"
    for p in reversed(write_articles(tmp_path / "articles", list(ARTICLES))):
        build([p], reverse)
    assert partition(store.open_for_reading(reverse)) == expected
    together = tmp_path / "together"
    build([str(tmp_path / "articles")], together)  # one build: the writer keeps its memo
    assert partition(store.open_for_reading(together)) == expected


def test_many_articles_written_at_once_cluster_as_one_by_one(built, tmp_path):
    """`kg load` writes a batch of article graphs in one transaction: the cap on how far a
    write explores (max_component) is per article written, so a batch clusters as a build."""
    _, directory = built
    src = store.open_for_reading(directory)
    articles = {g: list(src.quads_for_pattern(None, None, None, g)) for g in src.named_graphs()
                if g.value.startswith(iris.GRAPH + "article/")}
    shared = list(src.quads_for_pattern(None, None, None, iris.WIKIDATA_GRAPH))
    assert len(events(src)) > 3 * len(articles) / 2
    db = store.open_store(tmp_path / "store")
    db.add(refresh.marker(dataclasses.replace(read(DEFAULTS), max_component=3)))
    incidents.write(db, articles, shared)
    assert partition(db) == partition(src)


def test_replacing_an_article_updates_its_incident(built, tmp_path):
    root, _directory = built
    copy = tmp_path / "store"
    build([str(root / "articles")], copy)
    moved = root / "articles" / "gao-rfi.txt"
    text = moved.read_text()
    try:
        moved.write_text(text.replace("in Gao on Monday", "in Timbuktu on Monday")
                         .replace("rose to 15", "rose to 10"))
        summary = build([str(moved)], copy)
        assert summary.articles == 1
        db = store.open_for_reading(copy)
        assert "gao-rfi" not in incident_with(db, "gao-afp")
        check_consistent(db)
    finally:
        moved.write_text(text)


def test_removing_an_article_takes_its_reports_out(built, tmp_path):
    root, _directory = built
    copy = tmp_path / "store"
    build([str(root / "articles")], copy)
    db = store.open_store(copy)
    graph = iris.article_graph("https://test.example.org/gao-reuters")
    incidents.write(db, {graph: []})
    assert "gao-reuters" not in incident_with(db, "gao-afp")
    check_consistent(db)


def test_kg_incidents_rebuilds_with_settings_the_store_keeps(built, tmp_path):
    root, _directory = built
    copy = tmp_path / "store"
    build([str(root / "articles")], copy)
    strict = json.loads(DEFAULTS.read_text())
    strict["threshold"] = 5.0  # nothing reaches it: every report alone
    settings = tmp_path / "strict.json"
    settings.write_text(json.dumps(strict))
    result = CliRunner().invoke(cli, ["incidents", "--store", str(copy), "--settings", str(settings)])
    assert result.exit_code == 0, result.output
    db = store.open_for_reading(copy)
    assert all(len(members) == 1 for members in partition(db))
    assert refresh.settings_of(db).threshold == 5.0
    result = CliRunner().invoke(cli, ["incidents", "--store", str(copy)])
    assert result.exit_code == 0 and "0 reported more than once" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"threshold": "high"}')
    result = CliRunner().invoke(cli, ["incidents", "--store", str(copy), "--settings", str(bad)])
    assert result.exit_code != 0 and "not valid incident settings" in result.output
    assert refresh.settings_of(store.open_for_reading(copy)).threshold == 5.0  # store untouched


# ------------------------------------------------------------ matching and clustering, by hand

TOWN, OTHER = NamedNode(iris.ID + "wd/Q1"), NamedNode(iris.ID + "wd/Q2")
REGION = NamedNode(iris.ID + "wd/Q3")
FACTS = [Quad(TOWN, NKG.parent, REGION, iris.WIKIDATA_GRAPH),
         Quad(OTHER, NKG.parent, REGION, iris.WIKIDATA_GRAPH),
         *(Quad(p, RDF.type, NKG[k], iris.WIKIDATA_GRAPH)
           for p, k in ((TOWN, "Settlement"), (OTHER, "Settlement"), (REGION, "AdministrativeArea"))),
         *(Quad(p, RDFS.label, Literal(name), iris.WIKIDATA_GRAPH)
           for p, name in ((TOWN, "Alpha"), (OTHER, "Beta"), (REGION, "Gamma")))]


def report(n: int, day: int, place=TOWN, cls="Killing", count=None) -> Report:
    """A hand-made report of article n."""
    d = date(2024, 5, 1) + timedelta(days=day)
    return Report(iri=NamedNode(f"{iris.ID}article/{n:016x}/event/{cls}-0-1"),
                  article=NamedNode(f"{iris.ID}article/{n:016x}"), cls=cls, places=(place,),
                  time=Literal(d.isoformat()), lo=d, hi=d, count=count)


def incidents_of(reports):
    """Cluster hand-made reports as the store would (every pair compared)."""
    s = read(DEFAULTS)
    places = Places(None, FACTS)
    profiles = [profile(r, places) for r in reports]
    links = {a.iri: {b.iri: m for b in profiles if (m := compare(a, b, s)) is not None}
             for a in profiles}
    return [{p.report.iri for p in c.members} for c in cluster(profiles, links, s.threshold)]


def test_a_chain_of_day_apart_reports_is_not_one_incident():
    chain = [report(n, n) for n in range(6)]  # the same town, every day for six days
    groups = incidents_of(chain)
    assert len(groups) >= 3
    assert all(len(g) <= 2 for g in groups)


def test_classes_places_and_counts_rule_matches_out():
    s, places = read(DEFAULTS), Places(None, FACTS)
    a = profile(report(1, 0, count=30), places)
    assert compare(a, profile(report(2, 0, count=28), places), s).score >= s.threshold
    assert compare(a, profile(report(3, 0, cls="Protest"), places), s) is None
    assert compare(a, profile(report(4, 0, place=OTHER), places), s) is None
    assert compare(a, profile(report(5, 0, count=3), places), s) is None  # far apart
    assert compare(a, profile(report(6, 7), places), s) is None  # a week later
    inside = compare(a, profile(report(7, 0, place=REGION), places), s)
    assert inside is not None and "place inside: Alpha in Gamma" in inside.features


def test_a_region_level_report_does_not_join_two_towns():
    groups = incidents_of([report(1, 0), report(2, 0, place=OTHER), report(3, 0, place=REGION)])
    assert not any({report(1, 0).iri, report(2, 0, place=OTHER).iri} <= g for g in groups)


def test_clustering_does_not_depend_on_the_input_order():
    reports = [report(1, 0), report(2, 0), report(3, 1), report(4, 1, place=REGION),
               report(5, 2), report(6, 0, cls="Attack"), report(7, 0, place=OTHER)]
    first = incidents_of(reports)
    assert incidents_of(list(reversed(reports))) == first
    assert incidents_of(reports[3:] + reports[:3]) == first
