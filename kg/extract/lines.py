"""Sentence bounds the layout makes certain: each line starts a sentence, a headline is one.

The parser splits sentences from punctuation; news text puts a headline or a dateline on a
line of its own without a full stop, and the parser then runs it into the next sentence
(or, alone, cuts it into fragments). Set before the parser, these bounds are kept by it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "kg_line_breaks"
HEADLINE_MAX_TOKENS = 30
ENDS = frozenset(".!?:;\"'”’)")


@Language.component(NAME)
def line_breaks(doc: Doc) -> Doc:
    """A sentence starts at each line; a short line without a full stop is one sentence."""
    for start, end in lines(doc):
        doc[start].is_sent_start = True
        if end - start > 2 and doc[start].is_alpha:
            doc[start + 1].is_sent_start = False  # no one-word sentence at a line's start
        words = [t for t in doc[start:end] if not t.is_space]
        if words and len(words) <= HEADLINE_MAX_TOKENS and words[-1].text[-1] not in ENDS:
            for t in doc[start + 1:end]:
                t.is_sent_start = False
    return doc


def lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the text's non-empty lines."""
    out, start = [], 0
    for t in doc:
        if "\n" in t.text or "\n" in t.whitespace_:
            end = t.i if t.is_space else t.i + 1
            if end > start:
                out.append((start, end))
            start = t.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return [(s, e) for s, e in out if any(not t.is_space for t in doc[s:e])]


def add(nlp: Language) -> None:
    """Add the component before the parser, once."""
    if NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
