"""A server fit for a network, tried over HTTP as an attacker would: bad input is 4xx, never 500.

One server for the module (seed store, /update on with a token from the environment, a
256 MiB cap per query). The tests that kill a worker or hang up on a query come last.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from conftest import start_server, stop_server

TOKEN = "hardening-token-5f2c9a"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
POINT = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(seed_store):
    """(process, base URL) of `kg serve` with /update on and small limits."""
    proc, base = start_server(seed_store, "--allow-update", "--timeout", "12",
                              "--query-memory", "256", env={"KG_UPDATE_TOKEN": TOKEN})
    yield proc, base
    stop_server(proc)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def point_query(base: str) -> int:
    return requests.get(f"{base}/sparql", params={"query": POINT}, timeout=30).status_code


def test_pages_send_security_headers_and_only_static_scripts(server):
    _, base = server
    for path in ("/", "/query", "/articles", "/ontology", "/queries", "/sparql?query=ASK{}"):
        resp = requests.get(base + path, headers={"Accept": "text/html"}, timeout=30)
        csp = resp.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
    html = requests.get(base + "/query", timeout=30).text

    class Scripts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[dict] = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert "style" not in attrs, (tag, attrs)
            if tag == "script":
                self.found.append(attrs)

    parser = Scripts()
    parser.feed(html)
    assert parser.found
    for attrs in parser.found:
        assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == \
            "application/json"


def chunks(data: bytes, size: int = 65536):
    for start in range(0, len(data), size):
        yield data[start:start + size]


def test_a_body_over_the_limit_is_413_whatever_its_encoding(server):
    _, base = server
    query = "SELECT * WHERE { ?s ?p ?o } " + "#" * 1_100_000 + "\nLIMIT 1"
    form = ("query=" + quote(query)).encode()
    for data, kind in ((form, "application/x-www-form-urlencoded"),
                       (query.encode(), "application/sparql-query")):
        for body in (data, chunks(data)):  # Content-Length, then chunked
            resp = requests.post(f"{base}/sparql", data=body, timeout=60,
                                 headers={"Content-Type": kind})
            assert resp.status_code == 413, (kind, resp.status_code, resp.text[:100])
    small = b"SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    resp = requests.post(f"{base}/sparql", data=chunks(small, 7), timeout=60,
                         headers={"Content-Type": "application/sparql-query",
                                  "Accept": "text/csv"})
    assert resp.status_code == 200 and len(resp.text.strip().splitlines()) == 2


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }",
    "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 30_000) + " }",
    "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000,
], ids=["parentheses", "unions", "groups"])
def test_parser_stress_is_400(server, query):
    _, base = server
    resp = requests.post(f"{base}/sparql", data={"query": query}, timeout=60)
    assert resp.status_code == 400 and "nested too deeply" in resp.text
    assert point_query(base) == 200


def test_a_query_over_the_memory_cap_is_503(server):
    _, base = server
    query = "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?x ?y ?z"
    resp = requests.post(f"{base}/sparql", data={"query": query}, timeout=60)
    assert resp.status_code == 503
    assert resp.text.startswith("query needed more than 256 MiB")
    assert point_query(base) == 200


@pytest.mark.parametrize("path,status", [
    ("/queries/articles?limit=%C2%B2", 400), ("/queries/articles?offset=-1", 400),
    ("/queries/articles?limit=1001", 400), ("/id/%22x", 404), ("/id/%3Cscript%3E", 404),
    ("/id/a%20b", 404), ("/page?iri=%22", 404), ("/graph-store?graph=%22x", 400),
    ("/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri", 400),
])
def test_bad_parameters_are_4xx(server, path, status):
    _, base = server
    assert requests.get(base + path, timeout=30).status_code == status


HOSTILE = ["%22x", "%3Cscript%3Ealert(1)%3C/script%3E", "..%2F..%2Fetc%2Fpasswd", "%00",
           "x" * 3000, "article/zz", "article/0123", "%C2%B2", "a%20b", "%E2%80%AE", "~"]
ARGS = {"query": "SELECT", "limit": "²", "offset": "-1", "format": "<x>", "graph": '"',
        "default-graph-uri": "bad iri", "named-graph-uri": "x y", "iri": "javascript:alert(1)",
        "type": "nkg:<x>", "region": "\x00", "update": "CLEAR ALL", "default": ""}


def urls(base: str, rule) -> list[str]:
    """The rule's URL with each hostile value in each of its variables."""
    path = rule.rule
    if not rule.arguments - set(rule.defaults or {}):
        return [base + path]
    out = []
    for value in HOSTILE + ["articles", "casualty_claims", "nq", "events_by_type_and_place"]:
        filled = path
        for arg in rule.arguments:
            filled = filled.replace(f"<path:{arg}>", value).replace(f"<{arg}>", value)
        out.append(base + filled)
    return out


