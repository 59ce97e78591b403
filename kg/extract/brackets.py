"""Names a bracket spells out or glosses: 'Balochistan Liberation Army (BLA)', 'National Guard
(Guardia Nacional)'; a title's acronym ('Director General of Police (DGP)') is no name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.entity_data import lexicons, place_kind
from kg.extract.people import MAX_TITLED_NAME
from kg.extract.spans import name_word, not_a_name, org_like, put, titled

MAX_NAME_TOKENS = 12  # longest run of name words read back from a bracket
MAX_BRACKET_TOKENS = 16
ACRONYM_TEXT = re.compile(r"[A-Z][A-Za-z&]{0,6}(?:-[A-Z][A-Za-z]{0,7})?")
ACRONYM_KB = "acronym"  # kb_id of a span built from a bracketed acronym or translation


def initials(toks, particles: bool = False) -> str:
    """Initials of a token run's capitalised words: 'Inter-Services Public Relations' -> 'ISPR'
    (with `particles`, of its lower-case words too: 'Cartel del Norte' -> 'CDN')."""
    return "".join(
        t.text[0].upper()
        for t in toks
        if t.is_alpha and (t.text[:1].isupper() or particles and t.lower_ in ("de", "del", "e"))
    )


def spells(initials_of_run: str, letters: list[str | None]) -> bool:
    """Whether a run's initials give one of the acronyms, or give it and one more last word
    ('Armed Conflict Location and Event Data Project (ACLED)')."""
    return any(
        acr and (initials_of_run == acr or len(acr) >= 3 and initials_of_run[:-1] == acr)
        for acr in letters
    )


def acronym_letters(text: str) -> str | None:
    """The capital letters of an acronym ('JUI-F' -> 'JUIF', 'JeM' -> 'JM'); None for no acronym."""
    if " " in text or not ACRONYM_TEXT.fullmatch(text.removesuffix("s")):
        return None
    letters = "".join(c for c in text if c.isupper())
    return letters if len(letters) >= 2 and text not in lexicons().generic else None


def name_run(doc: Doc, end: int, floor: int) -> int | None:
    """The first token of the name words ending at `end` (exclusive), not before `floor`."""
    start = end
    while start > floor and end - start < MAX_NAME_TOKENS and name_word(doc[start - 1]):
        prev = doc[start - 1]
        if prev.text in ("'s", "\u2019s") and start >= 2 and place_kind(doc[start - 2].text):
            break  # "Colombia's Ombudsman's Office": the owner is not in the name
        if prev.lower_ == "and" and doc[start].lower_ == "the":
            break  # 'the Nigerian Army and the Multinational Joint Task Force': a list
        start -= 1
    while start < end and not doc[start].text[:1].isupper():
        start += 1
    if start < end and doc[start].lower_ == "the":
        start += 1
    return start if start < end else None


def add_bracket_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names a bracket spells out: 'Balochistan Liberation Army (BLA)' (initials),
    'National Guard (Guardia Nacional)', 'National Liberation Army (Ejercito ... - ELN)'."""
    for tok in doc:
        if tok.text != "(":
            continue
        close = next(
            (t.i for t in doc[tok.i + 1 : tok.i + MAX_BRACKET_TOKENS] if t.text in ")("), None
        )
        if close is None or doc[close].text != ")" or close == tok.i + 1:
            continue
        parts = _bracket_parts(doc, tok.i + 1, close)
        if parts is None:
            continue
        letters = [acronym_letters(doc[s:e].text) for s, e in parts]
        outer_start = name_run(doc, tok.i, max(0, tok.i - MAX_NAME_TOKENS))
        found: list[Span] = []
        if outer_start is not None:
            outer = doc[outer_start : tok.i]
            # the longest run whose initials spell the acronym, else a run with a group word
            for s in range(outer_start, tok.i) if any(letters) else ():
                if doc[s].text[:1].isupper() and spells(initials(doc[s : tok.i]), letters):
                    found.append(doc[s : tok.i])
                    break
            if (
                not found
                and org_like(outer)
                and (any(letters) or not any(place_kind(doc[s:e].text) for s, e in parts))
            ):
                found.append(outer)
        for (s, e), acr in zip(parts, letters):
            words = doc[s:e]
            spelt = {initials(words), initials(words, particles=True)}
            if acr is None and (org_like(words) or found or spelt & set(letters)):
                found.append(words)
        if any(titled(span) for span in found) and any(letters):
            # 'Director General of Police (DGP)': a title's acronym is no entity, nor the title
            title = min(span.start for span in found if titled(span))
            spans = [
                s
                for s in spans
                if not (tok.i < s.start and s.end <= close)
                and (s.ent_id_ or not (title <= s.start and s.end <= tok.i))
            ]
            spans = _person_after_title(doc, close + 1, spans)
            continue
        for span in found:
            if not_a_name(span) or place_kind(span.text) and not org_like(span):
                continue
            if any(s.start <= span.start and span.end <= s.end and s.ent_id_ for s in spans):
                continue  # a lexicon name already covers it
            spans = put(spans, Span(doc, span.start, span.end, label="ORG", kb_id=ACRONYM_KB))
    return spans


def _person_after_title(doc: Doc, start: int, spans: list[Span]) -> list[Span]:
    """'Superintendent of Police (SP) Ramesh Kumar': the name right after a title's acronym."""
    end = start
    while end < len(doc) and end - start < MAX_TITLED_NAME and doc[end].is_title:
        end += 1
    if end - start < 2 or any(s.ent_id_ for s in spans if s.start < end and start < s.end):
        return spans
    if doc[start].lower_ in lexicons().titles or org_like(doc[start:end]):
        return spans
    return put(spans, Span(doc, start, end, label="PERSON"))


def _bracket_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]] | None:
    """A bracket's names split at spaced dashes ('Cartel de Jalisco - CJNG'); None if not all names."""
    parts, s = [], start
    for t in doc[start:end]:
        if t.text in ("-", "\u2013") and t.whitespace_ and t.i > start and doc[t.i - 1].whitespace_:
            parts.append((s, t.i))
            s = t.i + 1
    parts.append((s, end))
    for s, e in parts:
        words = doc[s:e]
        if not words or not words[0].text[:1].isupper() or not all(name_word(t) for t in words):
            return None
    return parts
