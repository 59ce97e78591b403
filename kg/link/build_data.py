"""Compile the bundled gazetteer (kg/link/data/gazetteer.pkl.gz) from the shared Wikidata TSVs.

    python -m kg.link.build_data ../shared/data/wikidata

Needs `wordfreq` (extra `build-data`) to keep common English words out of the surface forms;
the compiled file needs nothing at run time.
"""

from __future__ import annotations

import csv
import gzip
import html
import pickle
import re
import sys
import unicodedata
from pathlib import Path

from wordfreq import zipf_frequency

from kg.link.gazetteer import (
    DATA_FILE,
    FORMAT_VERSION,
    Candidate,
    build_index,
    common_word,
    person_word_counts,
)
from kg.link.normalize import acronym, fold

PRIOR_BY_VERIFIED = {"wof": 1.0, "wof_only": 0.9, "": 0.75}
CITY_SURFACE_POPULATION = 50_000
MAJOR_POPULATION = 1_000_000
COMMON_ZIPF = 4.0  # 'split', 'orange', 'bath'; 'aleppo' is 3.2
DATA = Path(__file__).resolve().parent / "data"
COUNTRY_NAMES = DATA / "country_names.tsv"
MASTHEAD = frozenset(line.strip() for line in (DATA / "masthead_words.txt").open(encoding="utf-8")
                     if line.strip() and not line.startswith("#"))
# first-level areas that are one city (Moscow, Kyiv, Minsk, Paris): their bare name is the city
CITY_AREA = re.compile(r"^(?:city|autonomous city|capital city|state city|special city|capital "
                       r"district|federal district|metropolitan collectivity with special status"
                       r"|special self-governing city)(?:/level\d)?$")
# French/Spanish compass prefixes of first-level areas, as English news writes them ('South Kivu')
COMPASS = {"nord": "North", "sud": "South", "norte": "North", "sur": "South"}
SOURCE_NOTE = re.compile(r"\s*\((?:EveryPolitician|per Wikidata)[^)]*\)|;\s*born \d{4}.*$")
INITIAL = re.compile(r"(?<=\s)[A-Z]\.\s+|,?\s+(?:Jr|Sr)\.?$")
ACTOR_PRIOR = 0.95
ENGLISH_ZIPF = 2.0  # every word of an English name is at least this frequent in English
INITIAL_SKIP = frozenset({"of", "the", "for", "and", "in", "on", "to"})
GENERIC_OUTLET_PRIOR = 0.82  # 'The Weekly Observer': only where the article names its country
SURFACE_KINDS = frozenset({"country", "admin1", "city", "facility", "political_party",
                           "armed_group", "government_body", "organization", "religious_group",
                           "ethnic_group"})  # people and newspapers are no spaCy ruler patterns


def latin(name: str) -> bool:
    """Whether a name is written in Latin letters (English news never uses the others)."""
    letters = [c for c in unicodedata.normalize("NFKD", name) if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 for c in letters)


def number(text: str, kind=float):
    """A float or int column, None when empty or zero-population."""
    try:
        value = kind(float(text))
    except ValueError:
        return None
    return value or None


def distinct(names: list[str], label: str) -> tuple[str, ...]:
    """Names without those that fold like the label or an earlier name ('Mecir' after 'Mečíř')."""
    seen = {fold(label)}
    out = []
    for n in names:
        if n and fold(n) not in seen:
            seen.add(fold(n))
            out.append(n)
    return tuple(out)


def compass_alias(name: str) -> list[str]:
    """'Sud-Kivu' -> ['South Kivu'] (the English form news uses)."""
    m = re.match(r"^(\w+)[- ](.+)$", name)
    if m and m.group(1).lower() in COMPASS and m.group(2).lower() not in COMPASS:
        return [f"{COMPASS[m.group(1).lower()]} {m.group(2)}"]
    return []


def place_row(r: dict[str, str], cities: frozenset[tuple[str, str]] = frozenset()) -> Candidate:
    """One row of places.tsv as a candidate (`cities`: (folded name, country) of city rows)."""
    aliases = [a for a in r["aliases"].split("|") if a and latin(a)]
    if r["kind"] == "country":  # ISO 3166 alpha-3 codes ("AND", "CAN") are not names in news
        aliases = [a for a in aliases if not (len(a) == 3 and a.isupper())]
    kind, subtype = r["kind"], r["subtype"].strip()
    if kind == "admin1":
        aliases += compass_alias(r["label"].strip())
        city = CITY_AREA.match(subtype) and (fold(r["label"]), r["country_iso2"]) not in cities
        kind = "city" if city else kind  # unless the city has its own row (Kigali)
    reliable = r["kind"] in ("country", "admin1")
    population = number(r["population"], int)
    confirmed = r["verified"] in ("wof", "wof_only")
    major = kind == "city" and (subtype == "capital" or r["kind"] == "admin1"
                                or confirmed and (population or 0) >= MAJOR_POPULATION)
    return Candidate(
        qid=r["qid"], label=r["label"].strip(), aliases=distinct(aliases, r["label"]), kind=kind,
        country=r["country_iso2"] or None, parent_qid=r["parent_qid"] or None,
        lat=number(r["lat"]), lon=number(r["lon"]), population=population,
        prior=1.0 if reliable else PRIOR_BY_VERIFIED.get(r["verified"], 0.75), major=major)


