"""Events and claims on wordings seen in unseen-style articles (SATP, FA-KES, InSight Crime, wires),
with the real model: one test per general rule."""

from __future__ import annotations

from helpers_events import by_source, label_of, of_class, run

# --- event arguments ------------------------------------------------------------------

def test_the_person_named_after_a_countrys_title_acts_not_the_country():
    out = run("Sudan's army chief Abdel Fattah al-Burhan called for an investigation and vowed "
              "to retake the city.",
              {"Sudan": ("Country", ["Sudan"]),
               "Abdel Fattah al-Burhan": ("Actor", ["Abdel Fattah al-Burhan"])})
    (appeal,) = of_class(out, "Appeal")
    assert label_of(out, appeal.agents) == ["Abdel Fattah al-Burhan"]


def test_killed_in_an_encounter_with_forces_takes_them_as_agent():
    out = run("A Maoist cadre identified as Ramesh Oraon was killed in an encounter with SFs in "
              "Latehar District on March 3.",
              {"Ramesh Oraon": ("Actor", ["Ramesh Oraon"]), "Security Forces": ("StateForce", ["SFs"]),
               "Latehar District": ("AdministrativeArea", ["Latehar District"])})
    (killing,) = of_class(out, "Killing")
    assert label_of(out, killing.agents) == ["Security Forces"]
    assert "Ramesh Oraon" in label_of(out, killing.targets)


def test_names_given_by_identified_as_are_the_targets():
    out = run("As the SFs approached, the hiding terrorists opened fire, triggering a gunfight in "
              "which two terrorists, identified as Abu Hamza and Shakir Ahmad, were killed.",
              {"terrorists": ("ArmedGroup", ["terrorists"]), "Abu Hamza": ("Actor", ["Abu Hamza"]),
               "Shakir Ahmad": ("Actor", ["Shakir Ahmad"])})
    (killing,) = of_class(out, "Killing")
    assert {"Abu Hamza", "Shakir Ahmad"} <= set(label_of(out, killing.targets))
    assert killing.count == 2
    assert of_class(out, "Clash")  # "gunfight"


def test_fighters_from_a_named_group_are_that_group():
    out = run("Separately in Mali, suspected jihadists from the Group to Support Islam and Muslims "
              "(JNIM) ambushed a convoy near Boni, killing 11 soldiers, the army said.",
              {"Group to Support Islam and Muslims": ("ArmedGroup", ["Group to Support Islam and Muslims",
                                                                     "JNIM"]),
               "Boni": ("Settlement", ["Boni"])})
    (attack,) = of_class(out, "Attack")
    assert label_of(out, attack.agents) == ["Group to Support Islam and Muslims"]


def test_a_named_modifier_of_a_common_noun_is_the_party():
    out = run("The Counter Terrorism Department arrested three suspected Tehreek-e-Taliban "
              "Pakistan militants from Peshawar.",
              {"Counter Terrorism Department": ("StateForce", ["Counter Terrorism Department"]),
               "Tehreek-e-Taliban Pakistan": ("ArmedGroup", ["Tehreek-e-Taliban Pakistan"]),
               "militants": ("ArmedGroup", ["militants"])})
    (arrest,) = of_class(out, "Arrest")
    assert label_of(out, arrest.targets)[0] == "Tehreek-e-Taliban Pakistan"
    assert arrest.count == 3


def test_count_after_at_least_without_a_clean_parse():
    out = run("A military air strike on a village in Myanmar's Sagaing region killed at least 53 "
              "people, including women and children, who had gathered for the opening of a local "
              "office, a member of the National Unity Government said on Wednesday.",
              {"Myanmar": ("Country", ["Myanmar"]),
               "National Unity Government": ("GovernmentBody", ["National Unity Government"])})
    (killing,) = of_class(out, "Killing")
    assert (killing.count, killing.count_bound) == (53, "atLeast")


# --- triggers -----------------------------------------------------------------------------

