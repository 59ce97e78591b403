"""`kg gazetteer import`: Wikidata JSON dumps (bz2, gz, plain), SPARQL results, plain TSVs."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.link.gazetteer import load_gazetteer
from kg.link.importers import read_any
from kg.link.user_items import read_user_items

# Items as Wikidata's JSON dump holds them (trimmed to the parts the importer reads);
# QIDs and facts from ../shared/data/wikidata/wof_places.tsv.
AIRPORT = {
    "type": "item", "id": "Q1432529",
    "labels": {"en": {"language": "en", "value": "Qamishli Airport"}},
    "aliases": {"en": [{"language": "en", "value": "Kamishly Airport"}]},
    "descriptions": {"en": {"language": "en", "value": "airport in Syria"}},
    "claims": {
        "P17": [{"mainsnak": {"snaktype": "value", "property": "P17", "datatype": "wikibase-item",
                              "datavalue": {"value": {"entity-type": "item", "numeric-id": 858,
                                                      "id": "Q858"}, "type": "wikibase-entityid"}},
                 "type": "statement", "rank": "normal"}],
        "P625": [{"mainsnak": {"snaktype": "value", "property": "P625",
                               "datatype": "globe-coordinate",
                               "datavalue": {"value": {"latitude": 37.020556,
                                                       "longitude": 41.191389, "altitude": None,
                                                       "precision": 0.0001,
                                                       "globe": "http://www.wikidata.org/entity/Q2"},
                                             "type": "globecoordinate"}},
                  "type": "statement", "rank": "normal"}]},
    "sitelinks": {},
}
NOT_USED = {"type": "item", "id": "Q6819626", "labels": {}, "descriptions": {}, "claims": {}}


def write_dump(path: Path, opener) -> Path:
    """A file in the dump's own layout: '[', one entity per line ending with ',', ']'."""
    lines = ["[", json.dumps(AIRPORT) + ",", json.dumps(NOT_USED), "]"]
    with opener(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("name, opener", [("dump.json.bz2", bz2.open), ("dump.json.gz", gzip.open),
                                          ("dump.json", open)])
def test_dump(tmp_path, name, opener):
    items = list(read_any(write_dump(tmp_path / name, opener), load_gazetteer(tmp_path / "g")))
    assert len(items) == 1
    c = items[0]
    assert (c.qid, c.label, c.aliases, c.kind, c.country) == (
        "Q1432529", "Qamishli Airport", ("Kamishly Airport",), "facility", "SY")
    assert (round(c.lat, 2), round(c.lon, 2)) == (37.02, 41.19)


SPARQL_JSON = {"head": {"vars": ["item", "label", "aliases", "class", "country", "coordinates",
                                 "parent"]},
               "results": {"bindings": [{
                   "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1432529"},
                   "label": {"type": "literal", "xml:lang": "en", "value": "Qamishli Airport"},
                   "aliases": {"type": "literal", "value": "Kamishly Airport|KAC"},
                   "class": {"type": "literal", "value": "airport"},
                   "country": {"type": "uri", "value": "http://www.wikidata.org/entity/Q858"},
                   "coordinates": {"type": "literal", "value": "Point(41.191389 37.020556)",
                                   "datatype": "http://www.opengis.net/ont/geosparql#wktLiteral"},
                   "parent": {"type": "uri", "value": "http://www.wikidata.org/entity/Q233914"}}]}}
CSV = ("item,label,aliases,class,country,coordinates,parent\n"
       "http://www.wikidata.org/entity/Q1432529,Qamishli Airport,Kamishly Airport|KAC,airport,"
       "http://www.wikidata.org/entity/Q858,Point(41.191389 37.020556),"
       "http://www.wikidata.org/entity/Q233914\n")
TSV = ("?item\t?label\t?aliases\t?class\t?country\t?coordinates\t?parent\n"
       "<http://www.wikidata.org/entity/Q1432529>\t\"Qamishli Airport\"@en\t\"Kamishly Airport\"\t"
       "\"airport\"@en\t<http://www.wikidata.org/entity/Q858>\t"
       "\"Point(41.191389 37.020556)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>\t"
       "<http://www.wikidata.org/entity/Q233914>\n")


@pytest.mark.parametrize("name, text", [("r.json", json.dumps(SPARQL_JSON)), ("r.csv", CSV),
                                        ("r.tsv", TSV)])
def test_sparql_results(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [c] = read_any(path, load_gazetteer(tmp_path / "g"))
    assert (c.qid, c.label, c.kind, c.country, c.parent_qid) == (
        "Q1432529", "Qamishli Airport", "facility", "SY", "Q233914")
    assert "Kamishly Airport" in c.aliases and round(c.lon, 2) == 41.19


def test_plain_tsv_without_header(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text("Q1432529\tQamishli Airport\tKamishly Airport\tfacility\tSY\n", encoding="utf-8")
    [c] = read_any(path, load_gazetteer(tmp_path / "g"))
    assert (c.qid, c.kind, c.country, c.aliases) == ("Q1432529", "facility", "SY",
                                                     ("Kamishly Airport",))


def test_cli_import_goes_to_the_user_gazetteer(tmp_path):
    dump = write_dump(tmp_path / "d.json.bz2", bz2.open)
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(dump), "--dir", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert [c.qid for c in read_user_items(tmp_path / "g")] == ["Q1432529"]
    assert load_gazetteer(tmp_path / "g").lookup("Kamishly Airport")[0].qid == "Q1432529"


def test_cli_rejects_what_it_cannot_read(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[\n{not json},\n]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(bad), "--dir", str(tmp_path)])
    assert result.exit_code != 0 and "bad.json:2" in result.output
