"""Events from trigger verbs and nouns, with agent, target, place, time, count and modality."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from kg.extract import arguments as args
from kg.extract.classes import ALSO_UNDER, SUBCLASS_OF
from kg.extract.dates import article_date, lexicon, time_of
from kg.extract.event_parties import EntityIndex
from kg.extract.means import means_class
from kg.extract.modality import modality
from kg.extract.text import text_of
from kg.extract.triggers import Trigger, find
from kg.model import Event, Extraction, Span

EMIT = frozenset({"asserted"})  # negated, hypothetical and planned events stay out of the graph
CARRY_SENTENCES = 2  # how far back a passive event may borrow its agent or place
# a line opening with a place in capitals, its country, a date, the agency, then a dash
DATELINE = re.compile(r"(?:^|\n)([A-Z][A-Z'. -]*[A-Z](?:, [A-Z][\w'. -]*?)?)"
                      r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?,? \([^()\n]{1,40}\) ?[-\u2013\u2014]")


@dataclass
class Draft:
    """An event being assembled."""

    trig: Trigger
    sent: int
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    explicit_place: bool = False
    count: tuple[int, str] | None = None
    time: str | None = None
    modality: str = "asserted"
    passive: bool = False
    armed_target: bool = False  # what it was done to is an armed party or its post


def family(cls: str) -> str:
    """The contract class an event class falls under (Execution -> Killing)."""
    while SUBCLASS_OF.get(cls, "Event") not in ("Event", cls):
        cls = SUBCLASS_OF[cls]
    return cls


def extract(doc: Doc, found: Extraction) -> Extraction:
    """Asserted events of the article, and the unnamed parties their arguments name."""
    index = EntityIndex(found)
    events = detect(doc, found, index)
    return replace(found, events=tuple(e for e in events if e.modality in EMIT),
                   entities=kept_entities(index, events))


def kept_entities(index: EntityIndex, events: list[Event]) -> tuple:
    """The article's entities, with the parties made for the arguments of emitted events."""
    used = {k for e in events if e.modality in EMIT for k in (*e.agents, *e.targets, *e.places)}
    return tuple(e for e in index.entities() if e.key in index.adds.base or e.key in used)


def detect(doc: Doc, found: Extraction, index: EntityIndex | None = None) -> list[Event]:
    """Every event mention, whatever its modality."""
    index = index or EntityIndex(found)
    ref = article_date(found.article)
    sent_of = {i: n for n, s in enumerate(doc.sents) for i in range(s.start, s.end)}
    hosts, merged = group(find(doc, index))
    drafts = {h.token.i: draft(h, sent_of[h.token.i], index, ref) for h in hosts}
    for trig, host in merged:
        absorb(drafts[host], draft(trig, sent_of[trig.token.i], index, ref))
    ordered = [drafts[i] for i in sorted(drafts)]
    told = {n: sentence_places(sent.root, index) for n, sent in enumerate(doc.sents)}
    carry_over(ordered, (*headline_places(doc, index), dateline_places(doc, index)), told)
    return [to_event(d, doc, cls) for d, cls in zip(ordered, classes_of(ordered))]


def group(trigs: list[Trigger]) -> tuple[list[Trigger], list[tuple[Trigger, int]]]:
    """One event per mention: conjoined or nested triggers of one class join their host;
    weak ones ("bodies") give way to a stronger trigger of their class in the sentence."""
    by_i = {t.token.i: t for t in trigs}
    strong = {(t.token.sent.start, family(t.cls)) for t in trigs if "weak" not in t.flags}
    hosts, merged = [], []
    for t in trigs:
        if "weak" in t.flags and ((t.token.sent.start, family(t.cls)) in strong
                                  or tool_of(t.token, by_i)):
            continue
        host = host_of(t, by_i)
        if host is None:
            hosts.append(t)
        else:
            merged.append((t, host))
    kept = {h.token.i for h in hosts}
    return hosts, [(t, h) for t, h in merged if h in kept]


def tool_of(tok: Token, by_i: dict[int, Trigger]) -> bool:
    """Whether a weak trigger is the object of another trigger, its means ("dropped two bombs")."""
    return tok.dep_ in ("dobj", "pobj") and (tok.head.i in by_i or tok.head.head.i in by_i) \
        and tok.head.i != tok.i


