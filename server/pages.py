"""Pages for people: home, articles, entity/event/claim pages, ontology, query editor.

Every IRI under https://w3id.org/newskg/id/ is served at /id/…: HTML for browsers,
RDF (Turtle, N-Triples, JSON-LD, RDF/XML) for clients that ask for it (Linked Data).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Blueprint, Response, redirect, render_template, request
from pyoxigraph import NamedNode

from kg import iris
from kg.vocab import PREFIXES
from server import pages_paging, pages_rdf
from server.pages_article import article_view, count_articles, list_articles
from server.pages_common import curie, href
from server.pages_home import home_view
from server.pages_incident import incident_view
from server.pages_ontology import ontology_view
from server.pages_resource import describe

bp = Blueprint("pages", __name__)

ARTICLE = re.compile(r"article/([0-9a-f]+)")
ARTICLE_TEXT = re.compile(r"article/([0-9a-f]+)/text")
INCIDENT = re.compile(r"incident/[0-9a-f]+")


@bp.context_processor
def helpers() -> dict:
    """Functions the page templates use."""
    return {"curie": curie, "href": href}


def page(template: str, status: int = 200, **context) -> Response:
    """A rendered HTML page that varies by Accept (the same URL also serves RDF)."""
    response = Response(render_template(template, **context), status=status, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def not_found(what: str) -> Response:
    """A readable 404 page."""
    return page("not_found.html", status=404, what=what)


@bp.app_errorhandler(404)
def unknown_url(err: Exception) -> Response:
    """Any URL nobody serves: a readable page for browsers, plain text for programs."""
    if request.accept_mimetypes.accept_html:
        return not_found(request.path)
    return Response("Not found\n", status=404, mimetype="text/plain")


@bp.route("/")
def home() -> Response:
    """What the dataset holds, and where to go from here."""
    return page("home.html", **home_view())


ARTICLES_PER_PAGE = 100


@bp.route("/articles")
def articles() -> Response:
    """The articles, newest first, a page at a time (`?page=`)."""
    number = pages_paging.number()
    nav = pages_paging.nav(count_articles(), ARTICLES_PER_PAGE, number)
    if number > nav["last"]:  # past the end: no such page (page 1 of none is the empty list)
        return not_found(f"page {number} of the articles (there are {nav['last']})")
    listed = list_articles(ARTICLES_PER_PAGE, (number - 1) * ARTICLES_PER_PAGE)
    return page("articles.html", articles=listed, nav=nav)


@bp.route("/query")
def query_editor() -> Response:
    """The SPARQL query editor."""
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    return page("query.html", prefixes=prefixes, prefix_map=PREFIXES,
                initial=request.args.get("query", ""))


@bp.route("/editor")
def editor() -> Response:
    """Old name of the query editor."""
    return redirect("/query", code=301)


@bp.route("/ontology")
def ontology() -> Response:
    """The ontology as a reference page, or as RDF."""
    media = pages_rdf.wanted()
    if media is None:
        return pages_rdf.not_acceptable()
    if media != pages_rdf.HTML:
        return pages_rdf.rdf_response(pages_rdf.graph_triples(iris.ONTOLOGY_GRAPH), media)
    return page("ontology.html", **ontology_view())


@bp.route("/id/<path:rest>")
def resource(rest: str) -> Response:
    """The page (or RDF) of an article, entity, event or claim by its IRI's path."""
    if ARTICLE_TEXT.fullmatch(rest):
        return redirect("/id/" + rest.rsplit("/", 1)[0], code=303)
    found = ARTICLE.fullmatch(rest)
    if found:
        return article(found.group(1))
    try:
        node = NamedNode(iris.ID + rest)
    except ValueError:  # characters no IRI may hold ('"', '<', spaces): nothing is there
        return not_found(iris.ID + rest)
    if INCIDENT.fullmatch(rest):  # its reports side by side (kg/incidents)
        return negotiated(node, lambda: pages_rdf.description(node), lambda: incident_view(node),
                          "incident.html")
    return described(node)


@bp.route("/page")
def any_page() -> Response:
    """The page of any IRI the store knows (ours redirect to their /id/ path)."""
    iri = request.args.get("iri", "").strip()
    if not iri:
        return not_found("no IRI given")
    if iri.startswith(iris.ID):
        return redirect("/id/" + quote(iri[len(iris.ID):], safe="/-_.~=,:"), code=303)
    try:
        node = NamedNode(iri)
    except ValueError:
        return not_found(iri)
    return described(node)


def article(article_id: str) -> Response:
    """An article: highlighted text and tables, or its named graph as RDF."""
    node = NamedNode(f"{iris.ID}article/{article_id}")
    graph = NamedNode(f"{iris.GRAPH}article/{article_id}")
    return negotiated(node, lambda: pages_rdf.graph_triples(graph),
                      lambda: article_view(article_id), "article.html")


def described(node: NamedNode) -> Response:
    """Any resource: its page, or its description as RDF."""
    return negotiated(node, lambda: pages_rdf.description(node), lambda: describe(node),
                      "resource.html")


def negotiated(node: NamedNode, triples_of, view_of, template: str) -> Response:
    """Linked Data content negotiation: the HTML page for browsers, RDF for RDF clients."""
    media = pages_rdf.wanted()
    if media is None:
        return pages_rdf.not_acceptable()
    if media != pages_rdf.HTML:
        triples = triples_of()
        return pages_rdf.rdf_response(triples, media) if triples else not_found(node.value)
    view = view_of()
    return page(template, **view) if view is not None else not_found(node.value)
