"""Online linking against a local server speaking Wikidata's API (wbsearchentities, wbgetentities).

The fake answers in the shapes https://www.wikidata.org/w/api.php gives: a search hit has id,
title, pageid, repository, url, concepturi, label, description, display and match; an entity has
pageid, ns, title, lastrevid, modified, type, id and the requested props; an unknown id comes back
as {"id": ..., "missing": ""}; a bad action as {"error": {"code", "info"}}.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from test_gazetteer_import import AIRPORT

from kg.link import link, link_entities
from kg.link.gazetteer import Candidate, Gazetteer, _bundled, build_index, load_gazetteer
from kg.link.user_items import read_user_items
from kg.link.wikidata import Client, WikidataError, learn_unknown
from kg.model import Article, Entity, Extraction, Span


def claim(prop: str, qid: str) -> dict:
    """One item-valued statement as Wikidata writes it."""
    return {"mainsnak": {"snaktype": "value", "property": prop, "datatype": "wikibase-item",
                         "datavalue": {"value": {"entity-type": "item", "id": qid,
                                                 "numeric-id": int(qid[1:])},
                                       "type": "wikibase-entityid"}},
            "type": "statement", "rank": "normal"}


# A member of the Knesset (QID and country from ../shared/data/wikidata); the statements a
# person's item has: instance of human, citizenship, date of birth.
PERSON = {
    "type": "item", "id": "Q12181439",
    "labels": {"en": {"language": "en", "value": "Ayman Odeh"}},
    "aliases": {},
    "descriptions": {"en": {"language": "en", "value": "Israeli politician"}},
    "claims": {"P31": [claim("P31", "Q5")], "P27": [claim("P27", "Q801")],
               "P569": [{"mainsnak": {"snaktype": "value", "property": "P569", "datatype": "time",
                                      "datavalue": {"value": {
                                          "time": "+1975-01-01T00:00:00Z", "timezone": 0,
                                          "before": 0, "after": 0, "precision": 9,
                                          "calendarmodel": "http://www.wikidata.org/entity/Q1985727"},
                                          "type": "time"}},
                         "type": "statement", "rank": "normal"}]},
}
ITEMS = {"Q1432529": AIRPORT, "Q12181439": PERSON}


def entity_answer(item: dict, n: int) -> dict:
    """An item as wbgetentities returns it (page fields first)."""
    return {"pageid": 1000 + n, "ns": 0, "title": item["id"], "lastrevid": 2000000000 + n,
            "modified": "2025-01-01T00:00:00Z", **item}


def search_hit(item: dict, n: int, text: str) -> dict:
    """A wbsearchentities hit for an item whose English label or alias matched `text`."""
    label = item["labels"]["en"]["value"]
    desc = item["descriptions"]["en"]["value"]
    aliases = [a["value"] for a in item.get("aliases", {}).get("en", [])]
    kind = "label" if text.lower() in label.lower() else "alias"
    return {"id": item["id"], "title": item["id"], "pageid": 1000 + n, "repository": "wikidata",
            "url": f"//www.wikidata.org/wiki/{item['id']}",
            "concepturi": f"http://www.wikidata.org/entity/{item['id']}",
            "label": label, "description": desc, "aliases": aliases,
            "display": {"label": {"value": label, "language": "en"},
                        "description": {"value": desc, "language": "en"}},
            "match": {"type": kind, "language": "en", "text": text}}


def found(text: str) -> list[dict]:
    """The hits for a search: items whose English label or an alias starts with the text."""
    out = []
    for n, item in enumerate(ITEMS.values()):
        names = [item["labels"]["en"]["value"], *(a["value"] for a in
                                                  item.get("aliases", {}).get("en", []))]
        if any(name.lower().startswith(text.lower()) for name in names):
            out.append(search_hit(item, n, text))
    return out


class FakeWikidata(BaseHTTPRequestHandler):
    """Answers like https://www.wikidata.org/w/api.php for the items it knows."""

    seen: ClassVar[list[tuple[dict, str]]] = []

    def do_GET(self) -> None:
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        self.seen.append((params, self.headers.get("User-Agent", "")))
        if params.get("action") == "wbsearchentities" and params.get("type") == "item":
            hits = found(params["search"])
            body = {"searchinfo": {"search": params["search"]}, "search": hits,
                    "search-continue": len(hits), "success": 1}
        elif params.get("action") == "wbgetentities" and params.get("ids"):
            ids = params["ids"].split("|")
            body = {"entities": {q: entity_answer(ITEMS[q], n) if q in ITEMS
                                 else {"id": q, "missing": ""} for n, q in enumerate(ids)},
                    "success": 1}
        else:
            body = {"error": {"code": "badvalue",
                              "info": "Unrecognized value for parameter \"action\"."},
                    "servedby": "mw-api-ext"}
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


def test_client_speaks_the_api_and_caches(api, tmp_path):
    client = Client(api=api, cache=tmp_path / "c", min_interval=0)
    assert client.search("Kamishly Airport") == ["Q1432529"]
    assert client.search("Kamishly Airport") == ["Q1432529"]
    assert client.requests == 1 and len(FakeWikidata.seen) == 1
    params, agent = FakeWikidata.seen[0]
    assert (params["action"], params["type"], params["language"], params["format"]) == (
        "wbsearchentities", "item", "en", "json")
    assert agent.startswith("kg/") and "news knowledge graph" in agent
    [item] = client.entities(["Q1432529", "Q0"])  # no item is Q0: missing, left out
    assert item["id"] == "Q1432529" and item["labels"]["en"]["value"] == "Qamishli Airport"
    params = FakeWikidata.seen[-1][0]
    assert params["ids"] == "Q1432529|Q0" and "claims" in params["props"].split("|")
    assert Client(api=api, cache=tmp_path / "c").search("Kamishly Airport") == ["Q1432529"]
    assert len(FakeWikidata.seen) == 2  # a new client reads the same on-disk cache


def test_api_errors_are_kg_errors(api, tmp_path):
    with pytest.raises(WikidataError, match="Unrecognized value"):
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


def countries_only() -> Gazetteer:
    """A gazetteer of the bundled countries alone, so that the person is unknown offline."""
    rows = [r for r in _bundled()["items"] if r[3] == "country"]
    return Gazetteer(rows, build_index([Candidate(*r) for r in rows]), [])


def person_in(text: str) -> tuple[Entity, ...]:
    """The person and the country entity of a one-sentence article."""
    def ent(key: str, cls: str, name: str) -> Entity:
        start = text.find(name)
        return Entity(key=key, cls=cls, label=name, mentions=(Span(start, start + len(name), name),)
                      if start >= 0 else ())
    return ent("e0", "Actor", "Ayman Odeh"), ent("e1", "Country", "Israel")


def test_a_person_found_online_is_kept_only_in_their_country(api, tmp_path):
    client = Client(api=api, cache=tmp_path / "c", min_interval=0)
    learn_unknown(person_in("Ayman Odeh spoke in Paris.")[:1], countries_only(), client)
    assert read_user_items(tmp_path / "gazetteer") == []  # the article names no country of his
    learn_unknown(person_in("Ayman Odeh spoke in Israel."), countries_only(), client)
    [odeh] = read_user_items(tmp_path / "gazetteer")
    assert (odeh.qid, odeh.kind, odeh.country, odeh.description) == (
        "Q12181439", "person", "IL", "Israeli politician")
