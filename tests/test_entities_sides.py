"""Sports sides named for places are organisations, counts and scores are no part of a name
(issue 13, category 1); real model, sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import entities
from kg.extract.classes import top_class
from kg.extract.entity_data import fold
from kg.model import Entity, Extraction
from kg.nlp import get_nlp
from kg.read import from_text


def run(text: str) -> Extraction:
    """Entities read from a small text."""
    article = from_text(text, "test.txt", "test.txt")
    return entities.extract(get_nlp()(article.text), Extraction(article=article))


def names(x: Extraction) -> set[str]:
    return {n for e in x.entities for n in (e.label, *e.alt_labels)}


def one(x: Extraction, name: str) -> Entity:
    """The single entity a name belongs to."""
    found = [e for e in x.entities if fold(name) in {fold(n) for n in (e.label, *e.alt_labels)}]
    assert len(found) == 1, (name, [(e.label, e.cls, e.alt_labels) for e in x.entities])
    return found[0]


SCOREBOARD = (
    "CRICKET - COUNTY SCORES ON FRIDAY\n"
    "EXETER 2026-07-17\n"
    "Close of play scores in the four-day county matches on Friday:\n"
    "At Exeter: Devon 287 (Tom Pascoe 91, Harry Trelawny 58; Owen Pryce 4-61) v Cumbria.\n"
    "At Truro: Cornwall 164 and 98-4 (Sam Penrose 40 not out). Norfolk 301.\n"
    "Devon beat Norfolk by six wickets last week, and Cornwall drew with Cumbria.\n"
)


@pytest.fixture(scope="module")
def scoreboard() -> Extraction:
    return run(SCOREBOARD)


def test_counts_and_scores_are_no_part_of_a_name(scoreboard):
    found = names(scoreboard)
    assert {"Tom Pascoe", "Harry Trelawny"} <= found
    assert not any(any(c.isdigit() for c in n) for n in found), found


@pytest.mark.parametrize("side", ["Devon", "Cumbria", "Cornwall", "Norfolk"])
def test_a_side_named_for_its_county_is_an_organisation(scoreboard, side):
    assert top_class(one(scoreboard, side).cls) == "Faction"


def test_the_ground_a_match_is_played_at_stays_a_place(scoreboard):
    assert top_class(one(scoreboard, "Exeter").cls) == "Place"


def test_a_standings_table_and_a_club_name():
    x = run(
        "SOCCER - NORTHERN LEAGUE TABLE\n"
        "Standings after Saturday's matches (played, won, drawn, lost, points):\n"
        "Perth 5 4 1 0 13\n"
        "Brisbane 5 3 1 1 10\n"
        "Hobart 5 0 0 5 0\n"
        "Hobart lost 3-0 to Perth, whose striker Liam Costa scored twice.\n"
    )
    for side in ("Perth", "Brisbane", "Hobart"):
        assert top_class(one(x, side).cls) == "Faction", side
    assert one(x, "Liam Costa").cls == "Actor"


def test_a_club_name_is_a_side():
    x = run("SOCCER - Leeds United beat Norwich 2-1 on Saturday.\nLeeds United beat Norwich 2-1 in "
            "the soccer league on Saturday.")
    for side in ("Leeds United", "Norwich"):
        assert top_class(one(x, side).cls) == "Faction", side
    assert "SOCCER" not in names(x)


def test_a_countrys_side_stays_the_country():
    x = run("RUGBY - Ireland beat France 31-17 in Dublin on Saturday, with Wales to play Italy.")
    for country in ("Ireland", "France", "Italy"):
        assert one(x, country).cls == "Country", country
    assert top_class(one(x, "Wales").cls) == "Place"


def test_places_before_numbers_outside_sport_stay_places():
    x = run(
        "Officials gave the toll by district on Monday: Devon 12 and Cornwall 3 dead after the "
        "floods, and Norfolk beat its own rainfall record."
    )
    for place in ("Devon", "Cornwall", "Norfolk"):
        assert top_class(one(x, place).cls) == "Place", place


def test_one_digit_may_end_an_organisations_name():
    x = run("The broadcaster Channel 4 said on Monday that it would air the debate.")
    assert "Channel 4" in names(x)
