"""Events on news nobody tuned on (issue 13): negation, dates, unnamed parties, adjectives of
nationality, places and the long tail of trigger words. Sentences written for these tests."""

from __future__ import annotations

import pytest
from helpers_events import of_class, parse

from kg.extract import events
from kg.extract.numbers import find_count

TOWN = {"Kessa": ("Settlement", ["Kessa"])}


def modalities(text: str, cls: str = "Killing") -> list[str]:
    """The modality of every event of a class in the text, asserted or not."""
    doc, found = parse(text, TOWN)
    return [e.modality for e in events.detect(doc, found) if e.cls == cls]


# --- category 2: negation and irrealis ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Neither injuries nor fatalities were reported in Kessa.",
    "No injuries nor deaths were reported in Kessa.",
    "There were no reports of fatalities in Kessa.",
    "No one was killed in Kessa.",
    "No people were reported injured or killed in Kessa.",
    "Fatalities among the guards were not reported in Kessa.",
    "The source does not say whether there were fatalities in Kessa.",
])
def test_a_toll_said_to_be_none_is_no_killing(text):
    doc, found = parse(text, TOWN)
    assert not of_class(events.extract(doc, found), "Killing")
    assert modalities(text)  # read, but not asserted


def test_a_killing_beside_a_negated_toll_stays():
    doc, found = parse("Gunmen killed two guards in Kessa; no other fatalities were reported.", TOWN)
    assert [e.count for e in of_class(events.extract(doc, found), "Killing")] == [2]


@pytest.mark.parametrize("text", ["On March 9, 2024 gunmen raided the market",
                                  "KESSA, March 9, 2024 residents said"])
def test_the_year_of_a_date_is_no_count(text):
    assert find_count(text) is None


# --- category 3: agents and targets ---------------------------------------------------------

