"""Within-article coreference: mentions of one entity into one cluster; pronouns to people.

`resolve_pronoun(doc, token, found)` is public: events and claims call it for a pronoun
subject ("He recounted ...") to get the key of the person it stands for.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from kg.extract.classes import top_class
from kg.extract.coref_index import MentionIndex, initials
from kg.extract.entity_data import fold, place_class, place_kind
from kg.extract.mentions import Mention
from kg.extract.text import sentence_number, sentences
from kg.model import Extraction

PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
PRONOUN_WINDOW = 3  # sentences back to look for the person a pronoun stands for
ACRONYM = re.compile(r"[A-Z][A-Z.]{1,7}s?")


class Clusters:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of i's cluster."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Put i and j in one cluster (the earlier index represents it)."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        """Clusters as lists of indices, in order of first mention."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def strip_lost_apostrophes(ms: list[Mention], doc: Doc | None = None) -> None:
    """'Syrias', 'Damascuss', 'Bashar al Assads' (apostrophes lost) name 'Syria', 'Damascus', ...;
    with the Doc, a name the model reads as a place's becomes a shorter place's only before
    what it would possess ('Syrias Idlib province', not 'in Queens on Friday')."""
    lasts = Counter(fold(m.name).split()[-1] for m in ms if fold(m.name))
    for m in ms:
        if m.fixed or not m.name.endswith("s") or m.name.endswith("'s") or not fold(m.name):
            continue
        stem = m.name[:-1]
        last = fold(stem).split()[-1] if fold(stem) else ""
        if lasts[last] and lasts[fold(m.name).split()[-1]] == 1:
            m.name = stem
        elif (m.label != "PERSON" and not place_kind(m.name) and place_kind(stem)
              and (doc is None or m.label not in ("GPE", "LOC") or possesses(doc, m.end))):
            m.name, m.cls = stem, place_class(place_kind(stem)[0])


def possesses(doc: Doc, i: int) -> bool:
    """Whether token i can start what a possessive names ('Syrias Idlib', 'Turkeys foreign')."""
    return i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN", "ADJ", "NUM")


def cluster(doc: Doc, ms: list[Mention]) -> list[list[Mention]]:
    """Group mentions of one entity: same name, party group, acronym, surname, head word."""
    strip_lost_apostrophes(ms, doc)
    ix = MentionIndex(doc, ms, is_acronym)  # after the names are settled
    uf = Clusters(len(ms))
    first: dict[str, int] = {}
    for i, m in enumerate(ms):
        key = f"group:{m.group}" if m.group else fold(m.name)
        uf.join(i, first.setdefault(key, i))
    for i, m in enumerate(ms):
        j = acronym_target(doc, ms, i, ix) if is_acronym(m.text) else expansion_target(ms, i, ix)
        k = bracket_target(doc, ms, i, ix)
        if k is not None:
            uf.join(i, k)
        j = alias_target(doc, ms, i, ix) if j is None else j
        j = short_place_target(ms, i, ix) if j is None else j
        j = follower_target(ms, i, ix) if j is None else j
        j = surname_target(ms, i, ix) if j is None else j
        j = head_target(doc, ms, i, ix) if j is None else j
        if j is not None:
            uf.join(i, j)
    return [[ms[i] for i in g] for g in uf.groups()]


def is_acronym(name: str) -> bool:
    """Whether a name is written as an acronym: 'SOHR', 'U.N.', 'SFs'."""
    return bool(ACRONYM.fullmatch(name)) and sum(c.isupper() for c in name) >= 2


