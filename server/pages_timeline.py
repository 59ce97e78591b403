"""/timeline and /timeline.json: the matching events over time, by class.

Takes the filters of /events, and `granularity` (day, month, year; chosen from the dates when
not given). Dragging across the chart selects a range of time and links to those events.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request

from kg.errors import KGError
from server.pages import helpers
from server.pages_filters import error_page, filter_view, request_filters
from server.viewindex.timeline import series

bp = Blueprint("timeline", __name__)
bp.context_processor(helpers)


@bp.route("/timeline")
@bp.route("/timeline.<ext>")
def timeline_view(ext: str | None = None) -> Response:
    """The timeline page, or its JSON twin."""
    if ext not in (None, "json"):
        abort(404)
    try:
        index, f = request_filters()
        asked = request.args.get("granularity", "").strip()
        data = series(index, f, asked)
        if ext == "json":
            data["events"] = f.url("/events")
            return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")
        view = filter_view(index, f, "/timeline")
    except KGError as err:
        return error_page(err, ext is not None)
    rows = [{"period": p, "total": sum(s["counts"][i] for s in data["series"]),
             "href": f.url("/events", **{"from": p, "to": p}),
             "cells": [{"n": s["counts"][i],
                        "href": f.url("/events", add=("class", "nkg:" + s["class"]),
                                      **{"from": p, "to": p})} for s in data["series"]]}
            for i, p in enumerate(data["periods"])]
    return Response(render_template(
        "timeline.html", data=data, rows=rows, json_href=f.url("/timeline.json", granularity=asked),
        events_href=f.url("/events"), **view), mimetype="text/html")
