"""Pages that list many things, over HTTP on a real server: the home page lists the latest
articles, /articles and an entity's events, claims and articles go a page at a time, and every
page of a list together holds each item once."""

from __future__ import annotations

import html
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import start_server, stop_server

from bench import bigstore
from kg import iris, store
from kg.vocab import sparql_prefixes
from server import pages_involved

COPIES = 25  # of the seed articles: more than a page of articles and of events for one place


def get(url: str) -> tuple[int, str]:
    """(status, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read().decode()


def rows(directory: Path, query: str) -> list:
    """Solutions of a query over a store (read-only), its default graph the merge."""
    return list(store.open_for_reading(directory).query(sparql_prefixes() + query))


@pytest.fixture(scope="module")
def many_store(seed_store, tmp_path_factory) -> Path:
    """The seed articles copied COPIES times (bench/bigstore.py): each copy its own article."""
    db = store.open_for_reading(seed_store)
    own = len(bigstore.article_quads(db))
    other = sum(1 for _ in store.named_quads(db)) - own
    del db
    target = tmp_path_factory.mktemp("many") / "store"
    bigstore.grow(seed_store, target, other + own * COPIES)
    return target


@pytest.fixture(scope="module")
def many_server(many_store):
    """`kg serve` on the copied store."""
    proc, base = start_server(many_store, "--timeout", "60")
    yield base
    stop_server(proc)


def walk(base: str, path: str, pattern: str, section: str | None = None) -> tuple[list[str], int]:
    """Every match of `pattern` on each page of a list (in <section id=`section`>, or the whole
    page), following the list's rel="next" links; (the matches, how many pages)."""
    found, pages = [], 0
    while path:
        status, body = get(base + path)
        assert status == 200, (path, body[:300])
        if section is not None:
            shown = re.search(rf'<section id="{section}">(.*?)</section>', body, re.DOTALL)
            body = shown.group(1) if shown else ""  # an empty list is not shown
        found += re.findall(pattern, body)
        pages += 1
        following = re.search(r'rel="next" href="([^"]+)"', body)
        path = html.unescape(following.group(1)) if following else None
    return found, pages


def article_links(body: str) -> list[str]:
    """The article pages a list links to."""
    return re.findall(r'<td><a href="(/id/article/[0-9a-fc]+)">', body)


def test_home_counts_every_article_and_lists_the_latest(many_server, many_store):
    n = len(rows(many_store, "SELECT ?a { ?a a nkg:Article ; dct:title ?t }"))
    assert n > 100  # more than a page of /articles
    status, body = get(many_server + "/")
    assert status == 200
    assert f"<strong>{n}</strong> articles" in body
    assert len(article_links(body)) == 20
    assert f"the latest 20 of {n}" in body and 'href="/articles"' in body


def test_articles_pages_hold_every_article_once(many_server, many_store):
    every = {"/id/" + r["a"].value.removeprefix(iris.ID)
             for r in rows(many_store, "SELECT ?a { ?a a nkg:Article }")}
    listed, pages = walk(many_server, "/articles", r'<td><a href="(/id/article/[0-9a-fc]+)">')
    assert pages == -(-len(every) // 100) > 1
    assert len(listed) == len(set(listed)) and set(listed) == every
    assert get(many_server + "/articles?page=0")[0] == 400
    assert get(many_server + "/articles?page=x")[0] == 400
    status, body = get(many_server + f"/articles?page={pages + 1}")
    assert status == 404 and f"there are {pages}" in body


def most_mentioned(directory: Path) -> tuple[str, int, int]:
    """(the entity mentioned in most articles, in how many, in how many events and claims)."""
    top = rows(directory, """SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {
        GRAPH ?g { ?e nkg:mention ?m . ?a a nkg:Article } } GROUP BY ?e ORDER BY DESC(?n) LIMIT 1""")
    entity = top[0]["e"].value
    involved = rows(directory, f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
        ?x ?role <{entity}> ; nkg:evidence ?ev }}""")
    return entity, int(top[0]["n"].value), int(involved[0]["n"].value)


def test_entity_page_pages_its_articles_and_events(many_server, many_store):
    entity, articles, involved = most_mentioned(many_store)
    assert articles > pages_involved.ARTICLES_PER_PAGE
    assert involved > pages_involved.EVENTS_PER_PAGE
    path = "/id/" + entity.removeprefix(iris.ID)
    status, body = get(many_server + path)
    assert status == 200
    assert f"Mentioned in <small>({articles} articles" in body
    assert body.count('<article class="involved">') <= 2 * pages_involved.EVENTS_PER_PAGE
    listed, pages = walk(many_server, path, r'<li><a href="(/id/article/[0-9a-fc]+)">', "articles")
    assert len(listed) == len(set(listed)) == articles
    assert pages == -(-articles // pages_involved.ARTICLES_PER_PAGE)
    seen = []
    for kind in ("events", "claims"):  # each list paged on its own
        found, pages = walk(many_server, path, r'<header>\s*<a href="([^"]+)">', kind)
        seen += found
    assert pages >= 1 and len(seen) == len(set(seen)) == involved


def test_entity_statements_say_how_many_graphs_assert_them(many_server, many_store):
    entity = most_mentioned(many_store)[0]
    graphs = rows(many_store, f"""SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{
        GRAPH ?g {{ <{entity}> rdfs:label ?l }} }}""")
    status, body = get(many_server + "/id/" + entity.removeprefix(iris.ID))
    assert status == 200
    assert f"and {int(graphs[0]['n'].value) - 1} more graphs" in body


def serve_answering(directory: Path, *extra: str):
    """`kg serve` once it answers at all (an error too: its queries may all time out)."""
    import subprocess
    import sys
    import time

    from conftest import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(directory),
                             "--host", "127.0.0.1", "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/ontology", timeout=5).read()
            return proc, base
        except urllib.error.HTTPError:
            return proc, base
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("kg serve did not come up")


def test_a_view_over_the_timeout_answers_503_not_500(seed_store, tmp_path):
    directory = tmp_path / "store"  # without the view index other servers kept beside it
    shutil.copytree(seed_store, directory, ignore=shutil.ignore_patterns("*.sqlite"))
    proc, base = serve_answering(directory, "--timeout", "0.01", "--index-timeout", "0.0001",
                                  "--workers", "1")
    try:
        for path in ("/events", "/events.json", "/map.geojson", "/timeline.json"):
            status, body = get(base + path)
            assert status == 503, (path, body[:300])
            assert "timeout" in body
    finally:
        stop_server(proc)


def test_the_view_index_is_built_within_its_own_timeout(seed_store):
    """A store whose scans outlast the query timeout still gets its views: the index's queries
    run within --index-timeout (the views then answer from the index, not the store)."""
    proc, base = serve_answering(seed_store, "--timeout", "0.01", "--workers", "1")
    try:
        status, body = get(base + "/sparql?query=" + urllib.parse.quote(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o . ?s ?q ?x . ?x ?r ?y } }"))
        assert status == 503 and "timeout" in body  # a scan is over the query timeout
        for path in ("/events", "/events.json", "/map.geojson", "/timeline.json"):
            status, body = get(base + path)
            assert status == 200, (path, body[:300])
    finally:
        stop_server(proc)
