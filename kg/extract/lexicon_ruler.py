"""The lexicon ruler: exact (case-sensitive) names from kg's lexicons and the bundled places,
merged with the model's entities after its NER: a lexicon name gives its class and canonical
name, but a longer name the model read around it stands ('United Nations Office on Drugs and
Crime', 'Kenya Police Service', 'Mexico City').

Known-name spans carry `ent_id_` = "<Class>|<canonical name>" so later steps need not guess.

An acronym that is also an English word ('WHO', 'IS') is matched on its norm, which
`acronym_words` sets to the acronym only in text not written in capitals: 'WHO said' is the
World Health Organization, 'Who said' and the headline 'THIS IS A HEADLINE' name nothing.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.entity_data import (
    known_place,
    lexicons,
    place_class,
    rows,
    ruler_names,
    words,
)
from kg.extract.headlines import headline_tokens
from kg.extract.spans import where
from kg.extract.text import text_of

POSSESSIVE_KINDS = ("country", "admin1")  # 'Syrias Idlib', 'Idlibs countryside': s-forms looked for
# the model's labels for names (the others are times, numbers, events, laws, languages)
POSSESSIVES = ("'s", "\u2019s")
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT"})
CAPS_SHARE = 0.7  # of a line's letters in capitals: text written in capitals (a headline)
MIN_LETTERS = 6  # fewer letters around a word say nothing of how the text is written


@lru_cache(maxsize=1)
def acronym_words() -> frozenset[str]:
    """Lexicon names that are one-word acronyms and English stop words: 'WHO', 'IS'."""
    return frozenset(surface for surface, _, _ in ruler_names()
                     if surface.isupper() and surface.lower() in STOP_WORDS)


@Language.component("kg_acronym_words_v1")
def mark_acronym_words(doc: Doc) -> Doc:
    """The norm of an acronym that is an English word is the acronym, where the text around it
    is not written in capitals (there 'IS' is a word), so the model and the lexicon ruler read
    it as a name."""
    for i in where(doc, ORTH, acronym_words()):
        if not (in_capitals(doc[i]) or compound_end(doc, i)):
            doc[i].norm_ = doc[i].text
    return doc


def compound_end(doc: Doc, i: int) -> bool:
    """Whether token i ends a hyphened name in capitals ('TURK-IS'; not 'anti-IS')."""
    return (i > 1 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_ and doc[i - 2].text.isupper())


def shouted_word(span: Span) -> bool:
    """Whether a span is one acronym that is a word, in text written in capitals (left
    unmarked): 'IS' in 'THIS IS A HEADLINE' is no name."""
    return len(span) == 1 and span[0].text in acronym_words() and span[0].norm_ != span[0].text


def in_capitals(tok: Token) -> bool:
    """Whether the other letters of a token's line are (nearly) all capitals, or too few to
    tell (read from the text: the parse is not made yet)."""
    text = text_of(tok.doc)
    start, end = text.rfind("\n", 0, tok.idx) + 1, text.find("\n", tok.idx)
    line = text[start:tok.idx] + text[tok.idx + len(tok):end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) < MIN_LETTERS or sum(c.isupper() for c in letters) >= CAPS_SHARE * len(
        letters)


@lru_cache(maxsize=1)
def ruler_patterns() -> list[dict]:
    """EntityRuler patterns: lexicon organisations and outlets, countries, apostrophe-less forms."""
    pats = [
        {"label": "ORG", "pattern": surface, "id": f"{cls}|{name}",
         "word": surface in acronym_words()}
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
        if kind in POSSESSIVE_KINDS and not name.endswith("s") and name + "s" not in known:
            pats.append({"label": "GPE", "pattern": name + "s", "id": ident, "possessive": True})
    return pats


def places_rows() -> list[tuple[str, str, str]]:
    """Bundled places as (name, kind, country), countries first."""
    rank = {"country": 0, "admin1": 1, "city": 2}
    return sorted(((r[0], r[1], r[2]) for r in rows("places.tsv")), key=lambda r: rank.get(r[1], 3))


class LexiconRuler:
    """Marks exact (case-sensitive) lexicon names as entities, merged with the model's own."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.words = Matcher(nlp.vocab)  # acronyms that are words, on the norm marked for them
        self.possessive: set[int] = set()
        for pat in ruler_patterns():
            key = f"{pat['label']}\t{pat['id']}" + ("\ts" if pat.get("possessive") else "")
            if pat.get("word"):
                self.words.add(key, [[{"NORM": pat["pattern"]}]])
            else:
                self.matcher.add(key, [nlp.make_doc(pat["pattern"])])
            if pat.get("possessive"):
                self.possessive.add(nlp.vocab.strings[key])

    def __call__(self, doc: Doc) -> Doc:
        """The longest lexicon matches, merged with the model's entities (see `merge`; less an
        acronym that is a word in text written in capitals)."""
        spans, possessive = [], set()
        for key, s, e in [*self.matcher(doc), *self.words(doc)]:
            label, ident = doc.vocab.strings[key].split("\t")[:2]
            spans.append(Span(doc, s, e, label=label, span_id=ident))
            if key in self.possessive:
                possessive.add((s, e))
        model = [m for m in doc.ents if not shouted_word(m)]
        doc.ents = merge(model, filter_spans(spans), possessive)
        return doc


