"""People whose names a place word or an honorific surrounds (issue 13): a surname in 'the X
camp' stays the person the text names in full; 'Mr. X' is one of the person's names."""

from __future__ import annotations

from kg.extract.classes import top_class
from tests.test_entities_general import one, run


def test_a_surname_before_camp_is_the_person_named_in_full():
    x = run("After the Clinton camp announced that it was inviting a rival to the debate, Hillary "
            "Clinton spoke in Iowa. Clinton said the plan would cost less.")
    e = one(x, "Hillary Clinton")
    assert e.cls == "Actor" and "Clinton" in e.alt_labels


def test_a_camp_of_a_place_name_stays_a_place():
    x = run("Aid reached Kakuma camp on Monday. Kakuma has 9,000 residents.")
    assert top_class(one(x, "Kakuma").cls) == "Place"


def test_an_honorific_form_is_an_alternative_label():
    x = run("Charlie Vogel, a prominent Ohio Democrat, spoke. Mr. Vogel said the vote was close.")
    e = one(x, "Charlie Vogel")
    assert {"Vogel", "Mr. Vogel"} <= set(e.alt_labels)


def test_a_title_word_as_a_surname_stays_the_persons():
    x = run("Dana King, a city councillor, objected. \"We were not asked,\" Ms. King said.")
    e = one(x, "Dana King")
    assert e.cls == "Actor" and "Ms. King" in e.alt_labels


def test_a_demonym_before_a_title_is_no_persons_name():
    x = run("The Jordanian King said the talks would go on.")
    assert not [e for e in x.entities if e.cls == "Actor"]


def test_office_titles_of_legislatures_and_courts_are_roles():
    x = run("Senator Ann Lowry and Judge Maria Ortega met on Monday.")
    assert "senator" in " ".join(one(x, "Ann Lowry").roles).lower()
    assert "judge" in " ".join(one(x, "Maria Ortega").roles).lower()
