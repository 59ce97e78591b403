"""Acronyms that are English words ('WHO', 'IS'): names only in text not written in capitals.
Sentences written for these tests, read by the real model."""

from __future__ import annotations

import pytest
from test_entities_general import run

from kg.extract.lexicon_ruler import acronym_words
from kg.nlp import get_nlp


def labels(text: str) -> set[tuple[str, str]]:
    """(label, class) of every entity read from a text."""
    return {(e.label, e.cls) for e in run(text).entities}


def test_the_lexicon_acronyms_that_are_words():
    assert {"WHO", "IS"} <= acronym_words()


def test_the_model_reads_the_acronym_as_a_name():
    """The norm is set before the model runs: 'IS fighters' is a noun phrase, not 'is'."""
    doc = get_nlp()("IS fighters shot dead two soldiers near the village.")
    assert doc[0].norm_ == "IS" and doc[0].pos_ == "PROPN"


@pytest.mark.parametrize("text, name, cls", [
    ("WHO said cholera cases had doubled in the camps since March.",
     "World Health Organization", "InternationalOrganisation"),
    ("The WHO warned on Friday that the clinics were running out of fuel.",
     "World Health Organization", "InternationalOrganisation"),
    ("IS fighters attacked an army checkpoint outside the town on Monday.",
     "Islamic State", "ArmedGroup"),
    ("Jets of the anti-IS coalition struck a bridge near the border.", "Islamic State",
     "ArmedGroup"),
])
def test_an_acronym_that_is_a_word_names_its_body(text, name, cls):
    assert (name, cls) in labels(text)


@pytest.mark.parametrize("text", [
    "Who said it first is still not clear, the mayor told reporters.",
    "THIS IS A HEADLINE ABOUT WHO\nOfficials said the road was closed on Sunday.",
    "WHO IS TO BLAME FOR THE FLOODS\nResidents said the dam had not been repaired.",
    "Members of the BANK-IS union marched to the ministry on Tuesday.",  # a name's last part
])
def test_a_word_in_capitals_or_in_lower_case_names_nothing(text):
    found = {label for label, _ in labels(text)}
    assert not found & {"World Health Organization", "Islamic State"}, found
