"""Cues beyond say/tell (issue 13, category 5): what a study or a record finds, a quotation
signed with a dash, and a community speaking in the plural."""

from __future__ import annotations

from helpers_events import label_of, run

from kg.extract.cues import evidence_nouns, finding_verbs, wordnet_cues

INSTITUTE = {"Lakeview Policy Institute": ("NGO", ["Lakeview Policy Institute"]),
             "Corran University": ("Faction", ["Corran University"]),
             "Ana Ruiz": ("Actor", ["Ana Ruiz"]), "Ben Okafor": ("Actor", ["Ben Okafor"])}


def test_derived_findings_vocabularies_hold_research_words_not_beliefs_of_people():
    assert {"find", "discover", "determine"} <= finding_verbs()
    assert not finding_verbs() & wordnet_cues()  # the reporting verbs stay cues for anyone
    assert {"study", "poll", "survey", "report", "analysis"} <= evidence_nouns()
    assert not {"man", "minister", "village", "smile"} & evidence_nouns()


def test_a_study_by_a_party_that_found_a_clause_is_the_partys_claim():
    out = run("A 2021 study by the Lakeview Policy Institute found that rents rose 12 percent.",
              INSTITUTE)
    (c,) = out.claims
    assert (c.cue, label_of(out, (c.source,))) == ("find", ["Lakeview Policy Institute"])
    assert "rents rose" in c.text


def test_a_survey_conducted_by_a_party_speaks_for_it():
    out = run("The survey, conducted by Corran University, found that most farmers lack credit.",
              INSTITUTE)
    (c,) = out.claims
    assert label_of(out, (c.source,)) == ["Corran University"]


def test_a_person_finding_something_is_no_claim():
    out = run("Ana Ruiz found that the gate was locked.", INSTITUTE)
    assert out.claims == ()


def test_a_study_with_no_author_named_is_no_claim():
    out = run("One study found that rents rose 12 percent.", INSTITUTE)
    assert out.claims == ()


def test_quotations_signed_with_a_dash_are_their_signers_claims():
    out = run('Voters spoke to us.\n\n\u201cThe clinic must stay open.\u201d \u2015 Ana Ruiz, 41, '
              'nurse\n\n"Nobody listens to us" -- Ben Okafor, farmer', INSTITUTE)
    got = {label_of(out, (c.source,))[0]: c for c in out.claims}
    assert set(got) == {"Ana Ruiz", "Ben Okafor"}
    assert got["Ana Ruiz"].text == "The clinic must stay open"
    assert got["Ben Okafor"].cue == "say"


def test_a_dash_after_an_ordinary_cue_adds_no_claim():
    out = run('"The clinic must stay open," Ana Ruiz said -- and she left.', INSTITUTE)
    assert len(out.claims) == 1


def test_a_community_in_the_plural_is_a_source_node():
    out = run("Democrats said the new levy would fail in the assembly. Many Kurds argued that it "
              "was unfair.", INSTITUTE)
    sources = [next(e for e in out.entities if e.key == c.source) for c in out.claims]
    assert [(s.label, s.cls, s.scoped) for s in sources] == [
        ("Democrats", "Faction", True), ("many Kurds", "Faction", True)]
    assert "Kurds" in sources[1].alt_labels


def test_transcript_lines_are_their_speakers_claims():
    out = run("Governor Ana Kemp spoke to Ben Okafor.\n\n\"OKAFOR: Will the clinic reopen?\n\n"
              "KEMP: We will reopen it by June. The money is there.\n\nUPDATE: It reopened.",
              {"Ana Kemp": ("Actor", ["Ana Kemp"]), "Ben Okafor": ("Actor", ["Ben Okafor"])})
    got = [(label_of(out, (c.source,))[0], c.text) for c in out.claims if c.cue == "say"]
    assert ("Ana Kemp", "We will reopen it by June. The money is there") in got
    assert ("Ben Okafor", "Will the clinic reopen") in got
    assert len(got) == 2  # 'UPDATE' names no party


def test_a_headline_label_naming_no_party_is_no_claim():
    out = run("Poll: Kemp leads by four points\n\nThe race tightened this week.",
              {"Kemp": ("Actor", ["Kemp"])})
    assert out.claims == ()


def test_the_senator_said_is_the_senator_named_before():
    from kg.extract import extract
    from kg.model import Article
    from kg.nlp import get_nlp

    text = "Senator Ann Lowry spoke on Monday. The senator said the levy would pass."
    x = extract(get_nlp()(text), Article(text=text, source="t", key="t"))
    (c,) = x.claims
    source = next(e for e in x.entities if e.key == c.source)
    assert source.label == "Ann Lowry" and "the senator" in source.alt_labels
