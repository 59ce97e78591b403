"""Event extraction with the real model: classes, arguments, counts, times and modality."""

from __future__ import annotations

import pytest
from helpers_events import label_of, parse

from kg.extract import events
from kg.extract.classes import SUBCLASS_OF
from kg.model import Event

ISIL = {"ISIL": ("ArmedGroup", ["ISIL"]), "Albu Kamal": ("Settlement", ["Albu Kamal"])}


def extract(text: str, ents: dict, date: str | None = None):
    """Asserted events and the extraction they were read from."""
    doc, found = parse(text, ents, date)
    return events.extract(doc, found), doc, found


def only(found, cls: str) -> Event:
    """The one event of a class."""
    hits = [e for e in found.events if e.cls == cls]
    assert len(hits) == 1, found.events
    return hits[0]


def test_passive_by_agent_place_and_count():
    out, _, _ = extract("Eight men were executed by ISIL in Albu Kamal.", ISIL)
    ev = only(out, "Execution")
    assert label_of(out, ev.agents) == ["ISIL"]
    assert label_of(out, ev.places) == ["Albu Kamal"]
    assert (ev.count, ev.count_bound) == (8, "exact")
    assert ev.trigger.text == "executed"


def test_evidence_sentence_and_offsets_are_the_article_text():
    text = "Fighting went on. Eight men were executed by ISIL in Albu Kamal. Calm returned."
    out, _, _found = extract(text, ISIL)
    ev = only(out, "Execution")
    assert text[ev.sentence.start:ev.sentence.end] == ev.sentence.text
    assert ev.sentence.text.startswith("Eight men were executed")
    assert text[ev.trigger.start:ev.trigger.end] == "executed"


def test_of_phrase_target():
    out, _, _ = extract("Residents described the killing of Alawite families in Banias.",
                        {"Alawites": ("Community", ["Alawite families"]),
                         "Banias": ("Settlement", ["Banias"])})
    ev = only(out, "Killing")
    assert label_of(out, ev.targets) == ["Alawites"]
    assert label_of(out, ev.places) == ["Banias"]


def test_active_subject_object_and_at_least_count():
    out, _, _ = extract("Russian warplanes killed at least 29 civilians in Atareb.",
                        {"Russia": ("Country", ["Russian"]), "Atareb": ("Settlement", ["Atareb"])})
    ev = only(out, "Killing")
    assert label_of(out, ev.agents) == ["Russia"]
    assert (ev.count, ev.count_bound) == (29, "atLeast")


def test_led_by_agent():
    out, _, _ = extract("The violence stems from a rebellion led by Ghiath Dallah.",
                        {"Ghiath Dallah": ("Actor", ["Ghiath Dallah"])})
    assert label_of(out, only(out, "Rebellion").agents) == ["Ghiath Dallah"]


def test_nominal_count_with_bound():
    out, _, _ = extract("The Observatory has documented over 740 civilian deaths.", {})
    ev = only(out, "Killing")
    assert (ev.count, ev.count_bound) == (740, "atLeast")


def test_negated_event_is_left_out_but_recorded():
    doc, found = parse("The soldiers did not kill the protesters.", {})
    assert not [e for e in events.extract(doc, found).events if e.cls == "Killing"]
    assert [e.modality for e in events.detect(doc, found) if e.cls == "Killing"] == ["negated"]


def test_hypothetical_event_is_left_out():
    doc, found = parse("Thousands more could be displaced by the floods.", {})
    assert not events.extract(doc, found).events
    assert [e.modality for e in events.detect(doc, found)] == ["hypothetical"]


def test_threatened_to_attack_is_a_threat_not_an_attack():
    doc, found = parse("The rebels threatened to attack the city.",
                       {"rebels": ("ArmedGroup", ["rebels"])})
    out = events.extract(doc, found)
    assert [e.cls for e in out.events] == ["Threat"]
    assert label_of(out, out.events[0].agents) == ["rebels"]
    planned = [e for e in events.detect(doc, found) if e.cls == "Attack"]
    assert [e.modality for e in planned] == ["planned"]


def test_call_for_retaliation_is_a_threat_and_call_for_unity_an_appeal():
    out, _, _ = extract("Some factions called for retaliation. The president called for unity.",
                        {})
    assert [e.cls for e in out.events] == ["Threat", "Appeal"]


def test_conjoined_triggers_are_one_event():
    out, _, _ = extract("Gunmen assaulted and fired on other vigilantes at a courthouse.",
                        {"gunmen": ("Faction", ["Gunmen"]), "vigilantes": ("Faction", ["vigilantes"])})
    ev = only(out, "Attack")
    assert label_of(out, ev.agents) == ["gunmen"]
    assert label_of(out, ev.targets) == ["vigilantes"]


def test_multiword_triggers_and_bodies_give_way():
    out, _, _ = extract("The militants set ablaze 16 houses. Heavy air strikes hit the town. "
                        "Rescuers found bodies after gunmen killed three people.", {})
    assert [e.cls for e in out.events] == ["PropertyDestruction", "Airstrike", "Killing"]
    assert out.events[2].trigger.text == "killed"


