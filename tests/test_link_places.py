"""A city or its province, as the text says; a place abroad when it is a confirmed capital.
Sentences written for these tests, read by the real model (QIDs from ../shared/data/wikidata)."""

from __future__ import annotations

import pytest
from test_link_people import read

from kg.link.people import demonym_countries


@pytest.fixture(scope="module")
def provinces():
    """A list of provinces the plural affix ends, and a bare city name in the same article."""
    return read("Air strikes hit Idlib, Hama and Aleppo provinces in Syria on Monday. Later, "
                "shells fell on Aleppo's old market, residents said.")


@pytest.mark.parametrize("name, qid", [("Idlib", "Q233218"), ("Hama", "Q232355")])
def test_a_list_of_provinces_names_the_provinces(provinces, name, qid):
    assert (provinces[name].qid, provinces[name].cls) == (qid, "AdministrativeArea")


def test_the_provinces_of_a_list():
    ents = read("Fighting spread to the provinces of Idlib and Hama in Syria, the monitor said.")
    assert ents["Idlib"].qid == "Q233218" and ents["Hama"].qid == "Q232355"


@pytest.mark.parametrize("text, name, qid", [
    ("Russian drones struck Kyiv overnight, Ukraine's air force said.", "Kyiv", "Q1899"),
    ("Russia said its air defences shot down drones over Moscow.", "Moscow", "Q649"),
    ("Shelling hit a market in Aleppo, Syria, on Tuesday.", "Aleppo", "Q41183"),
])
def test_a_bare_name_is_the_city(text, name, qid):
    e = read(text)[name]
    assert (e.qid, e.cls) == (qid, "Settlement")


def test_an_oblast_is_the_region():
    e = read("Drones hit power lines in Kyiv Oblast, Ukraine's energy ministry said.")["Kyiv Oblast"]
    assert (e.qid, e.cls) == ("Q170036", "AdministrativeArea")


def test_a_confirmed_capital_abroad_links():
    ents = read("Rebels took Goma in the Democratic Republic of Congo, diplomats in Paris said.")
    assert ents["Paris"].qid == "Q90"


def test_the_country_the_article_names_settles_a_name_shared_abroad():
    ents = read("Gunmen attacked a checkpoint near San Pedro Sula in Honduras on Friday.")
    assert ents["San Pedro Sula"].qid is not None
    assert ents["San Pedro Sula"].country == "HN"


def test_a_country_is_not_its_capital_city():
    e = read("Police in Guatemala arrested 12 gang members on Sunday.")["Guatemala"]
    assert (e.qid, e.cls) == ("Q774", "Country")  # 'Guatemala' does not name Guatemala City


def test_a_city_that_is_a_territory():
    assert read("Police in Chandigarh, India, arrested two men on Monday.")["Chandigarh"].qid \
        == "Q43433"


@pytest.mark.parametrize("text, country", [
    # no country named: the demonym tells which Tripoli
    ("Lebanese soldiers deployed in Tripoli after clashes between rival gunmen.", "LB"),
    # a country named wins over a demonym
    ("Lebanese volunteers arrived in Tripoli, Libya, to help after the floods.", "LY"),
])
def test_a_demonym_is_context_unless_a_country_is_named(text, country):
    assert read(text)["Tripoli"].country == country


def test_a_place_in_a_demonyms_country_is_not_abroad():
    ents = read("Kenyan police said gunmen who crossed from Somalia killed three teachers in "
                "Mandera on Tuesday.")
    assert ents["Mandera"].qid == "Q949915"  # the town in Kenya, though only Somalia is named


@pytest.mark.parametrize("text, countries", [
    ("South Sudanese refugees crossed the river, officials said.", {"SS"}),
    ("Sudanese and Malian officers met Burkinabe envoys.", {"SD", "ML", "BF"}),
    ("Workers polish the floors; ENGLISH TEXT IN CAPITALS.", set()),
])
def test_demonym_countries(text, countries):
    assert demonym_countries(text) == countries


def test_a_demonym_does_not_vouch_for_a_sound_alike():
    """'Palestinian' makes no town of the West Bank whose name only sounds like 'Holy City'."""
    ents = read("Palestinian worshippers said Israeli police barred them from the mosques of the "
                "Holy City on Friday.")
    assert ents["Holy City"].qid is None
