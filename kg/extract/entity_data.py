"""Lexicons for entity extraction (data files under data/entities/), loaded once."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import KGError

DATA = Path(__file__).resolve().parent / "data" / "entities"
PLACE_KIND_CLASS = {
    "country": "Country",
    "admin1": "AdministrativeArea",
    "admin2": "AdministrativeArea",
    "admin3": "AdministrativeArea",
    "city": "Settlement",
    "neighbourhood": "Neighbourhood",
}
MIN_GAZETTEER_QUALITY = 0.95


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name folded for comparison: accents, case, hyphens, quotes and a leading 'the' removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019`]s\b", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def rows(name: str) -> list[list[str]]:
    """Rows of a data file, without comments and (for .tsv files) the header."""
    with open(DATA / name, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]
    found = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return found[1:] if name.endswith(".tsv") else found


def words(name: str) -> frozenset[str]:
    """A one-item-a-line data file as a set."""
    return frozenset(r[0] for r in rows(name))


@dataclass(frozen=True)
class Lexicons:
    """Every entity lexicon, keyed for lookup."""

    communities: dict[str, str]  # folded surface form -> community label
    named: dict[str, tuple[str, str]]  # folded name or alias -> (canonical name, class)
    parties: dict[str, tuple[str, str, str]]  # lemma phrase -> (label, class, group)
    demonyms: dict[str, tuple[str, str]]  # demonym -> (country, cc)
    institutions: dict[str, str]  # noun -> class
    keywords: tuple[tuple[str, str], ...]  # name word -> class
    group_nouns: dict[str, str]  # lower-case noun after a name -> class ('X movement')
    place_after: dict[str, str]
    place_before: dict[str, str]
    place_adjective: dict[str, str]
    titles: frozenset[str]
    person_cues: tuple[str, ...]
    generic: frozenset[str]
    particles: frozenset[str]
    toponym_heads: dict[str, bool]  # 'Ras', 'Tell' -> whether one more word makes a place alone


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """All lexicons, read once."""
    named: dict[str, tuple[str, str]] = {}
    for row in rows("organisations.tsv"):
        for form in [row[0], *filter(None, row[2].split("|"))]:
            named.setdefault(fold(form), (row[0], row[1]))
    for row in rows("outlets.txt"):
        forms = row[0].split("|")
        for form in forms:
            named.setdefault(fold(form), (forms[0], "MediaOutlet"))
    communities = {fold(f): r[1] for r in rows("communities.tsv") for f in r[0].split("|")}
    ctx = rows("place_context.tsv")
    return Lexicons(
        communities=communities,
        named=named,
        parties={r[0]: (r[1], r[2], r[3]) for r in rows("parties.tsv")},
        demonyms={r[0]: (r[1], r[2]) for r in rows("demonyms.tsv")},
        institutions={r[0]: r[1] for r in rows("institutions.tsv")},
        keywords=tuple((r[0], r[1]) for r in rows("name_keywords.tsv") if not r[0].islower()),
        group_nouns={r[0]: r[1] for r in rows("name_keywords.tsv") if r[0].islower()},
        place_after={r[0]: r[2] for r in ctx if r[1] == "after"},
        place_before={r[0]: r[2] for r in ctx if r[1] == "before"},
        place_adjective={r[0]: r[2] for r in ctx if r[1] == "adjective"},
        titles=words("titles.txt"),
        person_cues=tuple(words("person_cues.txt")),
        generic=words("generic_words.txt"),
        particles=words("particles.txt"),
        toponym_heads={r[0]: r[1] == "yes" for r in rows("toponym_heads.tsv")},
    )


def ruler_names() -> list[tuple[str, str, str]]:
    """(surface, canonical name, class) of every lexicon name worth an exact-match pattern."""
    out = []
    for row in rows("organisations.tsv"):
        out += [(f, row[0], row[1]) for f in [row[0], *filter(None, row[2].split("|"))]]
    for row in rows("outlets.txt"):
        forms = row[0].split("|")
        out += [(f, forms[0], "MediaOutlet") for f in forms if len(f) > 2]
    return out


@lru_cache(maxsize=1)
def bundled_places() -> dict[str, tuple[str, str]]:
    """Folded place name -> (kind, country) from the bundled list (countries first)."""
    rank = {"country": 0, "admin1": 1, "city": 2}
    out: dict[str, tuple[str, str]] = {}
    demonyms = set(lexicons().demonyms)
    for name, kind, cc in sorted(rows("places.tsv"), key=lambda r: rank.get(r[1], 3)):
        if name not in demonyms:
            out.setdefault(fold(name), (kind, cc))
    return out


@lru_cache(maxsize=1)
def _gazetteer():
    """The linker's gazetteer where it is installed, else None."""
    try:
        from kg.link.gazetteer import load_gazetteer

        return load_gazetteer()
    except (ImportError, KGError):  # the linker's gazetteer is optional here: use the bundled list
        return None


@lru_cache(maxsize=4096)
def place_kind(name: str) -> tuple[str, str] | None:
    """(kind, country) where `name` is a known place name, exactly (after folding)."""
    found = bundled_places().get(fold(name))
    if found or name in lexicons().demonyms:
        return found
    gaz = _gazetteer()
    if gaz is None:
        return None
    for m in gaz.match(name):
        c = m.candidate
        if (
            m.quality >= MIN_GAZETTEER_QUALITY
            and c.is_place
            and fold(name) in {fold(n) for n in (c.label, *c.aliases)}
        ):
            return c.kind, c.country or ""
    return None


def known_place(name: str) -> str | None:
    """The known place name a text gives, as written or with 'the' after 'of' ('Democratic
    Republic of Congo' -> 'Democratic Republic of the Congo'); None for no known place."""
    if place_kind(name):
        return name
    with_the = name.replace(" of ", " of the ", 1)
    return with_the if " of the " not in name and " of " in name and place_kind(with_the) else None


def place_class(kind: str) -> str:
    """The ontology class for a gazetteer kind."""
    return PLACE_KIND_CLASS.get(kind, "Place")