def made(out, keys: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    """(label, class, scoped) of the entities with these keys."""
    ents = {e.key: e for e in out.entities}
    return [(ents[k].label, ents[k].cls, ents[k].scoped) for k in keys]


def test_common_noun_doers_are_unnamed_parties_of_the_article():
    doc, found = parse("Police arrested nine traders in Kessa after bandits looted the depot.", TOWN)
    out = events.extract(doc, found)
    (arrest,) = of_class(out, "Arrest")
    (looting,) = of_class(out, "Looting")
    assert made(out, arrest.agents) == [("police", "StateForce", True)]
    assert made(out, looting.agents) == [("bandits", "ArmedGroup", True)]
    assert arrest.count == 9


def test_a_victim_is_no_party_unless_the_lexicon_lists_it():
    """'nine traders' stays out of the graph's parties (any people are no party: in the entity
    scores they would be extra names); 'protesters' is one."""
    doc, found = parse("Soldiers shot dead nine traders and arrested 12 protesters in Kessa.", TOWN)
    out = events.extract(doc, found)
    (killing,) = of_class(out, "Killing")
    (arrest,) = of_class(out, "Arrest")
    assert killing.targets == () and killing.count == 9
    assert made(out, arrest.targets) == [("protesters", "Faction", True)]
    assert made(out, killing.agents) == [("soldiers", "StateForce", True)]


def test_civilians_are_the_party_of_non_combatants():
    """Conflict data codes the civilians an attack hit as a party of its own: 'four civilians'
    is an unnamed party of the article, 'two teachers' stays none."""
    doc, found = parse("Militants shot dead four civilians and abducted two teachers in Kessa.", TOWN)
    out = events.extract(doc, found)
    (killing,) = of_class(out, "Killing")
    (abduction,) = of_class(out, "Abduction")
    assert made(out, killing.targets) == [("civilians", "Faction", True)]
    assert killing.count == 4 and abduction.targets == ()


def test_one_party_per_label_and_only_for_emitted_events():
    doc, found = parse("Gunmen killed a farmer in Kessa. Later the gunmen did not attack the "
                       "market, and villagers said vigilantes would not retaliate.", TOWN)
    out = events.extract(doc, found)
    labels = [e.label for e in out.entities]
    assert labels.count("gunmen") == 1
    assert "vigilantes" not in labels or any(e.scoped for e in out.entities if e.label == "vigilantes")


def test_the_passive_by_phrase_of_a_verb_completed_by_dead():
    doc, found = parse("A farmer was shot dead by police in Kessa.", TOWN)
    (killing,) = of_class(events.extract(doc, found), "Killing")
    assert killing.agents


@pytest.mark.parametrize(("text", "country"), [
    ("Ethiopian drones struck a depot in Kessa, killing four people.", "Ethiopia"),
    ("Chadian soldiers killed six herders in Kessa.", "Chad"),
])
def test_a_country_written_as_an_adjective_acts(text, country):
    doc, found = parse(text, TOWN)
    out = events.extract(doc, found)
    (killing,) = of_class(out, "Killing")
    countries = [e for e in out.entities if e.key in killing.agents and e.cls == "Country"]
    assert [e.label for e in countries] == [country]
    assert countries[0].alt_labels == (text.split()[0],) and not countries[0].scoped


@pytest.mark.parametrize(("text", "forces"), [
    ("Malian soldiers killed six herders in Kessa.", ["Military Forces of Mali"]),
    ("On Monday the military forces of Ghana and Togo clashed with smugglers near Kessa.",
     ["Military Forces of Ghana", "Military Forces of Togo"]),
    ("Kenyan police shot dead two traders in Kessa.", ["Police Forces of Kenya"]),
])
def test_soldiers_of_a_country_are_its_state_force(text, forces):
    doc, found = parse(text, {**TOWN, "Ghana": ("Country", ["Ghana"]), "Togo": ("Country", ["Togo"])})
    out = events.extract(doc, found)
    (event,) = [e for e in out.events if e.agents]
    ents = {e.key: e for e in out.entities}
    made_forces = [ents[k] for k in event.agents if ents[k].cls == "StateForce"]
    assert [e.label for e in made_forces] == forces
    assert not any(e.scoped for e in made_forces)
    assert any(ents[k].cls == "Country" for k in event.agents)  # the country still acts


def test_a_dateline_is_no_doer():
    doc, found = parse("KESSA, 13 April 2025 (Wire) - Russian drones killed two guards.",
                       {**TOWN, "Wire": ("MediaOutlet", ["Wire"])})
    out = events.extract(doc, found)
    (killing,) = of_class(out, "Killing")
    assert [e.label for e in out.entities if e.key in killing.agents] == ["Russia"]


# --- category 6: one event, the classes it falls under --------------------------------------

@pytest.mark.parametrize(("text", "cls"), [
    ("Gunmen attacked an army checkpoint in Kessa.", "AttackOnForces"),
    ("Militants ambushed soldiers near Kessa.", "AttackOnForces"),
    ("Gunmen opened fire on a police patrol in Kessa.", "AttackOnForces"),
    ("Gunmen attacked a school in Kessa.", "Attack"),
    ("Gunmen attacked a camp for displaced families in Kessa.", "Attack"),
])
def test_an_attack_on_armed_forces_is_also_a_clash(text, cls):
    from kg.extract.classes import ALSO_UNDER, is_a

    doc, found = parse(text, TOWN)
    (attack,) = [e for e in events.extract(doc, found).events if is_a(e.cls, "Attack")]
    assert attack.cls == cls
    assert ("Clash" in ALSO_UNDER.get(attack.cls, ())) == (cls == "AttackOnForces")


@pytest.mark.parametrize(("text", "classes"), [
    ("Rebels killed nine soldiers near Kessa.", ["KillingOfForces"]),
    ("Rebels killed nine villagers near Kessa.", ["Killing"]),
    ("Rebels stormed an army base in Kessa and killed nine soldiers.", ["AttackOnForces", "Killing"]),
])
def test_a_killing_of_armed_forces_is_an_attack_on_them_unless_one_is_told(text, classes):
    from kg.extract.classes import ALSO_UNDER

    doc, found = parse(text, TOWN)
    out = events.extract(doc, found).events
    assert [e.cls for e in out] == classes
    assert ALSO_UNDER["KillingOfForces"] == ("AttackOnForces",)


@pytest.mark.parametrize(("text", "count"), [
    ("Two officers were shot and killed in Kessa.", 2),
    ("Twelve fighters were reported killed in Kessa.", 12),
    ("Troops raided a camp in Kessa, leaving 14 militants dead.", 14),
])
def test_the_dead_of_a_shared_passive_or_a_leaving_clause_are_counted(text, count):
    doc, found = parse(text, TOWN)
    (killing,) = [e for e in events.extract(doc, found).events if e.cls.startswith("Killing")]
    assert killing.count == count


def test_a_verb_the_lemmatiser_got_wrong_is_read_by_its_spelling():
    from kg.extract.triggers import stems

    assert "rape" in stems("raped") and "rob" in stems("robbed") and stems("bus") == []
    doc, found = parse("Soldiers raped two women in Kessa.", TOWN)
    assert of_class(events.extract(doc, found), "SexualViolence")


@pytest.mark.parametrize(("text", "classes"), [
    ("Militiamen torched thirty houses in Kessa.", ["PropertyDestruction"]),
    ("Soldiers destroyed a drug laboratory near Kessa.", ["PropertyDestruction"]),
    ("Bandits robbed traders in Kessa.", ["Looting"]),
    ("Gang members looted the shops in Kessa and set fire to dozens of homes.", ["Looting", "Attack"]),
])
def test_destroying_property_is_an_attack_and_a_looting_unless_one_is_told(text, classes):
    from kg.extract.classes import ALSO_UNDER

    doc, found = parse(text, TOWN)
    assert [e.cls for e in events.extract(doc, found).events] == classes
    assert ALSO_UNDER["PropertyDestruction"] == ("Looting",)


def test_an_idea_destroyed_is_no_property():
    doc, found = parse("Rebels in Kessa said the ruling destroyed the plan.", TOWN)
    assert not events.extract(doc, found).events


# --- fatalities -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "count"), [
    ("On 2 May 2021, troops shot dead a herder near Kessa.", 1),
    ("A nurse was killed when a shell hit a clinic in Kessa.", 1),
    ("Rebels attacked Kessa and killed the headman of the village.", 1),
    ("Fighters clashed in Kessa. An unknown number of fatalities was coded as 6.", 6),
    ("Deaths rose to 14 in Kessa after the raid.", 14),
    ("Police killed a farmer and his son in Kessa.", None),
    ("Troops killed the police of Kessa.", None),
])
def test_a_count_from_one_victim_or_the_toll_a_fatality_noun_is_given(text, count):
    doc, found = parse(text, TOWN)
    counts = [e.count for e in events.extract(doc, found).events if e.cls.startswith("Killing")]
    assert counts and (count in counts if count else set(counts) == {None})


