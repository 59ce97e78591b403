"""The mentions of one article filed by what coreference looks them up by (kg/extract/coref.py).

Each rule of `coref.cluster` asks, for every mention, for the first (or nearest) other mention
with some property: ending where this one starts, spelling out its initials, ending in its
surname ... Asking every other mention made clustering quadratic in an article's mentions
(tens of seconds for a 100,000-character article). Here each property is worked out once per
mention and filed under the value looked up, the mentions of each value in article order, so
the rules find the same mention as before by reading one short list.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.classes import top_class
from kg.extract.entity_data import fold, place_kind
from kg.extract.mentions import Mention


def initials(name: str) -> str:
    """Initials of a name's capitalised words: 'Syrian Observatory for Human Rights' -> 'SOHR'."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def of_tails(name: str) -> set[str]:
    """What a folded name ends in after ' of ' or ' of the ': 'republic of the congo' ->
    {'the congo', 'congo'}; X is in it exactly when the name ends with ' of X' or ' of the X'."""
    found = set()
    for cue in (" of ", " of the "):
        at = name.find(cue)
        while at >= 0:
            found.add(name[at + len(cue):])
            at = name.find(cue, at + 1)
    return found


def filed(index: dict, key, j: int) -> None:
    """Add mention j under `key` (mentions are filed in article order)."""
    index.setdefault(key, []).append(j)


class MentionIndex:
    """One article's mentions filed by end token, initials, acronym, surname, head word ..."""

    def __init__(self, doc: Doc, ms: list[Mention], acronym) -> None:
        self.folded = [fold(m.name) for m in ms]
        self.tops = [top_class(m.cls) for m in ms]
        self.by_end: dict[int, list[int]] = {}
        self.by_initials: dict[str, list[int]] = {}  # of multi-word names, not scoped
        self.by_acronym: dict[str, list[int]] = {}  # acronyms, without dots and plural 's'
        self.by_tail: dict[str, list[int]] = {}  # known places' fuller names, by what ends them
        self.by_suffix: dict[tuple[str, ...], list[int]] = {}  # full names, by last 1-2 words
        self.by_word: dict[str, dict[str, list[int]]] = {}  # groups' names, by word, by name
        self.by_head: dict[str, list[int]] = {}  # groups' multi-word names, by head word
        for j, o in enumerate(ms):
            self.file(doc, j, o, acronym)

    def file(self, doc: Doc, j: int, o: Mention, acronym) -> None:
        """File mention j under each value the rules look it up by."""
        filed(self.by_end, o.end, j)
        multi, words, top = len(o.name.split()) > 1, self.folded[j].split(), self.tops[j]
        if multi and not o.scoped:
            filed(self.by_initials, initials(o.name), j)
        if acronym(o.name):
            filed(self.by_acronym, o.name.replace(".", "").removesuffix("s"), j)
        if top == "Place" and place_kind(o.name):
            for tail in of_tails(self.folded[j]):
                filed(self.by_tail, tail, j)
        if not o.fixed and top != "Place" and not o.scoped:
            for n in range(1, min(2, len(words) - 1) + 1):
                filed(self.by_suffix, tuple(words[-n:]), j)
        if top == "Faction" and o.cls != "Community" and len(words) > 1:
            for word in set(words):
                filed(self.by_word.setdefault(word, {}), self.folded[j], j)
        if multi and top == "Faction" and not o.scoped:
            root = doc[o.start : o.end].root
            if root.i >= o.start:
                filed(self.by_head, root.text, j)

    def first(self, index: dict, key, i: int) -> int | None:
        """The first mention filed under `key` that is not mention i."""
        return next((j for j in index.get(key, ()) if j != i), None)
