"""What /events, /map and /timeline share: the filters as removable chips, facets as links."""

from __future__ import annotations

import re

from flask import Response, render_template, request

from kg.errors import KGError
from kg.vocab import NKG
from server.pages_common import href, local_name
from server.protocol import status_of
from server.viewindex import Index, current
from server.viewindex.events import facets, labels, total
from server.viewindex.filters import ID_WD, UNITS, Filters, marks, parse

FACET_TITLES = {"class": "Class", "place": "Place", "party": "Party", "source": "Reported by",
                "month": "Month"}
SHOWN = 8  # facet values shown before "more"
SCOPED = re.compile(r"/id/(?:actor|faction|place)/a[0-9a-f]{16}/")  # named in one article only
PAGES = {"/events": "list", "/map": "map", "/timeline": "timeline"}


def request_filters() -> tuple[Index, Filters]:
    """The index of the newest snapshot and the filters of this request."""
    index = current()
    return index, parse(index, request.args)


def short(iri: str) -> str:
    """The shortest unambiguous way to give an IRI as a filter value (wd:Q…, nkg:…, or itself)."""
    if iri.startswith(ID_WD):
        return "wd:" + iri[len(ID_WD):]
    if iri.startswith(NKG.base):
        return "nkg:" + iri[len(NKG.base):]
    return iri


def chips(index: Index, f: Filters, path: str) -> list[dict]:
    """The active filters, each with what it matched and a link that removes it."""
    named = labels(index, [i for groups in f.iris.values() for g in groups for i in g])
    out = []
    resolved = {k: list(v) for k, v in f.iris.items()}
    for key, value in f.raw:
        matched = resolved[key].pop(0) if resolved.get(key) else None
        text = value
        if matched is not None:
            found = [named.get(i, local_name(i)) for i in matched]
            text = ", ".join(dict.fromkeys(found)) if found else value
        out.append({"key": key, "value": value, "text": text,
                    "unmatched": matched is not None and not matched,
                    "remove": f.url(path, drop=(key, value))})
    return out


def merged(rows: list[tuple], named: dict[str, str]) -> list[tuple]:
    """Facet rows with the entities one article names ('residents', 'gunmen') merged by name:
    an event is read from one article, so their counts add up without counting twice."""
    out: dict[str, list] = {}
    for row in rows:
        key = named.get(row[0], row[0]) if SCOPED.search(row[0]) else row[0]
        if key in out:
            out[key][1] += row[1]
            if len(row) > 2:
                out[key][2] = ",".join(sorted(set(out[key][2].split(",")) | set(row[2].split(","))))
        else:
            out[key] = [key, *row[1:]]
    return sorted((tuple(r) for r in out.values()), key=lambda r: (-r[1], str(r[0])))


def kinds(index: Index, values: list[dict]) -> None:
    """Add the class to labels that two values of a facet share ('Latakia · Settlement')."""
    seen: dict[str, int] = {}
    for v in values:
        seen[v["label"]] = seen.get(v["label"], 0) + 1
    twice = [v["iri"] for v in values if seen[v["label"]] > 1]
    if not twice:
        return
    classes = dict(index.rows(f"SELECT iri, class FROM entity WHERE iri IN ({marks(twice)})", twice))
    named = labels(index, classes.values())
    for v in values:
        if v["iri"] in classes:
            v["label"] += " · " + named.get(classes[v["iri"]], local_name(classes[v["iri"]]))


def facet_view(index: Index, f: Filters, path: str) -> list[dict]:
    """Each facet: title and values with counts, labels, and links adding or removing them."""
    found = facets(index, f)
    named = labels(index, [r[0] for name, rows in found.items() if name != "month" for r in rows])
    out = []
    for name, rows in found.items():
        values = []
        for row in merged(rows, named) if name in ("party", "source") else rows:
            value, count = row[0], row[1]
            entry = {"count": count, "label": named.get(value, local_name(value)),
                     "iri": value, "page": href(value), "roles": row[2] if len(row) > 2 else ""}
            if name == "month":
                pairs = [("from", value), ("to", value)]
                entry |= {"label": value, "page": None,
                          "selected": f.start == value and f.end == value,
                          "href": f.url(path, **dict(pairs))}
            else:
                pair = (name, short(value))
                entry |= {"selected": pair in f.raw, "href": f.url(path, add=pair)}
            entry["remove"] = f.url(path, drop=(name, short(value)))
            values.append(entry)
        if name != "month":
            kinds(index, values)
        out.append({"name": name, "title": FACET_TITLES[name], "values": values,
                    "shown": values[:SHOWN], "more": values[SHOWN:]})
    return out


def filter_view(index: Index, f: Filters, path: str) -> dict:
    """Everything the filter sidebar and header of a view need."""
    return {"total": total(index, f), "chips": chips(index, f, path),
            "facets": facet_view(index, f, path), "filters": f, "path": path,
            "views": [{"name": name, "href": f.url(p), "current": p == path}
                      for p, name in PAGES.items()],
            "hidden": [(k, v) for k, v in f.raw if k not in ("q", "from", "to")],
            "counting": [{"name": unit + "s", "href": f.url(path, per=unit if unit != "report" else ""),
                          "current": unit == f.per} for unit in UNITS]}


def error_page(err: KGError, data: bool) -> Response:
    """A bad filter (400), or a store that cannot answer now (503: a query of the view index
    over the server's timeout or memory cap), as JSON for the data twins or a page for people."""
    import json

    status = status_of(err)
    if data:
        return Response(json.dumps({"error": str(err), "status": status}), status=status,
                        mimetype="application/json")
    html = render_template("message.html", title="Cannot show this", message=str(err))
    return Response(html, status=status, mimetype="text/html")
