"""Cut and check the model's own spans: where a span runs over a bracket, a possessive, a title or
a lower-case word, and what can be no name at all (a number, a generic word, a verb form)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.entity_data import bundled_places, fold, lexicons, place_kind
from kg.extract.spans import is_ordinal, org_like

HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mallam", "alhaji"})  # 'Mr Abubakar': 'Abubakar'
# lower-case words that join the words of one name ('Office on Drugs and Crime', 'Committee to
# Protect Journalists'); not 'in', 'at', 'near': 'Chatroo in Kishtwar' is two names
GLUE = frozenset({"and", "to", "on", "for", "against", "a", "an", "&"})
MAX_NAME_DIGITS = 3  # 'M23', 'G20' are names; 'SYR78070' is a reference
PORTFOLIO_TITLES = frozenset({"minister", "ministers", "secretary"})
COUNT = re.compile(r"\d+(?:[-/.]\d+)*")  # '84', '140-3', '1/2'
SCORE_DASHES = ("-", "/", "\u2013")  # the tokenizer splits '4-43' in three
LEADING_NOISE = (("According", "to"),)  # 'According to the Institute ...' read into a name


def recut(ent: Span) -> list[Span]:
    """Cut a model entity at brackets, possessives and lower-case words that are not name particles."""
    if ent.ent_id_:
        return [ent]
    doc, titles = ent.doc, lexicons().titles
    if ent.label_ == "PERSON" and ent[-1].lower_ in titles and not titled_surname(ent):
        rest = ent[:-1]
        known = fold(rest.text) in bundled_places()
        return [Span(doc, rest.start, rest.end, label="GPE")] if known else []
    if (
        ent.label_ == "PERSON"
        and ent.end + 1 < len(doc)
        and doc[ent.end].text == "-"
        and doc[ent.end + 1].lower_ in titles
    ):
        return []  # 'Assistant Sub' of 'Assistant Sub-Inspector'
    if ent.label_ == "ORG" and len(ent) > 2 and ent[0].is_title and ent[0].lower_ in titles:
        rest = ent[1:]
        if not org_like(rest) and not place_kind(rest.text):
            return [Span(doc, rest.start, rest.end, label="PERSON")]  # 'Constable Suresh Netam'

    particles = lexicons().particles
    place_words = lexicons().place_after
    pieces, start = [], after_title(ent)
    for tok in ent.doc[start : ent.end]:
        breaks = (
            tok.text in ("(", ")", ",")
            or tok.text in SCORE_DASHES and tok.whitespace_ and doc[tok.i - 1].whitespace_
            or tok.lower_ == "of"
            and tok.i > start
            and doc[tok.i - 1].text in place_words
            and doc[tok.i - 1].is_title  # 'Tirap District of Arunachal Pradesh': two places
            or tok.is_space
            or tok.i > start and tok.text.isdigit() and tok.i + 1 < ent.end  # 'Leeds 2 Chelsea 1'
            or (
                tok.is_lower
                and tok.is_alpha
                and tok.text not in particles
                and not _hyphened(tok)
                and not _glue(tok, ent)
            )
        )
        if breaks:
            pieces.append((start, tok.i))
            start = tok.i + 1
    pieces.append((start, ent.end))
    out = []
    for s, e in pieces:
        while s < e - 1 and doc[s].like_num and not is_ordinal(doc[s]) and doc[s + 1].is_title:
            s += 1  # '9 Rashtriya Rifles': a unit's number
        while e > s and ent.doc[e - 1].text.lower() in particles | {"-", "'s", "\u2019s"}:
            e -= 1
        e = count_start(doc, s, e, ent.label_ == "ORG" and sum(t.text.isdigit() for t in ent) == 1)
        while s < e and ent.doc[s].text.lower() in lexicons().particles - {"al", "el", "la", "abu"}:
            s += 1
        if e > s and any(c.isalpha() for c in ent.doc[s:e].text):  # a letter, not a word: 'U.S.'
            out.append(Span(ent.doc, s, e, label=_label(ent.doc[s:e], ent.label_)))
    return out


def count_start(doc: Doc, s: int, e: int, keep_digit: bool) -> int:
    """Where a count or a score closing the span s..e starts ('Hampshire 232', 'R Blakey 84',
    'Arsenal 2-1', 'Munton 4-43'): no part of the name; but with `keep_digit` (an organisation's
    one number) one digit may end it ('Channel 4', 'Radio 1'). e where there is none."""
    if e - s > 3 and doc[e - 2].text in SCORE_DASHES and _digits(doc[e - 3], doc[e - 1]):
        return e - 3  # '2 - 1', three tokens
    end = e
    while end > s + 1 and COUNT.fullmatch(doc[end - 1].text):
        text = doc[end - 1].text
        if keep_digit and text.isdigit() and len(text) == 1:
            break
        end -= 1
    return end


def _digits(*toks) -> bool:
    """Whether every token is a number written in digits."""
    return all(t.text.isdigit() for t in toks)


def _label(span: Span, label: str) -> str:
    """The model's label, but a code of letters and digits ('M23', 'G7') names no place."""
    coded = any(any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text) for t in span)
    return "ORG" if coded and label in ("GPE", "LOC") else label


