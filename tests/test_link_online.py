"""Online linking against a local server speaking Wikidata's API (wbsearchentities, wbgetentities)."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from test_gazetteer_import import AIRPORT

from kg.link import link, link_entities
from kg.link.gazetteer import load_gazetteer
from kg.link.wikidata import Client, WikidataError, learn_unknown
from kg.model import Article, Entity, Extraction

SEARCH_HIT = {"id": "Q1432529", "title": "Q1432529", "pageid": 1375620, "display": {
    "label": {"value": "Qamishli Airport", "language": "en"},
    "description": {"value": "airport in Syria", "language": "en"}},
    "repository": "wikidata", "url": "//www.wikidata.org/wiki/Q1432529",
    "concepturi": "http://www.wikidata.org/entity/Q1432529", "label": "Qamishli Airport",
    "description": "airport in Syria", "match": {"type": "alias", "language": "en",
                                                 "text": "Kamishly Airport"},
    "aliases": ["Kamishly Airport"]}


class FakeWikidata(BaseHTTPRequestHandler):
    """Answers like https://www.wikidata.org/w/api.php for the one item it knows."""

    seen: ClassVar[list[tuple[dict, str]]] = []

    def do_GET(self) -> None:
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        self.seen.append((params, self.headers.get("User-Agent", "")))
        if params.get("action") == "wbsearchentities":
            hits = [SEARCH_HIT] if "airport" in params["search"].lower() else []
            body = {"searchinfo": {"search": params["search"]}, "search": hits, "success": 1}
        elif params.get("action") == "wbgetentities":
            body = {"entities": {q: AIRPORT if q == "Q1432529" else {"id": q, "missing": ""}
                                 for q in params["ids"].split("|")}, "success": 1}
        else:
            body = {"error": {"code": "badvalue", "info": "Unrecognized value for parameter"}}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        """Quiet."""


@pytest.fixture()
def api(tmp_path, monkeypatch):
    """The fake API's base URL; the user gazetteer and cache in a temp dir."""
    FakeWikidata.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeWikidata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("KG_GAZETTEER", str(tmp_path / "gazetteer"))
    monkeypatch.setenv("KG_CACHE", str(tmp_path / "cache"))
    yield f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    server.shutdown()
    server.server_close()


ENTITIES = (Entity(key="e0", cls="Place", label="Syria", mentions=()),
            Entity(key="e1", cls="Place", label="Kamishly Airport", mentions=()),
            Entity(key="e2", cls="Actor", label="Ayman Fares", mentions=()))


def test_client_caches_and_identifies_itself(api, tmp_path):
    client = Client(api=api, cache=tmp_path / "c", min_interval=0)
    assert client.search("Kamishly Airport") == ["Q1432529"]
    assert client.search("Kamishly Airport") == ["Q1432529"]
    assert client.requests == 1 and len(FakeWikidata.seen) == 1
    params, agent = FakeWikidata.seen[0]
    assert params["format"] == "json" and params["language"] == "en"
    assert agent.startswith("kg/") and "news knowledge graph" in agent
    assert Client(api=api, cache=tmp_path / "c").search("Kamishly Airport") == ["Q1432529"]
    assert len(FakeWikidata.seen) == 1  # a new client reads the same on-disk cache


def test_api_errors_are_kg_errors(api, tmp_path):
    with pytest.raises(WikidataError):
        Client(api=api, cache=tmp_path / "c", min_interval=0).call({"action": "nonsense"})


def test_learned_items_link_and_stay_offline(api, tmp_path):
    client = Client(api=api, cache=tmp_path / "c", min_interval=0)
    gaz = learn_unknown(ENTITIES, load_gazetteer(), client)
    linked, quads = link_entities(ENTITIES, gaz)
    airport = linked[1]
    assert (airport.qid, airport.cls, airport.country) == ("Q1432529", "Facility", "SY")
    assert linked[2].qid is None  # nobody by that name
    assert quads
    asked = len(FakeWikidata.seen)
    offline = load_gazetteer()  # the next offline run knows the airport
    assert link_entities(ENTITIES, offline)[0][1].qid == "Q1432529"
    learn_unknown(ENTITIES, offline, Client(api=api, cache=tmp_path / "other", min_interval=0))
    assert len(FakeWikidata.seen) == asked + 1  # only the person is still unknown


def test_link_online_flag(api, monkeypatch):
    monkeypatch.setenv("KG_WIKIDATA_API", api)
    x = Extraction(article=Article(text="", source="t", key="t"), entities=ENTITIES)
    assert link(x)[0].entities[1].qid is None
    assert link(x, online=True)[0].entities[1].qid == "Q1432529"
    assert all(agent.startswith("kg/") for _, agent in FakeWikidata.seen)
