"""Headline-like lines, where capitals are no evidence of a name."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.entity_data import bundled_places, fold
from kg.extract.spans import BYLINE_KB
from kg.extract.text import text_of

HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_CAPS_SHARE = 0.6
INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ed", ""), ("d", ""))
MIN_STEM = 4
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBP", "VBZ"})  # not VBN: 'United', 'Armed'


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
    # a sentence-case first line is a headline unless the body goes on from it (a cut lead)
    sentence_case = (
        len(lines) > 1
        and is_first_line_headline(lines[0])
        and not is_headline(lines[0])
        and not (lines[1].strip().startswith(first) and lines[1].strip() != lines[0].strip())
    )
    if sentence_case:
        spans.append((0, len(lines[0])))  # 'Gunmen abduct 20 students in ..., police say'
        for k, line in enumerate(lines[1:], 1):
            if line.strip() == lines[0].strip():  # the headline repeated as a line
                at = sum(len(x) + 1 for x in lines[:k])
                spans.append((at, at + len(line)))
    if is_headline(lines[0]) and len(first.split()) >= HEADLINE_MIN_WORDS:
        at = text_of(doc).find(first, len(lines[0]))
        while at >= 0:
            spans.append((at, at + len(first)))
            at = text_of(doc).find(first, at + len(first))
    return {t.i for t in doc for s, e in spans if s <= t.idx < e}


def is_first_line_headline(line: str) -> bool:
    """A first line in sentence case without closing punctuation: a headline too."""
    text = line.strip()
    return (
        HEADLINE_MIN_WORDS <= len(text.split()) <= HEADLINE_MAX_WORDS
        and text[-1] not in '.!?"\u201d:'
        and text[0] != "("
    )


def is_headline(line: str) -> bool:
    """A short line in Title Case without closing punctuation."""
    text = line.strip()
    long_words = [w for w in text.split() if len(w) > 3 and w.isalpha()]
    if (
        not text
        or text[0] == "("
        and text[-1] == ")"  # '(Reporting by ...; Editing by ...)': a note
        or len(text.split()) > HEADLINE_MAX_WORDS
        or text[-1] in '.!?"\u201d'
        or not long_words
    ):
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= HEADLINE_CAPS_SHARE


def drop_headline_noise(doc: Doc, spans: list[Span]) -> list[Span]:
    """In headline-like lines, where every word may be capitalised, drop a span only where its
    own words show it is no name: a verb ('Regime Shelling Kills', 'Surrendering'), or a last
    word the article writes in lower case elsewhere ('Alawite Families Face Brutal Killings').
    Names in results tables, lists and bylines (no such word) are kept as the model read them."""
    head = headline_tokens(doc)
    if not head:
        return spans
    common = prose_words(doc, head)
    body = {fold(s.text) for s in spans if s.start not in head}
    return [
        s
        for s in spans
        if s.start not in head or fold(s.text) in body or not common_phrase(s, common)
    ]


def prose_words(doc: Doc, head: set[int]) -> frozenset[str]:
    """Words (and their lemmas) the article writes in lower case outside its headline lines."""
    out: set[str] = set()
    for tok in doc:
        if tok.is_lower and tok.is_alpha and tok.i not in head:
            out.update(stems(tok.lower_))
    return frozenset(out)


def stems(word: str) -> set[str]:
    """A word and its forms without an inflection ('killings' -> 'killing', 'surrendered' ->
    'surrender'), so that one form in a headline meets another in the text."""
    out = {word}
    for suffix, repl in INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            out.add(word[: -len(suffix)] + repl)
    return out


def common_phrase(span: Span, common: frozenset[str]) -> bool:
    """Whether a headline span is common words, not a name (lexicon and known names never are)."""
    if span.ent_id_ or span.id_ or span.kb_id_ == BYLINE_KB or fold(span.text) in bundled_places():
        return False
    last = span[-1]
    verb = any(t.tag_ in VERB_TAGS and t.text[:1].isupper() for t in span)
    return verb or bool(stems(last.lower_) & common)