def test_generic_mentions_and_modifiers_are_not_events():
    out, _, _ = extract("Violence and unrest continue as tensions rise. "
                        "The death toll is unclear. Families were under attack.", {})
    assert out.events == ()


def test_time_on_weekday_resolves_in_the_article_week():
    out, _, _ = extract("Gunmen killed five people on Wednesday.", {}, date="2013-08-25")
    assert only(out, "Killing").time == "2013-08-21"


def test_time_month_day_takes_the_article_year_from_a_dateline():
    out, _, _ = extract("Clashes\n\n15 Aug 2016 Militants killed a civilian on August 6.", {})
    assert only(out, "Killing").time == "2016-08-06"


def test_passive_event_borrows_agent_of_previous_event():
    out, _, _ = extract("ISIL beheaded eight fighters in Albu Kamal. The men were executed "
                        "in public.", ISIL)
    _first, second = out.events
    assert label_of(out, second.agents) == ["ISIL"]
    assert label_of(out, second.places) == ["Albu Kamal"]


@pytest.mark.parametrize("cls", ["Execution", "Airstrike", "Shelling", "Killing", "Actor"])
def test_family_is_the_contract_class(cls):
    expected = {"Execution": "Killing", "Airstrike": "Bombardment", "Shelling": "Bombardment"}
    assert events.family(cls) == expected.get(cls, cls)


def test_lexicon_classes_are_declared():
    from kg.extract.triggers import lexicon

    classes = {r.cls for rows in lexicon().values() for r in rows}
    assert classes <= set(SUBCLASS_OF)
    contract = {"Killing", "Attack", "Bombardment", "Clash", "SexualViolence", "Abduction",
                "Arrest", "Looting", "Displacement", "Protest", "Appeal", "Threat", "Agreement",
                "Rebellion", "TransferOfPower", "Rescue"}
    assert contract <= {events.family(c) for c in classes}


@pytest.mark.parametrize(("text", "classes"), [
    ("He died of a heart attack.", ["Killing"]),
    ("Teachers went on strike in Oaxaca.", ["Protest"]),
    ("The ministers agreed that the talks were useful.", []),
    ("A great deal of damage was done.", []),
    ("The government agreed to a ceasefire.", ["Agreement"]),
])
def test_idioms_and_clauses(text, classes):
    out, _, _ = extract(text, {})
    assert [e.cls for e in out.events] == classes


def test_allow_is_an_agreement_only_with_a_named_party():
    ents = {"United Nations": ("InternationalOrganisation", ["U.N."])}
    out, _, _ = extract("Syria said it would allow U.N. inspectors to visit the sites.", ents)
    assert [e.cls for e in out.events] == ["Agreement"]
    out, _, _ = extract("The rules allow more time for questions.", ents)
    assert out.events == ()


def test_perpetrators_fleeing_is_no_displacement():
    out, _, _ = extract("The attackers arrived in two vehicles and fled after the shooting. "
                        "Hundreds of families fled their homes.", {})
    assert [(e.cls, e.trigger.text) for e in out.events] == [
        ("Attack", "shooting"), ("Displacement", "fled")]


def test_any_threats_under_negation_is_no_event():
    out, _, _ = extract("The governor said he had not been informed of any threats.", {})
    assert out.events == ()


def test_no_arguments_across_the_headline_break():
    out, _, _ = extract("Gunmen kill 12 in attack on bar\n\nGunmen opened fire on a bar.",
                        {"gunmen": ("ArmedGroup", ["Gunmen"])})
    attack = next(e for e in out.events if e.trigger.text == "attack")
    assert attack.targets == ()


def test_headline_verb_tagged_as_noun():
    out, _, _ = extract("ISIL Beheads 8 Syria Militants despite Surrendering\n\nThe group acted.",
                        {"ISIL": ("ArmedGroup", ["ISIL"])})
    ev = only(out, "Execution")
    assert label_of(out, ev.agents) == ["ISIL"]
    assert ev.count == 8


def test_protest_verb_and_planned_protests():
    out, _, _ = extract("Thousands of people demonstrated in Delhi. The opposition threatened to "
                        "hold nationwide protests.", {"Delhi": ("Settlement", ["Delhi"])})
    assert [e.cls for e in out.events] == ["Protest", "Threat"]


def test_conjoined_parties_are_all_agents():
    out, _, _ = extract("Russia and Turkey agreed to a ceasefire.",
                        {"Russia": ("Country", ["Russia"]), "Turkey": ("Country", ["Turkey"])})
    assert label_of(out, only(out, "Agreement").agents) == ["Russia", "Turkey"]


@pytest.mark.parametrize("text", [
    "The army executed a plan to retake the town.",
    "The opposition attacked the decision in parliament.",
    "Senators killed the bill.",
])
def test_abstract_objects_are_no_violence(text):
    out, _, _ = extract(text, {})
    assert out.events == ()
