"""Claim extraction with the real model: sources, cues, content, figures, status, events."""

from __future__ import annotations

import pytest
from helpers_events import label_of, parse

from kg.extract import claims, events

SOHR = {"Syrian Observatory for Human Rights": ("NGO", ["Syrian Observatory for Human Rights"]),
        "BBC": ("MediaOutlet", ["BBC"])}


def run(text: str, ents: dict, date: str | None = None):
    """Events then claims, as the pipeline runs them."""
    doc, found = parse(text, ents, date)
    return claims.extract(doc, events.extract(doc, found))


def source(found, claim) -> str:
    """The label of a claim's source."""
    return label_of(found, (claim.source,))[0]


def test_according_to_claim_with_figure_and_event():
    out = run("According to the Syrian Center for Policy Research the conflict has caused more "
              "than 470000 deaths in the country.",
              {"Syrian Center for Policy Research": ("NGO", ["Syrian Center for Policy Research"])})
    (c,) = out.claims
    assert c.cue == "according to"
    assert c.cue_span.text == "According to"
    assert source(out, c) == "Syrian Center for Policy Research"
    assert (c.quantity, c.quantity_bound) == (470000, "atLeast")
    assert [out.events[0].key] == list(c.about)
    assert "470000 deaths" in c.text


def test_said_claim_content_is_the_reported_clause():
    out = run("The monitor said three strikes hit the market.",
              {"monitor": ("NGO", ["monitor"])})
    (c,) = out.claims
    assert (c.cue, c.text, c.quantity) == ("say", "three strikes hit the market", 3)
    assert c.sentence.text == "The monitor said three strikes hit the market."


def test_pronoun_source():
    out = run("Ercan Topaca is the governor of Hatay. He added that four other victims had died.",
              {"Ercan Topaca": ("Actor", ["Ercan Topaca"]), "Hatay": ("AdministrativeArea", ["Hatay"])})
    (c,) = out.claims
    assert source(out, c) == "Ercan Topaca"
    assert (c.cue, c.quantity) == ("add", 4)
    assert c.about and c.about[0].startswith("Killing-")


def test_unsourced_reports_are_not_claims():
    out = run("Reports indicate that many people fled.", {})
    assert out.claims == ()


def test_yet_to_verify_makes_the_claims_before_unverified():
    out = run("Local people fled. The Syrian Observatory for Human Rights has documented over 740 "
              "civilian deaths. The BBC has yet to verify these claims independently.", SOHR)
    (c,) = out.claims
    assert (c.cue, c.quantity, c.quantity_bound, c.status) == ("document", 740, "atLeast",
                                                              "Unverified")


def test_denial_makes_the_accusation_denied_and_is_itself_asserted():
    out = run("The Syrian opposition has accused government forces of killing well over 1000 "
              "civilians with poison gas - an accusation dismissed by the government.",
              {"Syrian opposition": ("Faction", ["Syrian opposition"]),
               "government forces": ("StateForce", ["government forces"]),
               "Syrian government": ("GovernmentBody", ["the government"])})
    accusation, denial = out.claims
    assert (accusation.cue, source(out, accusation), accusation.quantity) == (
        "accuse", "Syrian opposition", 1000)
    assert accusation.status == "Denied"
    assert (denial.cue, source(out, denial), denial.status) == (
        "dismiss", "Syrian government", "Asserted")
    killing = next(e for e in out.events if e.cls == "Killing")
    assert label_of(out, killing.agents) == ["government forces"]
    assert killing.key in accusation.about


def test_two_sources_with_different_tolls_are_two_disputed_claims_about_one_event():
    out = run("The Observatory said 29 people were killed in the air strike on the market, "
              "while the council said 35.",
              {"Observatory": ("NGO", ["Observatory"]), "council": ("GovernmentBody", ["council"])})
    first, second = out.claims
    assert {source(out, first), source(out, second)} == {"Observatory", "council"}
    assert {first.quantity, second.quantity} == {29, 35}
    killing = next(e for e in out.events if e.cls == "Killing")
    assert killing.key in first.about and killing.key in second.about
    assert first.status == second.status == "Disputed"


