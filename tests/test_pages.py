"""Pages for people over HTTP: home, articles, entity/event pages, Linked Data, ontology, editor."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest
from pyoxigraph import Literal, RdfFormat, Triple, parse

from kg import iris, store
from kg.vocab import NKG, RDFS, sparql_prefixes
from server.pages_common import href
from server.pages_highlight import Span, highlight


def get(url: str, accept: str | None = None) -> tuple[int, dict, str]:
    """GET a URL; (status, headers, body) whatever the status."""
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read().decode("utf-8")


def rows(seed_store, query: str) -> list:
    """Solutions of a query over the seed store (read-only)."""
    db = store.open_for_reading(seed_store)
    return list(db.query(sparql_prefixes() + query))


def path_of(iri: str) -> str:
    """The server path of one of our IRIs."""
    assert iri.startswith(iris.ID)
    return "/id/" + iri[len(iris.ID):]


def parsed(body: str, fmt: RdfFormat) -> set[Triple]:
    """The triples of an RDF document (parse yields quads in the default graph)."""
    return {Triple(q.subject, q.predicate, q.object) for q in parse(body.encode(), format=fmt)}


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def test_home_lists_articles_and_counts(live_server, seed_store):
    status, _, body = get(live_server + "/")
    assert status == 200
    titles = [r["title"].value for r in rows(seed_store, "SELECT ?title { ?a a nkg:Article ; dct:title ?title }")]
    assert titles
    for title in titles:
        assert html.escape(title) in body
    for link in ('href="/query"', 'href="/queries"', 'href="/ontology"', 'href="/dump.trig"'):
        assert link in body
    assert f"<strong>{len(titles)}</strong> articles" in body


def test_articles_page_links_every_article(live_server, seed_store):
    status, _, body = get(live_server + "/articles")
    assert status == 200
    for r in rows(seed_store, "SELECT ?a { ?a a nkg:Article }"):
        assert f'href="{path_of(r["a"].value)}"' in body


def test_entity_page_shows_label_articles_and_evidence(live_server, seed_store):
    found = rows(seed_store, """SELECT ?e ?label ?evidence WHERE {
        ?x ?role ?e ; nkg:evidence ?evidence . ?e rdfs:label ?label ; nkg:mention ?m }
        ORDER BY ?e LIMIT 1""")
    assert found, "the seed graph should name some source or participant"
    entity, label, evidence = found[0]["e"].value, found[0]["label"].value, found[0]["evidence"].value
    status, headers, body = get(live_server + path_of(entity))
    assert status == 200
    assert "Accept" in headers.get("Vary", "")
    assert f"{html.escape(label)}</h1>" in body
    assert " ".join(evidence.split()) in visible_text(body)
    assert 'class="evidence"' in body


def test_syria_page_lists_the_articles_mentioning_it(live_server, seed_store):
    found = rows(seed_store, """SELECT ?e ?a WHERE { GRAPH ?g { ?e rdfs:label "Syria" ;
        nkg:mention ?m . ?a a nkg:Article } } LIMIT 1""")
    assert found
    status, _, body = get(live_server + path_of(found[0]["e"].value))
    assert status == 200
    assert "Syria</h1>" in body
    assert f'href="{path_of(found[0]["a"].value)}"' in body


@pytest.mark.parametrize("media, fmt", [
    ("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD), ("application/rdf+xml", RdfFormat.RDF_XML)])
def test_entity_rdf_by_content_negotiation(live_server, seed_store, media, fmt):
    found = rows(seed_store, 'SELECT ?e { ?e rdfs:label "Syria" ; nkg:mention ?m } LIMIT 1')
    entity = found[0]["e"]
    status, headers, body = get(live_server + path_of(entity.value), accept=media)
    assert status == 200
    assert headers["Content-Type"].startswith(media)
    assert "Accept" in headers.get("Vary", "")
    triples = parsed(body, fmt)
    assert Triple(entity, RDFS.label, Literal("Syria")) in triples


def test_event_page_shows_evidence_and_article(live_server, seed_store):
    found = rows(seed_store, """SELECT ?ev ?evidence ?a WHERE {
        ?ev nkg:trigger ?t ; nkg:evidence ?evidence ; nkg:article ?a } ORDER BY ?ev LIMIT 1""")
    assert found
    status, _, body = get(live_server + path_of(found[0]["ev"].value))
    assert status == 200
    assert " ".join(found[0]["evidence"].value.split()) in visible_text(body)
    assert f'href="{path_of(found[0]["a"].value)}"' in body
    assert '<mark class="trigger"' in body


class ArticleText(HTMLParser):
    """The raw inner HTML of <div class="article-text"> (which holds no nested divs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inside = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "article-text") in attrs:
            self.inside = True
        elif self.inside:
            self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "div":
            self.inside = False
        elif self.inside:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)

    def handle_entityref(self, name):
        if self.inside:
            self.parts.append(f"&{name};")

    def handle_charref(self, name):
        if self.inside:
            self.parts.append(f"&#{name};")


