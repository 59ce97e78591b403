"""Compile the bundled gazetteer (kg/link/data/gazetteer.pkl.gz) from the shared Wikidata TSVs.

    python -m kg.link.build_data ../shared/data/wikidata

Needs `wordfreq` (extra `build-data`) to keep common English words out of the surface forms;
the compiled file needs nothing at run time.
"""

from __future__ import annotations

import csv
import gzip
import pickle
import re
import sys
import unicodedata
from pathlib import Path

from wordfreq import zipf_frequency

from kg.link.gazetteer import DATA_FILE, FORMAT_VERSION, Candidate, build_index, common_word
from kg.link.normalize import fold

PLACE_KINDS = {"country", "admin1", "admin2", "admin3", "city", "neighbourhood"}
PRIOR_BY_VERIFIED = {"wof": 1.0, "wof_only": 0.9, "": 0.75}
CITY_SURFACE_POPULATION = 50_000
COMMON_ZIPF = 4.0  # 'split', 'orange', 'bath'; 'aleppo' is 3.2
COUNTRY_NAMES = Path(__file__).resolve().parent / "data" / "country_names.tsv"


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


def place_row(r: dict[str, str]) -> Candidate:
    """One row of places.tsv as a candidate."""
    aliases = [a for a in r["aliases"].split("|") if a and latin(a)]
    if r["kind"] == "country":  # ISO 3166 alpha-3 codes ("AND", "CAN") are not names in news
        aliases = [a for a in aliases if not (len(a) == 3 and a.isupper())]
    reliable = r["kind"] in ("country", "admin1")
    return Candidate(
        qid=r["qid"], label=r["label"], aliases=tuple(dict.fromkeys(aliases)), kind=r["kind"],
        country=r["country_iso2"] or None, parent_qid=r["parent_qid"] or None,
        lat=number(r["lat"]), lon=number(r["lon"]), population=number(r["population"], int),
        prior=1.0 if reliable else PRIOR_BY_VERIFIED.get(r["verified"], 0.75))


def actor_row(r: dict[str, str]) -> Candidate:
    """One row of actors.tsv as a candidate."""
    aliases = tuple(a for a in r["aliases"].split("|") if a and latin(a))
    return Candidate(qid=r["qid"], label=r["label"], aliases=aliases, kind=r["kind"],
                     country=r["country_iso2"] or None, prior=0.95,
                     description=r["description"].split(" (")[0] or None)


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
    """Names worth giving an EntityRuler: not common English words, not small towns."""
    out = []
    for c in items:
        if c.kind == "city" and (c.population or 0) < CITY_SURFACE_POPULATION:
            continue
        if c.kind in ("admin2", "admin3", "neighbourhood"):
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
    for c in [*map(place_row, read_tsv(src / "places.tsv")),
              *map(actor_row, read_tsv(src / "actors.tsv"))]:
        if c.qid not in seen:
            seen[c.qid] = c
    items = with_country_names(list(seen.values()))
    data = {"version": FORMAT_VERSION, "items": [c.as_tuple() for c in items],
            "index": build_index(items), "surface": surface_forms(items)}
    with gzip.open(DATA_FILE, "wb", compresslevel=9) as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{DATA_FILE}: {len(items)} items, {len(data['surface'])} surface forms, "
          f"{DATA_FILE.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/wikidata"))
