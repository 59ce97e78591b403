"""Place names the model reads as people's or cuts in two: Arabic place-name heads, an apostrophe
inside a name, a plural place name that is no lost possessive, a front line at a place."""

from __future__ import annotations

import pytest

from kg.extract.classes import top_class
from kg.model import Entity, Extraction
from tests.test_entities_general import run


def labelled(x: Extraction, label: str) -> Entity:
    """The one entity with a label."""
    found = [e for e in x.entities if e.label == label]
    assert len(found) == 1, (label, [(e.label, e.cls) for e in x.entities])
    return found[0]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Militias shelled Ras al-Khafji on Sunday, wounding four people.", "Ras al-Khafji"),
        ("Relief convoys crossed at Bab al-Salama into Aleppo province.", "Bab al-Salama"),
        ("Jets bombed Jisr al-Shughur and Ariha overnight.", "Jisr al-Shughur"),
        ("Troops shelled Tell Tamer and Deir Hafer overnight.", "Tell Tamer"),
        ("Troops shelled Tell Tamer and Deir Hafer overnight.", "Deir Hafer"),
    ],
)
def test_arabic_place_heads_make_places(text, name):
    assert top_class(labelled(run(text), name).cls) == "Place"


def test_a_person_cue_keeps_a_person():
    x = run("Ras Baraka said the city would rebuild the bridge.")
    assert labelled(x, "Ras Baraka").cls == "Actor"


def test_an_apostrophe_inside_a_name_keeps_it_whole():
    x = run("Heavy clashes broke out near Ra's al-Naqoura overnight.")
    assert top_class(labelled(x, "Ra's al-Naqoura").cls) == "Place"
    assert not [e for e in x.entities if e.label in ("Ra", "al-Naqoura")]


def test_a_plural_place_name_is_no_lost_possessive():
    x = run("A man was stabbed in Queens on Friday, police said.")
    assert top_class(labelled(x, "Queens").cls) == "Place"
    assert not [e for e in x.entities if e.label == "Queen"]


def test_a_lost_possessive_before_a_name_still_gives_the_stem():
    x = run("A car bomb hit a checkpoint in Syrias Idlib province on Monday.")
    assert labelled(x, "Syria")


def test_a_front_at_a_place_names_the_place():
    x = run("Rebels destroyed a tank on the Jabal al-Turkman front in the countryside of Latakia.")
    assert top_class(labelled(x, "Jabal al-Turkman").cls) == "Place"
    assert top_class(labelled(x, "Latakia").cls) == "Place"


@pytest.mark.parametrize(
    "text,label,cls",
    [
        ("Gunmen killed a member of the QSD near Hasakah.", "Syrian Democratic Forces", "ArmedGroup"),
        ("Unknown men shot dead a member of the Air Force Intelligence in Homs.",
         "Air Force Intelligence Directorate", "StateForce"),
    ],
)
def test_armed_bodies_by_their_other_names(text, label, cls):
    assert labelled(run(text), label).cls == cls


def test_a_possessive_keeps_a_two_word_place_whole():
    x = run("Kuwait City's port was closed after the protest on Monday.")
    assert labelled(x, "Kuwait City").cls == "Settlement"
    assert not [e for e in x.entities if e.label in ("Kuwait", "City")]


def test_a_known_two_word_place_stays_whole_in_a_headline():
    x = run("Drones hit Port Sudan naval base\n\nDrones hit a fuel depot on Sunday, the army said.")
    assert labelled(x, "Port Sudan").cls == "Settlement"
    assert not [e for e in x.entities if e.label == "Port"]