def host_of(t: Trigger, by_i: dict[int, Trigger]) -> int | None:
    """The trigger of the same class this one is part of, following chains, or None."""
    seen = {t.token.i}
    cur = t
    while True:
        tok = cur.token
        ups = [tok.head]
        if tok.head.dep_ in ("prep", "agent", "cc"):
            ups.append(tok.head.head)
            if tok.dep_ == "pobj" and tok.head.head.dep_ in ("dobj", "nsubjpass"):
                ups.append(tok.head.head.head)  # "killed 45 civilians in executions"
        ups = [u for u in ups if "\n\n" not in tok.doc[min(u.i, tok.i): max(u.i, tok.i)].text]
        up = next((u for u in ups if u.i in by_i and u.i not in seen
                   and family(by_i[u.i].cls) == family(t.cls)
                   and tok.dep_ in ("conj", "appos", "pobj", "dobj", "compound", "nsubj")), None)
        if up is None:
            return None if cur is t else cur.token.i
        seen.add(up.i)
        cur = by_i[up.i]


def draft(t: Trigger, sent: int, index: EntityIndex, ref) -> Draft:
    """Arguments, count, time and modality of one trigger."""
    tok = t.token
    patient = "patient" in t.flags
    agent_toks = args.agent_heads(tok, t.cls, patient, t.flags)
    target_toks = args.target_heads(tok, t.cls, patient, t.flags)
    d = Draft(trig=t, sent=sent, modality=modality(tok),
              passive=tok.pos_ in ("VERB", "AUX") and args.is_passive(tok))
    d.agents = list(args.prefer_person(
        args.resolve(agent_toks, index, args.ACTING, ("of", "from"), make=True), index))
    d.targets = list(args.resolve(target_toks, index, args.PARTY, make=True, people=False))
    d.armed_target = args.armed(target_toks, d.targets, index)
    filed = dateline_tokens(tok.doc)
    located = args.places_in([t for t in args.place_heads(tok, target_toks) if t.i not in filed],
                             index)
    located += tuple(k for k in args.resolve([t for t in target_toks if t.i not in filed], index,
                                             args.PLACE) if k not in located)
    d.places = [k for k in located if k not in d.agents]
    d.explicit_place = bool(d.places)
    if not d.places:
        d.places = [k for k in sentence_places(tok, index) if k not in d.agents]
    if family(t.cls) in args.words()["count_classes"]:
        c = args.count_of(tok, target_toks, patient, t.flags)
        d.count = (c.value, c.bound) if c else None
    d.time = time_of(tok, tok.doc, ref)
    return d


def absorb(host: Draft, part: Draft) -> None:
    """Add a merged trigger's arguments to its host's."""
    for name in ("agents", "targets", "places"):
        have = getattr(host, name)
        have.extend(k for k in getattr(part, name) if k not in have)
    host.count = host.count or part.count
    host.time = host.time or part.time


def sentence_places(tok: Token, index: EntityIndex) -> tuple[str, ...]:
    """Places mentioned in the trigger's sentence, not as a party acting ("Russia denied") nor as
    where someone comes from or is based ("fighters from X", "an X-based monitor"), nor as the
    dateline the story is filed from ("BEIRUT (Reuters) -")."""
    filed = dateline_tokens(tok.doc)
    return args.places_in([t for t in tok.sent if not acting(t) and not origin(t)
                           and t.i not in filed], index)


def dateline_tokens(doc: Doc) -> range:
    """The tokens of the article's dateline ("ALEPPO, Syria (Reuters) -", "KHARTOUM, June 3
    (AP) —"): where the story was filed from, not where anything happened."""
    if "kg_dateline" not in doc.user_data:
        m = DATELINE.search(text_of(doc)[: lexicon()["dateline_chars"]])
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand") if m else None
        doc.user_data["kg_dateline"] = range(span.start, span.end) if span else range(0)
    return doc.user_data["kg_dateline"]


def dateline_places(doc: Doc, index: EntityIndex) -> tuple[str, ...]:
    """The places of the dateline: where an article's events are when it names no other."""
    return args.places_in([doc[i] for i in dateline_tokens(doc)], index)