def test_article_page_highlights_mentions_and_keeps_text_exact(live_server, seed_store):
    found = rows(seed_store, """SELECT ?a ?text ?e ?title WHERE { GRAPH ?g {
        ?a nkg:hasContext/nif:isString ?text ; dct:title ?title . ?e nkg:mention ?m } }
        ORDER BY ?a LIMIT 1""")
    assert found
    article, text, entity = found[0]["a"].value, found[0]["text"].value, found[0]["e"].value
    status, _, body = get(live_server + path_of(article))
    assert status == 200
    assert html.escape(found[0]["title"].value) in body
    assert re.search(r'<mark class="[^"]*\bent\b[^"]*"[^>]*><a href="' + re.escape(path_of(entity))
                     + '">', body)
    parser = ArticleText()
    parser.feed(body)
    inner = "".join(parser.parts)
    assert html.unescape(re.sub(r"<[^>]+>", "", inner)) == text


def test_highlight_escapes_text_and_handles_overlaps():
    text = 'He said <script>alert("x")</script> & Assad forces killed 5'
    start = text.index("Assad")
    spans = [Span(start, start + 5, "ent ent-actor", "/id/actor/assad", "Actor"),
             Span(start, start + 12, "ent ent-faction", "/id/faction/assad-forces", "Faction"),
             Span(start + 6, start + 19, "trigger", "/id/ev", "Killing"),
             Span(3, 2000, "ent", "/id/bad")]  # out of range: ignored
    out = str(highlight(text, spans))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert '<a href="/id/actor/assad">Assad</a>' in out
    assert 'class="ent ent-faction trigger"' in out  # "forces": inside both
    assert out.count('id="char=') == 3


class TreeParents(HTMLParser):
    """For each link in the class tree, the links of the list items it is nested in."""

    def __init__(self) -> None:
        super().__init__()
        self.depth_in_tree = 0
        self.stack: list[str | None] = []
        self.parents: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("id") == "class-tree":
            self.depth_in_tree = 1
        elif self.depth_in_tree and tag == "li":
            self.stack.append(None)
        elif self.depth_in_tree and tag == "a" and self.stack and self.stack[-1] is None:
            self.stack[-1] = attrs["href"]
            self.parents[attrs["href"]] = [h for h in self.stack[:-1] if h]

    def handle_endtag(self, tag):
        if self.depth_in_tree and tag == "li":
            self.stack.pop()
        elif tag == "section":
            self.depth_in_tree = 0


def test_ontology_page_nests_killing_under_event(live_server):
    status, headers, body = get(live_server + "/ontology")
    assert status == 200
    assert "Accept" in headers.get("Vary", "")
    tree = TreeParents()
    tree.feed(body)
    assert "#Event" in tree.parents["#Killing"]
    assert 'id="Killing"' in body and 'id="agent"' in body


def test_ontology_as_turtle(live_server):
    status, headers, body = get(live_server + "/ontology", accept="text/turtle")
    assert status == 200
    assert headers["Content-Type"].startswith("text/turtle")
    triples = parsed(body, RdfFormat.TURTLE)
    assert Triple(NKG.Killing, RDFS.subClassOf, NKG.Event) in triples


def test_query_editor_and_its_vendored_scripts(live_server):
    status, _, body = get(live_server + "/query")
    assert status == 200
    assert "PREFIX nkg: &lt;https://w3id.org/newskg/ontology#&gt;" in body
    scripts = re.findall(r'<script src="([^"]+)"', body)
    assert any(s.endswith("codemirror.js") for s in scripts)
    assert any(s.endswith("sparql.js") for s in scripts)
    for src in scripts + re.findall(r'<link rel="stylesheet" href="([^"]+)"', body):
        assert src.startswith("/static/"), "no CDN: everything is served locally"
        code, _, text = get(live_server + src)
        assert code == 200 and text
    code, _, licence = get(live_server + "/static/codemirror/LICENSE")
    assert code == 200 and "MIT" in licence