def _glue(tok, ent: Span) -> bool:
    """A function word between two capitalised words of one model name ('Office on Drugs and
    Crime', 'Committee to Protect Journalists'); not an 'and' between two known places."""
    doc = tok.doc
    if not (ent.start < tok.i < ent.end - 1 and tok.lower_ in GLUE):
        return False
    if not (doc[tok.i - 1].text[:1].isupper() and doc[tok.i + 1].text[:1].isupper()):
        return False
    if tok.lower_ != "and":
        return True
    left, right = doc[ent.start : tok.i], doc[tok.i + 1 : ent.end]
    return not (place_kind(left.text) and place_kind(right.text))


def _hyphened(tok) -> bool:
    """A lower-case word joined by a hyphen to a name word: 'moon' of 'Ban Ki-moon'."""
    doc = tok.doc
    return (
        tok.i >= 2
        and doc[tok.i - 1].text == "-"
        and not doc[tok.i - 1].whitespace_
        and not doc[tok.i - 2].whitespace_
        and doc[tok.i - 2].is_title
    )


def titled_surname(ent: Span) -> bool:
    """Whether a person's name ending in a title word has it as a surname: 'Peter King' (one
    first name before it: no place, people or title) or 'Mr. King' (an honorific before it),
    not 'Jordanian King' or 'Lakeland Governor'."""
    doc, lex = ent.doc, lexicons()
    if len(ent) == 1:
        return ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS
    first = ent[0]
    return len(ent) == 2 and first.is_title and first.lower_ not in lex.titles \
        and first.text not in lex.demonyms and fold(first.text) not in bundled_places() \
        and not place_kind(first.text)


def after_title(ent: Span) -> int:
    """Where a person's name starts after a title the model took in: 'Jordans King Abdullah'."""
    if ent.label_ != "PERSON":
        return ent.start
    titles = [
        t.i
        for t in ent[:-1]
        if (t.lower_ in lexicons().titles or t.lower_.rstrip(".") in HONORIFICS) and t.is_title
    ]
    start = titles[-1] + 1 if titles else ent.start
    return start + 1 if start < ent.end - 1 and ent.doc[start].text == "." else start


def keep(ent: Span) -> bool:
    """Whether a span can be a name at all (not a number, a generic word or a verb form)."""
    if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT"):
        return False
    if ent.ent_id_:
        return True
    text = ent.text.lower()
    if text in lexicons().generic or not any(c.isupper() for c in ent.text):
        return False
    if (
        len(ent) == 1
        and ent[0].tag_ in ("NNS", "NNPS")
        and ent[0].lemma_.lower() in lexicons().parties
    ):
        return False  # 'Policemen', 'Militants' capitalised: an unnamed party, read by parties.py
    if any(sum(c.isdigit() for c in t.text) > MAX_NAME_DIGITS for t in ent):
        return False  # 'SYR78070', '1996-08-30': a reference or a date, not a name
    if ent.label_ == "PRODUCT" and any(c.isdigit() for c in ent.text):
        return False  # 'AK-47', 'Su-24': a weapon's or a vehicle's model
    return not (len(ent) == 1 and ent[0].tag_ in ("VBG", "VBD", "VBZ", "VBN"))


def drop_portfolios(doc: Doc, spans: list[Span]) -> list[Span]:
    """'National Security Minister', 'Communication Minister': words naming a minister's
    portfolio are no organisation."""
    return [
        s
        for s in spans
        if s.ent_id_
        or s.label_ != "ORG"
        or s.end >= len(doc)
        or doc[s.end].lower_ not in PORTFOLIO_TITLES
        or place_kind(s.text)
    ]


def strip_leading_noise(doc: Doc, spans: list[Span]) -> list[Span]:
    """'According to the Institute for ...' read into a name: the name starts after it."""
    out = []
    for s in spans:
        for noise in LEADING_NOISE:
            n = len(noise)
            if len(s) > n + 1 and tuple(t.text for t in s[:n]) == noise:
                start = s.start + n + (1 if doc[s.start + n].lower_ == "the" else 0)
                s = Span(doc, start, s.end, label=s.label_, kb_id=s.kb_id_, span_id=s.id_)
        out.append(s)
    return out
