"""Name normalisation for matching: folding, transliteration keys and place-name affixes.

Transliteration variants are not listed per name; they fall out of a few keys that
erase what romanisations of the same name disagree on:
  - `fold`:    case, diacritics, apostrophes, punctuation ("Bāniyās" -> "baniyas");
  - `compact`: spaces and hyphens ("Deir ez-Zor" and "Deir Ezzor" -> "deirezzor");
  - `bare`:    the Arabic article ("al-", "el-", "ash-"...) dropped ("Al Atarib" -> "atarib");
  - `sound`:   vowel runs (with y, w) collapsed to one "a", doubled letters single, q -> k,
               final h after a vowel dropped ("Tartous"/"Tartus", "Daraa"/"Deraa",
               "Qaeda"/"Qaida", "Ahmad"/"Ahmed", "Banias"/"Baniyas").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

ARTICLES = frozenset(["al", "el", "ul", "il", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "az", "ez", "an", "en", "adh", "ath"])
APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4"

# Exact key levels, best first, with the confidence each gives a match.
LEVELS: dict[str, float] = {"fold": 1.0, "compact": 0.96, "bare": 0.9, "sound": 0.8}

ADMIN1_WORDS = ("governorate", "governorates", "province", "provinces", "state", "region",
                "oblast", "prefecture", "wilaya", "muhafazah")
ADMIN2_WORDS = ("district", "districts", "county", "municipality", "department", "subdistrict")
CITY_WORDS = ("city", "town", "village")
DIRECTIONS = ("northern", "southern", "eastern", "western", "central", "northeastern",
              "northwestern", "southeastern", "southwestern", "north", "south", "east", "west")

_AFFIX_HINT = {**{w: "admin1" for w in ADMIN1_WORDS}, **{w: "admin2" for w in ADMIN2_WORDS},
               **{w: "city" for w in CITY_WORDS}}
# plurals that end a list of places ('Idlib, Hama and Aleppo provinces'), never a name's affix
# ('United States', 'Gulf States')
_PLURAL_HINT = {"provinces": "admin1", "governorates": "admin1", "oblasts": "admin1",
                "regions": "admin1", "states": "admin1", "districts": "admin2",
                "counties": "admin2", "departments": "admin2"}
_DIR = "|".join(DIRECTIONS)
_WORDS = "|".join(sorted(_AFFIX_HINT, key=len, reverse=True))
_PREFIX = re.compile(rf"^(?:(?:{_DIR}) )?({_WORDS}) of (.+)$")
_SUFFIX = re.compile(rf"^(?:(?:{_DIR}) )?(.+?) ({_WORDS})$")


_POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s\b")
_DROPPED = re.compile(rf"[{APOSTROPHES}.]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_THE = re.compile(r"^the ")


@lru_cache(maxsize=1 << 16)  # pure, and asked for the same names over and over (extraction, linking, IRIs)
def fold(text: str) -> str:
    """Lower-case ASCII words: diacritics, apostrophes, punctuation and a leading 'the' gone."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text)  # possessive
    text = _DROPPED.sub("", text)
    text = unidecode(text).lower()
    text = _NON_WORD.sub(" ", text).strip()
    return _THE.sub("", text)


def compact(folded: str) -> str:
    """The folded name without spaces."""
    return folded.replace(" ", "")


def bare(folded: str) -> str:
    """The folded name without Arabic articles written as separate words."""
    words = [w for w in folded.split() if w not in ARTICLES]
    return "".join(words) or compact(folded)


def sound(folded: str) -> str:
    """A key that forgets how vowels, doubled letters and q/k were romanised."""
    s = bare(folded)
    for a, b in (("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"), ("q", "k"), ("ck", "k"),
                 ("c", "k"), ("j", "j")):
        s = s.replace(a, b)
    s = re.sub(r"[aeiouyw]+", "a", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return re.sub(r"(?<=a)h$", "", s)


def keys(name: str) -> dict[str, str]:
    """The key of a name at every level: {'fold': ..., 'compact': ..., 'bare': ..., 'sound': ...}."""
    f = fold(name)
    return {"fold": f, "compact": compact(f), "bare": bare(f), "sound": sound(f)}


def acronym(name: str) -> str | None:
    """'U.N.' -> 'UN', 'ISIL' -> 'ISIL'; None unless the name is written in capitals."""
    s = re.sub(r"[.\s]", "", name)
    if 2 <= len(s) <= 8 and s.isalpha() and s.isupper():
        return s
    return None


@lru_cache(maxsize=1 << 14)
def strip_affix(name: str) -> tuple[str, str | None]:
    """'Tartus province' -> ('tartus', 'admin1'); 'city of Deir Ezzor' -> ('deir ezzor', 'city')."""
    f = fold(name)
    m = _PREFIX.match(f)
    if m:
        return m.group(2), _AFFIX_HINT[m.group(1)]
    m = _SUFFIX.match(f)
    if m and m.group(1) not in DIRECTIONS:
        return m.group(1), _AFFIX_HINT[m.group(2)]
    return f, None


def short_forms(name: str, kind: str) -> list[str]:
    """Shorter names a place goes by: without its affix ("Dima Hasao District" -> "dima hasao"),
    a first-level area without its honorific ("Michoacán de Ocampo" -> "michoacan")."""
    out = []
    base, hint = strip_affix(name)
    if hint:
        out.append(base)
    if kind == "admin1":
        m = re.match(r"^([a-z]{6,}) (?:de|del|do|da) [a-z]", fold(name))
        if m:
            out.append(m.group(1))
    return out


def affix_hint(word: str) -> str | None:
    """The kind of place an affix word or a list's plural names: 'oblasts' -> 'admin1'."""
    word = word.lower()
    return _AFFIX_HINT.get(word) or _PLURAL_HINT.get(word)
