"""Counts in text with their bound: "over 740" -> 740 atLeast, "a quarter of a million" -> 250000."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import NamedTuple

# A number stands alone: the digits of a name like "MS13", "M23" or "AK-47" are no count.
WORD = re.compile(r"[$€£]|(?<![A-Za-z\d.,])\d+(?:,\d{3})*(?:\.\d+)?(?![A-Za-z\d])"
                  r"|[A-Za-z][A-Za-z\d'.]*(?:-[A-Za-z\d]+)*|%")
DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b")
YEAR_MIN, YEAR_MAX = 1900, 2099


class Count(NamedTuple):
    """A number found in text: value, bound and character offsets in that text."""

    value: int
    bound: str
    start: int
    end: int


@cache
def lexicon() -> dict:
    """Number words, scales, fractions, bound cues and units (data/events/numbers.json)."""
    path = resources.files("kg.extract") / "data" / "events" / "numbers.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def months() -> frozenset[str]:
    """Month names and abbreviations, lower case."""
    return frozenset(lexicon()["months"])


def find_counts(text: str) -> list[Count]:
    """Every count in `text`, in order; vague ones ("hundreds"), dates and money left out."""
    text = DATE.sub(lambda m: " " * len(m.group()), text)  # "03-11-2014" holds no count
    words = [(m.group().lower().rstrip("."), m.start(), m.end()) for m in WORD.finditer(text)]
    out: list[Count] = []
    i = 0
    while i < len(words):
        hit = _number_at(words, i)
        if hit is None:
            i += 1
            continue
        value, j = hit
        if _plausible(words, i, j, value):
            bound, start = _bound_before(words, i)
            out.append(Count(round(value), bound, start, words[j - 1][2]))
        i = j
    return out


def find_count(text: str) -> Count | None:
    """The first count in `text`, or None."""
    counts = find_counts(text)
    return counts[0] if counts else None


def _number_at(words: list[tuple[str, int, int]], i: int) -> tuple[float, int] | None:
    """The value of a number expression starting at word i, and the index after it."""
    lex = lexicon()
    w = [x[0] for x in words[i:i + 6]]
    frac = _fraction(w)
    if frac is not None:
        return frac[0], i + frac[1]
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", w[0]):
        value = float(w[0].replace(",", ""))
    elif w[0] in lex["words"]:
        value = float(lex["words"][w[0]])
    elif "-" in w[0] and all(p in lex["words"] for p in w[0].split("-")):
        value = float(sum(lex["words"][p] for p in w[0].split("-")))
    else:
        return None
    j = i + 1
    while j < len(words) and words[j][0] in lex["scales"]:
        value *= lex["scales"][words[j][0]]
        j += 1
    return value, j


def _fraction(w: list[str]) -> tuple[float, int] | None:
    """'a quarter of a million' / 'half a million': value and number of words used."""
    lex = lexicon()
    if len(w) >= 5 and w[0] in ("a", "one") and w[1] in lex["fractions"] and w[2] == "of" \
            and w[3] == "a" and w[4] in lex["scales"]:
        return lex["fractions"][w[1]] * lex["scales"][w[4]], 5
    if len(w) >= 3 and w[0] in lex["fractions"] and w[1] == "a" and w[2] in lex["scales"]:
        return lex["fractions"][w[0]] * lex["scales"][w[2]], 3
    return None


def _plausible(words: list[tuple[str, int, int]], i: int, j: int, value: float) -> bool:
    """Not a year, a date, money, a unit of time or distance, or 'one of'."""
    lex = lexicon()
    prev = words[i - 1][0] if i > 0 else ""
    nxt = words[j][0] if j < len(words) else ""
    if prev in lex["currency"] or nxt in lex["units"] or nxt in lex["months"] \
            or nxt.startswith("year-"):
        return False
    if words[i][0] == "one" and nxt in ("of", "another", "side", "day"):
        return False
    raw = words[i][0]
    if raw.isdigit() and len(raw) == 4 and YEAR_MIN <= value <= YEAR_MAX:
        return not (prev in lex["year_cues"] or not nxt.isalpha() or _day_of_month(words, i - 1))
    return not (raw.isdigit() and value <= 31 and prev in lex["months"])  # "October 16"


def _day_of_month(words: list[tuple[str, int, int]], i: int) -> bool:
    """Whether word i is the day of a date written month first ('April 13, 2025')."""
    raw = words[i][0] if i >= 1 else ""
    return raw.isdigit() and int(raw) <= 31 and words[i - 1][0] in lexicon()["months"]


def _bound_before(words: list[tuple[str, int, int]], i: int) -> tuple[str, int]:
    """The bound the words just before position i give, and where the expression starts."""
    bounds = lexicon()["bounds"]
    for size in (3, 2, 1):
        if i - size < 0:
            continue
        phrase = " ".join(x[0] for x in words[i - size:i])
        if phrase in bounds:
            return bounds[phrase], words[i - size][1]
    return "exact", words[i][1]