def acronym_target(doc: Doc, ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The mention an acronym abbreviates: the name it follows in brackets, else by initials."""
    m = ms[i]
    bare = m.text.replace(".", "").removesuffix("s")
    for j in ix.by_end.get(m.start - 1, ()):
        o = ms[j]
        if (
            j != i
            and o.end + 1 == m.start
            and (
                doc[o.end].text == "("
                or doc[o.end].text in ("-", "\u2013")
                and o.start > 0
                and doc[o.start - 1].text == "("
            )
            and top_class(o.cls) == "Faction"
            and (not (m.fixed and o.fixed) or initials(o.name) == bare or o.name == m.name)
        ):
            return j
    return ix.first(ix.by_initials, bare, i)


def expansion_target(ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The acronym a multi-word name spells out: 'Hills Tiger Force' -> 'HTF'."""
    m = ms[i]
    if len(m.name.split()) < 2 or m.scoped:
        return None
    return ix.first(ix.by_acronym, initials(m.name), i)


def bracket_target(doc: Doc, ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The group a bracketed name translates: 'National Guard (Guardia Nacional)', and the
    name before a dash inside the bracket: '(Ejercito de Liberacion Nacional - ELN)'."""
    m = ms[i]
    if m.start < 2 or m.scoped or top_class(m.cls) != "Faction":
        return None
    before = doc[m.start - 1].text
    if before not in ("(", "-", "\u2013") or before != "(" and not doc[m.start - 1].whitespace_:
        return None
    for j in ix.by_end.get(m.start - 1, ()):
        o = ms[j]
        if j == i or o.end != m.start - 1 or o.scoped or top_class(o.cls) != "Faction":
            continue
        if m.fixed and o.fixed and m.name != o.name or m.fixed != o.fixed and m.label != o.label:
            continue  # '(Reuters)' after a dateline names no translation of it
        if before == "(" or o.start > 0 and doc[o.start - 1].text == "(":
            return j
    return None


ALIAS_CUES = ("alias", "aka", "nicknamed", "dubbed")
QUOTES = ('"', "'", "\u201c", "\u201d", "\u2018", "\u2019")


def alias_target(doc: Doc, ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The name an 'alias' gives another for: 'James Dimasa, alias Pronit Haflongbar',
    'Nemesio Oseguera Cervantes, alias "El Mencho"', 'Mohamed Hamdan Dagalo, known as Hemedti'."""
    m = ms[i]
    k = m.start - 1
    while k > 0 and (doc[k].text in QUOTES or doc[k].lower_ == "the"):
        k -= 1
    if k >= 2 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "known":
        k -= 2 if doc[k - 2].lower_ == "also" else 1
    elif k < 1 or doc[k].lower_ not in ALIAS_CUES:
        return None
    k -= 1 if doc[k - 1].text == "," else 0
    if doc[k - 1].text == ")":
        k = next((t.i for t in reversed(doc[max(0, k - 16) : k - 1]) if t.text == "("), k)
    return ix.first(ix.by_end, k, i)


def surname_target(ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The full name a short one ends: 'Assad' -> 'Bashar al-Assad' (nearest before, else after)."""
    m = ms[i]
    short = fold(m.name).split()
    if (
        m.fixed
        or m.scoped
        or not short
        or len(short) > 2
        or m.cls != "Actor"
        and place_kind(m.name)
    ):
        return None
    best = None
    for j in ix.by_suffix.get(tuple(short), ()):  # full names ending in it, in article order
        if j != i and (best is None or _nearer_before(ms[j].start, ms[best].start, m.start)):
            best = j
    return best


def short_place_target(ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The full place name a short one ends after 'of': 'Congo' -> 'Democratic Republic of
    the Congo', 'Iran' -> 'Islamic Republic of Iran'."""
    m = ms[i]
    if top_class(m.cls) != "Place" or not fold(m.name):
        return None
    # a known place's fuller name ending ' of X' or ' of the X', not 'University Hospital of X'
    return ix.first(ix.by_tail, fold(m.name), i)


def follower_target(ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The one group whose name holds a word its followers are called by: 'Maoists' ->
    'Communist Party of India (Maoist)' (none where several groups' names hold it)."""
    m = ms[i]
    words = fold(m.text).split()  # as written: 'Maoists' (its name may have lost the 's')
    if len(words) != 1 or m.fixed or m.scoped or top_class(m.cls) != "Faction":
        return None
    if m.cls == "Community" or is_acronym(m.name):
        return None
    stem = words[0].removesuffix("s")
    if stem == words[0]:
        return None  # followers go by a plural: 'Maoists', not 'Hasao'
    found = {}  # group name -> its last mention (not this one)
    for name, js in ix.by_word.get(stem, {}).items():
        last = next((j for j in reversed(js) if j != i), None)
        if last is not None:
            found[name] = last
    return next(iter(found.values())) if len(found) == 1 else None


def _nearer_before(candidate: int, best: int, here: int) -> bool:
    """Whether a candidate's position, before `here`, beats the best so far (later is nearer)."""
    return candidate < here and (best > here or candidate > best)


def head_target(doc: Doc, ms: list[Mention], i: int, ix: MentionIndex) -> int | None:
    """The organisation a bare head word stands for: 'Observatory' -> 'Syrian Observatory for ...'."""
    m = ms[i]
    if len(m.name.split()) != 1 or top_class(m.cls) == "Place" and (m.label != "ORG" or m.forms):
        return None
    return ix.first(ix.by_head, m.name, i)


def resolve_pronoun(doc: Doc, token: Token, found: Extraction) -> str | None:
    """The key of the person a he/she/him/his pronoun stands for: the last one named shortly before."""
    if token.lower_ not in PRONOUNS:
        return None
    sents = sentences(doc)
    here = sentence_number(doc, token.i)
    floor = sents[max(0, here - PRONOUN_WINDOW)].start_char
    best: tuple[int, int, str] | None = None
    for e in found.entities:
        if e.cls != "Actor":
            continue
        for span in e.mentions:
            if floor <= span.start and span.end <= token.idx:
                subject = _is_subject(doc, span.start)
                rank = (int(subject), span.start, e.key)
                if best is None or rank[1] > best[1] or rank[1] == best[1] and rank[0] > best[0]:
                    best = rank
    return best[2] if best else None


def _is_subject(doc: Doc, char: int) -> bool:
    """Whether the token at a character offset is (part of) a clause subject."""
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    return bool(tok) and any(
        t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ == "nsubj" for t in tok
    )
