"""Names the model leaves untagged: communities, acronyms, names ending in an organisation's word,
known places, places after 'in', groups 'known as' X, datelines."""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import IS_TITLE, IS_UPPER, LOWER, ORTH
from spacy.tokens import Doc, Span

from kg.extract.entity_data import bundled_places, fold, lexicons, place_kind, words
from kg.extract.lexicon_ruler import shouted_word
from kg.extract.spans import free, line_starts, put, where

DASHES = ("-", "\u2013", "\u2014")
MAX_DATELINE_WORDS = 3
MAX_DATE_TOKENS = 5  # 'March 3, 2026', '2026 - 08 - 30'
DATE_MARKS = ("-", "/", ".", ",")  # '2026-08-30', '30/08/2026'
DATELINE_LOOKAHEAD = 8  # words after 'WORD -' that show prose (a lower-case word) or a headline
MIN_ACRONYM_LETTERS = 3
CALENDAR_WORDS = frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]
)
TIME_TYPES = ("DATE", "TIME")  # 'Odesa overnight', 'Mahaday': names the model read as times
KNOWN_AS_GROUPS = frozenset(
    {"militia", "group", "gang", "faction", "movement", "coalition", "fighter", "rebel", "force"}
)
MAX_RUN_WORDS = 4  # capitalised words read back from an organisation's or group's word
LOCATED_BEFORE = frozenset({"in", "near", "outside"})


def add_communities(doc: Doc, spans: list[Span]) -> list[Span]:
    """Ethno-religious community words as NORP spans with a Community id (not inside a name)."""
    comm = lexicons().communities
    people = {
        i for s in spans if s.label_ == "PERSON" and len(s) > 1 for i in range(s.start, s.end)
    }
    out = [s for s in spans if not (len(s) == 1 and fold(s.text) in comm and s.start not in people)]
    known = {i for s in spans if s.ent_id_ for i in range(s.start, s.end)}
    for tok in doc:
        if not tok.text[:1].isupper():
            continue
        label = comm.get(fold(tok.text))
        if label and tok.i not in people | known:
            out = [s for s in out if not (s.start <= tok.i < s.end and len(s) <= 2)]
            out.append(Span(doc, tok.i, tok.i + 1, label="NORP", span_id=f"Community|{label}"))
    return out


def _acronym(tok) -> bool:
    """An upper-case token of letters (and digits: 'M23') that may name an organisation."""
    text = tok.text
    letters = sum(c.isalpha() for c in text)
    return (
        text.isupper()
        and text.isalnum()
        and letters >= 1
        and len(text) >= MIN_ACRONYM_LETTERS
        and text[0].isalpha()
        and text.lower() not in lexicons().generic
    )


def add_bare_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the U.N. mission MONUSCO', 'M23 rebels': an acronym the model left untagged inside a
    sentence is an organisation's (headline and dateline capitals are not: no lower-case line;
    nor an acronym that is a word, 'WHO', in text written in capitals)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    for tok in (doc[i] for i in where(doc, IS_UPPER) if i not in taken):
        if not _acronym(tok) or tok.is_sent_start or shouted_word(doc[tok.i : tok.i + 1]):
            continue
        if tok.i > 0 and doc[tok.i - 1].text == "(":
            continue  # '(IGP)', '(AFSPA)': the bracket rules decide what it spells
        line_lower = any(t.is_lower for t in doc[max(0, tok.i - 3) : tok.i + 4])
        if line_lower and not place_kind(tok.text):
            spans = spans + [Span(doc, tok.i, tok.i + 1, label="ORG")]
    return spans


def _untyped(tok) -> bool:
    """Whether the model gave a token no entity type, or a time type a proper noun cannot have."""
    return not tok.ent_type_ or (
        tok.ent_type_ in TIME_TYPES and tok.pos_ == "PROPN" and tok.lower_ not in CALENDAR_WORDS
    )