def origin(tok: Token) -> bool:
    """Whether a token names where a party is from or based, not where anything happened."""
    while tok.dep_ in ("conj", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return (tok.dep_ == "pobj" and tok.head.lower_ == "from") or tok.head.lower_ == "based"


def acting(tok: Token) -> bool:
    """Whether a token names a party acting (subject, possessor, by-agent), not a location."""
    while tok.dep_ == "conj" or tok.dep_ in ("compound", "amod") and tok.head.pos_ == "PROPN":
        tok = tok.head
    return tok.dep_ in ("nsubj", "poss") or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def headline_places(doc: Doc, index: EntityIndex) -> list[tuple[str, ...]]:
    """Places of each of the first sentences that name one (the headline, the lead), the
    dateline left out."""
    filed = dateline_tokens(doc)
    out = []
    for n, sent in enumerate(doc.sents):
        if n > 2:
            break
        named = [t for t in sent if index.at(t) is not None and t.i not in filed]
        found = args.places_in([t for t in named if not acting(t) and not origin(t)], index)
        if found:
            out.append(found)
    return out


def carry_over(drafts: list[Draft], fallback: tuple[tuple[str, ...], ...] = (),
               told: dict[int, tuple[str, ...]] | None = None) -> None:
    """Passive events borrow the agent of the last event of their class; events with no
    place take the place of a sentence just before (after the last event: "launched an
    operation in X village. The terrorists opened fire"), else the last event's, else the
    first of `fallback` (the headline's or lead's, then the dateline's) that is not one of its
    agents ("Russian strikes kill 28": Russia is who struck, not where)."""
    told = told or {}
    last_of: dict[str, Draft] = {}
    last: Draft | None = None
    for d in drafts:
        fam = family(d.trig.cls)
        prev = last_of.get(fam)
        if not d.agents and d.passive and prev and d.sent - prev.sent <= CARRY_SENTENCES \
                and not (d.explicit_place and prev.explicit_place
                         and not set(d.places) & set(prev.places)):
            d.agents = list(prev.agents)
        since = last.sent if last else -1
        newer = [n for n in range(d.sent - 1, since, -1) if d.sent - n <= 1 and told.get(n)]
        if not d.places and newer:
            d.places = list(told[newer[0]])
        elif not d.places:
            if last and last.places and d.sent - last.sent <= CARRY_SENTENCES:
                d.places = list(last.places)
            else:
                d.places = next((list(f) for f in fallback if set(f) - set(d.agents)), [])
        d.places = [k for k in d.places if k not in d.agents]  # "Russia launched": no place
        last_of[fam] = d
        last = d


ON_FORCES = {"Attack": "AttackOnForces", "PropertyDestruction": "AttackOnForces",
             "Killing": "KillingOfForces"}


def finer_class(cls: str, armed_target: bool, weapon: str | None = None) -> str:
    """The finer class an event's weapon or target tells: an attack with aircraft is an
    airstrike, one with artillery or rockets a bombardment (whatever it hit); else an attack on
    soldiers, police or their posts is an attack on armed forces, a killing of them a killing of
    armed forces."""
    if cls == "Attack" and weapon:
        return weapon
    return ON_FORCES.get(cls, cls) if armed_target else cls


def classes_of(drafts: list[Draft]) -> list[str]:
    """The class of each event, told finer by its weapon or target, plain beside its second
    parent."""
    finer = [finer_class(d.trig.cls, d.armed_target,
                         means_class(d.trig.token) if d.trig.cls == "Attack" else None)
             for d in drafts]
    in_sentence: dict[int, set[str]] = {}
    for d, cls in zip(drafts, finer):
        in_sentence.setdefault(d.sent, set()).add(cls)
    return [plain(cls, in_sentence[d.sent]) for d, cls in zip(drafts, finer)]


def plain(cls: str, told: set[str]) -> str:
    """A class with a second parent that its sentence tells as an event of its own keeps only
    its first: 'stormed the base and killed 20 soldiers' is an attack on forces and a killing,
    'looted the shops and set fire to homes' a looting and an attack."""
    return SUBCLASS_OF[cls] if set(ALSO_UNDER.get(cls, ())) & told else cls


def to_event(d: Draft, doc: Doc, cls: str) -> Event:
    """The Event record of a draft, of class cls."""
    tok = d.trig.token
    sent = tok.sent
    return Event(cls=cls, trigger=Span(tok.idx, tok.idx + len(tok), tok.text),
                 sentence=Span(sent.start_char, sent.end_char, sent.text),
                 agents=tuple(d.agents), targets=tuple(k for k in d.targets if k not in d.agents),
                 places=tuple(d.places), time=d.time,
                 count=d.count[0] if d.count else None,
                 count_bound=d.count[1] if d.count else None, modality=d.modality)
