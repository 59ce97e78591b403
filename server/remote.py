"""A remote SPARQL 1.1 endpoint standing in for the embedded store (`kg serve --remote URL`).

`RemoteStore` answers the part of pyoxigraph's `Store` that kg's read paths use (`query`,
`quads_for_pattern`, `named_graphs`, `contains_named_graph`) through the SPARQL 1.1 Protocol,
so every page, saved query and /sparql runs unchanged, in the same executor processes, under
the same timeout, row cap and memory cap. Queries go out as text: kg's prefixes and the base
IRI as prologue lines, term substitutions as a VALUES block opening the query's WHERE group
(the same join the engine's own substitution makes), the dataset as `default-graph-uri` /
`named-graph-uri`. Results come back as SPARQL JSON (parsed by pyoxigraph) or N-Triples.

The executors talk to the remote store, so they cannot be sealed off the network; what the
seal guards against, the engine calling a SERVICE it was given, is still refused first by
server/guard.py (the allow-list check runs on every query before it is sent), and no user
query runs in pyoxigraph here except over a local copy (kg.sparql.merged).
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
)

from kg import __version__
from kg.errors import KGError, StoreError
from kg.sparql_text import where_brace

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
POSITION = re.compile(r"error at (\d+):(\d+)")
TIMEOUT_PARAMS = {"virtuoso": ("timeout", 1000, ""), "qlever": ("timeout", 1, "s")}


def is_remote(location: str) -> bool:
    """Whether a store location is a SPARQL endpoint's URL rather than a directory."""
    return location.startswith(("http://", "https://"))


def configure(config: dict, url: str, kind: str) -> None:
    """Point the app and its query executors (through the environment) at a remote endpoint."""
    if not is_remote(url):
        raise KGError(f"--remote: not an http(s) URL: {url!r}")
    config.update(REMOTE=url, REMOTE_KIND=kind, STORE_DIR=url)
    os.environ.update(KG_REMOTE_STORE=url, KG_REMOTE_TIMEOUT=str(config["QUERY_TIMEOUT"]),
                      KG_REMOTE_KIND=kind)


def with_values(text: str, substitutions: dict | None) -> str:
    """The query with its substituted variables bound by a VALUES block opening its WHERE group."""
    if not substitutions:
        return text
    at = where_brace(text)
    if at is None:
        raise SyntaxError("cannot find the query's WHERE group to bind its parameters in")
    names = " ".join(f"?{v.value}" for v in substitutions)
    terms = " ".join(str(t) for t in substitutions.values())
    return f"{text[:at]} VALUES ({names}) {{ ({terms}) }} {text[at:]}"


def unwrapped(message: str) -> str:
    """A remote error message without the status line or the prefix kg adds again."""
    for head in ("400 Bad Request: ", "Bad Request: ", "SPARQL syntax error: "):
        message = message.removeprefix(head)
    return message


def prologue(base: str | None, prefixes: dict | None) -> str:
    """BASE and PREFIX lines for the text sent."""
    lines = [f"BASE <{base}>"] if base else []
    lines += [f"PREFIX {p}: <{iri}>" for p, iri in (prefixes or {}).items()]
    return "\n".join(lines) + "\n"


class RemoteStore:
    """The read part of pyoxigraph's Store, answered by a SPARQL 1.1 endpoint."""

    def __init__(self, url: str, timeout: float = 30.0, kind: str = "sparql") -> None:
        self.url, self.timeout, self.kind = url, timeout, kind

    def query(self, text: str, prefixes: dict | None = None, base_iri: str | None = None,
              substitutions: dict | None = None, default_graph=None, named_graphs=None):
        """Run a query remotely; pyoxigraph's result types (solutions, boolean or triples)."""
        if default_graph is not None and any(isinstance(g, DefaultGraph) for g in default_graph):
            raise StoreError("a merged default graph cannot be sent to a remote store")
        head = prologue(base_iri, prefixes)
        params = [("query", head + with_values(text, substitutions))]
        params += [("default-graph-uri", g.value) for g in default_graph or []]
        params += [("named-graph-uri", g.value) for g in named_graphs or []]
        media, body = self._post(params, head.count("\n"))
        if "n-triples" in media or "plain" in media:
            local = Store()
            local.extend(parse(body, format=RdfFormat.N_TRIPLES))
            return local.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return parse_query_results(body, format=QueryResultsFormat.JSON)

    def _post(self, params: list[tuple[str, str]], shift: int = 0) -> tuple[str, bytes]:
        if self.kind in TIMEOUT_PARAMS:  # the remote store's own limit, where it takes one
            name, scale, unit = TIMEOUT_PARAMS[self.kind]
            params = [*params, (name, f"{int(self.timeout * scale)}{unit}")]
        data = urllib.parse.urlencode(params).encode()
        req = urllib.request.Request(self.url, data=data, headers={
            "Accept": ACCEPT, "User-Agent": f"kg/{__version__} (kg serve --remote)",
            "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout + 5) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as err:
            message = err.read(2000).decode("utf-8", "replace").strip()
            if err.code == 400:  # positions as in the text given, not the text sent
                raise SyntaxError(POSITION.sub(lambda m: f"error at {int(m.group(1)) - shift}:"
                                               f"{m.group(2)}", unwrapped(message))) from None
            raise StoreError(f"the remote store answered HTTP {err.code}: {message[:200]}") from None
        except (urllib.error.URLError, OSError) as err:
            raise StoreError(f"the remote store at {self.url} cannot be reached ({err})") from None

    def _select(self, text: str) -> Iterator:
        return iter(self.query(text))

    def quads_for_pattern(self, subject=None, predicate=None, obj=None, graph=None) -> list[Quad]:
        """The quads matching a pattern (None: any); graph None is every graph, default included."""
        s, p, o = (str(t) if t is not None else v for t, v in
                   ((subject, "?s"), (predicate, "?p"), (obj, "?o")))
        triple = f"{s} {p} {o}"
        if isinstance(graph, DefaultGraph):
            where = f"{{ {triple} }}"
        elif graph is not None:
            where = f"{{ GRAPH {graph} {{ {triple} }} }}"
        else:
            where = f"{{ {{ {triple} }} UNION {{ GRAPH ?g {{ {triple} }} }} }}"
        out = []
        for row in self._select(f"SELECT * WHERE {where}"):
            g = graph if graph is not None else row["g"] or DefaultGraph()
            out.append(Quad(subject or row["s"], predicate or row["p"], obj or row["o"], g))
        return out

    def named_graphs(self) -> list[NamedNode]:
        """Every named graph of the remote dataset."""
        return [row["g"] for row in self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")]

    def contains_named_graph(self, graph: NamedNode) -> bool:
        """Whether the remote dataset has this named graph."""
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ }} }}"))


class RemoteHandle:
    """What server.state.StoreHandle is for a directory: here always the same remote store."""

    def __init__(self, url: str, timeout: float = 30.0, kind: str = "sparql") -> None:
        self.store = RemoteStore(url, timeout, kind)

    def get(self) -> RemoteStore:
        """The store to read now."""
        return self.store

