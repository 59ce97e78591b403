"""Whether an event happened: asserted, negated ("did not kill"), hypothetical ("could be
displaced") or planned ("threatened to attack", "will protest")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.event_parties import words


def modality(trig: Token, depth: int = 0) -> str:
    """asserted, negated, hypothetical or planned, read from the trigger's clause."""
    w = words()
    own = _own(trig, w)
    if own:
        return own
    if _charged(trig, w):
        return "hypothetical"  # "were accused of fighting": a charge, not a report
    verb = trig.head
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ in ("dobj", "nsubjpass") and \
            verb.pos_ == "VERB" and verb.lemma_.lower() not in w["control_verbs"] and depth < 3:
        return modality(verb, depth + 1)  # "threatened to hold protests": as its verb
    governor = _governing_verb(trig)
    if governor is not None:
        ctl = w["control_verbs"].get(governor.lemma_.lower())
        if ctl == "negated" and _own(governor, w) == "negated":
            return "asserted"  # "could not prevent looting": the looting happened
        if ctl:
            return ctl
    return "asserted"


def _own(trig: Token, w: dict) -> str | None:
    """Modality marked on the trigger itself: negation, modal or future auxiliaries."""
    kids = list(trig.children)
    if trig.pos_ in ("NOUN", "PROPN"):
        if none_of(trig) or unreported(trig):
            return "negated"
        if _whether(trig):
            return "hypothetical"  # "does not say whether there were fatalities"
        if any(c.dep_ == "det" and c.lower_ == "any" for c in kids):
            return "hypothetical"  # "any threats", "any involvement": none in particular
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in kids):
        return "negated"
    if any(none_of(s) for s in _clause_subjects(trig)):
        return "negated"  # "no one was killed", "no people were reported injured or killed"
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if aux & set(w["hypothetical_aux"]):
        return "hypothetical"
    if aux & set(w["planned_aux"]):
        return "planned"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
        return "hypothetical"
    return None


NONE_WORDS = frozenset({"nobody", "none", "no-one", "noone"})
NEWS_NOUNS = frozenset({"report", "sign", "word", "news", "information", "indication", "evidence",
                        "record", "confirmation", "mention"})


def none_of(noun: Token) -> bool:
    """'no fatalities', 'neither injuries nor deaths', 'no reports of fatalities', 'no one':
    a noun (or the first of its conjuncts, or the report it is of) said to be none."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.lower_ in NONE_WORDS:
        return True
    dets = [c.lower_ for h in {noun, first} for c in h.children if c.dep_ in ("det", "preconj")]
    if "no" in dets or "neither" in dets:
        return True
    holder = first.head.head if first.dep_ == "pobj" and first.head.lower_ == "of" else None
    return holder is not None and holder.lemma_.lower() in NEWS_NOUNS and none_of(holder)


def unreported(noun: Token) -> bool:
    """'Fatalities were not reported', 'did not report any deaths': a toll the source says it has
    none of."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    verb = first.head
    return first.dep_ in ("nsubjpass", "dobj") and verb.lemma_.lower() in ("report", "record", "confirm") \
        and any(c.dep_ == "neg" for c in verb.children)


def _whether(noun: Token) -> bool:
    """Whether the noun is what a 'whether' or 'if' clause asks about."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    verb = first.head
    return first.dep_ in ("attr", "nsubj", "dobj") and verb.i != first.i and any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children)


def _clause_subjects(verb: Token) -> list[Token]:
    """The subject of the verb, or of the clause it is conjoined to or completes."""
    holder = verb
    for _ in range(4):
        subj = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj or holder.dep_ not in ("conj", "oprd", "xcomp") or holder.head.i == holder.i:
            return subj
        holder = holder.head
    return []


def _charged(trig: Token, w: dict) -> bool:
    """Whether the trigger is what someone is passively accused or suspected of."""
    tok = trig
    for _ in range(5):
        if tok.dep_ not in ("pcomp", "pobj", "prep", "conj", "ROOT") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok.lemma_.lower() in w["charge_verbs"] and \
                any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    return False


def _governing_verb(trig: Token) -> Token | None:
    """The verb whose complement the trigger is: 'threatened to attack', 'urged X to allow'."""
    tok = trig
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj") and tok.head.dep_ != "prep":
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in words()["control_verbs"]:
            return None
        return tok
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.pos_ in ("VERB", "AUX") and (
            infinitive or tok.dep_ == "xcomp"):
        return tok.head
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        head = tok.head.head
        return head if head.lemma_.lower() in ("prevent", "refuse", "stop") else None
    return None
