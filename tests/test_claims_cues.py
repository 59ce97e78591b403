"""Reporting cues beyond say/tell: the WordNet-derived verbs, gated on a reported clause."""

from __future__ import annotations

from helpers_events import label_of, run

from kg.extract.cues import cue_kinds, wordnet_cues

BODY = {"Harbour Workers Union": ("Faction", ["Harbour Workers Union"]),
        "Lena Varga": ("Actor", ["Lena Varga"])}


def test_derived_vocabulary_holds_reporting_verbs_not_hand_listed():
    derived = wordnet_cues()
    assert {"concede", "reiterate", "contend", "assert", "complain"} <= derived
    assert "kill" not in derived and "walk" not in derived
    assert "concede" not in cue_kinds()  # reached only through the derived list


def test_derived_cue_with_a_that_clause_is_a_claim():
    out = run("Lena Varga conceded that the port had lost 300 jobs.", BODY)
    (c,) = out.claims
    assert (c.cue, c.quantity) == ("concede", 300)
    assert label_of(out, (c.source,)) == ["Lena Varga"]
    assert "lost 300 jobs" in c.text


def test_derived_cue_reporting_a_quote_is_a_claim():
    out = run('"The strike will go on," the Harbour Workers Union complained.', BODY)
    (c,) = out.claims
    assert c.cue == "complain"
    assert label_of(out, (c.source,)) == ["Harbour Workers Union"]


def test_derived_verb_without_a_clause_is_no_cue():
    out = run("The Harbour Workers Union repeated the march on Friday.", BODY)
    assert out.claims == ()
