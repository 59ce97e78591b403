"""Unnamed sources: the descriptions a cue's subject names a source by ('a senior official',
'residents', 'Republicans') and the article's own source nodes made of them, one per name."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from kg.extract.cues import read_data, status_words
from kg.model import Entity, Span

MODIFIERS = ("amod", "compound", "nmod")  # kept in an unnamed source's label; a number tells not who


@cache
def source_nouns() -> dict[str, str]:
    """Noun -> Actor or Faction: nouns that name a person or a group as a source ('aide',
    'lawmakers', 'ministry'), from WordNet (data/claims/source_nouns.tsv) and the hand lists."""
    out = dict(line.split("\t") for line in read_data("source_nouns.tsv").splitlines()
               if line and not line.startswith("#"))
    words = status_words()
    out.update(dict.fromkeys(words["source_nouns_actor"], "Actor"))
    out.update(dict.fromkeys(words["source_nouns_faction"] + ["campaign"], "Faction"))
    for w in words["unnamed_sources"]:
        out.setdefault(w, "Actor")
    return {w: k.strip() for w, k in out.items()}


def is_description(subj: Token) -> bool:
    """Whether a cue's subject is a common noun naming a person or a group ('the official'; the
    tagger's 'ministry' as a proper noun too)."""
    common = subj.pos_ == "NOUN" or subj.pos_ == "PROPN" and subj.is_lower
    return common and subj.lemma_.lower() in source_nouns()


def is_community(subj: Token) -> bool:
    """Whether a cue's subject is a people or a party's following in the plural ('Republicans',
    'Kurds', 'Catholics'): a community, the model's NORP."""
    return subj.ent_type_ == "NORP" and subj.tag_ in ("NNPS", "NNS")


def modifiers(subj: Token) -> list[Token]:
    """The words just before a noun that modify it ('a senior campaign official', 'federal and
    state officials')."""
    doc, first = subj.doc, subj.i
    while first > subj.sent.start and doc[first - 1].dep_ in MODIFIERS \
            and first <= doc[first - 1].head.i <= subj.i:
        first -= 1
    for left in reversed([c for c in subj.lefts if c.i < first]):
        sub = list(left.subtree)
        if left.dep_ not in MODIFIERS or sub[-1].i != first - 1 or any(t.is_punct for t in sub):
            break
        first = sub[0].i  # a modifier with its own conjuncts: 'federal and state'
    return list(doc[first: subj.i])



def name_words(name: str) -> list[str]:
    """A name's words, lower-cased, each also in the singular ('Ministries' -> 'ministry')."""
    words = name.lower().replace("'s", "").split()
    return words + [w[:-3] + "y" if w.endswith("ies") else w.rstrip("s") for w in words]


class UnnamedSources:
    """The unnamed sources of one article ('a senior official', 'residents'), one node per name."""

    def __init__(self, first_key: int) -> None:
        self.next = first_key
        self.entities: dict[str, Entity] = {}
        self.told: set[str] = set()  # keys with a name that tells who the source is

    def key_for(self, subj: Token) -> str | None:
        """The key of the unnamed source a cue's subject describes (None where it names none):
        its modifiers, the noun and a locative phrase ('a source in the district administration');
        a community named by the model ('Republicans', 'many Kurds')."""
        if not is_description(subj) and not is_community(subj):
            return None
        left = modifiers(subj)
        toks = [*left, subj, *locative(subj)]
        key = self._key(subj, left, toks)
        if len(toks) > 1 or not anaphoric(subj):
            self.told.add(key)
        return key

    def _key(self, subj: Token, left: list[Token], toks: list[Token]) -> str:
        """The node for this name: one met before that it names again, else a new one."""
        doc = subj.doc
        span = doc[toks[0].i: toks[-1].i + 1]
        label = span.text
        if span.start == subj.sent.start and doc[span.start].pos_ != "PROPN" \
                and doc[span.start].ent_type_ != "NORP":
            label = label[:1].lower() + label[1:]  # 'Officials said': 'officials'
        mention = Span(span.start_char, span.end_char, span.text)
        alts = {a for a in (doc[left[0].i if left else subj.i: subj.i + 1].text, subj.text)
                if a.lower() != label.lower()}
        same = self.same_as(label, subj)
        if same is not None:
            old = self.entities[same]
            names = [a for a in (*old.alt_labels, *sorted(alts | {label}))
                     if a.lower() != old.label.lower()]
            self.entities[same] = Entity(
                key=old.key, cls=old.cls, label=old.label, mentions=(*old.mentions, mention),
                alt_labels=tuple(dict.fromkeys(names)), scoped=True)
            return old.key
        key = f"e{self.next}"
        self.next += 1
        cls = "Faction" if is_community(subj) or subj.tag_ == "NNS" \
            or source_nouns()[subj.lemma_.lower()] == "Faction" else "Actor"
        self.entities[label.lower()] = Entity(key=key, cls=cls, label=label, mentions=(mention,),
                                              alt_labels=tuple(sorted(alts)), scoped=True)
        return key

    def same_as(self, label: str, subj: Token) -> str | None:
        """An unnamed source already met that this one names again: same noun, and the words of
        one name all in the other ('resistance groups', then 'local resistance groups')."""
        mine = set(name_words(label))
        head = subj.lemma_.lower()
        for folded, e in self.entities.items():
            theirs = set(name_words(e.label))
            if head in theirs and (mine <= theirs or theirs <= mine):
                return folded
        return None

    def shown(self, key: str) -> bool:
        """Whether a source goes into the graph: 'police', 'officials', 'a spokesman' and 'senior
        officials' do; a bare 'the group' or 'the official' stands for a party named before that
        was not found, so it names no node (it still counts as a competing account for the
        status rules)."""
        return key in self.told or all(e.key != key for e in self.entities.values())

    def all(self) -> tuple[Entity, ...]:
        """The unnamed source entities shown, in the order first met."""
        return tuple(e for e in self.entities.values() if e.key in self.told)


def anaphoric(subj: Token) -> bool:
    """Whether a bare description points back at a party named before: a definite singular
    ('the group', 'the ministry') or counted ('the six men'), not 'police', 'officials', 'the
    authorities' or 'a spokesman'."""
    dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "poss")}
    counted = any(c.dep_ == "nummod" for c in subj.children)
    return bool(dets) and not dets & {"a", "an"} and (subj.tag_ != "NNS" or counted)


LOCATIVES = ("in", "of", "for", "from", "at", "with")


def locative(subj: Token) -> list[Token]:
    """The phrase after a source noun that places it ('in the district administration', 'for
    the campaign'), up to a comma or a clause."""
    out: list[Token] = []
    for c in subj.rights:
        if c.dep_ != "prep" or c.lower_ not in LOCATIVES or c.i != subj.i + 1 + len(out):
            break
        for t in c.subtree:
            if t.is_punct or t.dep_ in ("relcl", "acl") or t.i != subj.i + 1 + len(out):
                return out
            out.append(t)
    return out
