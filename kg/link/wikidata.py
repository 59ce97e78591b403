"""Wikidata's live API (wbsearchentities, wbgetentities), opt-in, cached on disk, rate-limited.

Items found are turned into gazetteer candidates (kind from their statements and
description, country and parent from P17/P131) and kept in the user gazetteer, so the
next offline run knows them. Base URL: $KG_WIKIDATA_API, else Wikidata's own.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg import __version__
from kg.errors import KGError
from kg.extract.classes import top_class
from kg.link.candidates import KINDS_OF
from kg.link.gazetteer import Candidate, Gazetteer, load_gazetteer
from kg.link.importers import candidate_from_entity
from kg.link.places import article_context
from kg.link.resolve import NO_TEXT, Reading, resolve
from kg.link.user_items import add_user_items
from kg.model import Entity

DEFAULT_API = "https://www.wikidata.org/w/api.php"
USER_AGENT = (f"kg/{__version__} (news knowledge graph; "
              "https://w3id.org/newskg; linking named entities to Wikidata)")
SEARCH_LIMIT = 7


class WikidataError(KGError):
    """Wikidata's API could not be reached or answered something unexpected."""


def cache_dir() -> Path:
    """Where API answers are cached: $KG_CACHE, else ~/.cache/kg/wikidata."""
    base = os.environ.get("KG_CACHE") or Path(os.environ.get("XDG_CACHE_HOME")
                                              or Path.home() / ".cache") / "kg"
    return Path(base) / "wikidata"


class Client:
    """A polite Wikidata API client: descriptive User-Agent, rate limit, on-disk cache."""

    def __init__(self, api: str | None = None, cache: Path | None = None,
                 min_interval: float = 1.0, timeout: float = 20.0) -> None:
        self.api = api or os.environ.get("KG_WIKIDATA_API") or DEFAULT_API
        self.cache = Path(cache or cache_dir())
        self.min_interval = min_interval
        self.timeout = timeout
        self._last = 0.0
        self.requests = 0

    def call(self, params: dict[str, str]) -> dict:
        """One API call (JSON), answered from the cache when asked before."""
        params = {**params, "format": "json"}
        query = urllib.parse.urlencode(sorted(params.items()))
        path = self.cache / (hashlib.sha256(f"{self.api}?{query}".encode()).hexdigest() + ".json")
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        wait = self._last + self.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        request = urllib.request.Request(f"{self.api}?{query}", headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                body = resp.read()
        except (urllib.error.URLError, OSError) as err:
            raise WikidataError(f"{self.api}: {err}") from None
        finally:
            self._last = time.monotonic()
            self.requests += 1
        data = json.loads(body)
        if "error" in data:
            raise WikidataError(f"{self.api}: {data['error'].get('info', data['error'])}")
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(body)
        os.replace(tmp, path)
        return data

    def search(self, name: str) -> list[str]:
        """QIDs whose label or alias matches a name (wbsearchentities)."""
        data = self.call({"action": "wbsearchentities", "search": name, "language": "en",
                          "uselang": "en", "type": "item", "limit": str(SEARCH_LIMIT)})
        return [hit["id"] for hit in data.get("search", [])]

    def entities(self, qids: list[str]) -> list[dict]:
        """Full items (labels, aliases, descriptions, claims) for up to 50 QIDs (wbgetentities)."""
        if not qids:
            return []
        data = self.call({"action": "wbgetentities", "ids": "|".join(qids[:50]),
                          "props": "labels|aliases|descriptions|claims", "languages": "en"})
        return [e for e in data.get("entities", {}).values() if "missing" not in e]


def fetch(name: str, client: Client, gaz: Gazetteer) -> list[Candidate]:
    """Candidates for a name from the live API."""
    found = []
    for item in client.entities(client.search(name)):
        c = candidate_from_entity(item, gaz)
        if c is not None:
            found.append(c)
    return found


def learn_unknown(entities: tuple[Entity, ...], gaz: Gazetteer, client: Client | None = None,
                  reading: Reading = NO_TEXT) -> Gazetteer:
    """Ask the API about entities the gazetteer cannot link; keep what it finds; reload.

    A person found online is kept only if a country the article names is theirs: a
    namesake elsewhere must not become a private person's link.
    """
    client = client or Client()
    linked = resolve(entities, gaz, reading)
    countries = article_context(entities, gaz).countries
    learned: list[Candidate] = []
    for e in entities:
        if e.key in linked or e.qid or e.scoped:
            continue
        allowed = KINDS_OF[top_class(e.cls)]
        learned += [c for c in fetch(e.label, client, gaz)
                    if c.kind in allowed and gaz.get(c.qid) is None
                    and (c.kind != "person" or c.country in countries)]
    if not learned:
        return gaz
    add_user_items(learned)
    return load_gazetteer()
