"""Claims from reporting verbs and "according to": source, cue, content, number, status, events."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from kg.extract import quotes
from kg.extract.cues import cue_kind, cue_lemma, is_according_to, is_cue, status_words
from kg.extract.event_parties import EntityIndex, words
from kg.extract.numbers import find_count
from kg.extract.sources import short_name, source_of, subject_of, surface_form
from kg.extract.status import assign_status, generic, same_counted
from kg.extract.text import text_of as doc_text
from kg.extract.unnamed_sources import UnnamedSources
from kg.model import Claim, Entity, Extraction, Span


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
    said: str = ""  # the lemma of the cue a quotation mark stands for ('say')


def extract(doc: Doc, found: Extraction) -> Extraction:
    """One claim per reporting cue whose source is a party: named, or described ('a senior
    official', 'residents') by an unnamed source node of the article's own."""
    index = EntityIndex(found)
    sent_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    unnamed = UnnamedSources(len(found.entities))
    drafts: list[Draft] = []
    forms: dict[str, list[str]] = {}  # party -> the descriptions it spoke by ('the president')
    for tok in doc:
        if not is_cue(tok) or _negated(tok) or _channel(tok):
            continue
        source, subj = source_of(tok, index, drafts, sent_of), subject_of(tok)
        if source is None:
            source = unnamed.key_for(subj) if subj is not None else None
            if source is None:
                continue
        elif subj is not None and (form := surface_form(subj, source, index)):
            forms.setdefault(source, []).append(form)
        drafts.append(draft(tok, source, content_of(tok), sent_of[tok.i], found))
    drafts += dash_drafts(doc, index, drafts, sent_of, found)
    drafts += transcript_drafts(doc, index, sent_of, found)
    drafts = sorted(drafts + quote_drafts(doc, drafts, found), key=lambda d: d.cue.i)
    share_events(drafts)
    toll_events(drafts, found, sent_of, doc)
    assign_status(drafts, doc, found)
    counts = {e.key: (e.count, e.count_bound) for e in found.events if e.count is not None}
    entities = tuple(with_forms(e, forms.get(e.key, ())) for e in found.entities)
    return replace(found, entities=entities + unnamed.all(),
                   claims=tuple(to_claim(d, counts) for d in drafts if unnamed.shown(d.source)))


def with_forms(entity: Entity, forms: Iterable[str]) -> Entity:
    """The entity with the descriptions it was named by as alternative labels ('the president')."""
    known = {n.lower() for n in (entity.label, *entity.alt_labels)}
    new = [f for f in dict.fromkeys(forms) if f.lower() not in known]
    return replace(entity, alt_labels=(*entity.alt_labels, *new)) if new else entity


def draft(cue: Token, source: str, content: list[Token], sent: int, found: Extraction,
          said: str = "") -> Draft:
    """A claim's draft, with the events its content tells and its nouns."""
    return Draft(cue=cue, source=source, content=content, sent=sent, kind=cue_kind(cue),
                 about=about(content, found), said=said,
                 nouns={t.lemma_.lower() for t in content if t.pos_ in ("NOUN", "PROPN")})


def dash_drafts(doc: Doc, index: EntityIndex, drafts: list[Draft], sent_of: dict,
                found: Extraction) -> list[Draft]:
    """Quotations signed with a dash ('"We stay." -- Ana Ruiz, a nurse'): a claim of the first
    party named after the dash, unless a cue there speaks already ('" -- said Ruiz')."""
    cues = {d.cue.i for d in drafts}
    out = []
    for dash, quoted, after in quotes.dashed(doc):
        source = next((k for t in after if index.fits(k := index.at(t), ("Actor", "Faction"))), None)
        if source is None or not quoted or any(t.i in cues for t in after):
            continue
        out.append(draft(dash, source, quoted, sent_of[dash.i], found, said="say"))
    return out


def transcript_drafts(doc: Doc, index: EntityIndex, sent_of: dict, found: Extraction) -> list[Draft]:
    """Lines of a transcript ('KEMP: We will rebuild.'): a claim of the party the speaker's
    label names, by its own mention or as the last word of a party named before ('Ana Kemp')."""
    out = []
    for colon, speaker, said in quotes.labelled(doc):
        named = [t for t in speaker if t.text != "."]
        source = short_name(named[-1], index) if named else None
        source = source or next((k for t in named if index.fits(k := index.at(t), ("Actor", "Faction"))), None)
        if source is not None:
            out.append(draft(colon, source, said, sent_of[colon.i], found, said="say"))
    return out


def quote_drafts(doc: Doc, drafts: list[Draft], found: Extraction) -> list[Draft]:
    """Claims of the quoted sentences around a quoting claim that have no cue of their own."""
    speakers: dict[int, tuple[Token, str]] = {}
    for d in drafts:
        speakers.setdefault(d.sent, (d.cue, d.source))
    sents = list(doc.sents)
    return [draft(mark, source, quotes.content(sents[n]), n, found, said=cue_lemma(cue))
            for mark, n, source, cue in quotes.continued(doc, speakers)]


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
    return is_cue(head) and head.i != tok.i and subject_of(head) is not None


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
    return Claim(cue=d.said or cue_lemma(cue), cue_span=Span(cue.idx, end, doc_text(cue.doc)[cue.idx:end]),
                 sentence=Span(sent.start_char, sent.end_char, sent.text), text=text,
                 source=d.source, quantity=value, quantity_bound=bound, status=d.status,
                 about=d.about)
