"""A claim's status from the text: Unverified, Denied, Disputed, Confirmed, else Asserted."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations, pairwise

from spacy.tokens import Doc

from kg.extract.cues import status_words
from kg.extract.events import family
from kg.extract.numbers import find_count, months
from kg.model import Extraction

TITLE_GAP = 30  # characters of title words between an organisation and its person
TITLE_WORDS = re.compile(r"(?: [a-z][a-z-]*){1,3} |\s+")
UNVERIFIED_BACK = 4  # sentences back whose accounts "could not be verified" covers
WINDOW = 2  # sentences within which competing accounts are compared
VIOLENT = {"Killing", "Attack", "Bombardment"}
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})  # one incident may be told as any of these


def assign_status(drafts: list, doc: Doc, found: Extraction) -> None:
    """Set each draft claim's status in place; later rules win over earlier ones."""
    sents = list(doc.sents)
    events = {e.key: e for e in found.events}
    allied = affiliations(found)
    disputed_by_cluster(drafts, events, allied)
    disputed_by_accusation(drafts, events)
    disputed_by_figures(drafts, events)
    disputed_by_text(drafts, sents)
    disputed_by_cue(drafts)
    unverified(drafts, sents, events)
    confirmed(drafts, events)
    denied(drafts, events, allied)


def _matches(key: str, text: str) -> bool:
    """Whether any pattern of a status list matches the (lower-cased) text."""
    return any(re.search(p, text.lower()) for p in status_words()[key])


def unverified(drafts: list, sents: list, events: dict) -> None:
    """'could not independently verify the reports': the claims of that sentence, else the
    accounts of the incident told in the sentences just before (those with a figure, where it
    speaks of figures or tolls); never a denial nor what the denying party says."""
    deniers = {d.source for d in drafts if d.kind == "deny"}
    for n, sent in enumerate(sents):
        if not (_matches("unverified", sent.text) or _matches("unsupported", sent.text)):
            continue  # "could not be verified", "said, without providing evidence"
        here = [d for d in drafts if d.sent == n and d.kind != "deny" and not hedges(d)]
        if here:
            for d in here:
                d.status = "Unverified"
            continue
        before = [d for d in drafts if n - UNVERIFIED_BACK <= d.sent < n and d.kind != "deny"
                  and d.source not in deniers]
        if _matches("figure_words", sent.text):
            before = [d for d in before if find_count(" ".join(t.text for t in d.content))
                      or any(events[k].count is not None for k in d.about if k in events)]
        if before and _matches("unverified_near", sent.text):  # "these claims", "the report"
            latest = last_figure_sentence(sents, n) if _matches("figure_words", sent.text) else None
            latest = max(o.sent for o in before) if latest is None else latest
            before = [d for d in before if d.sent == latest]
        for d in before:
            d.status = "Unverified"


def hedges(d) -> bool:
    """Whether what a claim says is itself the hedge ('police said it could not yet confirm the
    toll'): it speaks of the accounts before it, not of itself."""
    return _matches("unverified", " ".join(t.text for t in d.content))


def last_figure_sentence(sents: list, n: int) -> int | None:
    """The last sentence before sentence n that gives a number: what 'the figure' refers to."""
    for m in range(n - 1, max(-1, n - 1 - UNVERIFIED_BACK), -1):
        if find_count(sents[m].text):
            return m
    return None


