"""Noun phrases to entity keys for events and claims: by character overlap with mentions,
pronouns and titles resolved."""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from kg.extract import argument_parties as made
from kg.extract.classes import top_class
from kg.extract.parties import unnamed_party
from kg.extract.text import sentence_number, sentences
from kg.model import Entity, Extraction

try:  # the entity engineer's resolver, when there is one
    from kg.extract.coref import resolve_pronoun as _coref_resolve
except ImportError:  # pragma: no cover - depends on the concurrent entity work
    _coref_resolve = None

NEST = 8  # how many earlier-starting mentions may still cover a token
PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "appos", "conj", "cc", "det", "nummod",
               "quantmod", "npadvmod", "punct", "case", "pobj", "prep"}


@cache
def words() -> dict:
    """Word lists for arguments and modality (data/events/words.json)."""
    path = resources.files("kg.extract") / "data" / "events" / "words.json"
    return json.loads(path.read_text(encoding="utf-8"))


def kind(cls: str) -> str:
    """Actor, Faction or Place for an entity class ('' when unknown)."""
    try:
        return top_class(cls)
    except KeyError:
        return ""


class EntityIndex:
    """Entity mentions of one article, looked up by character offsets."""

    def __init__(self, found: Extraction) -> None:
        self.found = found
        self.kinds = {e.key: kind(e.cls) for e in found.entities}
        self.classes = {e.key: e.cls for e in found.entities}
        self.roles = {e.key: tuple(r.lower() for r in e.roles) for e in found.entities}
        self.labels = {e.key: e.label for e in found.entities}
        self.scoped = {e.key for e in found.entities if e.scoped}
        self.mentions = sorted((m.start, m.end, e.key) for e in found.entities for m in e.mentions)
        self.starts = [m[0] for m in self.mentions]
        self._at: dict[int, str | None] = {}
        self.adds = made.Additions(found.entities)

    def entities(self) -> tuple[Entity, ...]:
        """The article's entities, with the unnamed parties and countries made for arguments."""
        return self.adds.entities()

    def unnamed(self, tok: Token, people: bool = True) -> str | None:
        """The unnamed party a common noun names ('police', 'three civilians'), made for the
        article on first use; None for a word that names no people (see made.unnamed)."""
        return self._made(made.unnamed(tok, self.adds, self._taken, people))

    def country(self, tok: Token, within: str | None = None) -> str | None:
        """The country an adjective of nationality names ('Ethiopian drones'), made on first use
        (also where the adjective is inside the mention of `within`: 'Syrian soldiers')."""
        def taken(t: Token) -> bool:
            return self.at(t) not in (None, within)

        return self._made(made.country_of_adjective(tok, self.adds, taken))

    def force(self, tok: Token, label: str, country: str) -> str:
        """The state force of a country that a noun names ('Chadian soldiers'), made on first use."""
        e = self.adds.new.get(country) or self.adds.base[country]
        return self._made(made.force(tok, label, e.country, self.adds))

    def _taken(self, tok: Token) -> bool:
        return self.at(tok) is not None

    def _made(self, key: str | None) -> str | None:
        """Index the newest mention of an added entity."""
        if key is None:
            return None
        span = self.adds.spans[key][-1]
        e = self.adds.new.get(key) or self.adds.base[key]
        self.kinds[key], self.classes[key], self.labels[key] = kind(e.cls), e.cls, e.label
        if e.scoped:
            self.scoped.add(key)
        self.roles.setdefault(key, ())
        self.mentions = sorted([*self.mentions, (span.start, span.end, key)])
        self.starts = [m[0] for m in self.mentions]
        self._at.clear()
        return key

    def at(self, tok: Token) -> str | None:
        """The entity whose mention covers this token, if any."""
        idx = tok.idx
        if idx not in self._at:
            self._at[idx] = self._covering(idx)
        return self._at[idx]

    def _covering(self, idx: int) -> str | None:
        # mentions starting at or before the offset; a few back, since mentions may nest
        hi = bisect_right(self.starts, idx)
        for start, end, key in reversed(self.mentions[max(0, hi - NEST): hi]):
            if start <= idx < end:
                return key
        return None

    def fits(self, key: str | None, kinds: tuple[str, ...]) -> bool:
        """Whether the entity is of one of these kinds (top classes or exact classes)."""
        return key is not None and (self.kinds.get(key) in kinds or self.classes.get(key) in kinds)

    def within(self, start: int, end: int) -> list[str]:
        """Entities with a mention overlapping [start, end), in text order, no repeats."""
        out: list[str] = []
        for s, e, key in self.mentions:
            if s < end and e > start and key not in out:
                out.append(key)
        return out

    def before(self, offset: int, kinds: tuple[str, ...], floor: int = 0) -> list[tuple[int, str]]:
        """(start, key) of mentions of these kinds between floor and offset, latest first (not
        the parties made for arguments: no pronoun stands for them)."""
        return [(s, k) for s, e, k in reversed(self.mentions)
                if floor <= s and e <= offset and self.kinds.get(k) in kinds
                and k not in self.adds.new]


