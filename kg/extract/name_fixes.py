"""More fixes of the model's entity spans (run by ruler.entity_fixes): names it cuts, misses or
mislabels in wire copy from any region.

Each fix takes the doc and the spans so far and returns the new spans; tokens are looked up in
sets and dicts, so each fix is one pass over the doc.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX, IS_TITLE, IS_UPPER, LOWER, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from kg.extract.entity_data import bundled_places, fold, lexicons, place_kind, words

DASHES = ("-", "\u2013", "\u2014")
MAX_DATELINE_WORDS = 3
MIN_ACRONYM_LETTERS = 3
PORTFOLIO_TITLES = frozenset({"minister", "ministers", "secretary"})
LEADING_NOISE = (("According", "to"),)  # 'According to the Institute ...' read into a name
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
ORDINAL_WORDS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
    ]
)
CALENDAR_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
)
TIME_TYPES = ("DATE", "TIME")  # 'Odesa overnight', 'Mahaday': names the model read as times
KNOWN_AS_GROUPS = frozenset(
    {"militia", "group", "gang", "faction", "movement", "coalition", "fighter", "rebel", "force"}
)
MAX_RUN_WORDS = 4  # capitalised words read back from an organisation's or group's word
LOCATED_BEFORE = frozenset({"in", "near", "outside"})
BYLINE_KB = "byline"  # kb_id of a writer's name on a 'By ...' line (kept in headline-like lines)


BODY_WORDS = frozenset({"Commission", "Court", "Bank", "Bar", "Federation", "Church", "Congress",
                        "League", "Authority", "Chamber", "Board", "Conference", "Academy"})
# with the organisation words of name_keywords.tsv: 'X Commission of <country>' is one body

LINE_START = re.compile(r"\n\s*(?=\S)")


@lru_cache(maxsize=32)
def _hashes(words: frozenset[str]) -> np.ndarray:
    """The string hashes of a word set, to find its words in a doc's token array."""
    return np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)


def _where(doc: Doc, attr: int, words: frozenset[str] | None = None) -> list[int]:
    """Indices of tokens whose `attr` is set (or, with `words`, is one of them): one array
    pass instead of a Token object per token."""
    values = doc.to_array(attr)
    hits = np.isin(values, _hashes(words)) if words is not None else values.astype(bool)
    return np.flatnonzero(hits).tolist()


def _line_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that open a line (after the first)."""
    chars = [m.end() for m in LINE_START.finditer(doc.text)]
    if not chars:
        return []
    starts = doc.to_array(IDX).astype(np.int64)
    found = np.searchsorted(starts, np.array(chars, dtype=np.int64))
    return [int(i) for i, c in zip(found, chars) if i < len(doc) and starts[i] == c]


def _free(spans: list[Span], start: int, end: int) -> bool:
    """Whether no span touches tokens start..end."""
    return all(s.end <= start or end <= s.start for s in spans)


def _put(spans: list[Span], new: Span) -> list[Span]:
    """`new` in place of every span it overlaps."""
    return [s for s in spans if s.end <= new.start or new.end <= s.start] + [new]


def add_dash_datelines(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Addis Abeba – At least 15 ...': title-case words opening a line before a spaced dash."""
    for tok in (doc[i] for i in _line_starts(doc)):
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
            spans = _put(spans, Span(doc, tok.i, end, label="GPE"))
    return spans


def join_of_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Democratic Republic' + 'of' + 'Congo': one place where the whole is a known place's name
    (as written, or with 'the' after 'of')."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.end + 1 == s.start and doc[prev.end].lower_ == "of":
            whole = doc[prev.start : s.end].text
            with_the = f"{doc[prev.start : prev.end].text} of the {s.text}"
            known = whole if place_kind(whole) else with_the if place_kind(with_the) else None
            if known:
                out[-1] = Span(doc, prev.start, s.end, label="GPE", span_id=f"Place|{known}")
                continue
        out.append(s)
    return out


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


def is_ordinal(tok) -> bool:
    """'Third', '14th': an ordinal word a unit's name may start with."""
    text = tok.lower_
    return (
        tok.ent_type_ == "ORDINAL"
        or text in ORDINAL_WORDS
        or text[:-2].isdigit()
        and text.endswith(ORDINAL_SUFFIXES)
    )