def test_forced_to_flee_is_displacement_of_the_forced():
    out = run("Fighting between the two cartels has forced more than 600 residents to flee their "
              "homes in the municipality of Aguililla.", {"Aguililla": ("Settlement", ["Aguililla"])})
    (moved,) = of_class(out, "Displacement")
    assert (moved.count, moved.count_bound) == (600, "atLeast")
    assert of_class(out, "Clash")  # "Fighting between"


def test_claiming_the_lives_is_a_killing_not_a_claim():
    out = run("Terrorists fired mortar shells on residential neighborhoods in Daraa city claiming "
              "the lives of three civilians.", {"Daraa": ("Settlement", ["Daraa"])})
    (killing,) = of_class(out, "Killing")
    assert killing.count == 3
    assert [e.cls for e in out.events if e.cls == "Shelling"] == ["Shelling"]  # fired shells
    assert out.claims == ()


def test_an_ied_going_off_is_an_attack():
    out = run("Eleven people were killed when an improvised explosive device went off near a "
              "vehicle in Mastung District.", {"Mastung District": ("AdministrativeArea", ["Mastung District"])})
    assert of_class(out, "Attack") and of_class(out, "Killing")


def test_called_on_x_to_do_is_an_appeal_but_called_on_a_day_is_not():
    out = run("Governor Alfredo Ramirez Bedolla called on the federal government to send more troops.",
              {"Alfredo Ramirez Bedolla": ("Actor", ["Alfredo Ramirez Bedolla"])})
    (appeal,) = of_class(out, "Appeal")
    assert label_of(out, appeal.agents) == ["Alfredo Ramirez Bedolla"]
    out = run("The minister called on Sunday and spoke for an hour.", {})
    assert not of_class(out, "Appeal")


def test_fought_someone_in_a_relative_clause_is_no_clash():
    out = run("The group had offered amnesty to people who fought them.", {})
    assert not of_class(out, "Clash")


# --- claim status -------------------------------------------------------------------------

SUDAN = {"Darfur Bar Association": ("NGO", ["Darfur Bar Association"]),
         "Sudanese army": ("StateForce", ["Sudanese army"]),
         "Rapid Support Forces": ("ArmedGroup", ["Rapid Support Forces", "RSF"]),
         "Reuters": ("MediaOutlet", ["Reuters"]), "El Fasher": ("Settlement", ["El Fasher"])}
SUDAN_TEXT = ("At least 40 people were killed when shells hit a crowded market in El Fasher on "
              "Sunday, the Darfur Bar Association said. The Sudanese army accused the paramilitary "
              "Rapid Support Forces (RSF) of shelling the market. The RSF denied the accusation, "
              "saying its fighters had not targeted civilians. A local activist group said more "
              "than 60 people had died. Reuters could not independently verify the reports.")


def test_denying_the_accusation_denies_the_accusation_of_the_sentence_before():
    out = run(SUDAN_TEXT, SUDAN)
    (accusation,) = by_source(out, "Sudanese army")
    assert (accusation.cue, accusation.status) == ("accuse", "Denied")
    denial = next(c for c in by_source(out, "Rapid Support Forces") if c.cue == "deny")
    assert denial.status == "Asserted"


def test_could_not_verify_the_reports_covers_the_accounts_before_not_the_denier():
    out = run(SUDAN_TEXT, SUDAN)
    (bar,) = by_source(out, "Darfur Bar Association")
    assert (bar.quantity, bar.status) == (40, "Unverified")
    assert all(c.status == "Asserted" for c in by_source(out, "Rapid Support Forces"))


def test_an_unnamed_source_is_its_own_node_not_the_last_named_one():
    out = run(SUDAN_TEXT, SUDAN)
    (c,) = [c for c in out.claims if c.quantity == 60]
    (group,) = [e for e in out.entities if e.key == c.source]
    assert (group.label, group.scoped) == ("local activist group", True)