def merge(
    model: list[Span], lexicon: list[Span], possessive: set[tuple[int, int]] = frozenset()
) -> list[Span]:
    """The model's entities with the lexicon's: where they overlap the lexicon's span wins,
    unless the model read a longer name of name words around it (`longer_name`, not in a
    headline, where capitals say nothing); then the model's span stands and the lexicon's is
    left out; in a headline only where the whole is a known place ('Port Sudan'). Non-overlapping
    spans of both stay."""
    out: list[Span] = []
    used: set[tuple[int, int]] = set()
    head = headline_tokens(model[0].doc) if model and lexicon else set()
    for m in model:
        over = [x for x in lexicon if x.start < m.end and m.start < x.end]
        if not over:
            out.append(m)
        elif (m.start not in head or _known_whole(m)) and all(
            longer_name(m, x, (x.start, x.end) in possessive) for x in over
        ):
            out.append(_named_place(m))
            used.update((x.start, x.end) for x in over)
        else:
            out += _outside(m, over)
    return out + [x for x in lexicon if (x.start, x.end) not in used]


def _known_whole(m: Span) -> bool:
    """Whether a model's place span (its possessive aside) is a known place's whole name."""
    if len(m) > 1 and m[-1].text in POSSESSIVES:
        m = m[:-1]
    return m.label_ in ("GPE", "LOC") and known_place(m.text) is not None


def _named_place(m: Span) -> Span:
    """A longer place name the model read, with the known place's name as its id."""
    if len(m) > 1 and m[-1].text in POSSESSIVES:
        m = Span(m.doc, m.start, m.end - 1, label=m.label_)
    known = known_place(m.text) if m.label_ in ("GPE", "LOC") else None
    return Span(m.doc, m.start, m.end, label=m.label_, span_id=f"Place|{known}") if known else m


def longer_name(m: Span, lex: Span, possessive: bool = False) -> bool:
    """Whether a model span is a longer name around a lexicon match: it holds the match, is a
    name label, and its other words are name words ('Kenya Police Service', 'Mexico City'),
    not a possessive ('Syrias Idlib'), an acronym's context ('Monitor AFP') or a leading 'the'."""
    if not (m.start <= lex.start and lex.end <= m.end) or m.label_ not in NAME_LABELS:
        return False
    if possessive or len(lex) == 1 and lex.text.isupper():
        return False
    rest = [t for t in m if not lex.start <= t.i < lex.end]
    if rest and rest[0].i == m.start and rest[0].lower_ == "the":
        rest = rest[1:]
    if len(rest) > 1 and rest[-1].i == m.end - 1 and rest[-1].text in POSSESSIVES:
        rest = rest[:-1]  # "Port Sudan's airport": the model's span takes the possessive in
    if any(t.lower_ == "and" and t.i == lex.end for t in rest):
        return False  # 'TRT World and Agencies': two names
    return bool(rest) and all(_name_word(t) for t in rest)


def _name_word(tok) -> bool:
    """A word that continues a name: capitalised, a particle or glue word, a joining hyphen."""
    if tok.text[:1].isupper() and any(c.isalpha() for c in tok.text):
        return True
    if tok.text == "-":
        return not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return tok.lower_ in lexicons().particles or tok.lower_ in ("on", "to", "and", "&")


def _outside(m: Span, over: list[Span]) -> list[Span]:
    """The pieces of a model span outside the lexicon spans it overlaps (with its label)."""
    taken = {i for x in over for i in range(x.start, x.end)}
    pieces, start = [], None
    for i in range(m.start, m.end + 1):
        if i < m.end and i not in taken:
            start = i if start is None else start
        elif start is not None:
            pieces.append(Span(m.doc, start, i, label=m.label_))
            start = None
    return [p for p in pieces if any(c.isupper() for c in p.text)]