def test_a_date_is_never_what_an_event_was_done_to():
    from kg.extract import arguments as args

    doc, _ = parse("On 2 May 2021, troops shot dead a herder near Kessa.", TOWN)
    shot = next(t for t in doc if t.lower_ == "shot")
    assert [t.text for t in args.target_heads(shot, "Killing", False)] == ["herder"]


# --- category 4: places ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "places"), [
    ("The Lomara-based monitor said gunmen killed five people.", []),
    ("Fighters who came from Lomara killed three farmers.", []),
    ("The Lomara-based monitor said gunmen killed five people in Kessa.", ["Kessa"]),
    ("Gunmen abducted 20 people from Kessa.", ["Kessa"]),
])
def test_where_a_party_is_from_or_based_is_not_the_events_place(text, places):
    doc, found = parse(text, {**TOWN, "Lomara": ("Settlement", ["Lomara"])})
    out = events.extract(doc, found)
    labels = {e.key: e.label for e in out.entities}
    (event,) = out.events
    assert [labels[k] for k in event.places] == places


# --- protests told by gatherings, sit-ins and their dispersal -------------------------------

@pytest.mark.parametrize("text", [
    "On 2 June, about 200 nurses in Kessa demonstrated to demand unpaid wages.",
    "On 2 June, 300 miners burned tyres in Kessa and demonstrated demanding their wages.",
    "On 3 June, residents of Kessa held a protest sit-in in front of the town hall.",
    "A sit-in was held by teachers in Kessa.",
    "On 4 June, taxi drivers held a protest procession through the centre of Kessa.",
    "The police dispersed a sit-in held by farmers in Kessa.",
    "Police dispersed the crowd with tear gas in Kessa.",
    "On 5 June, merchants gathered in the main square of Kessa to demand lower taxes.",
    "About 30 relatives of a jailed teacher rallied outside the court in Kessa.",
    "Hundreds of pensioners marched through Kessa on Sunday.",
    "Dozens of demonstrators blocked several roads in Kessa with burning tyres.",
])
def test_gatherings_of_people_are_protests(text):
    doc, found = parse(text, TOWN)
    assert len(of_class(events.extract(doc, found), "Protest")) == 1


@pytest.mark.parametrize("text", [
    "The rebels dispersed into the forest near Kessa.",
    "Soldiers gathered near Kessa before dawn.",
    "The commission gathered evidence in Kessa.",
    "Gunmen blocked the road to Kessa.",
    "Calls for revenge in Kessa demonstrate deepening divides.",
    "The tests in Kessa demonstrated to be safe.",
])
def test_no_protest_without_protesters(text):
    doc, found = parse(text, TOWN)
    assert not of_class(events.extract(doc, found), "Protest")


# --- counts of conjoined groups -------------------------------------------------------------

