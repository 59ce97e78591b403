"""People: what the text says about a person where it names them, and whether an item fits it.

A person links only on a full name (two words or more), when the article agrees with the item
(its country, a title the item's description supports, a party of the item's country), and never
when the text names them in passing ('a shopkeeper, John Smith', 'Reporting by ...', 'X, 45,').
A common name (its rarest word shared by several bundled people) needs two kinds of agreement.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.link.context import Window
from kg.link.gazetteer import Candidate, Gazetteer
from kg.link.normalize import ARTICLES, fold

DATA = Path(__file__).resolve().parent / "data"
TITLE_WORDS = 6  # words before a name that may be its title
COMMON_COUNT = 5  # bundled people sharing each word of a name (its rarest word): a common name
_BOUNDARY = re.compile(r"[.;:!?()\[\]\"\u201c\u201d,\n]")
_AGE_BEFORE = re.compile(r"\b\d{1,3}-year-old\s*$")
_APPOSITION = re.compile(r"^\s*(?:,\s*([^,;:.()\n]{1,80})|\(([^)\n]{1,40})\))")
_AGE = re.compile(r"^(?:aged\s+)?\d{1,3}(?:-year-old)?$")


@dataclass(frozen=True)
class Lexicon:
    """Role words (folded) with their category and country, and country adjectives."""

    roles: dict[str, tuple[str, str | None]]
    demonyms: dict[str, str]
    longest: int


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The role words of data/person_roles.tsv and the demonyms (extraction's and ours)."""
    from kg.extract.entity_data import lexicons

    roles = {fold(r["phrase"]): (r["category"], r.get("country") or None)
             for r in _rows(DATA / "person_roles.tsv")}
    demonyms = {fold(d): cc for d, (_, cc) in lexicons().demonyms.items()}
    demonyms.update({fold(r["demonym"]): r["cc"] for r in _rows(DATA / "demonyms.tsv")})
    return Lexicon(roles, demonyms, max(len(p.split()) for p in roles))


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    """Every demonym as written (capitalised), longest first: 'South Sudanese' before 'Sudanese'."""
    forms = sorted((" ".join(w.capitalize() for w in d.split()) for d in lexicon().demonyms),
                   key=lambda f: (-len(f), f))
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?![\w])")


def demonym_countries(text: str) -> frozenset[str]:
    """The countries a text names by a demonym ('Malian troops': ML; 'South Sudanese' is SS alone)."""
    demonyms = lexicon().demonyms
    return frozenset(demonyms[fold(m.group())] for m in _demonym_pattern().finditer(text))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")),
                                   delimiter="\t"))


@dataclass(frozen=True)
class Described:
    """What the text says about one person next to its mentions."""

    titles: frozenset[str] = frozenset()  # role words: 'prime minister', 'shopkeeper'
    cues: frozenset[str] = frozenset()  # 'identified as', 'reporting by', 'age'
    countries: frozenset[str] = frozenset()  # 'Israeli lawmaker', "Israel's", 'Knesset member'


def phrases(words: list[str], lex: Lexicon) -> list[str]:
    """Every lexicon phrase among the words."""
    return [" ".join(words[i:i + n]) for n in range(1, lex.longest + 1)
            for i in range(len(words) - n + 1) if " ".join(words[i:i + n]) in lex.roles]


def head(words: list[str], lex: Lexicon) -> list[str]:
    """The title right before a name: the longest lexicon phrase ending at the last word."""
    for n in range(min(lex.longest, len(words)), 0, -1):
        if " ".join(words[-n:]) in lex.roles:
            return [" ".join(words[-n:])]
    return []


def zones(w: Window) -> tuple[str, str]:
    """The words before a name up to punctuation ('a shopkeeper, ' keeps its comma's words),
    and an apposition after it (', a 45-year-old shopkeeper,' or '(45)')."""
    before = w.before.rstrip()
    before = before.removesuffix(",")
    before = _BOUNDARY.split(before)[-1]
    m = _APPOSITION.match(w.after)
    return before, (m.group(1) or m.group(2)).strip() if m else ""


