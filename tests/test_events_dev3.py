"""Events and claims on wordings met in the dev3_events articles (OCHA updates, ACLED summaries,
wire reports from Gaza, Ukraine, Nigeria, Kenya, Haiti, Ethiopia, Mozambique), with the real
model: one test per general rule."""

from __future__ import annotations

from helpers_events import by_source, label_of, of_class, parse, run

from kg.extract import arguments
from kg.extract.numbers import find_count

# --- counts and places ------------------------------------------------------------------

def test_a_dateline_day_cut_off_from_its_month_is_no_count():
    doc, _ = parse("PORT SUDAN, 14 May - More than 3,000 families were displaced.", {})
    day = next(t for t in doc if t.text == "14")
    assert find_count(arguments.phrase_text(doc, 0, day.i + 1)) is None  # "PORT SUDAN, 14 | May"
    assert find_count(arguments.phrase_text(doc, day.i + 3, day.i + 7)).value == 3000


def test_victims_shot_dead_are_counted():
    out = run("Two people were shot dead while trying to escape, he said.", {})
    (killing,) = of_class(out, "Killing")
    assert killing.count == 2


def test_the_agent_country_is_not_the_place():
    out = run("Russia launched a massive drone attack overnight, killing three people.",
              {"Russia": ("Country", ["Russia"])})
    attack = of_class(out, "Airstrike")[0]  # a drone attack: an airstrike
    assert label_of(out, attack.agents) == ["Russia"]
    assert "Russia" not in label_of(out, attack.places)


# --- agents and targets -----------------------------------------------------------------

def test_both_sides_of_a_clash_are_agents():
    out = run("On 4 August, M23 rebels clashed with the Congolese army near Masisi.",
              {"M23": ("ArmedGroup", ["M23"]), "Congolese army": ("StateForce", ["Congolese army"]),
               "Masisi": ("Settlement", ["Masisi"])})
    (clash,) = of_class(out, "Clash")
    assert set(label_of(out, clash.agents)) == {"M23", "Congolese army"}


def test_the_doer_of_a_when_clause_trigger_is_the_killer():
    out = run("Aid groups reported that at least 27 civilians were killed when the Rapid Support "
              "Forces shelled the camp.",
              {"Rapid Support Forces": ("ArmedGroup", ["Rapid Support Forces"])})
    (killing,) = of_class(out, "Killing")
    assert label_of(out, killing.agents) == ["Rapid Support Forces"]
    assert killing.count == 27


def test_its_fighters_act_as_the_group():
    out = run("Islamic State said its militants had stormed the base in Macomia district.",
              {"Islamic State": ("ArmedGroup", ["Islamic State"]), "Macomia": ("AdministrativeArea", ["Macomia"])})
    (attack,) = of_class(out, "Attack")
    assert label_of(out, attack.agents) == ["Islamic State"]


def test_title_case_headline_verb_takes_its_subject_as_agent():
    out = run("Honduras Police Arrest Suspected MS13 Leader\n\nThe suspect was held in San Pedro Sula.",
              {"Honduras Police": ("StateForce", ["Honduras Police"]), "MS13": ("ArmedGroup", ["MS13"])})
    arrest = [e for e in of_class(out, "Arrest") if e.trigger.text == "Arrest"]
    assert arrest
    assert label_of(out, arrest[0].agents) == ["Honduras Police"]
    assert "Honduras Police" not in label_of(out, arrest[0].targets)


def test_sentence_case_headline_verb_is_an_event():
    out = run("Gangs loot hospital, torch homes in Carrefour suburb\n\nResidents fled on Friday.",
              {"Carrefour": ("Settlement", ["Carrefour"])})
    assert of_class(out, "Looting")


# --- triggers ---------------------------------------------------------------------------

def test_protesters_blocking_roads_protest_but_gunmen_do_not():
    out = run("In Mombasa, demonstrators blocked roads and burned tyres.", {"Mombasa": ("Settlement", ["Mombasa"])})
    assert of_class(out, "Protest")
    out = run("Gunmen blocked the road near Mombasa and robbed travellers.", {"Mombasa": ("Settlement", ["Mombasa"])})
    assert not of_class(out, "Protest")


def test_a_ransom_demanded_is_no_appeal():
    out = run("However, the state government denied reports that a ransom had been demanded.", {})
    assert not of_class(out, "Appeal")


def test_shooting_people_is_an_attack_unless_it_killed():
    out = run("The commission alleged that police had shot unarmed demonstrators.", {})
    assert of_class(out, "Attack")
    out = run("Gunmen shot dead a farmer near the village.", {})
    assert of_class(out, "Killing") and not of_class(out, "Attack")


def test_a_gun_duel_is_a_clash_and_freeing_hostages_a_rescue():
    out = run("Police rescued 12 victims after a gun duel with the bandits. The army said it had "
              "freed 35 hostages.", {})
    assert of_class(out, "Clash")
    assert {e.count for e in of_class(out, "Rescue")} == {12, 35}