def test_every_route_answers_hostile_values_with_4xx_not_500(server, seed_store):
    from server import create_app

    _, base = server
    app = create_app(seed_store)
    seen = []
    for rule in app.url_map.iter_rules():
        for url in urls(base, rule):
            for method in ("GET", "POST", "OPTIONS", "PUT"):
                resp = requests.request(method, url, params=ARGS if method != "POST" else None,
                                        data=ARGS if method == "POST" else None, timeout=60)
                seen.append((method, url[:80], resp.status_code))
    assert len(seen) > 200
    assert not [s for s in seen if s[2] >= 500]


def cmdline(pid: int) -> bytes | None:
    """A process's command line, or None if it has ended since it was listed."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return None


def test_the_token_never_shows_in_ps(server):
    proc, base = server
    family, todo = [], [proc.pid]
    while todo:
        pid = todo.pop()
        family.append(pid)
        todo += children(pid)
    assert len(family) >= 3  # the server, its workers, their executors
    lines = [line for line in map(cmdline, family) if line is not None]
    assert len(lines) >= 2  # an executor may be replaced meanwhile; the server and workers stay
    assert not [line for line in lines if TOKEN.encode() in line]
    resp = requests.post(f"{base}/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                         headers={"Content-Type": "application/sparql-update",
                                  "Authorization": "Bearer wrong"}, timeout=30)
    assert resp.status_code == 401


def test_token_on_the_command_line_is_refused(seed_store):
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(seed_store),
                          "--allow-update", "--token", "x"], capture_output=True, timeout=60,
                         check=False)
    assert res.returncode == 2 and b"KG_UPDATE_TOKEN" in res.stderr


def test_runaway_queries_cannot_fill_the_pool(server):
    from concurrent.futures import ThreadPoolExecutor

    _, base = server
    with ThreadPoolExecutor(8) as pool:
        runaways = [pool.submit(requests.post, f"{base}/sparql", data={"query": RUNAWAY},
                                timeout=120) for _ in range(8)]
        time.sleep(2)
        assert point_query(base) == 200
        answers = [f.result() for f in runaways]
    assert all(a.status_code == 503 for a in answers)
    reasons = ("timeout", "as many long queries", "executors are busy")  # the documented 503s
    assert all(any(r in a.text for r in reasons) for a in answers), [a.text for a in answers]


def executors(server_pid: int) -> list[int]:
    """The query executor processes of every worker of the server."""
    return [pid for worker in children(server_pid) for pid in children(worker)]


def test_a_query_stops_when_its_client_hangs_up(server):
    proc, base = server
    host, port = base.rsplit("//", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)))
    body = "query=" + quote(RUNAWAY)
    sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/"
                 f"x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n{body}".encode())
    time.sleep(1.5)
    running = executors(proc.pid)
    sock.close()
    deadline = time.monotonic() + 6  # inside the server's 12 s timeout
    while time.monotonic() < deadline and all(Path(f"/proc/{p}").exists() for p in running):
        time.sleep(0.2)
    assert not all(Path(f"/proc/{p}").exists() for p in running)  # its executor was killed
    assert point_query(base) == 200


def test_executors_die_with_their_worker(server):
    proc, base = server
    assert point_query(base) == 200
    worker = children(proc.pid)[0]
    mine = children(worker)
    assert mine
    os.kill(worker, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in mine):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{p}").exists() for p in mine)
    assert point_query(base) == 200

