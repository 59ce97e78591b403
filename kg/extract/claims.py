"""Claims from reporting verbs and "according to": source, cue, content, number, status, events."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from kg.extract.cues import cue_kind, cue_lemma, is_according_to, is_cue, status_words
from kg.extract.event_parties import EntityIndex, entities_of, phrase, words
from kg.extract.numbers import find_count
from kg.extract.sources import UnnamedSources, described_party, locative
from kg.extract.status import assign_status, generic, same_counted
from kg.extract.text import text_of as doc_text
from kg.model import Claim, Extraction, Span

PARTY = ("Actor", "Faction")
INHERIT = ("xcomp", "advcl", "conj")
SOURCE_WINDOW = 3  # sentences back in which "the group said" looks for the group


@dataclass
class Draft:
    """A claim being assembled, with the tokens status rules read."""

    cue: Token
    source: str
    content: list[Token]
    sent: int
    kind: str
    about: tuple[str, ...] = ()
    status: str = "Asserted"
    nouns: set[str] = field(default_factory=set)


def extract(doc: Doc, found: Extraction) -> Extraction:
    """One claim per reporting cue whose source is a party: named, or described ('a senior
    official', 'residents') by an unnamed source node of the article's own."""
    index = EntityIndex(found)
    sent_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    unnamed = UnnamedSources(len(found.entities))
    drafts: list[Draft] = []
    for tok in doc:
        if not is_cue(tok) or _negated(tok) or _channel(tok):
            continue
        source = source_of(tok, index, drafts, sent_of)
        if source is None:
            subj = subject_of(tok)
            source = unnamed.key_for(subj) if subj is not None else None
            if source is None:
                continue
        content = content_of(tok)
        drafts.append(Draft(cue=tok, source=source, content=content, sent=sent_of[tok.i],
                            kind=cue_kind(tok), about=about(content, found),
                            nouns={t.lemma_.lower() for t in content if t.pos_ in ("NOUN", "PROPN")}))
    share_events(drafts)
    toll_events(drafts, found, sent_of, doc)
    assign_status(drafts, doc, found)
    counts = {e.key: (e.count, e.count_bound) for e in found.events if e.count is not None}
    return replace(found, entities=found.entities + unnamed.all(),
                   claims=tuple(to_claim(d, counts) for d in drafts if unnamed.shown(d.source)))


def share_events(drafts: list[Draft]) -> None:
    """'..., while the council said 35': a bare figure is about the event the claim before gives."""
    for prev, d in itertools.pairwise(drafts):
        if not d.about and prev.about and d.sent - prev.sent <= 1 and \
                find_count(text_of(d.content)) and find_count(text_of(prev.content)) \
                and same_counted(prev, d) and not news_of_its_own(d, prev):  # not '7 people' and then '14 drones'
            d.about = prev.about


def news_of_its_own(d: Draft, prev: Draft) -> bool:
    """Whether a claim names things the claim before does not ('18,500 people arrived in
    Tawila' after '27 killed in Zamzam'): then its figure is about something else."""
    common = generic() | set(status_words()["toll_nouns"]) | prev.nouns
    return bool(d.nouns - common)


def toll_events(drafts: list[Draft], found: Extraction, sent_of: dict, doc: Doc) -> None:
    """'put the death toll at 15': a toll is about the last killing told just before."""
    from kg.extract.events import family

    starts = {t.idx: t.i for t in doc}
    killings = [e for e in found.events if family(e.cls) == "Killing"]
    for d in drafts:
        if d.about or not d.nouns & set(status_words()["toll_nouns"]):
            continue
        before = [e for e in killings if e.trigger.start < d.cue.idx
                  and d.sent - sent_of.get(starts.get(e.trigger.start, -1), -9) <= 1]
        if before:
            d.about = (before[-1].key,)


def _negated(tok: Token) -> bool:
    """'did not say' is no claim."""
    return any(c.dep_ == "neg" for c in tok.children)


def _channel(tok: Token) -> bool:
    """'X said, according to Press TV': the outlet only carries X's claim."""
    if not is_according_to(tok):
        return False
    head = tok.head
    return is_cue(head) and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)


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


def elliptic_passive(cue: Token) -> bool:
    """A headline's 'X accused of Y' (no object, an of-phrase): a passive without its 'was'."""
    kids = {c.dep_ for c in cue.children}
    return (cue.lemma_ in ("accuse", "charge", "blame", "suspect") and "dobj" not in kids
            and any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in cue.children))