def test_bombs_dropped_are_one_bombardment():
    out = run("A junta fighter jet dropped two bombs on Let Yet Kone village.",
              {"Let Yet Kone": ("Settlement", ["Let Yet Kone"])})
    assert [e.cls for e in out.events] == ["Bombardment"]


# --- claims -----------------------------------------------------------------------------

def test_the_appositive_names_the_source():
    out = run("Hamas's armed wing, the Qassam Brigades, said its fighters had fired an anti-tank "
              "missile at an Israeli armoured vehicle near Rafah.",
              {"Hamas": ("ArmedGroup", ["Hamas"]), "Qassam Brigades": ("ArmedGroup", ["Qassam Brigades"]),
               "Rafah": ("Settlement", ["Rafah"])})
    assert by_source(out, "Qassam Brigades")
    assert not by_source(out, "Hamas")


def test_could_not_yet_confirm_the_toll_hedges_the_account_before():
    out = run("The National Human Rights Defense Network said at least 15 people were killed in "
              "the violence. The Haitian National Police said it could not yet confirm the toll.",
              {"National Human Rights Defense Network": ("NGO", ["National Human Rights Defense Network"]),
               "Haitian National Police": ("StateForce", ["Haitian National Police"])})
    (toll,) = by_source(out, "National Human Rights Defense Network")
    assert toll.status == "Unverified"


def test_rejected_findings_are_denied():
    out = run("The Ethiopian Human Rights Commission said government soldiers had killed at least 45 "
              "civilians in Merawi. The Ethiopian government rejected the findings.",
              {"Ethiopian Human Rights Commission": ("NGO", ["Ethiopian Human Rights Commission"]),
               "Ethiopian government": ("GovernmentBody", ["Ethiopian government"]),
               "Merawi": ("Settlement", ["Merawi"])})
    (finding,) = by_source(out, "Ethiopian Human Rights Commission")
    assert finding.status == "Denied"


def test_families_and_people_are_not_competing_figures():
    out = run("More than 3,000 families were displaced to Tawila, OCHA said. According to the IOM, "
              "an estimated 18,500 people arrived in Tawila.",
              {"OCHA": ("InternationalOrganisation", ["OCHA"]), "IOM": ("InternationalOrganisation", ["IOM"]),
               "Tawila": ("Settlement", ["Tawila"])})
    assert {c.status for c in out.claims} == {"Asserted"}


def test_a_monitor_recording_deaths_makes_a_claim_but_a_video_does_not():
    ents = {"ACLED": ("NGO", ["ACLED"])}
    out = run("ACLED recorded 42 deaths in Burkina Faso last week.", ents)
    assert [(c.cue, c.quantity) for c in by_source(out, "ACLED")] == [("record", 42)]
    out = run("ACLED recorded a video message.", ents)
    assert not out.claims


def test_killing_and_arson_phrasal_verbs():
    assert [e.cls for e in run("Gunmen gunned down a village chief on Monday.", {}).events] == ["Killing"]
    assert [e.cls for e in run("Two men were stabbed to death in Kano.", {}).events] == ["Killing"]
    assert [e.cls for e in run("Militants burned down 40 houses in the village.", {}).events] == ["PropertyDestruction"]
    assert [e.cls for e in run("Police rounded up 60 protesters.", {}).events] == ["Arrest"]
    assert not run("The team beat its rivals 3-1.", {}).events


def test_quoted_as_saying_names_the_speaker():
    out = run("At least 20 people were killed, John Smith was quoted as saying by Reuters.",
              {"John Smith": ("Actor", ["John Smith"]), "Reuters": ("MediaOutlet", ["Reuters"])})
    assert [c.quantity for c in by_source(out, "John Smith")] == [20]


def test_a_figure_another_party_disputes_is_disputed():
    out = run("The Israeli army said it had killed 15 militants, a figure Hamas disputed.",
              {"Israeli army": ("StateForce", ["Israeli army"]), "Hamas": ("ArmedGroup", ["Hamas"])})
    (said,) = by_source(out, "Israeli army")
    assert said.status == "Disputed"


def test_an_attack_that_is_the_setting_of_a_killing_has_its_killer():
    ents = {"Boko Haram": ("ArmedGroup", ["Boko Haram"])}
    out = run("Boko Haram fighters killed 12 farmers in an attack on a village.", ents)
    (attack,) = of_class(out, "Attack")
    assert label_of(out, attack.agents) == ["Boko Haram"]
    out = run("Residents fled in the attack, Boko Haram said.", ents)
    assert all(not e.agents for e in of_class(out, "Attack"))


def test_a_group_named_on_the_weapon_does_the_attack():
    out = run("Houthi drone and missile attacks on Marib have killed 14 civilians since Monday.",
              {"Houthis": ("ArmedGroup", ["Houthi"]), "Marib": ("Settlement", ["Marib"])})
    (attack,) = of_class(out, "Airstrike")  # drones and missiles: from afar
    assert label_of(out, attack.agents) == ["Houthis"]