def extend_ordinal_units(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the Army's Third Division', '14th Rapid Intervention Battalion': the ordinal is the name's."""
    keywords = {w for w, _ in lexicons().keywords}
    out = []
    for s in spans:
        words = set(s.text.split())
        if (
            s.label_ == "ORG"
            and not s.ent_id_
            and s.start > 0
            and is_ordinal(doc[s.start - 1])
            and doc[s.start - 1].text[:1].isalnum()
            and words & keywords
        ):
            s = Span(doc, s.start - 1, s.end, label="ORG", kb_id=s.kb_id_)
        out.append(s)
    return out


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
    sentence is an organisation's (headline and dateline capitals are not: no lower-case line)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    for tok in (doc[i] for i in _where(doc, IS_UPPER) if i not in taken):
        if not _acronym(tok) or tok.is_sent_start:
            continue
        if tok.i > 0 and doc[tok.i - 1].text == "(":
            continue  # '(IGP)', '(AFSPA)': the bracket rules decide what it spells
        line_lower = any(t.is_lower for t in doc[max(0, tok.i - 3) : tok.i + 4])
        if line_lower and not place_kind(tok.text):
            spans = spans + [Span(doc, tok.i, tok.i + 1, label="ORG")]
    return spans


def add_bylines(doc: Doc, spans: list[Span]) -> list[Span]:
    """'By Abdulkareem Mojeed' alone on a line: the writer's name."""
    for tok in (doc[i] for i in _line_starts(doc)):
        if tok.text != "By":
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].is_title and "\n" not in doc[end - 1].whitespace_:
            end += 1
        at_line_end = end == len(doc) or "\n" in doc[end - 1].whitespace_ or "\n" in doc[end].text
        if end - tok.i >= 3 and at_line_end and _free(spans, tok.i + 1, end):
            spans = spans + [Span(doc, tok.i + 1, end, label="PERSON", kb_id=BYLINE_KB)]
    return spans


def join_community_pairs(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Rohingya Muslims': a community word before a religion's is one community's name."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    comm = lexicons().communities
    for s in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == s.start
            and prev.id_.startswith("Community|")
            and s.id_.startswith("Community|")
            and fold(s.text) in comm
        ):
            out[-1] = Span(doc, prev.start, s.end, label="NORP", span_id=prev.id_)
            continue
        out.append(s)
    return out


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
    for tok in (doc[i] for i in _where(doc, IS_TITLE) if i not in taken):
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
            if known and run.text.lower() not in lexicons().generic:
                spans = spans + [Span(doc, tok.i, end, label="GPE")]
                taken.update(range(tok.i, end))
                break
    return spans


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
    for tok in (doc[i] for i in _where(doc, ORTH, cues) if i not in taken):
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
    for tok in (doc[i] for i in _where(doc, LOWER, LOCATED_BEFORE) if i < len(doc) - 2):
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
    """'Clan militias known as Ma'awisley': the name a group noun is 'known as'."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    for tok in (doc[i] for i in _where(doc, LOWER, frozenset({"known"}))):
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
            spans = spans + [Span(doc, start, end, label="ORG")]
    return spans


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


def join_national_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Law Society' + 'of' + 'Kenya', 'Amnesty International' + 'Kenya': a body of one country
    (or a country's chapter of an NGO) is one name, not an organisation and a country."""
    org_words = {w for w, _ in lexicons().keywords} | BODY_WORDS
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and s.id_.startswith("Country|") and (
            _body_of(doc, prev, s, org_words) or _chapter(doc, prev, s)
        ):
            out[-1] = Span(doc, prev.start, s.end, label="ORG")
            continue
        out.append(s)
    return out


def _body_of(doc: Doc, org: Span, country: Span, org_words: set[str]) -> bool:
    """'Law Society of Kenya': a name of the model's ending in an organisation word, 'of', a country."""
    return (org.label_ == "ORG" and not org.id_ and org[-1].text in org_words
            and org.end + 1 == country.start and doc[org.end].lower_ == "of")


def _chapter(doc: Doc, org: Span, country: Span) -> bool:
    """'Amnesty International Kenya': a known NGO's name with a country right after it."""
    return (org.id_.startswith("NGO|") and org.end == country.start
            and not doc[org.end - 1].whitespace_.count("\n"))


PLACE_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "del", "di", "du"})
MAX_WORDS_BEFORE_PARTICLE = 2


def extend_particle_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Mocimboa da Praia' when the model took only 'Praia': a place name whose last part
    follows a lower-case particle takes the capitalised words before it."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        start = s.start
        if s.label_ in ("GPE", "LOC") and start >= 2 and doc[start - 1].text in PLACE_PARTICLES:
            first = start - 1
            while (start - 1 - first < MAX_WORDS_BEFORE_PARTICLE and first > 0
                   and doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN"
                   and first - 1 not in taken):
                first -= 1
            if first < start - 1:
                s = Span(doc, first, s.end, label=s.label_)
        out.append(s)
    return out
