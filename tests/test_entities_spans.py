"""The model's own spans, kept unless a general reason says otherwise (issue 13, category 1), and
the rules that correct them with evidence; real model, sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import entities
from kg.extract.classes import top_class
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
    found = [e for e in x.entities if name == e.label or name in e.alt_labels]
    assert len(found) == 1, (name, [(e.label, e.cls, e.alt_labels) for e in x.entities])
    return found[0]


RESULTS = (
    "ATHLETICS - OSLO MEETING RESULTS\n"
    "Results of the women's 400 metres at the Oslo meeting on Saturday:\n"
    "1. Marta Kowalczyk (Poland) 50.12 seconds\n"
    "2. Ingrid Solberg (Norway) 50.40\n"
    "3. Abena Mensah (Ghana) 50.77\n"
)


def test_names_in_a_results_table_are_kept():
    x = run(RESULTS)
    for person in ("Marta Kowalczyk", "Ingrid Solberg", "Abena Mensah"):
        assert one(x, person).cls == "Actor"
    for country in ("Poland", "Norway", "Ghana"):
        assert one(x, country).cls == "Country"


def test_a_section_label_before_a_headline_is_no_dateline_place():
    assert "ATHLETICS" not in names(run(RESULTS))
    x = run("DUBAI - Iran said on Monday it would send a delegation to the talks.")
    assert top_class(one(x, "DUBAI").cls) == "Place"


def test_common_words_of_a_title_case_headline_are_dropped():
    x = run(
        "Militia Shelling Kills Nine Villagers In Kasai Countryside\n"
        "Militia shelling killed nine villagers in the Kasai countryside on Monday, officials said."
    )
    assert not any("Shelling" in n or "Countryside" in n for n in names(x))
    assert top_class(one(x, "Kasai").cls) == "Place"


def test_abbreviated_countries_with_full_stops():
    x = run("Officials in the U.S. and the U.K. condemned the attack on Tuesday.")
    assert one(x, "U.S.").cls == "Country"
    assert one(x, "U.K.").cls == "Country"


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "The Union of Medical Care and Relief Organizations said three clinics were hit.",
            "Union of Medical Care and Relief Organizations",
        ),
        (
            "The Committee to Protect Journalists condemned the arrest of two reporters.",
            "Committee to Protect Journalists",
        ),
        (
            "The Office for the Coordination of Humanitarian Affairs said aid was blocked.",
            "Office for the Coordination of Humanitarian Affairs",
        ),
    ],
)
def test_function_words_inside_a_name_are_the_name(text, name):
    assert top_class(one(run(text), name).cls) == "Faction"


def test_a_known_name_inside_a_longer_name_the_model_read_is_the_longer_name():
    x = run(
        "The United Nations Office on Drugs and Crime said seizures rose, and the Kenya Police "
        "Service said it would help. Lawmakers later flew to Mexico City."
    )
    assert top_class(one(x, "United Nations Office on Drugs and Crime").cls) == "Faction"
    assert one(x, "Kenya Police Service").cls == "StateForce"
    assert top_class(one(x, "Mexico City").cls) == "Place"
    assert "United Nations" not in names(x) and "Kenya" not in names(x)


def test_a_known_name_beside_another_name_stays_apart():
    x = run(
        "Turkeys Anadolu Agency said fighters entered Syrias Idlib province. TRT World and "
        "Agencies reported the strike."
    )
    assert one(x, "Turkeys").label == "Turkey"
    assert one(x, "Anadolu Agency").cls == "MediaOutlet"
    assert top_class(one(x, "Idlib").cls) == "Place"
    assert one(x, "TRT World").cls == "MediaOutlet"


def test_a_place_in_another_place_is_two_names():
    x = run("Two militants were killed in an encounter at Kadiro in Baraka District on Monday.")
    assert "Kadiro in Baraka District" not in names(x)
    assert top_class(one(x, "Baraka").cls) == "Place"


def test_codes_and_weapon_models_are_no_names_but_a_coded_group_is():
    x = run(
        "Police seized three AK-47 rifles and a list of codes (NGA40411) from the house. "
        "M23 rebels pushed toward Sake on Monday."
    )
    assert not {"AK-47", "NGA40411"} & names(x)
    assert top_class(one(x, "M23").cls) == "Faction"


def test_known_as_names_a_group_over_the_models_person():
    x = run(
        "The attack was repelled by militias known as Kadiwala, who have fought the army since "
        "2021."
    )
    assert top_class(one(x, "Kadiwala").cls) == "Faction"


def test_a_place_plural_is_no_persons_surname():
    x = run("The sprinter Lena Miles won the race in Lisbon on Sunday.")
    assert one(x, "Lena Miles").cls == "Actor"


def test_a_known_place_opening_a_longer_untagged_name_is_no_place():
    x = run("Shares slid on Wall Street on Friday while traders in Bath Road offices waited.")
    assert not names(x) & {"Wall", "Bath"}, names(x)


@pytest.mark.parametrize(
    "text, name, cls",
    [
        ("The Turkish foreign ministry said on Tuesday that talks would resume.",
         "Turkish foreign ministry", "GovernmentBody"),
        ("The Kenyan health ministry said the clinics had reopened.",
         "Kenyan health ministry", "GovernmentBody"),
        ("Iranian state media reported that the convoy had reached the border.",
         "Iranian state media", "MediaOutlet"),
    ],
)
def test_a_body_named_in_lower_case_after_a_demonym(text, name, cls):
    assert one(run(text), name).cls == cls