def test_accusations_blaming_different_parties_are_disputed():
    out = run("The government has accused rebels of launching the chemical attacks. "
              "The opposition accused the army of launching the chemical attacks.",
              {"government": ("GovernmentBody", ["government"]), "rebels": ("ArmedGroup", ["rebels"]),
               "opposition": ("Faction", ["opposition"]), "army": ("StateForce", ["army"])})
    assert [c.status for c in out.claims] == ["Disputed", "Disputed"]


def test_confirmation_by_another_source():
    out = run("The monitor said 12 people were arrested in Homs. Police later confirmed that "
              "12 people were arrested.",
              {"monitor": ("NGO", ["monitor"]), "Police": ("StateForce", ["Police"]),
               "Homs": ("Settlement", ["Homs"])})
    said, confirmed = out.claims
    assert said.status == "Confirmed"
    assert confirmed.status == "Asserted"


def test_the_group_said_takes_the_last_organisation_that_spoke():
    out = run("The Syrian Observatory for Human Rights said 8 men were beheaded. "
              "The group said it was unclear when the executions took place.", SOHR)
    assert [source(out, c) for c in out.claims] == ["Syrian Observatory for Human Rights"] * 2


def test_seed_article(seed_article):
    _doc, found = seed_article
    assert any(e.cls in ("Killing", "Execution") and "ruthlessly executed" in e.sentence.text
               for e in found.events)
    documented = [c for c in found.claims if c.cue == "document"]
    assert [(c.quantity, c.quantity_bound, c.status) for c in documented] == [
        (740, "atLeast", "Unverified")]
    text = found.article.text
    for item in (*found.events, *found.claims):
        assert text[item.sentence.start:item.sentence.end] == item.sentence.text
    for c in found.claims:
        assert c.source is not None and c.cue_span.text in c.sentence.text


@pytest.fixture(scope="module")
def seed_article():
    """The seed article run through the whole real extraction (entities included)."""
    from kg.config import SEEDS_DIR
    from kg.extract import extract
    from kg.nlp import get_nlp
    from kg.read import read_all

    (article,) = read_all([str(SEEDS_DIR / "syria-coast-alawite-killings.txt")])
    doc = get_nlp()(article.text)
    return doc, extract(doc, article)


def test_put_the_toll_at_is_a_claim_with_its_figure():
    out = run("Government forces killed 12 civilians in Kafr Nabudah, activists said. The Syrian "
              "Observatory for Human Rights put the death toll at 15.", SOHR)
    _activists, c = out.claims
    assert (c.cue, c.quantity, source(out, c)) == ("put", 15, "Syrian Observatory for Human Rights")


def test_competing_tolls_for_one_killing_are_disputed():
    out = run("Government forces killed 12 civilians in Kafr Nabudah, the White Helmets said. The "
              "Syrian Observatory for Human Rights put the death toll at 15.",
              {**SOHR, "White Helmets": ("NGO", ["White Helmets"])})
    helmets, sohr = out.claims
    assert (helmets.quantity, sohr.quantity) == (12, 15)
    assert helmets.about == sohr.about and len(sohr.about) == 1
    assert helmets.status == sohr.status == "Disputed"


def test_sources_are_actors_or_factions_never_places():
    out = run("Iran says Syria will let inspectors in. The ministry said inspectors arrived.",
              {"Iran": ("Country", ["Iran"]), "Syria": ("Country", ["Syria"])})
    assert out.claims == ()


def test_subject_denying_the_event_makes_the_claim_denied():
    out = run("The activists said the army killed 12 civilians in Hama. The army denied killing "
              "any civilians.",
              {"activists": ("Faction", ["activists"]), "army": ("StateForce", ["army"]),
               "Hama": ("AdministrativeArea", ["Hama"])})
    said, denial = out.claims
    assert (said.cue, said.status) == ("say", "Denied")
    assert (denial.cue, source(out, denial), denial.status) == ("deny", "army", "Asserted")


def test_text_calling_accounts_conflicting_makes_them_disputed():
    out = run("Milenio reported that 80 people stormed the courthouse. Excelsior reported that "
              "unarmed people approached the building. The two outlets gave conflicting accounts.",
              {"Milenio": ("MediaOutlet", ["Milenio"]), "Excelsior": ("MediaOutlet", ["Excelsior"])})
    assert [c.status for c in out.claims] == ["Disputed", "Disputed"]