def source_of(cue: Token, index: EntityIndex, drafts: list[Draft], sent_of: dict) -> str | None:
    """The party that asserts (an Actor or Faction; a country never is one): the subject's
    entity, or 'the group' that spoke just before."""
    subj = subject_of(cue)
    if subj is None:
        return None
    heard = {index.at(t) for t in addressees(cue)} - {None}
    keys = [k for k in appositive_source(subj, index) or entities_of(subj, index, PARTY)
            if k not in heard]
    if keys:
        return keys[0]
    keys = [k for k in entities_of_phrase(subj, index) if k not in heard]
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


def entities_of_phrase(subj: Token, index: EntityIndex) -> list[str]:
    """Parties named in the subject's phrase with its locatives: 'a source in the X police'."""
    out = []
    for t in phrase(subj, ("of", "in", "from", "at", "with", "for")):
        k = index.at(t)
        if index.fits(k, PARTY) and k not in out:
            out.append(k)
    return out


def earlier_source(subj: Token, index: EntityIndex, drafts: list[Draft], here: int) -> str | None:
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
    ('the Observatory' after 'the Syrian Observatory for Human Rights')."""
    if not subj.text[:1].isupper() or subj.i == subj.sent.start:
        return None
    word = subj.text.lower()
    for _start, key in index.before(subj.idx, PARTY):
        label = next((e.label for e in index.found.entities if e.key == key), "")
        if word in label.lower().split():
            return key
    return None


def content_of(cue: Token) -> list[Token]:
    """The tokens of what is claimed: the reported clause, the object, or the rest of the sentence."""
    own = {t.i for t in cue.subtree}
    if is_according_to(cue):
        toks = [t for t in cue.head.subtree if t.i not in own and not t.is_punct]
        if not toks:  # "According to X, a group ... assaulted": the parser hung all under X
            source = subject_of(cue)
            after = source.i if source is not None else cue.i
            toks = [t for t in cue.sent if t.i > after and not t.is_punct]
        return toks or [t for t in cue.sent if t.i not in own and not t.is_punct]
    deps = ("ccomp", "xcomp") if cue.lemma_.lower() in words()["listener_cues"] else \
        ("ccomp", "dobj", "xcomp")
    for dep in deps:
        kids = [c for c in cue.children if c.dep_ == dep]
        if kids:
            toks = [t for k in kids for t in k.subtree if not _in_added(t, cue)]
            if dep == "dobj" and (cue_kind(cue) == "accuse" or cue.lemma_.lower() in
                                  status_words()["object_cues"]):
                toks += [t for c in cue.children if c.dep_ == "prep" for t in c.subtree]
            elif dep == "dobj":  # "estimated the crowd at 3,000"
                toks += [t for c in cue.children if c.dep_ == "prep" and c.lower_ == "at"
                         for t in c.subtree]
            return sorted(toks, key=lambda t: t.i)
    rest = [t for t in cue.sent if t.i not in own and not t.is_punct]
    return rest or [t for t in cue.subtree if t.i != cue.i]


def _in_added(tok: Token, cue: Token) -> bool:
    """Whether tok belongs to a participial cue below this one ("..., adding that ...")."""
    while tok.i != cue.i and tok.head.i != tok.i:
        if tok.dep_ == "advcl" and is_cue(tok):
            return True
        tok = tok.head
    return False


def about(content: list[Token], found: Extraction) -> tuple[str, ...]:
    """Events whose trigger lies inside the claimed content."""
    idx = {t.idx for t in content}
    return tuple(e.key for e in found.events if e.trigger.start in idx)


def text_of(tokens: list[Token]) -> str:
    """The content's text as it stands in the article (one stretch from first to last token)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i: tokens[-1].i + 1].text.strip(' "\u201c\u201d,')


def to_claim(d: Draft, counts: dict | None = None) -> Claim:
    """The Claim record of a draft; with no number in its text, the count of the event it
    tells ("a strike killed at least 53 people, a member said", parsed with 'people' outside)."""
    cue, sent = d.cue, d.cue.sent
    end = cue.idx + len(cue)
    if is_according_to(cue):
        to = next(c for c in cue.children if c.lower_ == "to")
        end = to.idx + len(to)
    text = text_of(d.content)
    count = find_count(text)
    told = next(((n, b) for k in d.about for n, b in [(counts or {}).get(k, (None, None))]
                 if n is not None), None)
    value, bound = (count.value, count.bound) if count else told or (None, None)
    return Claim(cue=cue_lemma(cue), cue_span=Span(cue.idx, end, doc_text(cue.doc)[cue.idx:end]),
                 sentence=Span(sent.start_char, sent.end_char, sent.text), text=text,
                 source=d.source, quantity=value, quantity_bound=bound, status=d.status,
                 about=d.about)
