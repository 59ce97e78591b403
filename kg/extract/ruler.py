"""spaCy components for entities: a lexicon ruler before the model's NER, and fixes after it.

Known-name spans carry `ent_id_` = "<Class>|<canonical name>" so later steps need not guess.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.entity_data import (
    bundled_places,
    fold,
    lexicons,
    place_class,
    rows,
    ruler_names,
    words,
)
from kg.extract.text import text_of

RULER = "kg_entity_ruler"
FIXES = "kg_entity_fixes"
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_CAPS_SHARE = 0.6


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns: lexicon organisations and outlets, countries, apostrophe-less forms."""
    pats = [
        {"label": "ORG", "pattern": surface, "id": f"{cls}|{name}"}
        for surface, name, cls in ruler_names()
        if not surface.islower()
    ]
    skip = words("ambiguous_places.txt") | set(lexicons().demonyms)
    table = places_rows()
    known = {r[0] for r in table} | {surface for surface, _, _ in ruler_names()}
    seen: set[str] = set()
    for name, kind, _cc in table:
        if name in seen or name in skip or " " in name and kind != "country":
            continue
        seen.add(name)
        ident = f"{place_class(kind)}|{name}"
        if kind == "country":
            pats.append({"label": "GPE", "pattern": name, "id": ident})
        if not name.endswith("s") and name + "s" not in known:
            pats.append({"label": "GPE", "pattern": name + "s", "id": ident})
    return pats


def places_rows() -> list[tuple[str, str, str]]:
    """Bundled places as (name, kind, country), countries first."""
    rank = {"country": 0, "admin1": 1, "city": 2}
    return sorted(((r[0], r[1], r[2]) for r in rows("places.tsv")), key=lambda r: rank.get(r[1], 3))


def add_components(nlp: Language) -> None:
    """Add the lexicon ruler (before NER) and the fixes (after NER) once."""
    if RULER not in nlp.pipe_names:
        nlp.add_pipe("kg_lexicon_ruler_v1", name=RULER, before="ner")
    if FIXES not in nlp.pipe_names:
        nlp.add_pipe("kg_entity_fixes_v1", name=FIXES, after="ner")


@Language.factory("kg_lexicon_ruler_v1")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    """A phrase ruler over the entity lexicons, tokenised with the bare tokenizer (fast to build)."""
    return LexiconRuler(nlp)


class LexiconRuler:
    """Marks exact (case-sensitive) lexicon names as entities before the model's NER sees them."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str]] = {}
        for pat in ruler_patterns():
            key = nlp.vocab.strings.add(f"{pat['label']}\t{pat['id']}")
            self.labels[key] = (pat["label"], pat["id"])
            self.matcher.add(f"{pat['label']}\t{pat['id']}", [nlp.make_doc(pat["pattern"])])

    def __call__(self, doc: Doc) -> Doc:
        """Set the longest lexicon matches as entities (the model fills in around them)."""
        spans = [
            Span(doc, s, e, label=self.labels[k][0], span_id=self.labels[k][1])
            for k, s, e in self.matcher(doc)
        ]
        doc.ents = filter_spans(spans)
        return doc


@Language.component("kg_entity_fixes_v1")
def entity_fixes(doc: Doc) -> Doc:
    """Re-cut and re-check the model's entities where it is known to fail."""
    spans: list[Span] = []
    for ent in doc.ents:
        spans.extend(ent for ent in recut(ent) if keep(ent))
    spans = merge_adjacent_people(extend_people(spans))
    spans = add_communities(doc, spans)
    spans = drop_headline_noise(doc, spans)
    doc.ents = filter_spans(spans)
    return doc


def recut(ent: Span) -> list[Span]:
    """Cut a model entity at brackets, possessives and lower-case words that are not name particles."""
    if ent.ent_id_:
        return [ent]
    particles = lexicons().particles
    pieces, start = [], after_title(ent)
    for tok in ent.doc[start : ent.end]:
        breaks = (
            tok.text in ("(", ")", ",")
            or tok.is_space
            or (tok.is_lower and tok.is_alpha and tok.text not in particles)
        )
        if breaks:
            pieces.append((start, tok.i))
            start = tok.i + 1
    pieces.append((start, ent.end))
    out = []
    for s, e in pieces:
        while e > s and ent.doc[e - 1].text.lower() in particles | {"-", "'s", "\u2019s"}:
            e -= 1
        while s < e and ent.doc[s].text.lower() in lexicons().particles - {"al", "el", "la", "abu"}:
            s += 1
        if e > s and any(t.is_alpha for t in ent.doc[s:e]):
            out.append(Span(ent.doc, s, e, label=ent.label_))
    return out