def test_unknown_iris_are_404_pages(live_server):
    for path in ("/id/place/no-such-place-anywhere", "/id/article/0000000000000000",
                 "/id/article/0000000000000000/event/Killing-1-2",
                 "/page?iri=http%3A%2F%2Fexample.org%2Fnothing"):
        status, headers, body = get(live_server + path)
        assert status == 404, path
        assert headers["Content-Type"].startswith("text/html")
        assert "Not found" in body
    status, _, _ = get(live_server + "/id/place/no-such-place-anywhere", accept="text/turtle")
    assert status == 404


def test_span_iri_leads_to_its_article(live_server, seed_store):
    found = rows(seed_store, "SELECT ?a { ?a a nkg:Article } ORDER BY ?a LIMIT 1")
    article = found[0]["a"].value
    req = urllib.request.Request(live_server + path_of(article) + "/text")
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 200
        assert resp.url.endswith(path_of(article))


def test_unacceptable_media_type_is_406(live_server, seed_store):
    found = rows(seed_store, 'SELECT ?e { ?e rdfs:label "Syria" } LIMIT 1')
    status, _, _ = get(live_server + path_of(found[0]["e"].value), accept="image/png")
    assert status == 406


def test_page_for_an_ontology_term_by_iri(live_server):
    status, _, body = get(live_server + "/page?iri=" + urllib.request.quote(NKG.Killing.value, safe=""))
    assert status == 200
    assert 'href="/ontology#Event"' in body


def test_unknown_url_gets_a_readable_404(live_server):
    status, headers, body = get(live_server + "/no/such/page", accept="text/html")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html") and "Not found" in body
    status, headers, _ = get(live_server + "/no/such/page", accept="application/json")
    assert status == 404 and headers["Content-Type"].startswith("text/plain")


def test_links_only_to_our_pages_and_http_iris():
    assert href("https://w3id.org/newskg/id/wd/Q858") == "/id/wd/Q858"
    assert href(NKG.Killing) == "/ontology#Killing"
    assert href("http://www.wikidata.org/entity/Q858") == "http://www.wikidata.org/entity/Q858"
    assert href("javascript:alert(1)") is None
    assert href("data:text/html,<b>x</b>") is None


def test_article_entity_table_gives_mentions_and_wikidata_items(live_server, seed_store):
    """Each entity row: its mentions in the article, and its item exactly when it is linked."""
    found = rows(seed_store, """SELECT ?a ?e (COUNT(DISTINCT ?m) AS ?n) (SAMPLE(?w) AS ?item) WHERE {
        GRAPH ?g { ?a a nkg:Article . ?e nkg:mention ?m } OPTIONAL { GRAPH ?g { ?e owl:sameAs ?w } }
        } GROUP BY ?a ?e""")
    articles = {r["a"].value for r in found}
    article = min(articles, key=lambda a: (  # one with linked and unlinked entities
        len({r["item"] is None for r in found if r["a"].value == a}) < 2, a))
    expected = {path_of(r["e"].value): (int(r["n"].value), r["item"] is not None)
                for r in found if r["a"].value == article}
    assert {linked for _, linked in expected.values()} == {True, False}
    status, _, body = get(live_server + path_of(article))
    assert status == 200
    table = body.split("<h2>Entities", 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<tr>\s*<td><span class="swatch[^"]*"></span><a href="([^"]+)">.*?'
                       r'<td class="num">(\d+)</td>\s*<td>(.*?)</td>', table, re.DOTALL)
    assert {link for link, _, _ in shown} == set(expected)
    for link, mentions, item in shown:
        assert (int(mentions), "wikidata.org" in item) == expected[link]


def test_entity_page_marks_its_own_mentions_in_the_events_naming_it(live_server, seed_store):
    """The evidence of each event listed on an entity page marks the trigger and the entity's
    own mentions in that sentence (and only the entity's: the marks read as its names)."""
    found = rows(seed_store, """SELECT ?e (COUNT(DISTINCT ?ev) AS ?n) WHERE { GRAPH ?g {
        ?ev nkg:trigger ?t ; nkg:evidence ?v ; ?role ?e . ?e nkg:mention ?m ; rdfs:label ?l } }
        GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1""")
    entity = found[0]["e"]
    names = {r["text"].value.lower() for r in rows(seed_store, f"""SELECT DISTINCT ?text WHERE {{
        {entity} nkg:mention ?m . ?m nif:anchorOf ?text }}""")}
    status, _, body = get(live_server + path_of(entity.value))
    assert status == 200
    own = re.findall(r'<mark class="ent self"[^>]*>(?:<a [^>]*>)?([^<]+)<', body)
    assert own and {m.lower() for m in own} <= names
    assert '<mark class="trigger"' in body
