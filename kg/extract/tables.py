"""Names in the rows of a table ('Perth 5 4 1 0 13', 'Leeds 2 Chelsea 1', 'KANSAS CITY 61 74
.452'): a line of names each followed by figures, which the model, reading no sentence, leaves
untagged. A known place is a place (a side in a sports report, sides.py); any other one-word or
club name is a side in a sports report, and is left alone elsewhere."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract import sides
from kg.extract.entity_data import lexicons, place_kind
from kg.extract.spans import free, line_starts, put

FIGURE = re.compile(r"[-+]?\d*[.:/]?\d+(?:[-/.:]\d+)*|-")  # '13', '.452', '5-2', '1/2', '-'
MAX_NAME_WORDS = 4


def line_end(doc: Doc, start: int) -> int:
    """The index past the last token of the line that `start` opens."""
    end = start
    while end < len(doc) and "\n" not in doc[end].text and "\n" not in doc[end].whitespace_:
        end += 1
    return end + 1 if end < len(doc) and "\n" in doc[end].whitespace_ else end


def row_names(doc: Doc, start: int) -> list[tuple[int, int]]:
    """The names of a table row opening at token `start`: runs of capitalised words each
    followed by figures, and nothing else on the line (two figures at least); [] for no row."""
    names, i, end, figures = [], start, line_end(doc, start), 0
    while i < end:
        j = i
        while j < end and j - i < MAX_NAME_WORDS and _name_word(doc[j]):
            j += 1
        k = j
        while k < end and FIGURE.fullmatch(doc[k].text):
            k += 1
        if j == i or k == j:
            return []
        names.append((i, j))
        figures, i = figures + k - j, k
    return names if figures >= 2 else []


def _name_word(tok) -> bool:
    """A word a name in a table may have: capitalised letters, or 'St.'-like abbreviations."""
    return tok.is_alpha and (tok.is_title or tok.is_upper) or tok.text in (".", "'s")


def label(span: Span) -> str | None:
    """GPE for a known place; ORG for another name in a sports report; None (no name) else."""
    if span.text.lower() in lexicons().generic:
        return None
    if place_kind(span.text):
        return "GPE"
    sport = sides.sports_report(span.doc)
    return "ORG" if sport and (len(span) == 1 or sides.club_name(span)) else None


def add_table_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Tag the names of every table row that no span touches yet."""
    for start in [0, *line_starts(doc)]:
        for s, e in row_names(doc, start):
            name = Span(doc, s, e)
            lab = label(name)
            if lab and free(spans, s, e):
                spans = put(spans, Span(doc, s, e, label=lab))
    return spans