def countries_in(words: list[str], lex: Lexicon, names: dict[str, str]) -> set[str]:
    """Countries the words name: demonyms, country names, one country's legislature."""
    found = set()
    for n in (1, 2):
        for i in range(len(words) - n + 1):
            p = " ".join(words[i:i + n])
            cc = lex.demonyms.get(p) or names.get(p) or (lex.roles.get(p) or ("", None))[1]
            if cc:
                found.add(cc)
    return found


def describe(ws: Iterable[Window], roles: Iterable[str], gaz: Gazetteer) -> Described:
    """Titles, private cues and countries the text gives a person where it names them."""
    lex, names = lexicon(), gaz.country_names()
    titles, cues, countries = set(), set(), set()
    for w in ws:
        before, appos = zones(w)
        words = fold(before).split()[-TITLE_WORDS:]
        found = head(words, lex) + [p for p in phrases(words, lex) if lex.roles[p][0] != "private"]
        awords = fold(appos).split()
        found += phrases(awords, lex)
        if _AGE_BEFORE.search(before) or _AGE.match(appos):
            cues.add("age")
        countries |= countries_in(words, lex, names) | countries_in(awords, lex, names)
        for p in found:
            (cues if lex.roles[p][0] == "cue" else titles).add(p)
    for r in roles:  # titles extraction read ('Israeli Prime Minister', 'resident') or a name held
        words = fold(r).split()
        titles.update(p for p in phrases(words, lex) if lex.roles[p][0] != "cue")
        countries |= countries_in(words, lex, names)
    return Described(frozenset(titles), frozenset(cues), frozenset(countries))


def split_title(name: str) -> tuple[str, str]:
    """('chancellor', 'Angela Merkel') for 'Chancellor Angela Merkel': the title words a name
    starts with (roles and demonyms), and the name without them; ('', name) if none."""
    lex, words = lexicon(), name.split()
    i = 0
    while True:  # a full name (two words) stays
        n = next((n for n in range(lex.longest, 0, -1) if fold(" ".join(words[i:i + n]))
                  in lex.roles or n == 1 and fold(words[i]) in lex.demonyms), 0)
        if not n or len(words) - (i + n) < 2:
            return fold(" ".join(words[:i])), " ".join(words[i:])
        i += n


@lru_cache(maxsize=1 << 12)
def politician(description: str | None) -> bool:
    """Whether an item's description is a politician's ('member of Turkey Assembly')."""
    lex = lexicon()
    words = fold(description or "").split()
    return any(lex.roles[p][0] in ("politician", "office") for p in phrases(words, lex))


def role_fit(c: Candidate, d: Described) -> tuple[bool, str | None]:
    """(a title supports the item, the first title or cue against it)."""
    lex, desc = lexicon(), f" {fold(c.description or '')} "
    pol = politician(c.description)
    supported, against = False, None
    for t in sorted(d.titles):
        cat = lex.roles[t][0]
        if f" {t} " in desc or pol and cat in ("politician", "office"):
            supported = True
        elif cat in ("politician", "private"):
            against = against or f"the text calls them {t!r}"
    for cue in sorted(d.cues):
        if cue != "age" or not supported:
            against = f"named in passing ({cue!r})"
    return supported, against


def common(c: Candidate, gaz: Gazetteer) -> bool:
    """Whether a person's name is a common one: its rarest word is several bundled people's."""
    words = [w for w in fold(c.display_label).split() if len(w) > 2 and w not in ARTICLES]
    counts = gaz.person_words()
    return not words or min(counts.get(w, 0) for w in words) >= COMMON_COUNT


def evidence(c: Candidate, d: Described, countries: frozenset[str],
             parties: Iterable[Candidate] = ()) -> tuple[tuple[str, ...], str | None]:
    """What agrees with the item (country, role, party) and what rules it out, if anything.

    `parties`: the party items named next to the person or that the text makes theirs."""
    supported, against = role_fit(c, d)
    if against:
        return (), against
    if d.countries and c.country not in d.countries:
        return (), f"the text makes them {'/'.join(sorted(d.countries))}, the item {c.country}"
    support = []
    if c.country and (c.country in countries or c.country in d.countries):
        support.append("country")
    if supported:
        support.append("role")
    desc = f" {fold(c.description or '')} "
    if any(p.country and p.country == c.country or f" {fold(p.label)} " in desc for p in parties):
        support.append("party")
    return tuple(support), None