def phrase(tok: Token, preps: tuple[str, ...] = ("of",)) -> list[Token]:
    """The noun phrase headed by tok, without relative clauses and other clauses
    ("a civilian, identified as X" keeps its naming clause)."""
    out = [tok]
    for child in tok.children:
        if across_break(tok, child):
            continue  # a headline parsed into the first sentence's subject
        naming = child.dep_ == "acl" and child.lemma_.lower() in words()["naming_verbs"]
        if naming:
            out.extend(phrase(child, (*preps, "as")))
        elif child.dep_ in PHRASE_DEPS and not (child.dep_ == "prep" and child.lower_ not in preps):
            out.extend(phrase(child, preps))
    return sorted(out, key=lambda t: t.i)


def possessive_owner(tok: Token, index: EntityIndex, kinds: tuple[str, ...]) -> str | None:
    """'Islamic State said its fighters had killed 20 soldiers': members named by their
    group's possessive pronoun act as that group."""
    if tok.lemma_.lower() not in words()["perpetrator_nouns"] and \
            tok.lower_.rstrip("s") not in words()["perpetrator_nouns"]:
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if poss is None:
        return None
    key = resolve_pronoun(poss, index)
    return key if index.fits(key, kinds) and index.kinds.get(key) != "Place" else None


def across_break(a: Token, b: Token) -> bool:
    """Whether a blank line (a headline's end, a paragraph's) stands between two tokens."""
    lo, hi = min(a.i, b.i), max(a.i, b.i)
    return hi - lo > 1 and "\n\n" in a.doc[lo + 1:hi].text


def entities_of(tok: Token, index: EntityIndex, kinds: tuple[str, ...],
                conjuncts: bool = True, preps: tuple[str, ...] = ("of",),
                make: bool = False, people: bool = True) -> list[str]:
    """Entity keys for the phrase headed by tok: its head's mention first, pronouns resolved
    ('jihadists from the JNIM' with preps ('of', 'from')). With `make`, a common noun for people
    is an unnamed party of the article ('three civilians') and an adjective of nationality its
    country ('Chadian soldiers': the soldiers, and Chad)."""
    if tok.lower_ in words()["pronouns"]:
        key = resolve_pronoun(tok, index)
        return [key] if index.fits(key, kinds) else []
    owner = possessive_owner(tok, index, kinds)
    if owner:
        return [owner]
    head = index.at(tok)
    if index.fits(head, kinds):
        out = [head]
        if tok.pos_ == "NOUN":  # "two terrorists, identified as X and Y", "TTP militants"
            named = [index.at(t) for t in named_parts(tok)]
            out = list(dict.fromkeys([k for k in named if index.fits(k, kinds) and k != head] + out))
    else:
        out = []
        for t in phrase(tok, preps):
            k = index.at(t)
            if index.fits(k, kinds) and k not in out:
                out.append(k)
        if not out and "Actor" in kinds:
            titled = by_title(tok, index)
            out = [titled] if titled else []
        if not out and "Country" in kinds and tok.ent_type_ == "NORP":
            country = by_demonym(tok, index) or (index.country(tok) if make else None)
            out = [country] if country else []
        if not out and make:
            out = [k for k in (index.unnamed(tok, people),) if index.fits(k, kinds)]
        if not out:  # "Ethiopian drones struck": the country acts through its weapons
            return nationality(tok, index) if make and "Country" in kinds else out
    if make and "Country" in kinds:
        out += [k for k in nationality(tok, index) if k not in out]
        out = forces_of_countries(tok, out, index)
    for conj in tok.conjuncts if conjuncts else ():
        out += [k for k in entities_of(conj, index, kinds, False, preps, make, people)
                if k not in out]
    return out


def forces_of_countries(tok: Token, keys: list[str], index: EntityIndex) -> list[str]:
    """Soldiers, troops or police of a country ('Chadian soldiers', 'the military forces of Ghana
    and Togo') are that country's state force, one party across articles ('Military Forces of
    Chad'), in place of the unnamed 'soldiers' of the article; the country still acts."""
    party = unnamed_party(tok)
    forms = words()["country_forces"]
    countries = [k for k in keys if index.classes.get(k) == "Country"]
    if not (party and party.cls == "StateForce" or tok.lemma_.lower() in forms) or not countries \
            or index.at(tok) not in index.scoped | {None}:
        return keys
    form = forms.get(tok.lemma_.lower(), forms["*"])
    forces = [index.force(tok, form.format(country=index.labels[k]), k) for k in countries]
    return [*forces, *(k for k in keys if k not in forces and k not in index.scoped)]


