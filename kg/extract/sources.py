"""Who a claim's cue says spoke: the cue's subject and the party it names - by name, by a
pronoun, by a description tied to a party named before ('the ministry said', 'the governor
said'), else an unnamed source node of the article's own (scoped, as kg/extract/parties.py
makes for acting groups: 'a monitoring group said'); never whom the cue addresses."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from kg.extract.cues import is_according_to, is_cue, is_evidence, read_data, status_words
from kg.extract.event_parties import EntityIndex, entities_of, phrase, words
from kg.model import Entity, Span

PARTY = ("Actor", "Faction")
INHERIT = ("xcomp", "advcl", "conj")
SOURCE_WINDOW = 3  # sentences back in which "the group said" looks for the group
DEFINITE = frozenset({"the", "this", "that"})
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


def surface_form(subj: Token, key: str, index: EntityIndex) -> str | None:
    """The words a cue's subject names its party by where it is no mention of it ('the
    president' for the president named before, 'Dawn' for the Northern Dawn movement): an
    alternative label of that party."""
    if index.at(subj) == key:
        return None
    if short_name(subj, index) == key:
        return subj.text
    if described_party(subj, index) != key:
        return None
    doc, left = subj.doc, modifiers(subj)
    first = left[0].i if left else subj.i
    if first > 0 and doc[first - 1].dep_ == "det" and doc[first - 1].head.i == subj.i:
        first -= 1
    text = doc[first: subj.i + 1].text
    return text[:1].lower() + text[1:] if doc[first].pos_ != "PROPN" else text


def described_party(subj: Token, index: EntityIndex) -> str | None:
    """The named party a definite description stands for: the nearest one before whose name
    holds the noun and its modifiers ('the ministry', 'the health ministry' after 'Lakeland
    Health Ministry') or whom the text gave that title ('the governor' after 'Governor Amos
    Tembe')."""
    dets = {c.lower_ for c in subj.children if c.dep_ == "det"}
    if not is_description(subj) or not dets & DEFINITE:
        return None
    wanted = {t.lower_ for t in modifiers(subj)} | {subj.lemma_.lower()}
    seen: set[str] = set()
    for _start, key in index.before(subj.idx, PARTY):
        if key in seen:
            continue
        seen.add(key)
        entity = next(e for e in index.found.entities if e.key == key)
        names = [entity.label, *entity.alt_labels, *index.roles.get(key, ())]
        if not entity.scoped and any(wanted <= set(_words(n)) for n in names):
            return key
    return None


def _words(name: str) -> list[str]:
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
        mine = set(_words(label))
        head = subj.lemma_.lower()
        for folded, e in self.entities.items():
            theirs = set(_words(e.label))
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


def subject_of(cue: Token, depth: int = 0) -> Token | None:
    """The noun that names the source of a cue."""
    if is_according_to(cue):
        to = next(c for c in cue.children if c.lower_ == "to")
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    for c in cue.children:
        if c.dep_ == "agent":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    if elliptic_passive(cue):
        return None  # "X accused of killing": X is accused, the accuser unnamed
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):  # "X was quoted as saying"
        quoted = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if quoted is not None:
            return quoted
    subj = min((c for c in cue.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - cue.i),
               default=None)
    if subj is not None:
        return cue.head if subj.lower_ in ("who", "that") and cue.dep_ == "relcl" else subj
    name = name_before(cue)
    if name is not None:
        return name
    if cue.dep_ in INHERIT and depth < 4:
        up = cue.head
        while up.head.i != up.i and not is_cue(up) and depth < 4:  # "said ... adding that"
            up, depth = up.head, depth + 1
        if is_cue(up) and up.i != cue.i:
            return subject_of(up, depth + 1)
        if cue.head.pos_ in ("VERB", "AUX"):
            return subject_of(cue.head, depth + 1)
    prev = cue.doc[cue.i - 1] if cue.i > 0 else None
    if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.sent == cue.sent:
        return prev  # "UN estimates suggest" parsed without a subject
    return None


def name_before(cue: Token) -> Token | None:
    """'... the areas affected Mohammad Javad Zarif told ...': a run-on sentence whose parse hangs
    the name just before a subjectless cue elsewhere (an apposition); that name speaks."""
    prev = cue.doc[cue.i - 1] if cue.i > cue.sent.start else None
    if prev is None or prev.pos_ != "PROPN" or prev.ent_type_ not in ("PERSON", "ORG") \
            or prev.head.i == cue.i or prev.dep_ not in ("appos", "conj", "npadvmod", "dobj", "pobj"):
        return None
    return prev if cue.tag_ in ("VBD", "VBZ", "VBP") else None


def elliptic_passive(cue: Token) -> bool:
    """A headline's 'X accused of Y' (no object, an of-phrase): a passive without its 'was'."""
    kids = {c.dep_ for c in cue.children}
    return (cue.lemma_ in ("accuse", "charge", "blame", "suspect") and "dobj" not in kids
            and any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in cue.children))


