"""Quotations that run past their cue's sentence: '"We held the line," he said. "They fled."'
and '"The town is ours. We will hold it," the commander said.' - each sentence of the quote is
a claim of the one who speaks it, its opening quotation mark the cue."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

OPENING = frozenset({'"', "\u201c"})
MARKS = frozenset({'"', "\u201c", "\u201d"})


def quoted_sentence(sent: Span) -> Token | None:
    """The opening quotation mark of a sentence that begins with one, else None."""
    first = next((t for t in sent if not t.is_space), None)
    return first if first is not None and first.text in OPENING else None


def closes(sent: Span) -> bool:
    """Whether the quotation a sentence opens also ends in it (an even count of marks)."""
    return sum(t.text in MARKS for t in sent) % 2 == 0


def continued(doc: Doc, speakers: dict[int, tuple[Token, str]]) -> list[tuple[Token, int, str, Token]]:
    """(opening mark, sentence number, source, cue) for each quoted sentence with no cue of its
    own whose speaker is named by the cue of the sentence before (a quote that goes on) or after
    (a quote that ends there). `speakers`: sentence number -> (cue, source) of its quoting claim."""
    sents = list(doc.sents)
    speakers = dict(speakers)
    out = []
    for n, sent in enumerate(sents):
        mark = quoted_sentence(sent)
        if mark is None or n in speakers:
            continue
        before = speakers.get(n - 1)
        if not closes(sent) and n + 1 in speakers and not quoted_sentence(sents[n + 1]):
            after = speakers[n + 1]  # a quote that ends in the next sentence, at its cue
            out.append((mark, n, after[1], after[0]))
        elif before is not None and any(t.text in MARKS for t in sents[n - 1]):
            out.append((mark, n, before[1], before[0]))
            speakers[n] = before  # the quote may go on in the next sentence too
    return out


def content(sent: Span) -> list[Token]:
    """A quoted sentence's words, without the marks and the final stop."""
    return [t for t in sent if not t.is_punct and not t.is_space]
