"""Counts an event's own phrase leaves out: the toll a fatality noun is given ('fatalities were
coded as 8', 'deaths rose to 12'), the one victim of a singular noun ('a trader was killed') and
the sum of conjoined groups ('two soldiers and three civilians')."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.numbers import Count, find_count
from kg.extract.parties import unnamed_party

TOLL_PREPS = frozenset({"as", "at", "to"})  # 'coded as 8', 'put at 8', 'rose to 8'
NOT_ONE = frozenset({"every", "each", "no", "any", "some", "another"})


def toll_count(trig: Token) -> Count | None:
    """The number a fatality noun's verb gives it: 'fatalities were coded as 8', 'deaths rose to
    12', 'fatalities put at 5', 'an unknown number of fatalities coded as 3'."""
    if trig.pos_ != "NOUN":
        return None
    noun = trig.head.head if trig.dep_ == "pobj" and trig.head.lower_ == "of" else trig
    verbs = [c for c in noun.children if c.dep_ == "acl"]  # 'an unknown number of fatalities'
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        verbs.append(noun.head)
    for verb in verbs:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in TOLL_PREPS and any(
                    o.dep_ == "pobj" and (o.like_num or any(n.like_num for n in o.children))
                    for o in prep.children):
                found = find_count(trig.doc[prep.i: prep.right_edge.i + 1].text)
                if found:
                    return found
    return None


def one_victim(holders: list[Token]) -> Count | None:
    """1 when what the event happened to is one person named by a singular noun ('a trader was
    shot dead', 'killed the headman'), not a group ('the police') nor several ('a man and his son')."""
    people = {t.i: t for t in holders if person(t)}
    if len(people) != 1:
        return None  # 'a man and his son', each a head of its own
    (tok,) = people.values()
    if tok.tag_ != "NN" or any(c.dep_ in ("conj", "nummod") or c.lower_ in NOT_ONE
                               for c in tok.children):
        return None
    return Count(1, "exact", tok.idx, tok.idx + len(tok))


def person(tok: Token) -> bool:
    """Whether a noun names people one by one ('trader', 'nurse'), not a body ('police', 'army')."""
    party = unnamed_party(tok)
    return party is not None and party.label.lower() != tok.lemma_.lower()


def summed(tok: Token) -> Count | None:
    """The sum of conjoined groups of people, each with its own number ('two soldiers and three
    civilians were killed': 5; 'four guards and a driver': 5), or None when one has none."""
    parts = [tok, *(c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN"))]
    if len(parts) < 2:
        return None
    counts = [own_count(t) for t in parts]
    if any(c is None for c in counts):
        return None
    bound = next((c.bound for c in counts if c.bound != "exact"), "exact")
    return Count(sum(c.value for c in counts), bound, counts[0].start, counts[-1].end)


def own_count(tok: Token) -> Count | None:
    """The number of a noun's own modifiers ('at least three civilians'; 'a driver': 1), not of
    what is conjoined to it."""
    nums = [c for c in tok.children if c.dep_ == "nummod"]
    if nums:
        words = [t for c in nums for t in c.subtree]
        lo, hi = min(t.i for t in words), max(t.i for t in words)
        found = find_count(tok.doc[lo: hi + 1].text + " " + tok.text)
        return found._replace(start=tok.doc[lo].idx, end=tok.idx + len(tok)) if found else None
    if tok.tag_ == "NN" and person(tok) and any(c.lower_ in ("a", "an", "one") for c in tok.children):
        return Count(1, "exact", tok.idx, tok.idx + len(tok))
    return None