def denied(drafts: list, events: dict, allied: set = frozenset()) -> None:
    """A claim its subject (or one who speaks for it: 'police spokeswoman X denied') denies is
    Denied; the denial itself stays Asserted."""
    for d in drafts:
        if d.kind != "deny":
            continue
        d.status = "Asserted"
        obj = d.cue.head if d.cue.dep_ in ("acl", "relcl") else next(
            (c for c in d.cue.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in status_words()["denial_objects"]:
            for o in denied_account(d, drafts)[-1:]:
                o.status = "Denied"
            continue
        for o in drafts:
            if o is not d and d.sent - 3 <= o.sent <= d.sent and o.source != d.source and \
                    any(d.source == a or (d.source, a) in allied
                        for k in o.about if k in events for a in events[k].agents):
                o.status = "Denied"


def denied_account(d, drafts: list) -> list:
    """What 'X denied the accusation' denies: a claim earlier in its sentence, else the last
    accusation of the sentences just before, else the last claim of the sentence before."""
    others = [o for o in drafts if o.source != d.source and o.kind != "deny" and o.cue.i < d.cue.i]
    same = [o for o in others if o.sent == d.sent]
    if same:
        return same
    accusations = [o for o in others if d.sent - 2 <= o.sent and o.kind == "accuse"]
    return accusations or [o for o in others if o.sent == d.sent - 1]


def confirmed(drafts: list, events: dict) -> None:
    """An earlier claim that a later 'confirm' by another source repeats is Confirmed."""
    for d in drafts:
        if d.kind != "confirm":
            continue
        for o in drafts:
            if o.sent < d.sent and o.source != d.source and (
                    set(o.about) & set(d.about) or (o.nouns & d.nouns) - generic()
                    or _same_figure(o, d, events)):
                o.status = "Confirmed"


def _same_figure(a, b, events: dict) -> bool:
    """Whether two claims give the same figure for the same kind of event."""
    fa = {family(events[k].cls) for k in a.about if k in events}
    fb = {family(events[k].cls) for k in b.about if k in events}
    ca = count_in(" ".join(t.text for t in a.content))
    cb = count_in(" ".join(t.text for t in b.content))
    return bool(fa & fb and ca and cb and ca.value == cb.value)


@lru_cache(maxsize=4096)
def count_in(text: str):
    """The first count in a claim's text (kg.extract.numbers.find_count), once per text: the
    rules compare every pair of an article's claims."""
    return find_count(text)


def disputed_by_text(drafts: list, sents: list) -> None:
    """'competing claims', 'conflicting accounts': the claims just before and in that sentence."""
    for n, sent in enumerate(sents):
        if _matches("disputed", sent.text):
            for d in drafts:
                if n - WINDOW <= d.sent <= n:
                    d.status = "Disputed"


def disputed_by_cue(drafts: list) -> None:
    """'a figure Hamas disputed', 'the army contested the toll': the account disputed and the
    disputing one are both Disputed."""
    for d in drafts:
        if d.kind != "dispute":
            continue
        for o in denied_account(d, drafts)[-1:]:
            o.status = d.status = "Disputed"


def disputed_by_accusation(drafts: list, events: dict) -> None:
    """Two sources blaming different parties for the same kind of violence dispute each other."""
    def blamed(d) -> tuple[set[str], set[str]]:
        evs = [events[k] for k in d.about if k in events]
        fams = {_group(family(e.cls)) for e in evs if e.agents}
        return fams, {a for e in evs for a in e.agents}

    for a, b in combinations(drafts, 2):
        if a.source == b.source or "accuse" not in (a.kind, b.kind):
            continue
        (fa, ga), (fb, gb) = blamed(a), blamed(b)
        if fa & fb and ga and gb and not ga & gb:
            a.status = b.status = "Disputed"


def disputed_by_figures(drafts: list, events: dict) -> None:
    """Different sources giving different figures for the same event dispute each other."""
    for a, b in combinations(drafts, 2):
        if a.source != b.source and set(a.about) & set(b.about) and _figures_differ(a, b, events):
            a.status = b.status = "Disputed"


def disputed_by_cluster(drafts: list, events: dict, allied: set) -> None:
    """Accounts of one incident by different sources, close together, sharing a specific noun,
    where two give different figures: all of them are Disputed."""
    for a, b in combinations(drafts, 2):
        if a.source == b.source or abs(a.sent - b.sent) > WINDOW or not _figures_differ(a, b, events) \
                or not same_counted(a, b) \
                or _elsewhere(a, b, events) or (a.source, b.source) in allied:
            continue
        shared = (a.nouns & b.nouns) - generic()
        if not shared:
            continue
        for d in drafts:
            if abs(d.sent - a.sent) <= WINDOW and d.nouns & shared:
                d.status = "Disputed"


def affiliations(found: Extraction) -> set[tuple[str, str]]:
    """Pairs of sources that speak for each other: related entities, or a title phrase that
    names both ("Observatory director Rami Abdel Rahman")."""
    pairs = {(r.subject, r.object) for r in found.relations}
    spans = sorted((m.start, m.end, e.key) for e in found.entities for m in e.mentions)
    text = found.article.text
    for (s1, e1, k1), (s2, _, k2) in pairwise(spans):
        if k1 != k2 and 0 <= s2 - e1 <= TITLE_GAP and TITLE_WORDS.fullmatch(text[e1:s2]):
            pairs.add((k1, k2))
    names = {o.key: {w for w in o.label.split() if len(w) > 3 and w[0].isupper()}
             for o in found.entities}
    for e in found.entities:  # "Observatory director Rami Abdel Rahman"
        for m in e.mentions:
            before = set(text[max(0, m.start - TITLE_GAP): m.start].split()[-3:])
            pairs |= {(e.key, o.key) for o in found.entities
                      if o.key != e.key and before & names[o.key]}
    return pairs | {(b, a) for a, b in pairs}


def _elsewhere(a, b, events: dict) -> bool:
    """Whether the two claims' events happened in different places (so are not one incident)."""
    pa = {p for k in a.about if k in events for p in events[k].places}
    pb = {p for k in b.about if k in events for p in events[k].places}
    return bool(pa and pb and not pa & pb)


def _figures_differ(a, b, events: dict | None = None) -> bool:
    """Whether both give a number and the numbers differ."""
    ca, cb = figure(a, events or {}), figure(b, events or {})
    return bool(ca and cb and ca != cb)


def same_counted(a, b) -> bool:
    """Whether two figures may count the same things ('7 people' and '14 drones' do not)."""
    ka, kb = _counted(a), _counted(b)
    return ka is None or kb is None or ka == kb


def _counted(d) -> str | None:
    """What a claim's figure counts: 'people' for persons, else the noun after it, or None."""
    text = " ".join(t.text for t in d.content)
    found = find_count(text)
    if not found:
        return None
    after = re.findall(r"[A-Za-z]+", text[found.end:])[:3]
    people = set(status_words()["person_nouns"])
    if not after and d.nouns & set(status_words()["toll_nouns"]):
        return "people"  # "put the death toll at 41"
    for w in after:
        if w.lower() in people or w.lower().rstrip("s") in people:
            return "people"
    return unit(after[0]) if after and after[0].lower() not in ("of", "and") else None


def unit(noun: str) -> str:
    """A counted noun in the singular ('families' -> 'family', 'houses' -> 'house')."""
    low = noun.lower()
    return low[:-3] + "y" if low.endswith("ies") else low.rstrip("s")


def figure(d, events: dict) -> int | None:
    """The number a claim gives: in its text, else the count of the event it tells."""
    found = count_in(" ".join(t.text for t in d.content))
    if found:
        return found.value
    return next((events[k].count for k in d.about if k in events and events[k].count is not None),
                None)


def _group(fam: str) -> str:
    """Killing, Attack and Bombardment count as one kind of incident."""
    return "violence" if fam in VIOLENT else fam


def generic() -> set[str]:
    """Nouns too common to tie two accounts to one incident (dates among them: '8 May')."""
    return set(status_words()["generic_nouns"]) | months() | WEEKDAYS