def test_streets_offensives_and_people_forced_from_homes():
    out = run("Thousands of supporters took to the streets of Dhaka on Sunday.", {"Dhaka": ("Settlement", ["Dhaka"])})
    assert [e.cls for e in out.events] == ["Protest"]
    out = run("The fighting has forced more than 32,000 people from their homes.", {})
    assert [e.count for e in of_class(out, "Displacement")] == [32000]
    out = run("The army said it had launched an offensive against the rebels.", {})
    assert of_class(out, "Attack")
    out = run("The minister took a taxi to the airport.", {})
    assert not out.events


def test_a_call_for_a_probe_into_an_attack_is_an_appeal_not_a_threat():
    out = run("Sudan army chief calls for probe into El Fasher market attack\n\nText.", {})
    assert [e.cls for e in out.events if e.trigger.text == "calls"] == ["Appeal"]
    out = run("The group called for revenge attacks on the army.", {})
    assert of_class(out, "Threat")


def test_a_verb_after_to_tagged_as_a_noun_is_an_event_of_the_user():
    out = run("The CJNG had used explosive-laden drones to bomb positions held by its rivals.",
              {"CJNG": ("ArmedGroup", ["CJNG"])})
    (bombing,) = of_class(out, "Bombardment")
    assert label_of(out, bombing.agents) == ["CJNG"]


def test_a_claim_made_without_evidence_is_unverified():
    out = run("The Russian Defence Ministry said it had destroyed 40 Ukrainian drones, without "
              "providing evidence.", {"Russian Defence Ministry": ("GovernmentBody", ["Russian Defence Ministry"])})
    (said,) = by_source(out, "Russian Defence Ministry")
    assert said.status == "Unverified"


def test_a_shared_date_does_not_make_two_figures_one_incident():
    out = run("The OCHA said at least 27 civilians were killed in Zamzam on 8 May. According to the "
              "IOM, an estimated 18,500 people arrived in Tawila between 5 and 11 May.",
              {"OCHA": ("InternationalOrganisation", ["OCHA"]), "IOM": ("InternationalOrganisation", ["IOM"]),
               "Zamzam": ("Settlement", ["Zamzam"]), "Tawila": ("Settlement", ["Tawila"])})
    assert {c.status for c in out.claims} == {"Asserted"}


def test_striking_targets_is_a_bombardment_but_striking_a_deal_is_not():
    out = run("In a post on X, the IDF said it had struck 40 targets overnight.", {})
    assert [e.cls for e in out.events] == ["Bombardment"]
    assert not of_class(run("An earthquake struck the region.", {}), "Bombardment")
    assert not of_class(run("The two sides struck a deal.", {}), "Bombardment")


def test_killings_told_as_executions_are_one_event_with_its_count():
    out = run("The commission said soldiers had killed at least 45 civilians in extrajudicial "
              "executions in the town.", {})
    killings = [e for e in out.events if e.cls in ("Killing", "Execution")]
    assert [e.count for e in killings] == [45]


def test_missiles_launched_and_families_uprooted():
    out = run("The Houthis launched missiles at ships in the Red Sea.", {"Houthis": ("ArmedGroup", ["Houthis"])})
    (bombardment,) = of_class(out, "Bombardment")
    assert label_of(out, bombardment.agents) == ["Houthis"]
    assert of_class(run("Hundreds of families have been uprooted by the fighting.", {}), "Displacement")
    assert not run("The company launched a new product.", {}).events


def test_a_thing_named_as_a_protest_is_no_protest():
    out = run("The minister said the government would not tolerate criminal acts disguised as protests.", {})
    assert not of_class(out, "Protest")


def test_victims_described_as_shot_are_no_new_attack():
    out = run("At least 15 people were killed in the violence, most of them shot in their homes.", {})
    assert [e.cls for e in out.events] == ["Killing"]


def test_a_groups_claim_of_an_attack_names_its_doer():
    out = run("Mozambique denies Islamic State claim of attack on army base in Cabo Delgado\n\nText.",
              {"Islamic State": ("ArmedGroup", ["Islamic State"])})
    (attack,) = of_class(out, "Attack")
    assert label_of(out, attack.agents) == ["Islamic State"]


def test_a_denial_by_the_accused_partys_spokesman_denies_the_allegation():
    out = run("The commission alleged that Police had shot unarmed demonstrators. Police spokeswoman "
              "Resila Onyango denied that officers had shot anyone.",
              {"commission": ("GovernmentBody", ["commission"]), "Police": ("StateForce", ["Police"]),
               "Resila Onyango": ("Actor", ["Resila Onyango"])})
    (alleged,) = by_source(out, "commission")
    assert alleged.status == "Denied"