def add_untagged_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """'renewed war in Tigray', 'Kigali denies ...': a proper noun the model left untagged that
    is a known place's name (one or two words, looked up in the bundled list)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    places, skip = bundled_places(), _not_places()
    for tok in (doc[i] for i in where(doc, IS_TITLE) if i not in taken):
        if tok.pos_ != "PROPN" or not _untyped(tok):
            continue  # a date, number or name the model gave another type keeps it
        if tok.i > 0 and (doc[tok.i - 1].like_num or doc[tok.i - 1].text == "-"):
            continue  # '2 Para': a unit's name
        for end in (tok.i + 2, tok.i + 1):
            run = doc[tok.i : end]
            if end > len(doc) or any(t.i in taken or not t.is_title for t in run):
                continue
            hyphened = end < len(doc) and doc[end].text == "-" and not run[-1].whitespace_
            known = fold(run.text) in places and run.text not in skip and not hyphened
            if known and _name_goes_on(doc, end, taken):
                break  # 'Wall Street', 'Bath Road': the name of something else

            if known and run.text.lower() not in lexicons().generic:
                spans = spans + [Span(doc, tok.i, end, label="GPE")]
                taken.update(range(tok.i, end))
                break
    return spans


def _name_goes_on(doc: Doc, end: int, taken: set[int]) -> bool:
    """Whether an untagged proper noun on the same line follows token end-1."""
    nxt = doc[end] if end < len(doc) else None
    return (
        nxt is not None
        and end not in taken
        and nxt.is_title
        and nxt.pos_ == "PROPN"
        and "\n" not in doc[end - 1].whitespace_
    )


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    """Place names too ambiguous to tag on sight: demonyms, personal names, generic words."""
    lex = lexicons()
    return frozenset(words("ambiguous_places.txt")) | frozenset(lex.demonyms)


def _title_run_before(doc: Doc, end: int, taken: set[int]) -> int:
    """The first of the capitalised words (none taken, none opening a sentence) ending at `end`."""
    start = end
    while start > 0 and end - start < MAX_RUN_WORDS and start - 1 not in taken:
        prev = doc[start - 1]
        joined = prev.lower_ == "and" and start >= 2 and doc[start - 2].is_title
        if not (prev.is_title and prev.is_alpha or joined) or joined and start == end:
            break
        start -= 1
        if prev.is_sent_start:
            break
    while start < end and (doc[start].is_stop or doc[start].lower_ == "and"):
        start += 1  # 'The', 'A' opening a sentence: no part of the name
    return start


def add_keyword_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the Zamfara State Police Command', 'the Viv Ansanm gang': capitalised words the model
    left untagged that end in an organisation's word, or stand before a group noun."""
    lex = lexicons()
    keywords = {w for w, _ in lex.keywords}
    plain = lex.generic | lex.titles
    taken = {i for s in spans for i in range(s.start, s.end)}
    cues = frozenset(keywords) | frozenset(lex.group_nouns)
    for tok in (doc[i] for i in where(doc, ORTH, cues) if i not in taken):
        if tok.ent_type_:
            continue
        if tok.is_title and tok.text in keywords:
            end = tok.i + 1
            while end < len(doc) and doc[end].is_title and doc[end].text in keywords:
                end += 1  # 'Police Command'
        elif tok.text in lex.group_nouns:
            end = tok.i
        else:
            continue
        start = _title_run_before(doc, tok.i, taken)
        if start > 1 and doc[start - 1].lower_ == "and" and doc[start - 2].is_title:
            continue  # 'Jammu and Kashmir Police' cut at a tagged 'Jammu': leave it to the model
        run = doc[start:end]
        named = [t for t in run if t.text not in keywords and t.lower_ not in plain]
        if named and run[0].lower_ not in lex.titles and not place_kind(run.text):
            spans = spans + [Span(doc, start, end, label="ORG")]
            taken.update(range(start, end))
    return spans


def add_located_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the base in Mahaday, about 140 km north': capitalised words the model left untagged
    right after 'in', 'near', 'outside' and before a comma, full stop or 'and': a place."""
    lex = lexicons()
    taken = {i for s in spans for i in range(s.start, s.end)}
    for tok in (doc[i] for i in where(doc, LOWER, LOCATED_BEFORE) if i < len(doc) - 2):
        start = end = tok.i + 1
        while (
            end < len(doc)
            and end - start < MAX_RUN_WORDS
            and doc[end].is_title
            and doc[end].pos_ == "PROPN"
            and end not in taken
            and _untyped(doc[end])
        ):
            end += 1
        after = doc[end].text if end < len(doc) else "."
        run = doc[start:end]
        if (
            run
            and after in (",", ".", ";", "and")
            and run.text.lower() not in lex.generic
            and run.text not in lex.demonyms
            and fold(run.text) not in lex.communities
        ):
            spans = spans + [Span(doc, start, end, label="GPE")]
            taken.update(range(start, end))
    return spans


def add_known_as_groups(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Clan militias known as Ma'awisley': the name a group noun is 'known as' (over the model's
    guess of a person's or a place's name; not over a lexicon name)."""
    taken = {i for s in spans if s.ent_id_ for i in range(s.start, s.end)}
    for tok in (doc[i] for i in where(doc, LOWER, frozenset({"known"}))):
        start = tok.i + 2
        if start >= len(doc) or doc[tok.i + 1].lower_ != "as" or tok.i == 0:
            continue
        noun = doc[tok.i - 1] if doc[tok.i - 1].text != "," else doc[tok.i - 2]
        if noun.lemma_.lower() not in KNOWN_AS_GROUPS:
            continue
        end = start
        while end < len(doc) and end - start < MAX_RUN_WORDS and doc[end].text[:1].isupper():
            end += 1
        if end > start and not taken.intersection(range(start, end)):
            spans = put(spans, Span(doc, start, end, label="ORG"))
    return spans


