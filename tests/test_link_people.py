"""People and organisations link only in context: sentences written for these tests, read by the
real model and linked against the bundled gazetteer (QIDs from ../shared/data/wikidata)."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.link import link
from kg.model import Article, Entity
from kg.nlp import get_nlp


def read(text: str) -> dict[str, Entity]:
    """The linked entities of a one-paragraph article, by every name they go by."""
    x, _ = link(extract(get_nlp()(text), Article(text=text, source="t", key=f"/t/{hash(text)}")))
    return {n: e for e in x.entities for n in (e.label, *e.alt_labels)}


@pytest.mark.parametrize("text, name, qid", [
    ("Israeli lawmaker Ayman Odeh said on Sunday that the bill would fail in the Knesset.",
     "Ayman Odeh", "Q12181439"),
    ("Russian President Vladimir Putin met his security council in Moscow on Monday.",
     "Vladimir Putin", "Q7747"),
    ("German Chancellor Angela Merkel flew to Paris for talks on the budget.",
     "Angela Merkel", "Q567"),
    (("Syria's Prime Minister Mohammed al-Bashir said the caretaker government would serve "
     "until March."), "Mohammed al-Bashir", "Q131377413"),
    ("In Dublin, Irish lawmaker Paul Murphy said rail workers were watching the dispute.",
     "Paul Murphy", "Q616919"),  # a namesake sits in the House of Commons: the country decides
    ("Britain's Paul Murphy, a Labour MP, said the strike could last a month.",
     "Paul Murphy", "Q333828"),
    ("The Washington Post reported that two coalition partners were still negotiating.",
     "The Washington Post", "Q166032"),
    ("Figures from the Office for National Statistics showed that wages in Britain fell.",
     "Office for National Statistics", "Q1334971"),
    ("The Weekly Observer said the governor of Texas in the United States had resigned.",
     "Weekly Observer", "Q2415167"),  # a paper named by masthead words: where its country is
])
def test_people_and_bodies_link_in_context(text, name, qid):
    assert read(text)[name].qid == qid


@pytest.mark.parametrize("text, name", [
    ("A shopkeeper, John Smith, said the shelling began at dawn in Manchester, Britain.",
     "John Smith"),  # a private person named in passing: never linked
    ("Mohammed al-Bashir, 52, said his house in Hama, Syria, was hit twice.",
     "Mohammed al-Bashir"),  # an age in apposition: someone named in passing
    ("A farmer named Ayman Odeh said the well in his village near Haifa, Israel, was dry.",
     "Ayman Odeh"),
    ("British lawmaker John Smith said the government had failed.",
     "John Smith"),  # two members of the Commons have that name: two live candidates
    ("Ayman Odeh said the talks had failed.", "Ayman Odeh"),  # nothing in the article agrees
    (("Defence Minister Pedro Sánchez announced a reward for information on the attack in "
     "Cauca, Colombia."), "Pedro Sánchez"),  # a Spanish deputy by that name: wrong country
    ("Thomas Müller, a Bayern Munich striker, scored twice in Oslo, Norway.",
     "Thomas Müller"),  # a Swiss councillor by that name is no footballer
    ("Turkish opposition figures met in Ankara. Demirtas said the party would go on.",
     "Demirtas"),  # a surname alone, never given in full
])
def test_namesakes_and_private_people_stay_unlinked(text, name):
    assert read(text)[name].qid is None


def test_a_surname_links_through_the_full_name_given_first():
    ents = read("Israeli Prime Minister Benjamin Netanyahu spoke in Jerusalem. Netanyahu said "
                "the war would go on.")
    assert ents["Netanyahu"].qid == ents["Benjamin Netanyahu"].qid == "Q43723"


@pytest.mark.parametrize("text, name", [
    ("The Weekly Observer said the mayor of Lagos, Nigeria, had resigned.",
     "Weekly Observer"),  # a US paper whose name says nothing: its country is not named
    (("Turkish forces and allied rebels operating under OPS shelled villages near "
     "al-Hasakeh, Syria."), "OPS"),  # the Spanish acronym of a health body is no English name
])
def test_bodies_out_of_context_stay_unlinked(text, name):
    assert read(text)[name].qid is None


def test_a_party_beside_a_common_name_is_the_second_agreement():
    said = "said in Belfast, Northern Ireland, that the talks had failed."
    assert read(f"Peter Robinson of the Democratic Unionist Party {said}")["Peter Robinson"].qid \
        == "Q333036"
    assert read(f"Peter Robinson {said}")["Peter Robinson"].qid is None  # the country alone
