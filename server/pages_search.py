"""/search and /search.json: entities, events and articles by name, alias and text, ranked.

`q` the words (the last one a prefix with `complete=1`, as the search box's suggestions ask),
`kind` (entity, event, article), `class` (instances of a class, subclasses included: with no
words, the list of that class), `page` and `size`.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request

from kg.errors import KGError
from server.pages import helpers
from server.pages_common import href
from server.pages_filters import error_page
from server.viewindex import current
from server.viewindex.events import labels
from server.viewindex.filters import FilterError, resolve_class
from server.viewindex.search import KINDS, search

bp = Blueprint("search", __name__)
bp.context_processor(helpers)
SIZE, MAX_SIZE = 20, 200
MAX_LABELS = 5000


def number(key: str, default: int, top: int | None = None) -> int:
    """A whole-number parameter, checked."""
    raw = request.args.get(key, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < 1 or (top and int(raw) > top):
        raise FilterError(f"{key!r} must be a whole number from 1"
                          + (f" to {top}" if top else "") + f", got {raw!r}")
    return int(raw)


@bp.route("/search")
@bp.route("/search.<ext>")
def search_view(ext: str | None = None) -> Response:
    """Search results as a page, or JSON (for scripts and the search box's suggestions)."""
    if ext not in (None, "json"):
        abort(404)
    q, kind = request.args.get("q", "").strip(), request.args.get("kind", "").strip()
    cls_value = request.args.get("class", "").strip()
    try:
        if kind and kind not in KINDS:
            raise FilterError(f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
        size, page = number("size", SIZE, MAX_SIZE), number("page", 1)
        index = current()
        cls = resolve_class(index, cls_value) if cls_value else ()
        if cls_value and not cls:
            raise FilterError(f"no class called {cls_value!r} (see /ontology)")
        total, per_kind, results = search(index, q, kind, cls, size, (page - 1) * size,
                                          prefix=request.args.get("complete") == "1")
    except KGError as err:
        return error_page(err, ext is not None)
    for r in results:
        r["href"] = href(r["iri"])
    if ext == "json":
        doc = {"q": q, "kind": kind, "class": cls_value, "total": total, "kinds": per_kind,
               "page": page, "size": size, "results": results}
        return Response(json.dumps(doc, ensure_ascii=False), mimetype="application/json")
    class_label = labels(index, cls).get(cls[0], cls_value) if cls else ""
    return Response(render_template(
        "search.html", q=q, search_q=q, kind=kind, cls=cls_value, class_label=class_label,
        total=total, kinds=per_kind, results=results, page=page, size=size,
        last=max(1, -(-total // size)), link=link), mimetype="text/html")


@bp.route("/labels.json", methods=["POST"])
def labels_view() -> Response:
    """Labels of the IRIs in a JSON body {"iris": [...]} (at most MAX_LABELS): for result tables."""
    body = request.get_json(silent=True) or {}
    wanted = body.get("iris") if isinstance(body, dict) else None
    if not isinstance(wanted, list) or not all(isinstance(i, str) for i in wanted):
        return error_page(FilterError('send {"iris": ["...", ...]} as JSON'), True)
    if len(wanted) > MAX_LABELS:
        return error_page(FilterError(f"at most {MAX_LABELS} IRIs at a time"), True)
    found = labels(current(), wanted)
    return Response(json.dumps({"labels": found}, ensure_ascii=False), mimetype="application/json")


def link(**changes: str) -> str:
    """This search's URL with some parameters changed (empty values dropped)."""
    from urllib.parse import urlencode

    args = {k: v for k, v in request.args.items() if k not in ("page", "complete")}
    args.update(changes)
    pairs = [(k, v) for k, v in args.items() if v]
    return "/search" + ("?" + urlencode(pairs, safe=":/") if pairs else "")