def person_forms(name: str) -> list[str]:
    """A politician's name without middle initials or Jr./Sr. ('Josef A. Riemer' -> 'Josef Riemer')."""
    short = INITIAL.sub(" ", name).strip()
    return [short] if short != name and len(short.split()) >= 2 else []


def description_of(r: dict[str, str]) -> str | None:
    """The row's description without source notes; people keep their party ('(Likud)')."""
    text = SOURCE_NOTE.sub("", r["description"]).strip()
    if r["kind"] != "person":
        text = text.split(" (")[0]
    return text or None


def english(name: str) -> bool:
    """Whether every word of a name is an English word ('Pan American Health Organization',
    not 'Organizacion Panamericana de la Salud')."""
    return all(zipf_frequency(w, "en") >= ENGLISH_ZIPF for w in fold(name).split())


def initials(name: str) -> str:
    """'Organization for Security and Co-operation in Europe' -> 'OSCE'."""
    words = [fold(w).replace(" ", "") for w in name.split()]
    return "".join(w[0] for w in words if w and w not in INITIAL_SKIP).upper()


def english_acronyms(label: str, aliases: list[str]) -> list[str]:
    """Aliases without acronyms that abbreviate no English name of the body: 'OPS' (Spanish
    for the Pan American Health Organization) is 'Operation Peace Spring' in English news."""
    spelled = [initials(n) for n in (label, *aliases) if not acronym(n) and english(n)]
    return [a for a in aliases if not acronym(a) or any(acronym(a) in i for i in spelled)]


def actor_row(r: dict[str, str]) -> Candidate:
    """One row of actors.tsv as a candidate."""
    label = html.unescape(r["label"])
    aliases = [html.unescape(a) for a in r["aliases"].split("|") if a and latin(a) and "," not in a]
    if r["kind"] in ("organization", "government_body", "media_outlet"):
        aliases = english_acronyms(label, aliases)
    if r["kind"] == "person":
        aliases += [f for n in (label, *aliases) for f in person_forms(n)]
    prior = ACTOR_PRIOR
    if r["kind"] == "media_outlet" and generic_masthead(label):
        prior = GENERIC_OUTLET_PRIOR
    return Candidate(qid=r["qid"], label=label, aliases=distinct(aliases, label),
                     kind=r["kind"], country=r["country_iso2"] or None, prior=prior,
                     description=description_of(r))


def generic_masthead(name: str) -> bool:
    """Whether a paper's name is only masthead words ('The Weekly Observer', not 'Chicago Tribune')."""
    return all(w in MASTHEAD for w in fold(name.replace("-", " ")).split())


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV with a header line."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def with_country_names(items: list[Candidate]) -> list[Candidate]:
    """Add the conventional English short names of countries ("UK", "Britain") by ISO code."""
    extra: dict[str, list[str]] = {}
    for row in read_tsv(COUNTRY_NAMES):
        extra.setdefault(row["iso2"], []).extend(row["names"].split("|"))
    out = []
    for c in items:
        if c.kind == "country" and c.country in extra:
            c = Candidate(**{**c.__dict__, "aliases": tuple(dict.fromkeys(
                (*c.aliases, *extra[c.country])))})
        out.append(c)
    return out


def frequent_word(name: str) -> bool:
    """Whether a one-word name is also a frequent English word ("Split", "Orange")."""
    words = fold(name).split()
    return len(words) == 1 and zipf_frequency(words[0], "en") >= COMMON_ZIPF


def surface_forms(items: list[Candidate]) -> list[tuple[str, str, str]]:
    """Names worth giving an EntityRuler: not common English words, not small towns, no people."""
    out = []
    for c in items:
        if c.kind not in SURFACE_KINDS or (
                c.kind == "city" and (c.population or 0) < CITY_SURFACE_POPULATION):
            continue
        big = c.kind == "country" or (c.population or 0) >= 1_000_000
        for name in (c.label, *c.aliases):
            if (latin(name) and len(name) > 2 and name[0].isupper() and not common_word(name)
                    and not re.search(r"[\d()]", name) and (big or not frequent_word(name))):
                out.append((name, c.kind, c.qid))
    return sorted(set(out))


def main(src: Path) -> None:
    """Read the shared TSVs and write the compiled gazetteer."""
    seen: dict[str, Candidate] = {}
    rows = read_tsv(src / "places.tsv")
    cities = frozenset((fold(r["label"]), r["country_iso2"]) for r in rows if r["kind"] == "city")
    for c in [*(place_row(r, cities) for r in rows),
              *map(actor_row, read_tsv(src / "actors.tsv"))]:
        if c.qid not in seen:
            seen[c.qid] = c
    items = with_country_names(list(seen.values()))
    data = {"version": FORMAT_VERSION, "items": [c.as_tuple() for c in items],
            "index": build_index(items), "surface": surface_forms(items),
            "person_words": person_word_counts(c.as_tuple() for c in items)}
    with gzip.open(DATA_FILE, "wb", compresslevel=9) as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{DATA_FILE}: {len(items)} items, {len(data['surface'])} surface forms, "
          f"{DATA_FILE.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/wikidata"))