def test_could_not_verify_the_figures_covers_only_claims_with_figures():
    out = run("Air strikes killed at least 23 people in Maarat al-Numan on Tuesday, the Syrian "
              "Observatory for Human Rights said. The monitor said the strikes hit a crowded market. "
              "The opposition coalition accused Russian jets of carrying out the raids. "
              "Reuters could not independently verify the casualty figures.",
              {"Syrian Observatory for Human Rights": ("NGO", ["Syrian Observatory for Human Rights"]),
               "opposition coalition": ("Faction", ["opposition coalition"]),
               "Maarat al-Numan": ("Settlement", ["Maarat al-Numan"])})
    statuses = {(c.quantity, c.cue): c.status for c in out.claims}
    assert statuses[(23, "say")] == "Unverified"
    assert statuses[(None, "say")] == "Asserted"
    assert statuses[(None, "accuse")] == "Asserted"


def test_residents_giving_another_toll_dispute_the_named_source():
    out = run("Boko Haram jihadists killed eight farmers near Maiduguri, militia leader Babakura "
              "Kolo told AFP, while residents said the toll was at least 12.",
              {"Boko Haram": ("ArmedGroup", ["Boko Haram"]), "Babakura Kolo": ("Actor", ["Babakura Kolo"]),
               "AFP": ("MediaOutlet", ["AFP"]), "Maiduguri": ("Settlement", ["Maiduguri"])})
    kolo, residents = out.claims  # the residents are an unnamed source node of their own
    assert (kolo.quantity, kolo.status) == (8, "Disputed")
    assert (residents.quantity, residents.status) == (12, "Disputed")


def test_an_event_with_no_place_takes_the_place_of_the_sentence_just_before():
    out = run("Two terrorists were killed in an encounter in Kulgam District on Monday. A joint team "
              "launched a cordon and search operation in Redwani Payeen village. As the SFs "
              "approached, the hiding terrorists opened fire.",
              {"Kulgam District": ("AdministrativeArea", ["Kulgam District"]),
               "Redwani Payeen": ("Settlement", ["Redwani Payeen"])})
    (attack,) = of_class(out, "Attack")
    assert label_of(out, attack.places) == ["Redwani Payeen"]


def test_people_seized_are_abducted_but_seized_weapons_are_not():
    out = run("No ransom was paid for the release of 279 schoolgirls seized from a boarding school "
              "in Jangebe last month.", {"Jangebe": ("Settlement", ["Jangebe"])})
    (abduction,) = of_class(out, "Abduction")
    assert abduction.count == 279
    out = run("Troops seized weapons and ammunition in the raid.", {})
    assert not of_class(out, "Abduction")


def test_demanding_a_ransom_is_no_appeal():
    out = run("A parent told AFP that the kidnappers had demanded a ransom of 500 million naira.",
              {"AFP": ("MediaOutlet", ["AFP"])})
    assert not of_class(out, "Appeal")


def test_a_claim_with_no_figure_in_its_text_takes_its_events_count():
    out = run("A military air strike on a village in Myanmar's Sagaing region killed at least 53 "
              "people, including women and children, who had gathered for the opening of a local "
              "office, a member of the National Unity Government said on Wednesday.",
              {"Myanmar": ("Country", ["Myanmar"]),
               "National Unity Government": ("GovernmentBody", ["National Unity Government"])})
    (claim,) = out.claims
    assert (claim.quantity, claim.quantity_bound) == (53, "atLeast")


def test_a_headline_verb_tagged_as_a_noun_keeps_its_count():
    out = run("Russian missile strike on Kharkiv kills 7, Ukraine says\n\nThe strike hit a building.",
              {"Kharkiv": ("Settlement", ["Kharkiv"]), "Ukraine": ("Country", ["Ukraine"])})
    killings = of_class(out, "Killing")
    assert [k.count for k in killings] == [7]


