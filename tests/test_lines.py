"""The layout's sentence bounds: a headline line is one sentence, each line starts one."""

from __future__ import annotations

from kg.nlp import get_nlp


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp()(text).sents if s.text.strip()]


def test_a_headline_is_its_own_sentence():
    text = ("Honduras Police Arrest Suspected Gang Leader After Prison Riot\n\n"
            "Honduran authorities have arrested an alleged gang leader, the ministry said.")
    sents = sentences(text)
    assert sents[0] == "Honduras Police Arrest Suspected Gang Leader After Prison Riot"
    assert sents[1].startswith("Honduran authorities")


def test_a_line_does_not_start_with_a_one_word_sentence():
    text = ("Attack Shows Fractures in Guerrero Vigilantes\n\n"
            "Attack Shows Fractures in Guerrero Vigilantes. A dissident faction attacked police.")
    assert "Attack" not in sentences(text)
