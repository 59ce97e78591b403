"""Article dates from metadata or datelines, and time expressions resolved against them."""

from __future__ import annotations

from datetime import date

import pytest
from helpers_events import parse

from kg.extract import events
from kg.extract.dates import article_date, resolve, weekday_in_week
from kg.model import Article


@pytest.mark.parametrize(("text", "expected"), [
    ("Title\n\n15 Aug 2016 A suicide attack", date(2016, 8, 15)),
    ("Title\n\nAFP Monday 13 Nov 2017 Air strikes", date(2017, 11, 13)),
    ("Title\n\nSunday 25 August 2013 Iran's foreign minister", date(2013, 8, 25)),
    ("Title\n\n03-11-2014 ISIL beheads", date(2014, 11, 3)),
    ("Title\n\nMarch 5, 2020 Protesters gathered", date(2020, 3, 5)),
    ("Title\n\nNo date here at all.", None),
])
def test_dateline(text, expected):
    assert article_date(Article(text=text, source="t", key="t")) == expected


def test_metadata_date_wins():
    a = Article(text="Title\n\n15 Aug 2016 text", source="t", key="t", date="2016-08-16T10:00")
    assert article_date(a) == date(2016, 8, 16)


SUNDAY = date(2013, 8, 25)


@pytest.mark.parametrize(("expr", "expected"), [
    ("Wednesday", "2013-08-21"),
    ("on Sunday", "2013-08-25"),
    ("Monday", "2013-08-19"),
    ("October 16", "2013-10-16"),
    ("August 6 2016", "2016-08-06"),
    ("March 2011", "2011-03"),
    ("2011", "2011"),
    ("yesterday", "2013-08-24"),
    ("last week", None),
    ("recent days", None),
])
def test_resolve(expr, expected):
    assert resolve(expr, SUNDAY) == expected


def test_weekday_never_after_the_article_date():
    assert weekday_in_week(date(2017, 11, 13), 4) == date(2017, 11, 10)  # Monday article, Friday


def test_without_article_date_only_explicit_years():
    assert resolve("Wednesday", None) is None
    assert resolve("October 16", None) is None
    assert resolve("in 2014", None) == "2014"


def test_event_time_without_named_entities():
    """Times are read from the parse, not from NER dates (the pipeline may replace those)."""
    doc, found = parse("Air strikes on a market killed 29 civilians in a town on Monday. "
                       "On October 16, militants killed a civilian.", {}, "2017-11-13")
    doc.ents = []
    times = [(e.cls, e.time) for e in events.extract(doc, found).events]
    assert times == [("Airstrike", "2017-11-13"), ("Killing", "2017-11-13"),
                     ("Killing", "2017-10-16")]


@pytest.mark.parametrize(("meta", "expected"), [
    ("2024", date(2024, 6, 3)),  # the metadata's year dates the year-less dateline
    ("2024-06-04", date(2024, 6, 3)),  # published the day after: the dateline's day
    ("2025-01-02", date(2025, 1, 2)),  # a crawl date far from it: the metadata
    (None, None),  # no year anywhere: no date
])
def test_year_less_dateline(meta, expected):
    text = "Sudan army chief calls for probe\n\nKHARTOUM, June 3 (Reuters) - At least 40 people were killed."
    assert article_date(Article(text=text, source="t", key="t", date=meta)) == expected


def test_on_sunday_after_a_year_less_dateline():
    text = ("Title\n\nKHARTOUM, June 3 (Reuters) - At least 40 people were killed when shells hit "
            "a market in El Fasher on Sunday.")
    doc, found = parse(text, {"El Fasher": ("Settlement", ["El Fasher"])}, date="2024")
    (killing,) = [e for e in events.extract(doc, found).events if e.cls == "Killing"]
    assert killing.time == "2024-06-02"
