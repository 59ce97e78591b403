"""Headline wordings that look like claims but name no one who claims."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Article
from kg.nlp import get_nlp


def claims_of(text: str):
    article = Article(text=text, source="t.txt", key="/t.txt", title=text.split("\n")[0])
    x = extract(get_nlp()(text), article)
    names = {e.key: e.label for e in x.entities}
    return [(c.cue, names.get(c.source)) for c in x.claims]


def test_accused_of_in_a_headline_is_no_claim_of_the_accused():
    text = ("Colombia: ELN guerrillas accused of killing five soldiers in Arauca\n\n"
            "Five soldiers were killed when National Liberation Army (ELN) rebels attacked a base.")
    assert not [c for c in claims_of(text) if c[0] == "accuse"]


def test_an_accusation_with_its_object_stays_a_claim():
    text = ("The Syrian opposition accused government forces of killing 40 civilians in Homs "
            "on Monday.")
    assert ("accuse", "Syrian opposition") in claims_of(text)
