"""People's names the model cuts short, splits or misses: after titles, cues and bylines, with
nicknames, middle words that look like titles or countries."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.extract.entity_data import bundled_places, fold, lexicons, place_kind
from kg.extract.recut import HONORIFICS
from kg.extract.spans import BYLINE_KB, QUOTES, free, line_starts, org_like, put

MAX_TITLED_NAME = 4  # name words after a title ('Lieutenant Governor Manoj Sinha')


def extend_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Grow a person's name leftwards over capitalised proper nouns the model left out."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        start = s.start
        end = s.end
        if s.label_ == "PERSON":
            while start > 0 and _name_token(s.doc[start - 1]) and start - 1 not in taken:
                start -= 1
            while end < len(s.doc) and _name_token(s.doc[end]) and end not in taken:
                end += 1
        out.append(
            Span(s.doc, start, end, label=s.label_, kb_id=s.kb_id_, span_id=s.id_)
            if (start, end) != (s.start, s.end)
            else s
        )
    return out


def _name_token(tok) -> bool:
    """A capitalised proper noun (or initials: 'GP Singh') not a title word or sentence-initial."""
    return (
        tok.pos_ == "PROPN"
        and (tok.is_title or tok.is_upper and tok.is_alpha and len(tok) <= 2)
        and not tok.is_sent_start
        and tok.lower_ not in lexicons().titles
        and tok.lower_.rstrip(".") not in HONORIFICS
        and fold(tok.text) not in lexicons().communities
    )


def merge_adjacent_people(doc: Doc, spans: list[Span]) -> list[Span]:
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


def add_nicknamed_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Joaquin "El Chapo" Guzman': a person's name with a quoted nickname inside is one name."""
    for tok in doc:
        if tok.text not in QUOTES or tok.i == 0 or not doc[tok.i - 1].text[:1].isupper():
            continue
        close = next((t.i for t in doc[tok.i + 1 : tok.i + 5] if t.text in QUOTES), None)
        if close is None or close == tok.i + 1 or close + 1 >= len(doc):
            continue
        nick = doc[tok.i + 1 : close]
        if not all(t.text[:1].isupper() or t.lower_ in lexicons().particles for t in nick):
            continue
        start, end = tok.i, close + 1
        while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
            start -= 1
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if start < tok.i and end > close + 1:
            spans = put(spans, Span(doc, start, end, label="PERSON"))
    return spans


def _title_word(tok) -> bool:
    return tok.lower_ in lexicons().titles or tok.text == "-" or tok.lower_ in ("sub", "deputy")


def add_titled_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Lieutenant Governor Manoj Sinha': capitalised name words right after a capitalised title."""
    titles = lexicons().titles
    for tok in doc:
        if not (tok.is_title and tok.lower_ in titles) or tok.i + 1 >= len(doc):
            continue
        if tok.i > 0 and doc[tok.i - 1].text == "(":
            continue  # '(General Shutdown)': a bracketed gloss, not a title
        if tok.i + 1 < len(doc) and _title_word(doc[tok.i + 1]):
            continue  # the title goes on: start from its last word
        end = tok.i + 1
        while (
            end < len(doc)
            and end - tok.i <= MAX_TITLED_NAME
            and doc[end].is_title
            and doc[end].pos_ == "PROPN"
            and doc[end].lower_ not in lexicons().titles
        ):
            end += 1
        spans = _place_before_title(doc, tok.i, spans)
        run = doc[tok.i + 1 : end]
        if end < len(doc) and doc[end].text == ")":
            continue
        if (
            run
            and free(spans, run.start, run.end)
            and not place_kind(run.text)
            and not org_like(run)
            and run.text.lower() not in lexicons().generic
        ):
            spans = spans + [Span(doc, run.start, run.end, label="PERSON")]
    return spans


def _place_before_title(doc: Doc, title: int, spans: list[Span]) -> list[Span]:
    """'Chhattisgarh Chief Minister': a known place right before a title is a place."""
    i = title
    while i > 0 and doc[i - 1].is_title and doc[i - 1].lower_ in lexicons().titles:
        i -= 1
    start = i
    while (
        start > 0 and i - start < 3 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN"
    ):
        start -= 1
    while start < i and not (
        free(spans, start, i) and fold(doc[start:i].text) in bundled_places()
    ):
        start += 1
    if start < i:
        spans = spans + [Span(doc, start, i, label="GPE")]
    return spans


@lru_cache(maxsize=1)
def _person_cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The person cues as word tuples, by their first word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for cue in lexicons().person_cues:
        words = tuple(cue.split())
        by_first.setdefault(words[0], []).append(words)
    return {first: tuple(cues) for first, cues in by_first.items()}


def add_cued_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names after a person cue the model missed: 'Editing by Aidan Lewis', 'identified as X and Y'."""
    cues = _person_cues()
    lowers = [t.lower_ for t in doc]
    for tok in doc:
        for cue in cues.get(lowers[tok.i], ()):
            n = len(cue)
            if tuple(lowers[tok.i : tok.i + n]) != cue:
                continue
            i = tok.i + n
            while i < len(doc):
                while i < len(doc) and _title_word(doc[i]) and doc[i].text != "-":
                    i += 1
                end = i
                while end < len(doc) and end - i < MAX_TITLED_NAME and doc[end].is_title:
                    end += 1
                if end == i or end < len(doc) and doc[end].text == "-":
                    break
                if free(spans, i, end) and not place_kind(doc[i:end].text):
                    spans = spans + [Span(doc, i, end, label="PERSON")]
                if end < len(doc) - 1 and doc[end].text in (",", "and") and doc[end + 1].is_title:
                    i = end + 1
                else:
                    break
    return spans


def add_bylines(doc: Doc, spans: list[Span]) -> list[Span]:
    """'By Abdulkareem Mojeed' alone on a line: the writer's name."""
    for tok in (doc[i] for i in line_starts(doc)):
        if tok.text != "By":
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].is_title and "\n" not in doc[end - 1].whitespace_:
            end += 1
        at_line_end = end == len(doc) or "\n" in doc[end - 1].whitespace_ or "\n" in doc[end].text
        if end - tok.i >= 3 and at_line_end and free(spans, tok.i + 1, end):
            spans = spans + [Span(doc, tok.i + 1, end, label="PERSON", kb_id=BYLINE_KB)]
    return spans


def join_titled_middle_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Hassan Sheikh Mohamud', 'Alix Didier Fils-Aimé': a person's name the model cut at a
    title-like middle word or before a hyphenated last name."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    titles = lexicons().titles
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and not s.ent_id_:
            gap = doc[prev.end : s.start]
            middle_title = (
                s.label_ == "PERSON"
                and len(gap) == 1
                and gap[0].is_title
                and gap[0].lower_ in titles
            )
            hyphened = not gap and "-" in s.text and " " not in s.text and s.text[:1].isupper()
            if middle_title or hyphened:
                out[-1] = Span(doc, prev.start, s.end, label="PERSON")
                continue
        out.append(s)
    return out


def join_titled_country_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Defense Minister Israel Katz': a country's name between a title and a surname is a
    person's first name."""
    titles = lexicons().titles
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for k, s in enumerate(spans):
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        if (
            s.id_.startswith("Country|")
            and len(s) == 1
            and s.start > 0
            and doc[s.start - 1].lower_ in titles
            and doc[s.start - 1].is_title
            and nxt is not None
            and nxt.start == s.end
            and nxt.label_ == "PERSON"
        ):
            spans[k + 1] = Span(doc, s.start, nxt.end, label="PERSON")
            continue
        out.append(s)
    return out