@pytest.mark.parametrize(("text", "count"), [
    ("Two soldiers and three civilians were killed in Kessa.", 5),
    ("Militants killed at least five soldiers and two policemen near Kessa.", 7),
    ("Bandits abducted four farmers and a woman near Kessa.", 5),
    ("Gunmen killed a man and his son in Kessa.", None),
    ("Rebels killed 12 people and wounded 30 others in Kessa.", 12),
])
def test_conjoined_groups_are_summed(text, count):
    doc, found = parse(text, TOWN)
    out = events.extract(doc, found)
    counted = [e.count for e in out.events if e.cls in ("Killing", "KillingOfForces", "Abduction")]
    assert counted == [count]


# --- the weapon tells the class: aircraft an airstrike, artillery a bombardment -------------

@pytest.mark.parametrize(("text", "cls"), [
    ("On 3 June, rebels launched a mortar attack on Kessa.", "Bombardment"),
    ("Government troops fired artillery and rockets at villages near Kessa.", "Bombardment"),
    ("Heavy artillery fire was reported in Kessa.", "Bombardment"),
    ("Militants targeted a checkpoint in Kessa with a guided missile.", "Bombardment"),
    ("The air force attacked rebel trucks near Kessa.", "Airstrike"),
    ("The air force targeted rebel positions near Kessa.", "Airstrike"),
    ("On Monday, attacks by helicopter gunships were carried out against militants in Kessa.",
     "Airstrike"),
    ("Rebels dropped a grenade from a drone on army positions near Kessa.", "Airstrike"),
])
def test_an_attack_with_a_weapon_from_afar_is_a_bombardment(text, cls):
    doc, found = parse(text, TOWN)
    out = events.extract(doc, found)
    assert [e.cls for e in out.events] == [cls]


@pytest.mark.parametrize(("text", "classes"), [
    ("Gunmen fired at a bus near Kessa.", ["Attack"]),
    ("A suicide bomber attacked a market in Kessa.", ["Attack"]),
    ("Soldiers shot down a plane near Kessa.", ["Attack"]),  # what was hit, not what was fired
    ("The campaign targeted voters in Kessa.", []),
    ("The minister dropped the charges in Kessa.", []),
])
def test_no_bombardment_without_its_weapon(text, classes):
    doc, found = parse(text, TOWN)
    assert [e.cls for e in events.extract(doc, found).events] == classes


# --- what can be struck or destroyed (data/events/targets.tsv, from WordNet) ----------------

@pytest.mark.parametrize("text", [
    "Warplanes struck a hospital in Kessa on Sunday.",
    "Rebel drones struck a convoy near Kessa.",
    "Government forces struck a warehouse in Kessa.",
    "The navy struck a power plant outside Kessa.",
    "A market in Kessa was struck overnight.",
])
def test_striking_a_physical_target_is_a_bombardment(text):
    doc, found = parse(text, TOWN)
    assert of_class(events.extract(doc, found), "Bombardment") \
        or of_class(events.extract(doc, found), "Airstrike")


@pytest.mark.parametrize("text", [
    "The two parties struck a deal in Kessa on Sunday.",
    "The speech struck a chord with voters in Kessa.",
    "The council struck a balance between the two demands in Kessa.",
])
def test_striking_an_idea_is_no_attack(text):
    doc, found = parse(text, TOWN)  # 'struck a deal' is an Agreement, no Bombardment
    assert not [e for e in events.extract(doc, found).events
                if e.cls in ("Bombardment", "Airstrike", "Attack", "PropertyDestruction")]


@pytest.mark.parametrize("text", [
    "Militiamen destroyed the bridge outside Kessa.",
    "Herders destroyed crops near Kessa.",
    "Settlers destroyed the tea plantations of the villagers near Kessa.",
    "A mob destroyed ballot boxes in Kessa.",
    "Soldiers destroyed dozens of homes in Kessa.",
])
def test_destroying_a_physical_thing_is_property_destruction(text):
    doc, found = parse(text, TOWN)
    assert of_class(events.extract(doc, found), "PropertyDestruction")


@pytest.mark.parametrize("text", [
    "The ruling destroyed the plan for a new road in Kessa.",
    "The defeat destroyed the hopes of the team from Kessa.",
    "The clerk destroyed evidence in the case in Kessa.",
])
def test_destroying_an_idea_is_no_property_destruction(text):
    doc, found = parse(text, TOWN)
    assert not of_class(events.extract(doc, found), "PropertyDestruction")


@pytest.mark.parametrize("text, bombardment", [
    ("A bus was struck by a missile near Kessa.", True),
    ("A bus was struck by a truck near Kessa.", False),
    ("A storm struck the villages around Kessa.", False),
    ("A cholera epidemic struck the camps near Kessa.", False),
])
def test_what_struck_a_target_tells_whether_it_was_a_bombardment(text, bombardment):
    doc, found = parse(text, TOWN)
    assert bool(of_class(events.extract(doc, found), "Bombardment")) == bombardment