def nationality(tok: Token, index: EntityIndex) -> list[str]:
    """The countries the adjectives of nationality before a common noun name ('Chadian
    soldiers'; a named body, 'Congolese army', has its country already)."""
    if index.at(tok) not in index.scoped | {None}:
        return []
    out = []
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" \
                and index.at(c) in (None, index.at(tok)):
            key = by_demonym(c, index) or index.country(c, index.at(tok))
            if key:
                out.append(key)
    return out


def by_demonym(tok: Token, index: EntityIndex) -> str | None:
    """The country of the article that an adjective of nationality names ('Russian shelling':
    Russia), by a shared stem ('Russia'/'Russian', 'Sudan'/'Sudanese', 'Ukraine'/'Ukrainian')."""
    word = tok.lower_
    for key, cls in index.classes.items():
        if cls != "Country":
            continue
        label = index.labels.get(key, "").lower()
        stem = label[:-1] if label.endswith(("a", "e", "o", "y")) else label
        if len(stem) >= 4 and word.startswith(stem) and len(word) - len(stem) <= 4:
            return key
    return None


def named_parts(tok: Token) -> list[Token]:
    """Names inside a common noun's phrase: proper-noun modifiers ("TTP militants") and the
    names of a naming clause ("two terrorists, identified as X and Y")."""
    out = []
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN":
            out += list(c.subtree)
        elif c.dep_ == "acl" and c.lemma_.lower() in words()["naming_verbs"]:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "as":
                    out += [t for o in p.children if o.dep_ == "pobj" for t in (o, *o.conjuncts)]
    return out


def by_title(tok: Token, index: EntityIndex) -> str | None:
    """The actor the text gives this title ('the interim president'), if exactly one has it."""
    text = " ".join(t.lower_ for t in phrase(tok) if t.pos_ in ("NOUN", "ADJ", "PROPN"))
    if not text:
        return None
    hits = [k for k, roles in index.roles.items() if any(r and r in text for r in roles)]
    return hits[0] if len(hits) == 1 else None


def resolve_pronoun(tok: Token, index: EntityIndex) -> str | None:
    """The entity a pronoun stands for: the shared resolver, else the last fitting subject."""
    low = tok.lower_
    if low in ("we", "us", "i"):
        return speaker(tok, index)
    if low in ("who", "which", "that"):
        return entities_first(tok.head, index)
    reporter = reporting_subject(tok)
    if reporter is not None:  # "The army said it had rescued 12 hostages": the army
        return entities_first(reporter, index)
    if low in ("they", "them", "their"):
        near = index.before(tok.idx, ("Faction",), tok.sent.start_char)
        if near:
            return near[0][1]
    elif _coref_resolve is not None:
        try:
            key = _coref_resolve(tok.doc, tok, index.found)
        except Exception:  # noqa: BLE001 - a resolver bug must not lose the event
            key = None
        if key:
            return key
    kinds = ("Actor",) if low in ("he", "she", "him", "her", "his") else ("Faction", "Actor")
    cands = index.before(tok.idx, kinds, sentence_floor(tok, 3))
    for start, key in cands:  # prefer a subject
        span = tok.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None and "subj" in (span.root.dep_ + span.root.head.dep_):
            return key
    return cands[0][1] if cands else None


def reporting_subject(tok: Token) -> Token | None:
    """For 'it'/'they' as the subject of a reported clause, the common-noun subject of the
    reporting verb ('the army said it had ...'); None where that is no common noun."""
    from kg.extract.cues import is_cue

    if tok.lower_ not in ("it", "they") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or not is_cue(verb.head):
        return None
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or (tok.lower_ == "it" and subj.tag_ == "NNS"):
        return None
    return subj


def entities_first(tok: Token, index: EntityIndex) -> str | None:
    """The first party entity of the phrase headed by tok."""
    keys = entities_of(tok, index, ("Actor", "Faction"))
    return keys[0] if keys else None


def sentence_floor(tok: Token, back: int) -> int:
    """The character offset where the sentence `back` sentences before tok's begins."""
    sents = sentences(tok.doc)
    here = sentence_number(tok.doc, tok.i)
    return sents[max(0, here - back)].start_char


def speaker(tok: Token, index: EntityIndex) -> str | None:
    """Who speaks a first-person quote: the subject of a reporting verb in the same or next sentence."""
    from kg.extract.cues import is_cue

    doc: Doc = tok.doc
    sent = tok.sent
    window = doc[max(sent.start - 40, 0): min(len(doc), sent.end + 40)]
    for t in sorted(window, key=lambda t: abs(t.i - tok.i)):
        if is_cue(t) and t.i != tok.i:
            for c in sorted(t.children, key=lambda c: abs(c.i - t.i)):
                if c.dep_ == "nsubj" and c.lower_ not in ("we", "i", "us"):
                    keys = entities_of(c, index, ("Actor", "Faction"))
                    if keys:
                        return keys[0]
    return None
