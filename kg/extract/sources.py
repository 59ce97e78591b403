"""Who a claim's cue says spoke: the cue's subject and the party it names - by name, by a
pronoun, by a description tied to a party named before ('the ministry said', 'the governor
said'), else an unnamed source node of the article's own (scoped, as kg/extract/parties.py
makes for acting groups: 'a monitoring group said'); never whom the cue addresses."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.cues import is_according_to, is_cue, is_evidence, status_words
from kg.extract.event_parties import EntityIndex, entities_of, phrase, words
from kg.extract.unnamed_sources import is_description, locative, modifiers, name_words, source_nouns

PARTY = ("Actor", "Faction")
INHERIT = ("xcomp", "advcl", "conj")
SOURCE_WINDOW = 3  # sentences back in which "the group said" looks for the group
DEFINITE = frozenset({"the", "this", "that"})

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
        if not entity.scoped and any(wanted <= set(name_words(n)) for n in names):
            return key
    return None


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
