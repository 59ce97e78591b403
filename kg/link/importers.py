"""Read Wikidata items into gazetteer candidates: JSON dumps, SPARQL results, plain TSVs.

Dumps are streamed line by line (a full dump never needs its size in memory). An item's
kind comes from its statements and English description/class label, never from a table
of class QIDs.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kg.errors import KGError
from kg.link.gazetteer import PLACE_KINDS, Candidate, Gazetteer
from kg.link.normalize import fold

IMPORT_PRIOR = 0.85
QID = re.compile(r"(Q\d+)$")
POINT = re.compile(r"point\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", re.IGNORECASE)
# (kind, words in a description or class label), first hit wins
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("person", ("human", "person", "politician", "militant leader", "commander", "journalist",
                "activist", "president", "minister", "businessman", "footballer", "actor")),
    ("political_party", ("political party",)),
    ("armed_group", ("armed", "militant", "militia", "rebel", "paramilitary", "insurgent",
                     "terrorist", "jihadist", "guerrilla", "cartel", "criminal organization")),
    ("country", ("sovereign state", "country")),
    ("facility", ("airport", "airbase", "air base", "military base", "prison", "hospital",
                  "refugee camp", "border crossing", "dam", "port")),
    ("admin1", ("governorate", "province", "state of", "federal state", "oblast", "region of")),
    ("admin2", ("district", "county", "municipality", "subdistrict")),
    ("neighbourhood", ("neighbourhood", "neighborhood", "quarter of")),
    ("city", ("city", "town", "village", "capital", "human settlement", "municipality seat")),
    ("government_body", ("government", "ministry", "army", "armed forces", "police",
                         "security forces", "intelligence agency", "parliament", "council of")),
    ("ethnic_group", ("ethnic group", "people of", "tribe")),
    ("religious_group", ("religious", "branch of islam", "religion", "sect", "church")),
    ("organization", ("organization", "organisation", "agency", "ngo", "company", "newspaper",
                      "broadcaster", "news", "institution", "union")),
)


class ImportError_(KGError):
    """A file to import is not in any format `kg gazetteer import` reads."""


def kind_from_text(text: str) -> str | None:
    """The gazetteer kind a description or class label names, if any."""
    t = f" {fold(text)} "
    for kind, words in KIND_WORDS:
        if any(f" {w} " in t for w in words):
            return kind
    return None


def claim_values(item: dict, prop: str) -> list:
    """The main-snak values of one property of a wbgetentities/dump item."""
    out = []
    for st in item.get("claims", {}).get(prop, []):
        snak = st.get("mainsnak", {})
        if snak.get("snaktype") == "value":
            out.append(snak["datavalue"]["value"])
    return out


def item_kind(item: dict, description: str) -> str | None:
    """Person if it has a birth date or sex; a place if it has coordinates; else by description."""
    if claim_values(item, "P569") or claim_values(item, "P21"):
        return "person"
    kind = kind_from_text(description)
    if claim_values(item, "P625"):
        return kind if kind in PLACE_KINDS else "city"
    return kind if kind != "city" else None


def country_code(qid: str | None, gaz: Gazetteer) -> str | None:
    """The ISO code of a country item the gazetteer knows."""
    c = gaz.get(qid) if qid else None
    return c.country if c is not None and c.kind == "country" else None


def candidate_from_entity(item: dict, gaz: Gazetteer) -> Candidate | None:
    """A Wikidata entity (dump line or wbgetentities JSON) as a candidate, if it is one we use."""
    label = item.get("labels", {}).get("en", {}).get("value")
    if not label or not QID.match(item.get("id", "")):
        return None
    description = item.get("descriptions", {}).get("en", {}).get("value", "")
    kind = item_kind(item, description)
    if kind is None:
        return None
    ids = {p: [v["id"] for v in claim_values(item, p) if isinstance(v, dict) and "id" in v]
           for p in ("P17", "P27", "P131")}
    iso = [v for v in claim_values(item, "P297") if isinstance(v, str)]
    country = iso[0] if iso else country_code(next(iter(ids["P17"] + ids["P27"]), None), gaz)
    coords = next(iter(claim_values(item, "P625")), None)
    pop = next(iter(claim_values(item, "P1082")), None)
    return Candidate(
        qid=item["id"], label=label, kind=kind, country=country,
        aliases=tuple(a["value"] for a in item.get("aliases", {}).get("en", [])),
        parent_qid=next(iter(ids["P131"]), None), description=description or None,
        lat=coords["latitude"] if coords else None, lon=coords["longitude"] if coords else None,
        population=int(float(pop["amount"])) if pop else None, prior=IMPORT_PRIOR)


def open_text(path: Path) -> IO[str]:
    """A text stream of a plain, .gz or .bz2 file."""
    if path.suffix == ".bz2":
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8")
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8", newline="")


def read_dump(path: Path, gaz: Gazetteer) -> Iterator[Candidate]:
    """Candidates from a Wikidata JSON dump: '[', one entity per line ending in ',', ']'."""
    with open_text(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip().rstrip(",")
            if line in ("", "[", "]"):
                continue
            try:
                item = json.loads(line)
            except ValueError:
                raise ImportError_(f"{path}:{n}: not a line of a Wikidata JSON dump") from None
            c = candidate_from_entity(item, gaz)
            if c is not None:
                yield c


def entity_id(value: str) -> str | None:
    """'http://www.wikidata.org/entity/Q42', '<...Q42>', 'wd:Q42' or 'Q42' -> 'Q42'."""
    m = QID.search(value.strip().strip("<>"))
    return m.group(1) if m else None


def plain(value: str | None) -> str:
    """A SPARQL TSV cell without quotes and language tag: '"Idlib"@en' -> 'Idlib'."""
    value = (value or "").strip()
    m = re.match(r'^"(.*)"(?:@[\w-]+|\^\^.*)?$', value)
    return m.group(1) if m else value


def country_of(value: str, gaz: Gazetteer) -> str | None:
    """An ISO code from a country cell: an item IRI, an ISO code or a country's name."""
    value = plain(value)
    if not value:
        return None
    qid = entity_id(value)
    if qid:
        return country_code(qid, gaz)
    if len(value) == 2 and value.isalpha():
        return value.upper()
    found = [c for c in gaz.lookup(value) if c.kind == "country"]
    return found[0].country if found else None


