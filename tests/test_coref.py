"""Coreference helpers: acronyms, initials, lost apostrophes and pronoun resolution."""

from __future__ import annotations

import pytest

from kg.extract import coref, entities
from kg.extract.mentions import Mention
from kg.model import Extraction
from kg.nlp import get_nlp
from kg.read import from_text


@pytest.mark.parametrize(
    "name,expected", [("SOHR", True), ("U.N.", True), ("SFs", True), ("Assad", False), ("A", False)]
)
def test_is_acronym(name, expected):
    assert coref.is_acronym(name) is expected


def test_initials():
    assert coref.initials("Syrian Observatory for Human Rights") == "SOHR"
    assert coref.initials("Hill Tiger Force") == "HTF"


def test_lost_apostrophes_strip_to_a_known_name():
    ms = [
        Mention(0, 3, "Bashar al Assads", "Bashar al Assads", "Actor", "PERSON"),
        Mention(5, 6, "Assad", "Assad", "Actor", "PERSON"),
        Mention(7, 8, "Damascuss", "Damascuss", "Place", "GPE"),
        Mention(9, 10, "Banias", "Banias", "Place", "GPE"),
    ]
    coref.strip_lost_apostrophes(ms)
    assert [m.name for m in ms] == ["Bashar al Assad", "Assad", "Damascus", "Banias"]


def test_resolve_pronoun_to_last_person_named():
    text = (
        "Mohammad Javad Zarif met Emma Bonino on Saturday. One resident, Ayman Fares, noted a "
        "killing. He recounted how his imprisonment saved his life."
    )
    article = from_text(text, "t.txt", "t.txt")
    doc = get_nlp()(article.text)
    found = entities.extract(doc, Extraction(article=article))
    he = next(t for t in doc if t.text == "He")
    key = coref.resolve_pronoun(doc, he, found)
    assert next(e for e in found.entities if e.key == key).label == "Ayman Fares"
    it = next(t for t in doc if t.text == "his")
    assert coref.resolve_pronoun(doc, doc[0], found) is None
    assert coref.resolve_pronoun(doc, it, found) == key
