"""Time expressions resolved against the article's date: "on Monday", "on October 16", "in 2011"."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from kg.model import Article

MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?\b")
MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9}) (\d{4})\b")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"]}


@cache
def lexicon() -> dict:
    """Dateline patterns and relative time words (data/events/dates.json)."""
    path = resources.files("kg.extract") / "data" / "events" / "dates.json"
    return json.loads(path.read_text(encoding="utf-8"))


def parse_date(text: str) -> date | None:
    """A full calendar date written out ("15 Aug 2016", "03-11-2014"), or None."""
    import dateparser

    found = dateparser.parse(text, languages=["en"], settings=SETTINGS)
    return found.date() if found else None


def article_date(article: Article) -> date | None:
    """The article's date: a year-less dateline ("KHARTOUM, June 3 (Reuters)") dated by the
    metadata's year, else the metadata, else a full dateline in its first lines."""
    meta = _metadata_date(article.date)
    head = article.text[: lexicon()["dateline_chars"]]
    year = int(article.date[:4]) if article.date and article.date[:4].isdigit() else None
    short = _short_dateline(head, year, meta)
    if short:
        return short
    if meta:
        return meta
    for pattern in lexicon()["datelines"]:
        m = re.search(pattern, head)
        if m:
            found = parse_date(m.group())
            if found:
                return found
    return None


def _metadata_date(value: str | None) -> date | None:
    """A full ISO date from the article's metadata, if it has one."""
    if value:
        try:
            return datetime.fromisoformat(value[:10]).date()
        except ValueError:
            pass
    return None


def _short_dateline(head: str, year: int | None, meta: date | None) -> date | None:
    """The date of a dateline with month and day only, in the metadata's year (the year before,
    where that puts it after the metadata date); None without a year or when it is not close."""
    if year is None:
        return None
    m = re.search(lexicon()["dateline_month_day"], head, re.MULTILINE)
    if not m or not month_number(m.group(1)):
        return None
    try:
        found = date(year, month_number(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    if meta and found > meta:
        found = found.replace(year=year - 1) if (found - meta).days > 7 else found
    if meta and abs((meta - found).days) > 7:
        return None  # the metadata is another date (a crawl): keep it
    return found


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")


def month_number(word: str) -> int | None:
    """1-12 for an English month name, or a word starting with a month's first three letters."""
    low = word.lower()
    for n, name in enumerate(MONTHS, 1):
        if low == name or low[:3] == name[:3]:
            return n
    return None


def resolve(expr: str, ref: date | None) -> str | None:
    """An ISO date, year-month or year for a time expression, given the article date."""
    low = expr.lower().strip()
    lex = lexicon()
    for word, shift in lex["relative_days"].items():
        if word in low and ref:
            return (ref + timedelta(days=shift)).isoformat()
    for n, day in enumerate(lex["weekdays"]):
        if day in low and ref and not YEAR.search(low):
            return weekday_in_week(ref, n).isoformat()
    if any(v in low for v in lex["vague"]) and not YEAR.search(low):
        return None
    return _explicit(expr, ref)


def _explicit(expr: str, ref: date | None) -> str | None:
    """A date with a month name and/or year: full date, year-month or year."""
    year = YEAR.search(expr)
    md = MONTH_DAY.search(expr)
    if md and month_number(md.group(1)):
        y = int(year.group()) if year else (ref.year if ref else None)
        if y is None:
            return None
        try:
            return date(y, month_number(md.group(1)), int(md.group(2))).isoformat()
        except ValueError:
            return None
    my = MONTH_YEAR.search(expr)
    if my and month_number(my.group(1)):
        return f"{my.group(2)}-{month_number(my.group(1)):02d}"
    if year:
        return year.group()
    if not any(ch.isdigit() for ch in expr):
        return None  # no year to find; and dateparser would read "two days ago" against today
    found = parse_date(expr)
    return found.isoformat() if found else None


def weeks_back(text: str, ref: date | None) -> tuple[date, date] | None:
    """The days a sentence's "last week" or "a week earlier" may mean, given its article's date:
    the calendar week before the article's (not its last two days: "last week" is not
    "yesterday"), or a week before the date give or take a day."""
    if ref is None:
        return None
    low = text.lower()
    if _weeks_back_words("calendar").search(low):
        monday = ref - timedelta(days=ref.weekday() + 7)
        return monday, min(monday + timedelta(days=6), ref - timedelta(days=3))
    if _weeks_back_words("days").search(low):
        return ref - timedelta(days=8), ref - timedelta(days=6)
    return None


@cache
def _weeks_back_words(group: str) -> re.Pattern:
    """Any of the lexicon's "weeks back" words of one group, as a whole word (one pattern)."""
    words = lexicon()["weeks_back"][group]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words \
        else re.compile(r"(?!)")


def weekday_in_week(ref: date, weekday: int) -> date:
    """The date of `weekday` (0 = Monday) in the week of `ref`, never after `ref`."""
    day = ref - timedelta(days=ref.weekday()) + timedelta(days=weekday)
    return day - timedelta(days=7) if day > ref else day


def time_of(trigger: Token, doc: Doc, ref: date | None) -> str | None:
    """The resolved time of a time expression hanging from the trigger (or its verb), if any."""
    anchors = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        anchors.append(trigger.head)
    anchors += [c for c in trigger.children if c.dep_ == "advcl"  # "killed when shells hit X on Sunday"
                and any(m.dep_ in ("advmod", "mark") and m.lower_ == "when" for m in c.children)]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ not in ("prep", "npadvmod", "advmod", "tmod", "pobj"):
                continue
            for tok in child.subtree:
                if is_time_word(tok):
                    window = doc[max(child.left_edge.i, tok.i - 2): tok.i + 3]
                    value = resolve(window.text, ref)
                    if value:
                        return value
    return None


def is_time_word(tok: Token) -> bool:
    """A weekday, month, year or relative day ('yesterday') that can anchor a time."""
    low = tok.lower_
    lex = lexicon()
    return (low in lex["weekdays"] or month_number(low) is not None and tok.is_title
            or low in lex["relative_days"] or bool(YEAR.fullmatch(low)))
