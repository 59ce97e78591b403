"""Saved queries over HTTP: a gallery, a form per query, results in many formats, OpenAPI.

GET /queries                  gallery (HTML), or a JSON list with Accept: application/json
GET /queries/NAME?param=...   the form and a page of results (HTML), or SPARQL JSON, CSV,
                              TSV, Turtle ... by Accept or by extension (/queries/NAME.csv)
GET /openapi.json             an OpenAPI 3 document describing every saved query
Pages are `limit` rows from `offset`; the next and previous pages are in Link headers.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request
from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
)

from kg.errors import KGError
from kg.queries import ParamError, SavedQuery, load_queries
from server import formats, protocol

bp = Blueprint("queries", __name__)

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
RESERVED = ("limit", "offset", "format")
HTML = "text/html"
TABLE_EXTENSIONS = {"json": "application/sparql-results+json", "csv": "text/csv",
                    "tsv": "text/tab-separated-values", "xml": "application/sparql-results+xml"}
GRAPH_EXTENSIONS = {"ttl": "text/turtle", "nt": "application/n-triples",
                    "jsonld": "application/ld+json", "json": "application/ld+json",
                    "rdf": "application/rdf+xml"}


class NotFound(KGError):
    """No saved query of that name."""


@bp.context_processor
def layout() -> dict:
    """The site's base template when the pages are there, else a plain one of our own."""
    from jinja2 import TemplateNotFound

    try:
        current_app.jinja_env.get_template("base.html")
        return {"queries_layout": "base.html"}
    except TemplateNotFound:
        return {"queries_layout": "queries_base.html"}


def queries() -> dict[str, SavedQuery]:
    """The app's saved queries (reread when the files change)."""
    return load_queries(current_app.config["QUERIES_DIR"])


def media_types(query: SavedQuery) -> list[str]:
    """What a saved query's results can be given as, HTML first."""
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        return [HTML, *formats.RDF_TYPES]
    return [HTML, *formats.RESULTS_TYPES]


def extensions(query: SavedQuery) -> dict[str, str]:
    """File extensions a saved query's results can be asked for by."""
    return GRAPH_EXTENSIONS if query.form in ("CONSTRUCT", "DESCRIBE") else TABLE_EXTENSIONS


def wants_json() -> bool:
    """Whether the client prefers JSON to HTML."""
    best = request.accept_mimetypes.best_match([HTML, "application/json"])
    return best == "application/json"


def error(err: KGError, media: str | None = None) -> Response:
    """A JSON (or HTML) error with the status its kind calls for, naming a bad parameter."""
    status = 404 if isinstance(err, NotFound) else protocol.status_of(err)
    body = {"error": str(err), "status": status}
    if getattr(err, "param", None):
        body["parameter"] = err.param
    if media == HTML or (media is None and not wants_json()):
        html = render_template("queries_error.html", error=body)
        return Response(html, status=status, mimetype=HTML)
    return Response(json.dumps(body), status=status, mimetype="application/json")


def summary(query: SavedQuery) -> dict:
    """What the gallery's JSON says about one query."""
    return {"name": query.name, "title": query.title, "description": query.description,
            "tags": list(query.tags), "form": query.form, "example": query.example,
            "url": f"/queries/{query.name}",
            "parameters": [{"name": p.name, "type": p.type, "default": p.default,
                            "required": p.required, "description": p.description,
                            **({"enum": list(p.enum)} if p.enum else {})}
                           for p in query.params]}


@bp.route("/queries")
@bp.route("/queries.json", defaults={"ext": "json"})
def gallery(ext: str | None = None) -> Response:
    """Every saved query: an HTML gallery, or a JSON list."""
    listed = [summary(q) for q in queries().values()]
    if ext == "json" or wants_json():
        resp = Response(json.dumps({"queries": listed}), mimetype="application/json")
    else:
        resp = Response(render_template("queries_gallery.html", queries=listed), mimetype=HTML)
    resp.headers["Vary"] = "Accept"
    return resp