def after_title(ent: Span) -> int:
    """Where a person's name starts after a title the model took in: 'Jordans King Abdullah'."""
    if ent.label_ != "PERSON":
        return ent.start
    titles = [t.i for t in ent[:-1] if t.lower_ in lexicons().titles and t.is_title]
    return titles[-1] + 1 if titles else ent.start


def keep(ent: Span) -> bool:
    """Whether a span can be a name at all (not a number, a generic word or a verb form)."""
    if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT"):
        return False
    if ent.ent_id_:
        return True
    text = ent.text.lower()
    if text in lexicons().generic or not any(c.isupper() for c in ent.text):
        return False
    return not (len(ent) == 1 and ent[0].tag_ in ("VBG", "VBD", "VBZ", "VBN"))


def extend_people(spans: list[Span]) -> list[Span]:
    """Grow a person's name leftwards over capitalised proper nouns the model left out."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        start = s.start
        if s.label_ == "PERSON":
            while start > 0 and _name_token(s.doc[start - 1]) and start - 1 not in taken:
                start -= 1
        out.append(
            Span(s.doc, start, s.end, label=s.label_, kb_id=s.kb_id_, span_id=s.id_)
            if start != s.start
            else s
        )
    return out


def _name_token(tok) -> bool:
    """A capitalised proper noun that is not a title word or sentence-initial."""
    return (
        tok.pos_ == "PROPN"
        and tok.is_title
        and not tok.is_sent_start
        and tok.lower_ not in lexicons().titles
        and fold(tok.text) not in lexicons().communities
    )


def merge_adjacent_people(spans: list[Span]) -> list[Span]:
    """Join two person spans the model split with nothing between them."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == s.label_ == "PERSON" and prev.end == s.start:
            out[-1] = Span(s.doc, prev.start, s.end, label="PERSON")
        else:
            out.append(s)
    return out


def add_communities(doc: Doc, spans: list[Span]) -> list[Span]:
    """Ethno-religious community words as NORP spans with a Community id (not inside a name)."""
    comm = lexicons().communities
    people = {
        i for s in spans if s.label_ == "PERSON" and len(s) > 1 for i in range(s.start, s.end)
    }
    out = [s for s in spans if not (len(s) == 1 and fold(s.text) in comm and s.start not in people)]
    known = {i for s in spans if s.ent_id_ for i in range(s.start, s.end)}
    for tok in doc:
        label = comm.get(fold(tok.text))
        if label and tok.i not in people | known and tok.text[:1].isupper():
            out = [s for s in out if not (s.start <= tok.i < s.end and len(s) <= 2)]
            out.append(Span(doc, tok.i, tok.i + 1, label="NORP", span_id=f"Community|{label}"))
    return out


def headline_tokens(doc: Doc) -> set[int]:
    """Token indices in headline-like lines (short, no closing punctuation) and repeats of the first."""
    spans: list[tuple[int, int]] = []
    offset = 0
    lines = text_of(doc).split("\n")
    for line in lines:
        if is_headline(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    first = lines[0].strip().rstrip(".")
    if is_headline(lines[0]) and len(first.split()) >= HEADLINE_MIN_WORDS:
        at = text_of(doc).find(first, len(lines[0]))
        while at >= 0:
            spans.append((at, at + len(first)))
            at = text_of(doc).find(first, at + len(first))
    return {t.i for t in doc for s, e in spans if s <= t.idx < e}


def is_headline(line: str) -> bool:
    """A short line in Title Case without closing punctuation."""
    text = line.strip()
    long_words = [w for w in text.split() if len(w) > 3 and w.isalpha()]
    if (
        not text
        or len(text.split()) > HEADLINE_MAX_WORDS
        or text[-1] in '.!?"\u201d'
        or not long_words
    ):
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= HEADLINE_CAPS_SHARE


def drop_headline_noise(doc: Doc, spans: list[Span]) -> list[Span]:
    """In headlines keep only known names and names the body also gives."""
    head = headline_tokens(doc)
    body = {fold(s.text) for s in spans if s.start not in head}
    places = bundled_places()
    return [
        s
        for s in spans
        if s.start not in head
        or s.ent_id_
        or s.id_
        or fold(s.text) in body
        or fold(s.text) in places
    ]