def add_datelines(doc: Doc, spans: list[Span]) -> list[Span]:
    """'KHARTOUM, June 3 (Reuters) -', 'LONDON 2026-08-30': a word in capitals opening a line
    before a comma, a bracket, a dash or a date ending the line is a place."""
    for tok in doc:
        if not (tok.is_upper and tok.is_alpha and len(tok) > 2):
            continue
        if tok.i > 0 and "\n" not in doc[tok.i - 1].text and "\n" not in doc[tok.i - 1].whitespace_:
            continue  # not at a line's start
        end = tok.i + 1
        while end < len(doc) and (
            doc[end].is_upper and doc[end].is_alpha
            or doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and end + 1 < len(doc)
            and doc[end + 1].is_upper
        ):
            end += 1  # 'PORT-AU-PRINCE', 'ADDIS ABABA'
        if doc[tok.i : end].text.lower() in lexicons().generic:
            continue  # 'RUGBY - ...', 'AGENCY -': a common word in capitals, no place
        country = (
            end < len(doc)
            and doc[end].is_title
            and doc[end].ent_type_ != "DATE"
            and place_kind(doc[end].text)
        )
        after = end + 1 if country else end
        lexical = any(s.ent_id_ and s.start < after and tok.i < s.end for s in spans)
        if after < len(doc) and doc[after].text == "-" and not _dateline_dash(doc, tok.i, after):
            continue  # 'SOCCER - ENGLISH LEAGUE STANDINGS': a section label before a headline
        marked = after < len(doc) and (doc[after].text in (",", "(", "-") or _dated(doc, after))
        if marked and not lexical:
            spans = put(spans, Span(doc, tok.i, end, label="GPE"))  # 'AMMAN Jordan (Reuters)'
            if country and free(spans, end, after):
                spans = spans + [Span(doc, end, after, label="GPE")]
    return spans


def _dated(doc: Doc, start: int) -> bool:
    """Whether the line goes on from `start` with a date alone ('1996-08-30', 'March 3')."""
    end = start
    while end < len(doc) and "\n" not in doc[end].text and end - start <= MAX_DATE_TOKENS:
        end += 1
    date = doc[start:end]
    return (
        bool(date)
        and end - start <= MAX_DATE_TOKENS
        and any(c.isdigit() for c in date.text)
        and any(t.ent_type_ == "DATE" for t in date)  # not a table row: 'BALTIMORE 70 63 .526'
        and all(t.ent_type_ == "DATE" or t.like_num or t.text in DATE_MARKS for t in date)
    )


def _dateline_dash(doc: Doc, start: int, dash: int) -> bool:
    """Whether 'WORD -' opens a line of prose ('DUBAI - Iran said ...'), not a headline in
    capitals; a known place's name always may."""
    if place_kind(doc[start:dash].text):
        return True
    for tok in doc[dash + 1 : dash + 1 + DATELINE_LOOKAHEAD]:
        if "\n" in tok.text:
            return False
        if tok.is_lower and tok.is_alpha:
            return True
    return False


def add_dash_datelines(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Addis Abeba – At least 15 ...': title-case words opening a line before a spaced dash."""
    for tok in (doc[i] for i in line_starts(doc)):
        if not (tok.is_title and tok.is_alpha) or tok.i == 0:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i < MAX_DATELINE_WORDS and doc[end].is_title:
            end += 1
        dash = doc[end] if end < len(doc) else None
        if dash is None or dash.text not in DASHES or not doc[end - 1].whitespace_:
            continue
        known = [s for s in spans if s.start < end and tok.i < s.end]
        if all(not s.ent_id_ and s.label_ in ("PERSON", "GPE", "LOC") for s in known):
            spans = put(spans, Span(doc, tok.i, end, label="GPE"))
    return spans
