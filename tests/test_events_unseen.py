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
