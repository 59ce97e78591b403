"""The HTML page of one saved query: its form, the current page of results, links onward."""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app, render_template
from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Triple

from kg import iris
from kg.errors import KGError
from kg.queries import SavedQuery
from kg.vocab import PREFIXES


def href(term: object) -> str | None:
    """Where a cell links to: our resource page for our IRIs (when pages are served), else the IRI."""
    if not isinstance(term, NamedNode):
        return None
    if term.value.startswith(iris.ID) and "pages" in current_app.blueprints:
        return "/id/" + quote(term.value[len(iris.ID):], safe="/-_.~#=,:")
    return term.value


def shown(term: object) -> str:
    """A term as text for a table cell, IRIs shortened by the known prefixes."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for prefix, base in PREFIXES.items():
            if term.value.startswith(base) and prefix not in ("wd",):
                return f"{prefix}:{term.value[len(base):]}"
        return term.value
    if isinstance(term, Literal):
        return term.value
    return str(term)


def cell(term: object, named: dict[str, str] | None = None) -> dict:
    """One table cell: text (an IRI's label when known, its short form beside), link, number."""
    numeric = isinstance(term, Literal) and term.datatype.value.endswith(
        ("#integer", "#decimal", "#double", "#nonNegativeInteger"))
    label = (named or {}).get(term.value) if isinstance(term, NamedNode) else None
    return {"text": label or shown(term), "href": href(term), "numeric": numeric,
            "iri": shown(term) if label else ""}


def labels_of(terms: list) -> dict[str, str]:
    """Labels of the IRIs among `terms`, from the view index (none if it cannot be read)."""
    iris = [t.value for t in terms if isinstance(t, NamedNode)]
    if not iris:
        return {}
    try:
        from server.viewindex import current
        from server.viewindex.events import labels

        return labels(current(), iris)
    except KGError:
        return {}


def table(results, rows: list) -> tuple[list[str], list[list[dict]]]:
    """Column names and cells of one page of results (triples as subject/predicate/object)."""
    if isinstance(results, QueryBoolean):
        return ["answer"], [[{"text": "yes" if bool(results) else "no", "href": None,
                              "numeric": False, "iri": ""}]]
    if isinstance(results, QuerySolutions):
        names = [v.value for v in results.variables]
        named = labels_of([row[n] for row in rows for n in names])
        return names, [[cell(row[n], named) for n in names] for row in rows]
    names = ["subject", "predicate", "object"]
    triples = [t for t in rows if isinstance(t, Triple)]
    named = labels_of([x for t in triples for x in (t.subject, t.predicate, t.object)])
    return names, [[cell(t.subject, named), cell(t.predicate, named), cell(t.object, named)]
                   for t in triples]


def downloads(query: SavedQuery, params: dict, limit: int, offset: int) -> list[tuple[str, str]]:
    """(label, URL) for the same page in every other format."""
    from server.queries import extensions, page_url

    return [(ext, page_url(query, params, limit, offset, ext)) for ext in extensions(query)]


def render(query: SavedQuery, params: dict, results, rows: list, nav: dict[str, str],
           limit: int, offset: int) -> str:
    """The page: title, description, a form with the parameters, the results table."""
    columns, cells = table(results, rows)
    fields = [{"name": p.name, "type": p.type, "description": p.description,
               "value": params.get(p.name, p.default or ""), "required": p.required,
               "enum": list(p.enum), "default": p.default} for p in query.params]
    return render_template("queries_query.html", query=query, fields=fields, columns=columns,
                           rows=cells, nav=nav, limit=limit, offset=offset,
                           downloads=downloads(query, params, limit, offset))
