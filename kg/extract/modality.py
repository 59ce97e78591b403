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
        if any(c.dep_ == "det" and c.lower_ == "no" for c in kids):
            return "negated"
        if any(c.dep_ == "det" and c.lower_ == "any" for c in kids):
            return "hypothetical"  # "any threats", "any involvement": none in particular
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in kids):
        return "negated"
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if aux & set(w["hypothetical_aux"]):
        return "hypothetical"
    if aux & set(w["planned_aux"]):
        return "planned"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
        return "hypothetical"
    return None


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
