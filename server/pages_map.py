"""/map and /map.geojson: where the matching events happened, on an offline world outline.

Takes the filters of /events. Each point is a place with coordinates, sized by its number of
events and coloured by their most frequent class; it links to the place and to its events.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template

from kg.errors import KGError
from server.pages import helpers
from server.pages_common import href
from server.pages_filters import error_page, filter_view, request_filters, short
from server.viewindex.geo import points, unplaced

bp = Blueprint("map", __name__)
bp.context_processor(helpers)


@bp.route("/map")
@bp.route("/map.<ext>")
def map_view(ext: str | None = None) -> Response:
    """The map page, or its GeoJSON twin."""
    if ext not in (None, "geojson"):
        abort(404)
    try:
        index, f = request_filters()
        found = points(index, f)
        for p in found:
            p["href"] = href(p["iri"])
            p["events"] = f.url("/events", add=("place", short(p["iri"])))
        if ext == "geojson":
            return geojson(found, unplaced(index, f))
        view = filter_view(index, f, "/map")
        missing = unplaced(index, f)
    except KGError as err:
        return error_page(err, ext is not None)
    return Response(render_template(
        "map.html", places=found, unplaced=missing, geojson_href=f.url("/map.geojson"),
        **view), mimetype="text/html")


def geojson(found: list[dict], missing: int) -> Response:
    """The points as a GeoJSON FeatureCollection (RFC 7946: longitude first)."""
    doc = {"type": "FeatureCollection", "unplaced": missing, "features": [
        {"type": "Feature", "id": p["iri"],
         "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
         "properties": {k: v for k, v in p.items() if k not in ("lat", "lon")}}
        for p in found]}
    return Response(json.dumps(doc, ensure_ascii=False), mimetype="application/geo+json")
