"""Where an article's events are: beside its dateline and headline (the dateline is where the
story was filed from, an event's place only when nothing else in the article places it), and
places whose name the model splits. With the real model (and hand-made entities)."""

from __future__ import annotations

from helpers_events import label_of, of_class, parse, run

from kg.extract.events import dateline_tokens

TUNIS = {"Tunis": ("Settlement", ["TUNIS"]), "Reuters": ("MediaOutlet", ["Reuters"]),
         "Kasserine": ("Settlement", ["Kasserine"])}


def test_the_dateline_city_is_not_where_an_event_the_lead_places_elsewhere_happened():
    out = run("Gunmen kill five traders\n\nTUNIS (Reuters) - Gunmen killed five traders in the "
              "town of Kasserine on Sunday, police said.", TUNIS)
    for killing in of_class(out, "Killing"):
        assert label_of(out, killing.places) == ["Kasserine"]


def test_an_article_that_names_no_other_place_has_its_events_at_the_dateline():
    out = run("Guards end prison riot\n\nKAMPALA, Uganda (AFP) - Guards ended a riot by inmates "
              "at the main prison on Friday after clashes that killed four people.",
              {"Kampala": ("Settlement", ["KAMPALA"]), "Uganda": ("Country", ["Uganda"]),
               "AFP": ("MediaOutlet", ["AFP"])})
    (killing,) = of_class(out, "Killing")
    assert "Kampala" in label_of(out, killing.places)


def test_a_headline_event_is_placed_by_the_lead_not_by_its_agents_adjective():
    out = run("Turkish drones kill six near border\n\nDUHOK, Iraq (AFP) - Turkish drone "
              "strikes on a checkpoint near the town of Zakho in Iraq's Duhok province killed six "
              "people on Tuesday, officials said.",
              {"Turkey": ("Country", ["Turkish"]), "Duhok": ("AdministrativeArea", ["DUHOK", "Duhok"]),
               "Iraq": ("Country", ["Iraq"]), "AFP": ("MediaOutlet", ["AFP"]),
               "Zakho": ("Settlement", ["Zakho"])})
    headline = [e for e in of_class(out, "Killing") if e.sentence.start == 0]
    assert headline
    assert "Zakho" in label_of(out, headline[0].places)
    assert "Turkey" not in label_of(out, headline[0].places)


def test_a_dateline_is_a_capitals_place_with_an_agency_before_a_dash():
    doc, _ = parse("Title line here\n\nBAMAKO, Mali, June 3 (AP) \u2014 Soldiers patrolled.", {})
    assert doc[dateline_tokens(doc).start].text == "BAMAKO"
    plain, _ = parse("Title line here\n\nSoldiers patrolled BAMAKO (on foot) - at night.", {})
    assert not dateline_tokens(plain)


def test_a_place_split_at_its_arabic_article_is_one_place():
    from kg.nlp import get_nlp

    doc = get_nlp()("Clashes in Syria's Deir ez-Zor killed nine people on Tuesday.")
    assert "Deir ez-Zor" in [e.text for e in doc.ents]
    assert not any(e.text in ("Deir", "-Zor") for e in doc.ents)
