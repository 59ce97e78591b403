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


DASHES = frozenset({"\u2015", "\u2014", "\u2013", "--"})  # ―, —, – and a typed double hyphen
CLOSING = frozenset({'"', "\u201d"})
SPEAKER_WORDS = 4  # a transcript's speaker label: "KEMP:", "SEN. ANA KEMP:"


def dashed(doc: Doc) -> list[tuple[Token, list[Token], list[Token]]]:
    """(dash, quoted words, words after the dash) for each quotation signed with a dash:
    '"We stay." -- Ana Ruiz, a nurse', a vox-pop's or an epigraph's attribution. The quote runs
    back to its opening mark, never past a blank line; the signature up to the line's end."""
    out = []
    for tok in doc:
        prev = tok.nbor(-1) if tok.i > 0 else None
        if tok.text not in DASHES or prev is None or prev.text not in CLOSING:
            continue
        start = None
        for t in reversed(doc[max(0, prev.i - 200): prev.i]):
            if "\n\n" in t.text:
                break
            if t.text in OPENING:
                start = t.i
                break
        if start is None or start + 1 == prev.i:
            continue
        after = []
        for t in doc[tok.i + 1: tok.i + 16]:
            if "\n" in t.text or t.text in OPENING:
                break
            after.append(t)
        words = [t for t in doc[start + 1: prev.i] if not t.is_punct and not t.is_space]
        out.append((tok, words, after))
    return out


def labelled(doc: Doc) -> list[tuple[Token, list[Token], list[Token]]]:
    """(colon, speaker's words, words said) for each line of a transcript: 'KEMP: We will
    rebuild.' and 'Mr. Kemp: We will.', a speaker's name (capitalised words, at most four)
    opening a line, then a colon and what they said to the line's end."""
    out = []
    for tok in doc:
        if tok.text != ":" or tok.i == 0:
            continue
        start = tok.i
        while start > 0 and tok.i - start < SPEAKER_WORDS and not _line_start(doc, start):
            start -= 1
        words = doc[start: tok.i]
        if not _line_start(doc, start) or not words or not all(
                t.text[:1].isupper() or t.text == "." for t in words):
            continue
        said = []
        for t in doc[tok.i + 1:]:
            if "\n" in t.text:
                break
            said.append(t)
        said = [t for t in said if not t.is_punct and not t.is_space]
        if said:
            out.append((tok, list(words), said))
    return out


def _line_start(doc: Doc, i: int) -> bool:
    """Whether token i opens a line (the text's first, or after a line break), or follows the
    quotation mark that opens it ('"KEMP: ...': a transcript quoted whole)."""
    if i == 0 or "\n" in doc[i - 1].text or doc[i - 1].text_with_ws.endswith("\n"):
        return True
    return doc[i - 1].text in OPENING and _line_start(doc, i - 1)