def test_a_bandh_called_by_a_group_has_it_as_agent():
    out = run("The Naga Students Federation (NSF) called a 12-hour bandh in Kohima on March 4 to "
              "protest the arrest of two of its leaders by Nagaland Police.",
              {"Naga Students Federation": ("Faction", ["Naga Students Federation", "NSF"]),
               "Kohima": ("Settlement", ["Kohima"]), "Nagaland Police": ("StateForce", ["Nagaland Police"])})
    bandh = next(e for e in of_class(out, "Protest") if e.trigger.text == "bandh")
    assert label_of(out, bandh.agents) == ["Naga Students Federation"]
    (arrest,) = of_class(out, "Arrest")
    assert (label_of(out, arrest.agents), arrest.count) == (["Nagaland Police"], 2)


def test_could_not_confirm_the_toll_covers_a_claim_whose_event_has_the_count():
    out = run("A military air strike on a village in Myanmar's Sagaing region killed at least 53 "
              "people, including women and children, who had gathered for the opening of a local "
              "office, a member of the National Unity Government said on Wednesday. A spokesman, "
              "Zaw Min Tun, said the strike had targeted fighters. The death toll could not be "
              "independently confirmed.",
              {"Myanmar": ("Country", ["Myanmar"]), "Zaw Min Tun": ("Actor", ["Zaw Min Tun"]),
               "National Unity Government": ("GovernmentBody", ["National Unity Government"])})
    assert [(c.quantity, c.status) for c in out.claims] == [(53, "Unverified"), (None, "Asserted")]


def test_passive_killing_takes_the_doer_of_its_when_clause():
    out = run("Two soldiers were killed and three injured when Maoists triggered an IED blast in "
              "Bijapur district, officials said.",
              {"Maoists": ("ArmedGroup", ["Maoists"]), "Bijapur": ("AdministrativeArea", ["Bijapur"])})
    (killing,) = of_class(out, "Killing")
    assert label_of(out, killing.agents) == ["Maoists"]
    (blast,) = of_class(out, "Attack")
    assert label_of(out, blast.agents) == ["Maoists"]


def test_it_in_a_reported_clause_is_the_reporter_not_an_earlier_group():
    out = run("Fifty militants surrendered in Borno. The army said it had rescued 12 hostages.",
              {"militants": ("ArmedGroup", ["militants"]), "Borno": ("AdministrativeArea", ["Borno"])})
    (rescue,) = of_class(out, "Rescue")
    assert rescue.agents == ()
    assert rescue.count == 12


def test_the_party_blamed_for_an_attack_is_its_agent():
    out = run("The Sinaloa Cartel has been blamed for the murders, though the group has not commented.",
              {"Sinaloa Cartel": ("ArmedGroup", ["Sinaloa Cartel"])})
    (killing,) = of_class(out, "Killing")
    assert label_of(out, killing.agents) == ["Sinaloa Cartel"]
    out = run("Authorities blamed the National Liberation Army for the attack.",
              {"National Liberation Army": ("ArmedGroup", ["National Liberation Army"])})
    (attack,) = of_class(out, "Attack")
    assert label_of(out, attack.agents) == ["National Liberation Army"]


def test_both_signatories_of_an_agreement_are_agents():
    out = run("The United National Liberation Front signed a peace agreement with the Union "
              "Government in New Delhi on November 29.",
              {"United National Liberation Front": ("ArmedGroup", ["United National Liberation Front"]),
               "Union Government": ("GovernmentBody", ["Union Government"]),
               "New Delhi": ("Settlement", ["New Delhi"])})
    (deal,) = of_class(out, "Agreement")
    assert set(label_of(out, deal.agents)) == {"United National Liberation Front", "Union Government"}


def test_leaving_three_dead_counts_the_dead():
    out = run("Soldiers clashed with FARC dissidents in Cauca, leaving three guerrillas dead, the "
              "army said in a statement.", {"Cauca": ("AdministrativeArea", ["Cauca"])})
    (killing,) = of_class(out, "Killing")
    assert killing.count == 3


