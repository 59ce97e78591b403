"""Point lookups answered in front of Flask (server/point_wsgi.py): the same status, headers and
body as the app gives for the same request, the send timeout set, everything else left to it."""

from __future__ import annotations

import io
import socket
import struct
from urllib.parse import urlencode

import pytest
from werkzeug.test import EnvironBuilder

from kg import store
from server import create_app
from server.point_wsgi import PointLookups

NKG = "PREFIX nkg: <https://w3id.org/newskg/ontology#>\n"
LOOKUPS = (
    "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}",
    "SELECT * {{ <{e}> ?p ?o }}",
    NKG + "SELECT ?s WHERE {{ ?s a nkg:Place }} LIMIT 4",
    "SELECT ?s ?o WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o . }} LIMIT 0",
)
ACCEPTS = ("application/sparql-results+json", "text/csv", "application/sparql-results+xml",
           "text/tab-separated-values", "application/json;q=0.5, text/csv", "*/*", None,
           "image/png")
# requests the layer must leave to the app, however close they come to a point lookup
OTHERS = (
    ("GET", {"query": "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}", "format": "csv"}),
    ("GET", {"query": "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}", "default-graph-uri": "urn:g"}),
    ("GET", {"query": "SELECT DISTINCT ?p ?o WHERE {{ <{e}> ?p ?o }}"}),
    ("GET", {"query": "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}", "update": "CLEAR ALL"}),
    ("GET", {"query": "SELECT ?p ?o WHERE {{ u:a ?p ?o }}"}),
    ("GET", {"query": ""}),
    ("GET", {}),
    ("HEAD", {"query": "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}"}),
    ("POST", {"query": "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}"}),
)


@pytest.fixture(scope="module")
def app(seed_store):
    """kg's app over the seed store, with the layer in front (as create_app makes it)."""
    made = create_app(seed_store, config={"EXECUTORS": 1})
    assert isinstance(made.wsgi_app, PointLookups)
    return made


@pytest.fixture(scope="module")
def entity(seed_store) -> str:
    """An entity of the seed store with a few triples."""
    db = store.open_for_reading(seed_store)
    return next(iter(db.query(NKG + "SELECT ?e WHERE { ?e nkg:mention ?m } LIMIT 1")))["e"].value


def environ(method: str, params: dict, accept: str | None) -> dict:
    """A WSGI environ for /sparql: the parameters in the URL (GET, HEAD) or as a form (POST)."""
    where = {"query_string": urlencode(params)} if method != "POST" else {"data": params}
    return EnvironBuilder(path="/sparql", method=method, headers={"Accept": accept} if accept
                          else {}, **where).get_environ()


def call(wsgi, env: dict) -> tuple[str, list[tuple[str, str]], bytes]:
    """(status, headers, body) of one WSGI call (on a copy of `env`, its body unread)."""
    started = []
    env = {**env, "wsgi.input": io.BytesIO(env["wsgi.input"].getvalue())}
    chunks = wsgi(env, lambda status, headers, exc=None: started.append((status, headers)))
    try:
        body = b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()
    return started[0][0], started[0][1], body


@pytest.mark.parametrize("shape", LOOKUPS)
@pytest.mark.parametrize("accept", ACCEPTS)
def test_a_point_lookup_gets_what_the_app_gives(app, entity, shape, accept):
    env = environ("GET", {"query": shape.format(e=entity)}, accept)
    answered = app.wsgi_app.answer(dict(env))
    assert (answered is None) == (accept == "image/png")  # the 406 is the app's to word
    assert call(app.wsgi_app, env) == call(app.wsgi_app.inner, env)


@pytest.mark.parametrize(("method", "params"), OTHERS)
def test_anything_else_is_left_to_the_app(app, entity, method, params):
    env = environ(method, {k: v.format(e=entity) for k, v in params.items()}, "text/csv")
    assert app.wsgi_app.answer(dict(env)) is None
    assert call(app.wsgi_app, env) == call(app.wsgi_app.inner, env)


def test_cors_off_and_the_row_cap_are_the_apps(seed_store, entity):
    capped = create_app(seed_store, config={"EXECUTORS": 1, "CORS": False, "MAX_ROWS": 2})
    env = environ("GET", {"query": LOOKUPS[0].format(e=entity)}, None)
    status, headers, body = call(capped.wsgi_app, env)
    assert (status, headers, body) == call(capped.wsgi_app.inner, env)
    assert capped.wsgi_app.answer(dict(env)) is None  # over 2 rows: the executor cuts it
    assert dict(headers)["X-KG-Truncated"] == "true"
    assert not any(name.startswith("Access-Control-") for name, _ in headers)


def test_the_send_timeout_is_set_on_the_connection(app, entity):
    env = environ("GET", {"query": LOOKUPS[0].format(e=entity)}, None)
    with socket.socket() as sock:
        env["gunicorn.socket"] = sock
        status, headers, _ = call(app.wsgi_app, env)
        seconds, micros = struct.unpack("ll", sock.getsockopt(
            socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.calcsize("ll")))
    assert status == "200 OK" and ("Vary", "Accept") in headers
    assert seconds + micros / 1e6 == pytest.approx(app.config["SEND_TIMEOUT"])
