"""The gazetteer: Wikidata items known offline, bundled (ODbL, see data/ATTRIBUTION.md) + user's own.

The bundled index is compiled by `python -m kg.link.build_data`; items imported with
`kg gazetteer import` or found online live in the user gazetteer (user_items.py).
"""

from __future__ import annotations

import gc
import gzip
import json
import pickle
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from unidecode import unidecode

from kg.errors import KGError
from kg.link.normalize import LEVELS, acronym, fold, keys, short_forms, strip_affix

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.pkl.gz"
FORMAT_VERSION = 2
PLACE_KINDS = frozenset({"country", "admin1", "admin2", "admin3", "city", "neighbourhood",
                         "facility"})
MIN_SOUND_KEY = 4  # shorter vowel-blind keys collide too often
AFFIX_PENALTY = 0.98


class GazetteerError(KGError):
    """The gazetteer file or a user gazetteer entry cannot be read or written."""


@dataclass(frozen=True)
class Candidate:
    """One Wikidata item a name may refer to."""

    qid: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: str = "organization"  # country/admin1/admin2/city/neighbourhood/person/armed_group/...
    country: str | None = None  # ISO 3166-1 alpha-2
    parent_qid: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    prior: float = 1.0  # how far the source is trusted
    description: str | None = None
    major: bool = False  # a national capital, a confirmed city of a million, a city-region

    @cached_property
    def display_label(self) -> str:
        """The label to show as rdfs:label: Latin-script labels without diacritics ("Baniyas")."""
        folded = unidecode(self.label)
        latin = all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN")
                    for ch in self.label)
        return folded if latin and folded.strip() else self.label

    @property
    def is_place(self) -> bool:
        """Whether the item is a place of any level."""
        return self.kind in PLACE_KINDS

    def as_tuple(self) -> tuple:
        """The fields in order, for the compact pickle."""
        return tuple(getattr(self, f.name) for f in fields(self))

    def as_json(self) -> str:
        """One line of the user gazetteer."""
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass(frozen=True)
class Match:
    """A candidate with how well the name matched it and any kind hint from an affix."""

    candidate: Candidate
    quality: float
    hint: str | None = None


def common_word(name: str) -> bool:
    """Whether a name is only English function words ("Of", "The Hague" is not)."""
    words = fold(name).split()
    return not words or all(w in STOP_WORDS for w in words)


def name_keys(name: str, kind: str) -> Iterator[tuple[str, str]]:
    """(level, key) pairs a name is indexed under; acronyms only as written in capitals."""
    acr = acronym(name)
    if acr:
        yield "acronym", acr
        return
    names = [name, *short_forms(name, kind)] if kind in PLACE_KINDS else [name]
    for n in names:
        seen = set()  # an exact key a finer level has already: looked up there (Gazetteer._find)
        for level, key in keys(n).items():
            if level == "sound":
                if len(key) >= MIN_SOUND_KEY and kind != "person":
                    yield level, key  # a sound-alike never names a person
            elif key and key not in seen:
                seen.add(key)
                yield level, key