def test_a_claim_the_army_rejected_is_denied():
    out = run("In Sudan, the RSF said its fighters had captured the town of Wad Madani, a claim the "
              "army rejected.",
              {"Rapid Support Forces": ("ArmedGroup", ["RSF"]), "army": ("StateForce", ["army"]),
               "Wad Madani": ("Settlement", ["Wad Madani"])})
    said = next(c for c in out.claims if c.cue == "say")
    assert said.status == "Denied"


def test_the_report_could_not_be_verified_covers_only_the_last_account():
    out = run("The World Health Organization said at least 300 people had died of cholera since "
              "January. According to Human Rights Watch, soldiers detained and tortured dozens of "
              "men in Rakhine State. The report could not be independently verified.",
              {"World Health Organization": ("InternationalOrganisation", ["World Health Organization"]),
               "Human Rights Watch": ("NGO", ["Human Rights Watch"])})
    assert [(c.cue, c.status) for c in out.claims] == [("say", "Asserted"),
                                                       ("according to", "Unverified")]


def test_a_place_naming_the_strike_that_killed_is_not_its_agent():
    out = run("Yemen strike kills 12 at wedding\n\nAn air strike killed 12 people at a wedding in "
              "Hajjah province on Monday.",
              {"Yemen": ("Country", ["Yemen"]), "Hajjah": ("AdministrativeArea", ["Hajjah"])})
    assert all(not k.agents for k in of_class(out, "Killing"))


def test_the_observatory_said_is_the_observatory_named_before_not_the_last_group():
    out = run("The Syrian Observatory for Human Rights said 45 rebels were killed. The government "
              "denies using barrel bombs. Meanwhile Islamic State militants abducted more than 100 "
              "Kurdish civilians from villages near Manbij the Observatory said.",
              {"Syrian Observatory for Human Rights": ("NGO", ["Syrian Observatory for Human Rights"]),
               "Syrian government": ("GovernmentBody", ["The government"]),
               "Islamic State": ("ArmedGroup", ["Islamic State"])})
    abducted = next(c for c in out.claims if c.quantity == 100)
    assert by_source(out, "Syrian Observatory for Human Rights")[-1] is abducted


def test_a_toll_put_at_another_figure_disputes_a_claim_whose_count_is_its_events():
    out = run("In Aleppo rebel shelling of government-held districts killed five people SANA "
              "reported while the Observatory put the toll at three.",
              {"SANA": ("MediaOutlet", ["SANA"]), "Observatory": ("NGO", ["Observatory"]),
               "Aleppo": ("Settlement", ["Aleppo"])})
    assert sorted((c.quantity, c.status) for c in out.claims) == [(3, "Disputed"), (5, "Disputed")]


def test_figures_of_different_things_do_not_dispute_each_other():
    out = run("A Russian missile strike on an apartment building in Kharkiv killed seven people on "
              "Sunday, regional governor Oleh Syniehubov said. Ukraine's air force said Russia had "
              "launched 14 drones and two ballistic missiles overnight.",
              {"Oleh Syniehubov": ("Actor", ["Oleh Syniehubov"]),
               "Ukrainian Air Force": ("StateForce", ["Ukraine's air force"]),
               "Kharkiv": ("Settlement", ["Kharkiv"])})
    assert [(c.quantity, c.status) for c in out.claims] == [(7, "Asserted"), (14, "Asserted")]


def test_an_adjective_of_nationality_names_the_countrys_side():
    out = run("Russian shelling killed two men in the village of Mala Tokmachka. Russia denied it.",
              {"Russia": ("Country", ["Russia"]), "Mala Tokmachka": ("Settlement", ["Mala Tokmachka"])})
    (shelling,) = of_class(out, "Shelling")
    assert label_of(out, shelling.agents) == ["Russia"]
    (killing,) = of_class(out, "Killing")
    assert label_of(out, killing.agents) == ["Russia"]