def source_of(cue: Token, index: EntityIndex, drafts: list, sent_of: dict) -> str | None:
    """The party that asserts (an Actor or Faction; a country never is one): the subject's
    entity, or 'the group' that spoke just before."""
    subj = subject_of(cue)
    if subj is None:
        return None
    heard = {index.at(t) for t in addressees(cue)} - {None}
    if index.at(subj) is None and (named := described_party(subj, index)) not in heard | {None}:
        return named  # 'the governor said': the governor named last before, not any governor
    keys = [k for k in appositive_source(subj, index) or entities_of(subj, index, PARTY)
            if k not in heard]
    if keys:
        return keys[0]
    keys = [k for k in author_of(subj, index) or entities_of_phrase(subj, index) if k not in heard]
    if keys:
        return keys[0]
    found = earlier_source(subj, index, drafts, sent_of[cue.i])
    return None if found in heard else found


def addressees(cue: Token) -> list[Token]:
    """Who a cue is addressed to, never its speaker: 'told Reuters', 'said to the BBC', 'in a
    statement to AFP', 'speaking to reporters'."""
    if is_according_to(cue):
        return []
    out = [t for c in cue.children if c.dep_ in ("dobj", "dative") and
           cue.lemma_.lower() in words()["listener_cues"] for t in c.subtree]
    preps = [c for c in cue.children if c.dep_ == "prep" and c.lower_ == "to"]
    preps += [g for c in cue.children if c.dep_ in ("prep", "advcl") for g in c.children
              if g.dep_ in ("prep", "pobj") and g.lower_ == "to"]  # 'in a statement to AFP'
    return out + [t for p in preps for o in p.children if o.dep_ == "pobj" for t in o.subtree]


def appositive_source(subj: Token, index: EntityIndex) -> list[str]:
    """'Hamas's armed wing, the Qassam Brigades, said', 'said the head of the delegation,
    Nicolas Heer': a subject that names no party itself speaks by the name set beside it."""
    if index.fits(index.at(subj), PARTY):
        return []
    for c in subj.children:
        if c.dep_ == "appos":
            keys = entities_of(c, index, PARTY)
            if keys:
                return keys
    for t in subj.subtree:  # the name set beside the title's last word: "... in Ethiopia, Nicolas Heer"
        if t.dep_ == "appos" and t.head.i != subj.i:
            keys = entities_of(t, index, ("Actor",))
            if keys:
                return keys
    return []


def author_of(subj: Token, index: EntityIndex) -> list[str]:
    """The parties a study or a record is by: 'a study by X', 'the survey, conducted by X',
    'a poll for X' (its compounds and of-phrase are the subject's own: 'an X poll')."""
    if not is_evidence(subj):
        return []
    toks = phrase(subj, ("by", "for", "from"))
    toks += [t for c in subj.children if c.dep_ == "acl" for g in c.children
             if g.dep_ in ("agent", "prep") and g.lower_ == "by" for t in g.subtree]
    out = []
    for t in toks:
        k = index.at(t)
        if index.fits(k, PARTY) and k not in out:
            out.append(k)
    return out


def entities_of_phrase(subj: Token, index: EntityIndex) -> list[str]:
    """Parties named in the subject's phrase with its locatives: 'a source in the X police'."""
    out = []
    for t in phrase(subj, ("of", "in", "from", "at", "with", "for")):
        k = index.at(t)
        if index.fits(k, PARTY) and k not in out:
            out.append(k)
    return out


def earlier_source(subj: Token, index: EntityIndex, drafts: list, here: int) -> str | None:
    """'the Observatory said': the party mentioned before whose name has that word; 'the group
    said', 'the official said': the last source of that kind shortly before."""
    named = short_name(subj, index) or described_party(subj, index)
    if named:
        return named
    lemma = subj.lemma_.lower()
    words = status_words()
    kind = "Faction" if lemma in words["source_nouns_faction"] else \
        "Actor" if lemma in words["source_nouns_actor"] else None
    dets = {c.lower_ for c in subj.children if c.dep_ == "det"}
    if kind is None or not dets & set(words["anaphoric_determiners"]):
        return None
    if dets & {"a", "an"} and (any(c.dep_ in ("amod", "compound") for c in subj.children)
                               or locative(subj)):
        return None  # "a local activist group", "a source in the ministry": someone new
    for d in reversed(drafts):
        if here - d.sent <= SOURCE_WINDOW and index.kinds.get(d.source) == kind:
            return d.source
    return None


def short_name(subj: Token, index: EntityIndex) -> str | None:
    """The party last mentioned before whose name holds the subject's capitalised word
    ('the Observatory' after 'the Syrian Observatory for Human Rights'); at a sentence's start
    too, where the word names no person or group ('Rally said' after 'Rally for Congolese
    Democracy', a short name the tagger reads as a common word; not 'Police said')."""
    if not subj.text[:1].isupper() or subj.pos_ in ("DET", "PRON"):
        return None
    if subj.i == subj.sent.start and (subj.lemma_.lower() in source_nouns()
                                      or subj.lower_ in source_nouns()):
        return None
    word = subj.text.lower()
    for _start, key in index.before(subj.idx, PARTY):
        label = next((e.label for e in index.found.entities if e.key == key), "")
        if word in label.lower().split():
            return key
    return None