def build_index(items: list[Candidate]) -> dict[str, dict[str, tuple[int, ...]]]:
    """{level: {key: item positions}} over every label and alias."""
    index: dict[str, dict[str, list[int]]] = {lv: {} for lv in (*LEVELS, "acronym")}
    for i, c in enumerate(items):
        for name in (c.label, *c.aliases):
            for level, key in name_keys(name, c.kind):
                bucket = index[level].setdefault(key, [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
    return {lv: {k: tuple(v) for k, v in d.items()} for lv, d in index.items()}


class Gazetteer:
    """Items by QID and by name key at every normalisation level."""

    def __init__(self, rows: list[tuple], index: dict, surface: list[tuple[str, str, str]],
                 user_items: Iterable[Candidate] = (), person_words: dict | None = None) -> None:
        self._rows = rows  # Candidate field tuples; Candidates are made on first use
        self._made: dict[int, Candidate] = {}
        self.index = dict(index)
        self._own: set[str] = set()  # index levels this gazetteer has copied to change
        self._surface = surface
        self.by_qid = {r[0]: i for i, r in enumerate(rows)}
        self._matches: dict[str, tuple[Match, ...]] = {}  # match() by name; emptied by add()
        self.user_qids: set[str] = set()
        self._person_words = person_words
        for c in user_items:
            self.add(c)

    def __len__(self) -> int:
        return len(self._rows)

    def item(self, pos: int) -> Candidate:
        """The item at a position of the index."""
        c = self._made.get(pos)
        if c is None:
            c = self._made[pos] = Candidate(*self._rows[pos])
        return c

    def add(self, c: Candidate) -> None:
        """Add (or replace) one item in memory."""
        self._matches.clear()
        self.user_qids.add(c.qid)
        pos = self.by_qid.get(c.qid)
        if pos is None:
            pos = self.by_qid[c.qid] = len(self._rows)
            self._rows.append(c.as_tuple())
        self._rows[pos] = c.as_tuple()
        self._made[pos] = c
        for level, key in name_keys_all(c):
            bucket = self.index[level].get(key, ())
            if pos not in bucket:
                if level not in self._own:  # the bundled index is shared: copy a level on write
                    self.index[level] = dict(self.index[level])
                    self._own.add(level)
                self.index[level][key] = (*bucket, pos)

    def get(self, qid: str) -> Candidate | None:
        """The item with this QID, if known."""
        pos = self.by_qid.get(qid)
        return self.item(pos) if pos is not None else None

    def country(self, iso2: str) -> Candidate | None:
        """The country item with this ISO 3166-1 alpha-2 code."""
        if not hasattr(self, "_countries"):
            self._countries = {r[4]: i for i, r in enumerate(self._rows) if r[3] == "country"}
        pos = self._countries.get(iso2.upper())
        return self.item(pos) if pos is not None else None

    def country_names(self) -> dict[str, str]:
        """Folded names of countries ('israel', 'uk') -> ISO code."""
        if not hasattr(self, "_country_names"):
            self._country_names = {}
            for i, r in enumerate(self._rows):
                if r[3] == "country" and r[4]:
                    c = self.item(i)
                    for n in (c.label, *c.aliases):
                        self._country_names.setdefault(fold(n), c.country)
        return self._country_names

    def person_words(self) -> dict[str, int]:
        """How many bundled people have each (folded) word in their name."""
        if self._person_words is None:
            self._person_words = person_word_counts(self._rows)
        return self._person_words

    def match(self, name: str) -> list[Match]:
        """Candidates for a surface name, best match quality first."""
        found = self._matches.get(name)
        if found is None:  # the same names come back in article after article
            found = self._matches[name] = tuple(self._match(name))
        return list(found)

    def _match(self, name: str) -> list[Match]:
        acr = acronym(name)
        if acr:
            found = self._find({"acronym": acr}, {"acronym": 1.0})
            if found:
                return found
        found = self._find(keys(name), LEVELS)
        base, hint = strip_affix(name)
        if hint and not any(m.candidate.is_place for m in found):
            found += [Match(m.candidate, m.quality * AFFIX_PENALTY, hint)
                      for m in self._find(keys(base), LEVELS)]
        return found

    def _find(self, wanted: dict[str, str], levels: dict[str, float]) -> list[Match]:
        best: dict[int, float] = {}
        finer: list[str] = []  # an exact key is kept at the finest level that has it
        for level, quality in levels.items():
            key = wanted.get(level)
            finer = [level] if level == "sound" else [*finer, level]
            if not key or (level == "sound" and len(key) < MIN_SOUND_KEY):
                continue
            for lv in finer:
                for pos in self.index[lv].get(key, ()):
                    best[pos] = max(best.get(pos, 0.0), quality)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1] * self.item(kv[0]).prior, kv[0]))
        return [Match(self.item(pos), q) for pos, q in ranked]

    def lookup(self, name: str) -> list[Candidate]:
        """Candidates for a surface name, most likely first."""
        return [m.candidate for m in self.match(name)]

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """(surface text, kind, qid) worth giving a spaCy EntityRuler; no common English words."""
        yield from self._surface
        for qid in sorted(self.user_qids):
            c = self.get(qid)
            if c and not c.is_place:
                for name in (c.label, *c.aliases):
                    if len(name) > 2 and not common_word(name):
                        yield name, c.kind, c.qid


def person_word_counts(rows: Iterable[tuple]) -> dict[str, int]:
    """How many people (item tuples of kind 'person') have each folded word in their label."""
    counts: dict[str, int] = {}
    for r in rows:
        if r[3] == "person":
            for w in set(fold(r[1]).split()):
                counts[w] = counts.get(w, 0) + 1
    return counts


def name_keys_all(c: Candidate) -> Iterator[tuple[str, str]]:
    """Every (level, key) of every name of an item."""
    for name in (c.label, *c.aliases):
        yield from name_keys(name, c.kind)


@lru_cache(maxsize=1)
def _bundled() -> dict:
    gc.disable()  # unpickling many small objects is 3x slower with the collector running
    try:
        with gzip.open(DATA_FILE, "rb") as f:
            data = pickle.load(f)
    except OSError as err:
        raise GazetteerError(f"{DATA_FILE}: cannot read the bundled gazetteer ({err})") from None
    finally:
        gc.enable()
    if data.get("version") != FORMAT_VERSION:
        raise GazetteerError(f"{DATA_FILE}: built for another kg; run python -m kg.link.build_data")
    return data


@lru_cache(maxsize=4)
def _load(directory: str, stamp: float) -> Gazetteer:
    from kg.link.user_items import read_user_items  # it reads Candidates: imported when loading

    data = _bundled()
    return Gazetteer(list(data["items"]), data["index"], data["surface"],
                     read_user_items(Path(directory)), data.get("person_words"))


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The bundled gazetteer plus the user's items (cached until the user gazetteer changes)."""
    from kg.link.user_items import USER_FILE, user_gazetteer_dir

    directory = Path(directory or user_gazetteer_dir())
    path = directory / USER_FILE
    stamp = path.stat().st_mtime_ns if path.exists() else 0.0
    return _load(str(directory), stamp)
