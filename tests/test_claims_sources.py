"""Sources that are descriptions: tied to the party named before, else an unnamed source node
of the article's own; the addressee of 'told X' is never the speaker."""

from __future__ import annotations

from dataclasses import replace

from helpers_events import parse

from kg.extract import claims, events

MINISTRY = {"Lakeland Interior Ministry": ("GovernmentBody", ["Lakeland Interior Ministry"])}


def run(text: str, ents: dict, roles: dict | None = None):
    """Events then claims; `roles` gives entities the titles the entity extractor would."""
    doc, found = parse(text, ents)
    found = replace(found, entities=tuple(replace(e, roles=(roles or {}).get(e.label, ()))
                                          for e in found.entities))
    return claims.extract(doc, events.extract(doc, found))


def source(out, claim):
    """The entity a claim's source is."""
    return next(e for e in out.entities if e.key == claim.source)


def test_the_ministry_is_the_ministry_named_before():
    out = run("Gunmen killed five farmers, the Lakeland Interior Ministry said. The ministry said "
              "the attackers fled into the forest.", MINISTRY)
    _, second = out.claims
    assert source(out, second).label == "Lakeland Interior Ministry"
    assert "fled into the forest" in second.text


def test_a_description_whose_words_the_name_lacks_is_someone_else():
    out = run("Gunmen killed five farmers, the Lakeland Interior Ministry said. The health ministry "
              "said 14 people were wounded.", MINISTRY)
    _, health = out.claims
    s = source(out, health)
    assert (s.label, s.scoped) == ("health ministry", True)


def test_the_governor_is_the_one_given_that_title():
    out = run("Governor Amos Tembe visited the burned market on Monday. Later the governor said "
              "twelve houses had been burned.", {"Amos Tembe": ("Actor", ["Amos Tembe"])},
              roles={"Amos Tembe": ("governor",)})
    (c,) = out.claims
    assert (source(out, c).label, c.quantity) == ("Amos Tembe", 12)


def test_an_unnamed_source_is_a_scoped_node_named_by_its_phrase():
    out = run("A source in the district administration said the bridge was closed. Senior officials "
              "blamed the floods for the damage.", {})
    closed, blamed = out.claims
    s = source(out, closed)
    assert (s.label, s.cls, s.scoped) == ("source in the district administration", "Actor", True)
    assert "source" in s.alt_labels
    b = source(out, blamed)
    assert (b.label, b.cls, b.scoped, blamed.cue) == ("senior officials", "Faction", True, "blame")


def test_one_unnamed_source_named_twice_is_one_node():
    out = run("Resistance groups said the village was burned. Local resistance groups said 30 homes "
              "were destroyed.", {})
    a, b = out.claims
    assert a.source == b.source
    assert "local resistance groups" in source(out, a).alt_labels


def test_bare_plural_sources_are_nodes_and_dispute():
    out = run("Gunmen killed eight farmers, the Lakeland Interior Ministry said. Residents said the "
              "toll was at least 12. Police said the roads were closed.", MINISTRY)
    ministry, residents, police = out.claims
    assert (ministry.quantity, ministry.status) == (8, "Disputed")
    assert [(source(out, c).label, source(out, c).scoped) for c in (residents, police)] == [
        ("residents", True), ("police", True)]


def test_the_group_that_names_no_party_before_is_no_node():
    out = run("Gunmen killed eight farmers on Monday. The group said the toll was at least 12. "
              "The two herders said the gunmen came at dawn.", {})
    assert out.claims == ()  # 'the two herders' points back too
    assert [e.label for e in out.entities if e.scoped] == ["gunmen"]  # the killers' node


def test_the_governor_is_the_one_named_last_before():
    out = run("Governor Amos Tembe toured the flooded district on Monday. The governor said 300 homes "
              "were lost. In the north, Governor Ruth Okoro visited the coast.",
              {"Amos Tembe": ("Actor", ["Amos Tembe"]), "Ruth Okoro": ("Actor", ["Ruth Okoro"])},
              roles={"Amos Tembe": ("Governor",), "Ruth Okoro": ("Governor",)})
    (c,) = out.claims
    assert (source(out, c).label, c.quantity) == ("Amos Tembe", 300)


def test_estimated_at_gives_the_figure():
    out = run("Local police estimated the crowd at 3,000.", {})
    (c,) = out.claims
    assert (c.cue, c.quantity, source(out, c).label) == ("estimate", 3000, "local police")


def test_the_addressee_of_told_is_never_the_speaker():
    out = run("Radio Kanta reported that five villagers had died. The group told Radio Kanta that "
              "seven villagers had died.", {"Radio Kanta": ("MediaOutlet", ["Radio Kanta"])})
    assert [(source(out, c).label, c.quantity) for c in out.claims] == [("Radio Kanta", 5)]


def test_a_short_name_opening_a_sentence_is_the_party_named_before():
    out = run("The Northern Dawn Police Movement took the town. Dawn said its fighters held the "
              "airport. Police said the roads were closed.",
              {"Northern Dawn Police Movement": ("ArmedGroup", ["Northern Dawn Police Movement"])})
    c, police = out.claims  # 'Police' names a group: no short name of the movement
    assert (source(out, c).label, c.text) == ("Northern Dawn Police Movement",
                                               "its fighters held the airport")
    assert (source(out, police).label, source(out, police).scoped) == ("police", True)


def test_a_description_tied_to_its_party_is_one_of_its_names():
    out = run("President Amara Tembe opened the bridge at Kessa on Monday. The president said it would "
              "carry 4,000 cars a day.", {"Amara Tembe": ("Actor", ["Amara Tembe"])},
              roles={"Amara Tembe": ("President",)})
    (c,) = out.claims
    assert (source(out, c).label, c.quantity) == ("Amara Tembe", 4000)
    assert "the president" in source(out, c).alt_labels


def test_conjoined_modifiers_stay_in_an_unnamed_source():
    out = run("Federal and state officials said the bridge cost $40 million.", {})
    (c,) = out.claims
    assert source(out, c).label == "federal and state officials"


PORT = {"Peter Hall": ("Actor", ["Peter Hall"]), "Ida Sorensen": ("Actor", ["Ida Sorensen"]),
        "Radio Kanta": ("MediaOutlet", ["Radio Kanta"])}


def test_a_name_run_into_a_subjectless_cue_speaks_and_the_outlet_only_carries():
    out = run("We are in close contact with the port authority and they have promised us that they "
              "would never close the docks and would give full access to the inspectors to visit the "
              "areas affected Peter Hall told Foreign Minister Ida Sorensen in a call on Friday "
              "according to Radio Kanta.", PORT)
    told = [c for c in out.claims if c.cue == "tell"]
    assert [source(out, c).label for c in told] == ["Peter Hall"]
    assert all(c.cue != "according to" for c in out.claims)  # Radio Kanta carries Hall's claim
