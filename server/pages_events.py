"""/events, /events.json, /events.csv: every event, filtered by the URL, with facets and paging.

The URL is the permalink: filters (see server/viewindex/filters.py), `sort` (date, -date,
count, -count), `page` (from 1) and `size` (rows per page, at most 1000). The CSV holds every
matching event, not one page.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from flask import Blueprint, Response, abort, render_template, request

from kg.errors import KGError
from server.pages import helpers
from server.pages_filters import error_page, filter_view, request_filters
from server.viewindex import Index
from server.viewindex.events import SORTS, page, total
from server.viewindex.filters import FilterError, Filters

bp = Blueprint("events", __name__)
bp.context_processor(helpers)
SIZE, MAX_SIZE = 50, 1000
CSV_COLUMNS = ("event", "date", "dated_by", "class", "label", "place", "place_iri", "agent",
               "agent_iri", "target", "target_iri", "count", "bound", "modality", "reported_by",
               "article", "title", "evidence")


def paging() -> tuple[str, int, int]:
    """The sort, page size and page number asked for, checked."""
    sort = request.args.get("sort", "-date")
    if sort not in SORTS:
        raise FilterError(f"'sort' must be one of {', '.join(SORTS)}, got {sort!r}")
    numbers = []
    for key, default, top in (("size", SIZE, MAX_SIZE), ("page", 1, None)):
        raw = request.args.get(key, "").strip() or str(default)
        if not raw.isdigit() or int(raw) < 1 or (top and int(raw) > top):
            raise FilterError(f"{key!r} must be a whole number from 1"
                              + (f" to {top}" if top else "") + f", got {raw!r}")
        numbers.append(int(raw))
    return sort, numbers[0], numbers[1]


def pages(f: Filters, n: int, size: int, number: int, sort: str, path: str) -> dict:
    """Links to the previous, next, first and last pages."""
    last = max(1, -(-n // size))

    def link(p: int) -> str:
        return f.url(path, sort=sort if sort != "-date" else "",
                     size=str(size) if size != SIZE else "", page=str(p) if p > 1 else "")

    return {"number": number, "last": last, "size": size,
            "prev": link(number - 1) if number > 1 else None,
            "next": link(number + 1) if number < last else None,
            "first": link(1), "last_href": link(last),
            "sort": {key: f.url(path, sort=key if key != "-date" else "") for key in SORTS}}


@bp.route("/events")
@bp.route("/events.<ext>")
def events(ext: str | None = None) -> Response:
    """The events that match the URL's filters: a page, JSON or CSV."""
    if ext not in (None, "json", "csv"):
        abort(404)
    try:
        index, f = request_filters()
        sort, size, number = paging()
        if ext == "csv":
            return csv_response(index, f, sort)
        rows = page(index, f, sort, size, (number - 1) * size)
        view = filter_view(index, f, "/events")
    except KGError as err:
        return error_page(err, ext is not None)
    nav = pages(f, view["total"], size, number, sort, "/events")
    if ext == "json":
        return json_response(view, rows, nav, f)
    return Response(render_template(
        "events.html", events=rows, nav=nav, sort=sort, json_href=f.url("/events.json"),
        csv_href=f.url("/events.csv"), **view), mimetype="text/html")


def json_response(view: dict, rows: list[dict], nav: dict, f: Filters) -> Response:
    """The JSON twin: total, this page of events, facets with counts and links, paging."""
    doc = {"total": view["total"], "per": f.per, "page": nav["number"], "pages": nav["last"],
           "size": nav["size"], "next": nav["next"], "prev": nav["prev"],
           "filters": [{"key": c["key"], "value": c["value"], "matched": c["text"],
                        "unmatched": c["unmatched"]} for c in view["chips"]],
           "events": rows,
           "facets": {x["name"]: [{k: v[k] for k in ("iri", "label", "count", "href", "selected")}
                                  for v in x["values"]] for x in view["facets"]}}
    return Response(json.dumps(doc, ensure_ascii=False), mimetype="application/json")


def csv_rows(index: Index, f: Filters, sort: str) -> Iterator[str]:
    """Every matching event as CSV lines, a thousand at a time."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = total(index, f)
    for offset in range(0, n, MAX_SIZE):
        for r in page(index, f, sort, MAX_SIZE, offset):
            joined = {role: ("; ".join(x["label"] for x in r[role]),
                             " ".join(x["iri"] for x in r[role]))
                      for role in ("place", "agent", "target")}
            writer.writerow([r["iri"], r["date"], r["dated_by"], r["class"], r["label"],
                             *joined["place"], *joined["agent"], *joined["target"],
                             r["count"] if r["count"] is not None else "", r["bound"],
                             r["modality"], "; ".join(s["label"] for s in r["sources"]),
                             r["article"], r["title"], r["evidence"]])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if n == 0:
        yield out.getvalue()


def csv_response(index: Index, f: Filters, sort: str) -> Response:
    """The CSV twin: every matching event (streamed), one row each."""
    resp = Response(csv_rows(index, f, sort), mimetype="text/csv")
    resp.headers["Content-Disposition"] = 'inline; filename="events.csv"'
    return resp
