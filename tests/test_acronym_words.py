"""Acronyms that are English words ('WHO', 'IS'): names only in text not written in capitals.
Sentences written for these tests, read by the real model."""

from __future__ import annotations

import pytest
from test_entities_general import run

from kg.extract.lexicon_ruler import acronym_words


def labels(text: str) -> set[tuple[str, str]]:
    """(label, class) of every entity read from a text."""
    return {(e.label, e.cls) for e in run(text).entities}


def test_the_lexicon_acronyms_that_are_words():
    assert {"WHO", "IS"} <= acronym_words()


@pytest.mark.parametrize("text, name, cls", [
    ("WHO said cholera cases had doubled in the camps since March.",
     "World Health Organization", "InternationalOrganisation"),
    ("The WHO warned on Friday that the clinics were running out of fuel.",
     "World Health Organization", "InternationalOrganisation"),
    ("IS fighters attacked an army checkpoint outside the town on Monday.",
     "Islamic State", "ArmedGroup"),
])
def test_an_acronym_that_is_a_word_names_its_body(text, name, cls):
    assert (name, cls) in labels(text)


@pytest.mark.parametrize("text", [
    "Who said it first is still not clear, the mayor told reporters.",
    "THIS IS A HEADLINE ABOUT WHO\nOfficials said the road was closed on Sunday.",
    "WHO IS TO BLAME FOR THE FLOODS\nResidents said the dam had not been repaired.",
])
def test_a_word_in_capitals_or_in_lower_case_names_nothing(text):
    found = {label for label, _ in labels(text)}
    assert not found & {"World Health Organization", "Islamic State"}, found
