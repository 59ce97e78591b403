"""Counts with their bounds, from figures and number words."""

from __future__ import annotations

import pytest

from kg.extract.numbers import find_count, find_counts


@pytest.mark.parametrize(("text", "value", "bound"), [
    ("over 740 civilian deaths", 740, "atLeast"),
    ("more than 470000 deaths", 470000, "atLeast"),
    ("at least 45 people", 45, "atLeast"),
    ("well over 1000 civilians", 1000, "atLeast"),
    ("up to 300 unarmed people", 300, "atMost"),
    ("around 10 million have been displaced", 10000000, "approximate"),
    ("more than a quarter of a million people", 250000, "atLeast"),
    ("half a million refugees", 500000, "exact"),
    ("eight Syrian militants", 8, "exact"),
    ("twenty-five people", 25, "exact"),
    ("470,000 deaths", 470000, "exact"),
    ("2.5 million people", 2500000, "exact"),
    ("two hundred families", 200, "exact"),
])
def test_counts_and_bounds(text, value, bound):
    found = find_count(text)
    assert found is not None and (found.value, found.bound) == (value, bound)
    assert text[found.start:found.end].split()[-1] in text


@pytest.mark.parametrize("text", [
    "dozens of people", "hundreds were displaced", "protests in 2011", "on October 16",
    "some $55,000", "over the last 15 days", "one of those hit", "a 90-year-old man",
])
def test_vague_numbers_dates_and_money_are_no_counts(text):
    assert find_count(text) is None


def test_every_count_in_order():
    found = find_counts("76 children and 41 women were among those killed")
    assert [c.value for c in found] == [76, 41]


def test_numeric_dates_hold_no_count():
    assert find_count("03-11-2014 ISIL beheads") is None
    assert find_count("on 15/08/2016 eight men").value == 8


def test_digits_inside_names_are_no_counts():
    from kg.extract.numbers import find_counts

    assert [c.value for c in find_counts("the MS13 gang and M23 rebels killed 46 women")] == [46]
    assert find_counts("AK-47 rifles were recovered") == []