def candidate_from_row(row: dict[str, str], gaz: Gazetteer) -> Candidate | None:
    """One row (item, label, aliases, class, country, coordinates, parent; or qid, label, ...)."""
    row = {k.strip().lstrip("?").lower(): plain(v) for k, v in row.items() if k}
    qid = entity_id(row.get("item") or row.get("qid") or "")
    label = row.get("label") or row.get("itemlabel")
    if not qid or not label:
        return None
    point = POINT.search(row.get("coordinates") or row.get("coord") or "")
    kind = row.get("kind") or kind_from_text(row.get("class") or row.get("classlabel") or "")
    if kind is None:
        kind = "city" if point else "organization"
    aliases = [a.strip() for a in re.split(r"[|;]", row.get("aliases") or "") if a.strip()]
    return Candidate(
        qid=qid, label=label, aliases=tuple(aliases), kind=kind,
        country=country_of(row.get("country") or "", gaz),
        parent_qid=entity_id(row.get("parent") or ""), description=row.get("description") or None,
        lon=float(point.group(1)) if point else None, lat=float(point.group(2)) if point else None,
        population=int(float(row["population"])) if row.get("population") else None,
        prior=IMPORT_PRIOR)


def read_sparql_json(path: Path, gaz: Gazetteer) -> Iterator[Candidate]:
    """Candidates from a SPARQL 1.1 JSON results file."""
    with open_text(path) as f:
        data = json.load(f)
    for binding in data.get("results", {}).get("bindings", []):
        c = candidate_from_row({k: v.get("value", "") for k, v in binding.items()}, gaz)
        if c is not None:
            yield c


def read_table(path: Path, gaz: Gazetteer) -> Iterator[Candidate]:
    """Candidates from a CSV/TSV with a header, or a headerless TSV of qid, label, aliases."""
    with open_text(path) as f:
        sample = f.readline()
        delimiter = "\t" if "\t" in sample else ","
        cells = next(csv.reader([sample], delimiter=delimiter), [""])
        header = None if entity_id(plain(cells[0])) else [c.strip().lstrip("?").lower() for c in cells]
        if header is None:
            header = ["qid", "label", "aliases", "kind", "country", "description"]
            f = _chain(sample, f)
        quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
        for row in csv.reader(f, delimiter=delimiter, quoting=quoting):
            if row:
                c = candidate_from_row(dict(zip(header, row)), gaz)
                if c is not None:
                    yield c


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def read_any(path: Path, gaz: Gazetteer) -> Iterator[Candidate]:
    """Candidates from a dump, a SPARQL result (JSON/CSV/TSV) or a plain TSV, by content."""
    path = Path(path)
    if not path.is_file():
        raise ImportError_(f"{path}: no such file")
    with open_text(path) as f:
        head = f.read(4096).lstrip()
    if head.startswith(("[", '{"type"', '{"id"')):
        return read_dump(path, gaz)
    if head.startswith("{"):
        return read_sparql_json(path, gaz)
    return read_table(path, gaz)
