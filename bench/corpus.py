"""A reproducible corpus of realistic conflict-news articles, generated from templates.

Names of places come from the gazetteer (kg/link/data/places.tsv when the linker's compiled
gazetteer is there, else ../shared/data/wikidata/places.tsv, else a small built-in list);
armed groups, sources, reporting phrases and sentence templates from bench/data/vocab.json.
The real articles in seeds/ come first. The same seed always gives the same articles.

Example: python -m bench.corpus 100 > corpus.jsonl
"""

from __future__ import annotations

import csv
import json
import random
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.config import ROOT, SEEDS_DIR
from kg.model import Article
from kg.read import read_all

VOCAB = Path(__file__).resolve().parent / "data" / "vocab.json"
GAZETTEERS = (ROOT / "kg" / "link" / "data" / "places.tsv",
              ROOT.parent / "shared" / "data" / "wikidata" / "places.tsv")
SEED = 20260101


@dataclass(frozen=True)
class Place:
    """A town with its province and country, as written in an article."""

    town: str
    province: str
    country: str


@lru_cache(maxsize=1)
def vocab() -> dict:
    """The template vocabulary."""
    return json.loads(VOCAB.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """Towns in the vocabulary's countries that have a province, from the first gazetteer found."""
    path = next((p for p in GAZETTEERS if p.exists()), None)
    if path is None:
        return tuple(Place(*row) for row in vocab()["fallback_places"])
    wanted = set(vocab()["countries"])
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    label = {r["qid"]: r["label"] for r in rows if r.get("kind") in ("country", "admin1")}
    countries = {r["country_iso2"]: r["label"] for r in rows if r.get("kind") == "country"}
    found = [Place(r["label"], label[r["parent_qid"]], countries[r["country_iso2"]])
             for r in rows
             if r.get("kind") == "city" and r.get("country_iso2") in wanted
             and r.get("parent_qid") in label and r["country_iso2"] in countries
             and r["label"].isascii() and label[r["parent_qid"]].isascii()]
    return tuple(sorted(set(found), key=lambda p: (p.country, p.province, p.town)))


def cap(text: str) -> str:
    """The text with its first letter upper-case."""
    return text[:1].upper() + text[1:]


def slots(rng: random.Random, place: Place, other: Place) -> dict[str, str]:
    """Values for every template slot, drawn for one article."""
    v = vocab()
    group, group2 = rng.sample(v["armed_groups"], 2)
    person = f"{rng.choice(v['first_names'])} {rng.choice(v['last_names'])}"
    weapon = rng.choice(v["weapons"])
    n = rng.choice([2, 3, 4, 5, 7, 8, 9, 11, 12, 15, 17, 20, 23, 30, 45, 60, 120])
    values = {"town": place.town, "town2": other.town, "province": place.province,
              "country": place.country, "group": group, "group2": group2, "person": person,
              "role": rng.choice(v["roles"]), "monitor": rng.choice(v["monitors"]),
              "agency": rng.choice(v["agencies"]), "weapon": weapon,
              "victims": rng.choice(v["victims"]), "weekday": rng.choice(v["weekdays"]),
              "verb_report": rng.choice(v["verbs_report"]), "verb_deny": rng.choice(v["verbs_deny"]),
              "n": str(n), "m": str(n + rng.randint(3, 40)), "k": str(max(1, n // 3)),
              "big": f"{rng.randint(2, 90) * 1000:,}"}
    for key in ("group", "monitor", "agency", "weapon"):
        values[f"{key}_cap"] = cap(values[key])
    return values


def article(rng: random.Random, i: int, min_words: int = 0) -> Article:
    """One generated article: headline, dateline, and 4-10 sentences of events, claims and quotes
    (more, drawn from the same pool, until it has `min_words` words)."""
    v = vocab()
    place, other = rng.sample(places(), 2) if len(places()) > 1 else (places()[0], places()[0])
    values = slots(rng, place, other)
    headline = rng.choice(v["headlines"]).format(**values)
    date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lead = rng.choice(v["attack"])
    pool = [t for t in (*v["attack"], *v["other"], *v["claims"], *v["quotes"]) if t != lead]
    body = [t.format(**values) for t in rng.sample(pool, rng.randint(3, 9))]
    while min_words and sum(len(t.split()) for t in body) < min_words:
        body.append(rng.choice(pool).format(**values))
    text = f"{headline}\n\n{place.town.upper()}, {place.country} ({values['agency_cap']}) - {lead.format(**values)} " \
           + " ".join(body)
    key = f"https://bench.example.org/article/{i}"
    return Article(text=text, source=key, key=key, title=headline, url=key, date=date,
                   publisher=values["agency_cap"])


def generate(n: int, seed: int = SEED, with_seeds: bool = True, min_words: int = 0
             ) -> list[Article]:
    """`n` articles: the real ones in seeds/ first (when asked), then generated ones (each of at
    least `min_words` words, if given)."""
    real = read_all([str(SEEDS_DIR)]) if with_seeds and SEEDS_DIR.is_dir() else []
    real = real[:n]
    rng = random.Random(seed)
    return real + [article(rng, i, min_words) for i in range(n - len(real))]


def words(articles: list[Article]) -> int:
    """Whitespace-separated words in the articles' texts."""
    return sum(len(a.text.split()) for a in articles)


def main(argv: list[str] | None = None) -> None:
    """Print N articles as JSONL (text, title, url, date, publisher)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for a in generate(args.n, args.seed):
        sys.stdout.write(json.dumps({"text": a.text, "title": a.title, "url": a.url, "date": a.date,
                                     "publisher": a.publisher}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
