"""Quotations past their cue's sentence: each quoted sentence is a claim of its speaker."""

from __future__ import annotations

from helpers_events import label_of, run

PEOPLE = {"Ruth Adebayo": ("Actor", ["Ruth Adebayo"]),
          "Harbour Authority": ("Faction", ["Harbour Authority"])}


def claims_of(text: str) -> list[tuple[str, str, str]]:
    """(source label, cue, text) of each claim."""
    out = run(text, PEOPLE)
    return [(label_of(out, (c.source,))[0], c.cue, c.text) for c in out.claims]


def test_a_quote_going_on_after_its_cue_is_the_same_speakers():
    got = claims_of('"We held the line," Ruth Adebayo said.\n\n"They fled before dawn."')
    assert got == [("Ruth Adebayo", "say", "We held the line"),
                   ("Ruth Adebayo", "say", "They fled before dawn")]


def test_a_quote_ending_at_its_cue_in_the_next_sentence_is_the_same_speakers():
    got = claims_of('"The town is ours. We will hold it," the Harbour Authority said.')
    assert got == [("Harbour Authority", "say", "The town is ours"),
                   ("Harbour Authority", "say", "We will hold it")]


def test_a_quote_with_a_cue_of_its_own_keeps_its_own_speaker():
    got = claims_of('"We held the line," Ruth Adebayo said. "They lie," the Harbour Authority '
                    'replied.')
    assert [g[0] for g in got] == ["Ruth Adebayo", "Harbour Authority"]


def test_a_quoted_sentence_after_an_unquoted_claim_is_no_claim():
    got = claims_of('The Harbour Authority said the port would reopen. "Ships are waiting."')
    assert got == [("Harbour Authority", "say", "the port would reopen")]