@bp.route("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 document of the saved-query API."""
    from server.openapi import document

    doc = document(list(queries().values()), request.host_url.rstrip("/"))
    return Response(json.dumps(doc), mimetype="application/json")


def find(name: str) -> tuple[SavedQuery, str | None]:
    """The saved query a path names, and the extension it asks for (if any)."""
    stem, dot, ext = name.rpartition(".")
    found = queries()
    if dot and stem in found:
        query = found[stem]
        if ext not in extensions(query):
            raise NotFound(f"{query.name} cannot be given as .{ext}; try "
                           + ", ".join(f".{e}" for e in extensions(query)))
        return query, extensions(query)[ext]
    if name not in found:
        raise NotFound(f"no saved query named {name!r} (see /queries)")
    return found[name], None


def paging() -> tuple[int, int]:
    """The limit and offset asked for, checked (limit at most MAX_LIMIT)."""
    out = []
    for key, default, top in (("limit", DEFAULT_LIMIT, MAX_LIMIT), ("offset", 0, None)):
        raw = request.args.get(key, "").strip() or str(default)
        if not (raw.isascii() and raw.isdigit()) or (top is not None and not 1 <= int(raw) <= top):
            bound = f"between 1 and {top}" if top else "0 or more"
            raise ParamError(key, f"must be an integer {bound}, got {raw!r}")
        out.append(int(raw))
    return out[0], out[1]


def run_page(query: SavedQuery, params: dict[str, str], limit: int,
             offset: int) -> tuple[object, list, bool]:
    """One page of a saved query's results, bound and run in a killable executor.

    Returns the result (solutions or a boolean, for their variables and type), the page's rows
    and whether there are more.
    """
    answer = protocol.checked(protocol.execute(
        {"op": "page", "saved": query, "params": params, "limit": limit, "offset": offset}))
    if answer["kind"] == "boolean":
        doc = json.dumps({"head": {}, "boolean": answer["value"]}).encode()
        return parse_query_results(doc, format=QueryResultsFormat.JSON), [], False
    if answer["kind"] == "solutions":
        results = parse_query_results(answer["body"], format=QueryResultsFormat.JSON)
        return results, list(results), answer["more"]
    triples = list(parse(answer["body"], format=RdfFormat.N_TRIPLES))
    return triples, triples, answer["more"]


def page_url(query: SavedQuery, params: dict[str, str], limit: int, offset: int,
             ext: str | None = None) -> str:
    """The URL of one page of a saved query's results."""
    args = {**params, "limit": limit, "offset": offset}
    return f"/queries/{query.name}{'.' + ext if ext else ''}?{urlencode(args)}"


def links(query: SavedQuery, params: dict, limit: int, offset: int, more: bool,
          ext: str | None) -> dict[str, str]:
    """URLs of the next and previous pages (RFC 8288 relations)."""
    out = {}
    if more:
        out["next"] = page_url(query, params, limit, offset + limit, ext)
    if offset > 0:
        out["prev"] = page_url(query, params, limit, max(0, offset - limit), ext)
        out["first"] = page_url(query, params, limit, 0, ext)
    return out


def body_for(results, rows: list, media: str) -> bytes:
    """Serialise one page of results (solutions, a boolean, or triples) as `media`."""
    if isinstance(results, QueryBoolean):
        return results.serialize(format=formats.RESULTS_TYPES[media])
    if isinstance(results, QuerySolutions):
        body = formats.solutions_json([v.value for v in results.variables], rows)
        if media == "application/sparql-results+json":
            return body
        again = parse_query_results(body, format=QueryResultsFormat.JSON)
        return again.serialize(format=formats.RESULTS_TYPES[media])
    return formats.serialize_triples(rows, media)[0]


@bp.route("/queries/<name>")
def run(name: str) -> Response:
    """One saved query: its form and results, in the format asked for."""
    media = None
    try:
        query, media = find(name)
        media = media or formats.choose(request.accept_mimetypes, request.args,
                                        media_types(query))
        if media is None:
            return Response("406: this query's results can be given as "
                            + ", ".join(media_types(query)) + "\n", status=406,
                            mimetype="text/plain")
        return answer(query, media, name.rpartition(".")[2] if "." in name else None)
    except KGError as err:
        return error(err, media)


def answer(query: SavedQuery, media: str, ext: str | None) -> Response:
    """Run the query on the current store and answer one page in `media`."""
    params = {k: v for k, v in request.args.items() if k not in RESERVED}
    limit, offset = paging()
    results, rows, more = run_page(query, params, limit, offset)
    nav = links(query, params, limit, offset, more, ext)
    if media == HTML:
        from server.queries_html import render

        html = render(query, params, results, rows, nav, limit, offset)
        resp = Response(html, mimetype=HTML)
    else:
        resp = Response(body_for(results, rows, media), content_type=formats.content_type(media))
    if nav:
        resp.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in nav.items())
    resp.headers["Vary"] = "Accept"
    return resp
