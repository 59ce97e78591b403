"""spaCy components for entities: a lexicon ruler before the model's NER, and fixes after it.

Known-name spans carry `ent_id_` = "<Class>|<canonical name>" so later steps need not guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import name_fixes as fixes
from kg.extract.entity_data import (
    bundled_places,
    fold,
    lexicons,
    place_class,
    place_kind,
    rows,
    ruler_names,
    words,
)
from kg.extract.text import text_of

RULER = "kg_entity_ruler"
FIXES = "kg_entity_fixes"
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_CAPS_SHARE = 0.6
MAX_NAME_TOKENS = 12  # longest run of name words read back from a bracket
MAX_BRACKET_TOKENS = 16
MAX_TITLED_NAME = 4  # name words after a title ('Lieutenant Governor Manoj Sinha')
QUOTES = ('"', "\u201c", "\u201d")
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mallam", "alhaji"})  # 'Mr Abubakar': 'Abubakar'
ACRONYM_TEXT = re.compile(r"[A-Z][A-Za-z&]{0,6}(?:-[A-Z][A-Za-z]{0,7})?")
ACRONYM_KB = "acronym"
# lower-case words inside a long organisation name: 'Association for a More Just Society',
# 'Asociacion para una Sociedad mas Justa', 'Group to Support Islam and Muslims'
NAME_GLUE = frozenset(
    {"and", "to", "a", "e", "in", "para", "una", "más", "en", "-", "'s", "\u2019s"}
)  # kb_id of a span built from a bracketed acronym or translation


@lru_cache(maxsize=1)
def ruler_patterns() -> list[dict]:
    """EntityRuler patterns: lexicon organisations and outlets, countries, apostrophe-less forms."""
    pats = [
        {"label": "ORG", "pattern": surface, "id": f"{cls}|{name}"}
        for surface, name, cls in ruler_names()
        if not surface.islower()
    ]
    skip = words("ambiguous_places.txt") | set(lexicons().demonyms)
    table = places_rows()
    known = {r[0] for r in table} | {surface for surface, _, _ in ruler_names()}
    seen: set[str] = set()
    for name, kind, _cc in table:
        if name in seen or name in skip or " " in name and kind != "country":
            continue
        seen.add(name)
        ident = f"{place_class(kind)}|{name}"
        if kind == "country":
            pats.append({"label": "GPE", "pattern": name, "id": ident})
        if not name.endswith("s") and name + "s" not in known:
            pats.append({"label": "GPE", "pattern": name + "s", "id": ident})
    return pats


def places_rows() -> list[tuple[str, str, str]]:
    """Bundled places as (name, kind, country), countries first."""
    rank = {"country": 0, "admin1": 1, "city": 2}
    return sorted(((r[0], r[1], r[2]) for r in rows("places.tsv")), key=lambda r: rank.get(r[1], 3))


def add_components(nlp: Language) -> None:
    """Add the lexicon ruler (before NER) and the fixes (after NER) once."""
    if RULER not in nlp.pipe_names:
        nlp.add_pipe("kg_lexicon_ruler_v1", name=RULER, before="ner")
    if FIXES not in nlp.pipe_names:
        nlp.add_pipe("kg_entity_fixes_v1", name=FIXES, after="ner")


@Language.factory("kg_lexicon_ruler_v1")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    """A phrase ruler over the entity lexicons, tokenised with the bare tokenizer (fast to build)."""
    return LexiconRuler(nlp)


class LexiconRuler:
    """Marks exact (case-sensitive) lexicon names as entities before the model's NER sees them."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str]] = {}
        for pat in ruler_patterns():
            key = nlp.vocab.strings.add(f"{pat['label']}\t{pat['id']}")
            self.labels[key] = (pat["label"], pat["id"])
            self.matcher.add(f"{pat['label']}\t{pat['id']}", [nlp.make_doc(pat["pattern"])])

    def __call__(self, doc: Doc) -> Doc:
        """Set the longest lexicon matches as entities (the model fills in around them)."""
        spans = [
            Span(doc, s, e, label=self.labels[k][0], span_id=self.labels[k][1])
            for k, s, e in self.matcher(doc)
        ]
        doc.ents = filter_spans(spans)
        return doc


@Language.component("kg_entity_fixes_v1")
def entity_fixes(doc: Doc) -> Doc:
    """Re-cut and re-check the model's entities where it is known to fail."""
    spans: list[Span] = []
    for ent in doc.ents:
        spans.extend(ent for ent in recut(unstretched(ent)) if keep(ent))
    spans = fixes.drop_portfolios(doc, fixes.strip_leading_noise(doc, spans))
    spans = merge_adjacent_people(extend_people(extend_articles(spans)))
    spans = fixes.extend_ordinal_units(doc, spans)
    spans = add_bracket_names(doc, spans)
    spans = add_nicknamed_people(doc, spans)
    spans = add_cued_people(doc, spans)
    spans = fixes.add_bylines(doc, spans)
    spans = add_titled_people(doc, spans)
    spans = add_datelines(doc, spans)
    spans = fixes.add_dash_datelines(doc, spans)
    spans = fixes.join_titled_middle_names(doc, spans)
    spans = fixes.join_titled_country_names(doc, spans)
    spans = extend_conjoined_bodies(spans)
    spans = join_conjoined_places(doc, spans)
    spans = fixes.join_of_places(doc, spans)
    spans = fixes.join_national_bodies(doc, spans)
    spans = extend_numbered_groups(doc, spans)
    spans = add_communities(doc, spans)
    spans = fixes.join_community_pairs(doc, spans)
    spans = fixes.add_bare_acronyms(doc, spans)
    spans = fixes.add_keyword_names(doc, spans)
    spans = fixes.add_untagged_places(doc, spans)
    spans = fixes.add_located_names(doc, spans)
    spans = fixes.add_known_as_groups(doc, spans)
    spans = fixes.extend_particle_places(doc, spans)
    spans = drop_headline_noise(doc, spans)
    for tok in doc:
        tok.ent_id = 0  # spaCy keeps a token's old id under a span without one: drop them
    doc.ents = filter_spans(spans)
    return doc


@lru_cache(maxsize=1)
def lexicon_surfaces() -> dict[str, frozenset[str]]:
    """Folded surface forms of each ruler id ("Country|Congo" -> {"congo", "congos"})."""
    out: dict[str, set[str]] = {}
    for pat in ruler_patterns():
        out.setdefault(pat["id"], set()).add(fold(pat["pattern"]))
    return {k: frozenset(v) for k, v in out.items()}


def unstretched(ent: Span) -> Span:
    """A lexicon match the model grew into a longer name ('Alliance Fleuve Congo' around
    'Congo') loses the lexicon's id: it names something else."""
    if not ent.ent_id_ or fold(ent.text) in lexicon_surfaces().get(ent.ent_id_, ()):
        return ent
    return Span(ent.doc, ent.start, ent.end, label=ent.label_)


def recut(ent: Span) -> list[Span]:
    """Cut a model entity at brackets, possessives and lower-case words that are not name particles."""
    if ent.ent_id_:
        return [ent]
    doc, titles = ent.doc, lexicons().titles
    if ent.label_ == "PERSON" and ent[-1].lower_ in titles:
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
        if not _org_like(rest) and not place_kind(rest.text):
            return [Span(doc, rest.start, rest.end, label="PERSON")]  # 'Constable Suresh Netam'

    particles = lexicons().particles
    place_words = lexicons().place_after
    pieces, start = [], after_title(ent)
    for tok in ent.doc[start : ent.end]:
        breaks = (
            tok.text in ("(", ")", ",")
            or tok.lower_ == "of"
            and tok.i > start
            and doc[tok.i - 1].text in place_words
            and doc[tok.i - 1].is_title  # 'Tirap District of Arunachal Pradesh': two places
            or tok.is_space
            or (tok.is_lower and tok.is_alpha and tok.text not in particles and not _hyphened(tok))
        )
        if breaks:
            pieces.append((start, tok.i))
            start = tok.i + 1
    pieces.append((start, ent.end))
    out = []
    for s, e in pieces:
        while s < e - 1 and doc[s].like_num and not fixes.is_ordinal(doc[s]) and doc[s + 1].is_title:
            s += 1  # '9 Rashtriya Rifles': a unit's number
        while e > s and ent.doc[e - 1].text.lower() in particles | {"-", "'s", "\u2019s"}:
            e -= 1
        while s < e and ent.doc[s].text.lower() in lexicons().particles - {"al", "el", "la", "abu"}:
            s += 1
        if e > s and any(t.is_alpha for t in ent.doc[s:e]):
            out.append(Span(ent.doc, s, e, label=ent.label_))
    return out


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
    return not (len(ent) == 1 and ent[0].tag_ in ("VBG", "VBD", "VBZ", "VBN"))


def extend_people(spans: list[Span]) -> list[Span]:
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


def merge_adjacent_people(spans: list[Span]) -> list[Span]:
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
    """In headlines keep only known names and names the body also gives."""
    head = headline_tokens(doc)
    body = {fold(s.text) for s in spans if s.start not in head}
    places = bundled_places()
    return [
        s
        for s in spans
        if s.start not in head
        or s.ent_id_
        or s.id_
        or s.kb_id_ == fixes.BYLINE_KB
        or fold(s.text) in body
        or fold(s.text) in places
    ]


def _put(spans: list[Span], new: Span) -> list[Span]:
    """`new` in place of every span it overlaps."""
    return [s for s in spans if s.end <= new.start or new.end <= s.start] + [new]


def _free(spans: list[Span], start: int, end: int) -> bool:
    """Whether no span touches tokens start..end."""
    return all(s.end <= start or end <= s.start for s in spans)


def _name_word(tok) -> bool:
    """A word that may sit inside an organisation's name: capitalised, a particle, a hyphen."""
    return (
        tok.text[:1].isupper()
        and (tok.is_alpha or "'" in tok.text or "&" in tok.text)
        or tok.lower_ in lexicons().particles | NAME_GLUE
    )


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
    while start > floor and end - start < MAX_NAME_TOKENS and _name_word(doc[start - 1]):
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


def _org_like(span: Span) -> bool:
    """Whether a name has a word that names an organisation ('Army', 'Center', 'Guard')."""
    words = set(span.text.replace("-", " ").split())
    return any(w in words for w, _ in lexicons().keywords)


def _titled(span: Span) -> bool:
    """Whether a span starts with a title word ('Inspector General of Police'): a role, not a body."""
    return span[0].lower_ in lexicons().titles


def _not_a_name(span: Span) -> bool:
    return span.text.lower() in lexicons().generic or _titled(span)


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
                and _org_like(outer)
                and (any(letters) or not any(place_kind(doc[s:e].text) for s, e in parts))
            ):
                found.append(outer)
        for (s, e), acr in zip(parts, letters):
            words = doc[s:e]
            spelt = {initials(words), initials(words, particles=True)}
            if acr is None and (_org_like(words) or found or spelt & set(letters)):
                found.append(words)
        if any(_titled(span) for span in found) and any(letters):
            # 'Director General of Police (DGP)': a title's acronym is no entity, nor the title
            title = min(span.start for span in found if _titled(span))
            spans = [
                s
                for s in spans
                if not (tok.i < s.start and s.end <= close)
                and (s.ent_id_ or not (title <= s.start and s.end <= tok.i))
            ]
            spans = _person_after_title(doc, close + 1, spans)
            continue
        for span in found:
            if _not_a_name(span) or place_kind(span.text) and not _org_like(span):
                continue
            if any(s.start <= span.start and span.end <= s.end and s.ent_id_ for s in spans):
                continue  # a lexicon name already covers it
            spans = _put(spans, Span(doc, span.start, span.end, label="ORG", kb_id=ACRONYM_KB))
    return spans


def _person_after_title(doc: Doc, start: int, spans: list[Span]) -> list[Span]:
    """'Superintendent of Police (SP) Ramesh Kumar': the name right after a title's acronym."""
    end = start
    while end < len(doc) and end - start < MAX_TITLED_NAME and doc[end].is_title:
        end += 1
    if end - start < 2 or any(s.ent_id_ for s in spans if s.start < end and start < s.end):
        return spans
    if doc[start].lower_ in lexicons().titles or _org_like(doc[start:end]):
        return spans
    return _put(spans, Span(doc, start, end, label="PERSON"))


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
        if not words or not words[0].text[:1].isupper() or not all(_name_word(t) for t in words):
            return None
    return parts


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
            spans = _put(spans, Span(doc, start, end, label="PERSON"))
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
            and _free(spans, run.start, run.end)
            and not place_kind(run.text)
            and not _org_like(run)
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
        _free(spans, start, i) and fold(doc[start:i].text) in bundled_places()
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
                if _free(spans, i, end) and not place_kind(doc[i:end].text):
                    spans = spans + [Span(doc, i, end, label="PERSON")]
                if end < len(doc) - 1 and doc[end].text in (",", "and") and doc[end + 1].is_title:
                    i = end + 1
                else:
                    break
    return spans


def add_datelines(doc: Doc, spans: list[Span]) -> list[Span]:
    """'KHARTOUM, June 3 (Reuters) -': a capitalised word opening a line before a comma is a place."""
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
        country = end < len(doc) and doc[end].is_title and place_kind(doc[end].text)
        after = end + 1 if country else end
        lexical = any(s.ent_id_ and s.start < after and tok.i < s.end for s in spans)
        if after < len(doc) and doc[after].text in (",", "(", "-") and not lexical:
            spans = _put(spans, Span(doc, tok.i, end, label="GPE"))  # 'AMMAN Jordan (Reuters)'
            if country and _free(spans, end, after):
                spans = spans + [Span(doc, end, after, label="GPE")]
    return spans


def extend_articles(spans: list[Span]) -> list[Span]:
    """'Los Chapitos', 'La Mayiza': a Spanish article the model left out starts the name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        prev = s.doc[s.start - 1] if s.start > 0 else None
        if (
            prev is not None
            and not s.ent_id_
            and prev.text in ("Los", "Las", "La", "El")
            and prev.i not in taken
        ):
            s = Span(s.doc, s.start - 1, s.end, label=s.label_, kb_id=s.kb_id_)
        out.append(s)
    return out


def extend_conjoined_bodies(spans: list[Span]) -> list[Span]:
    """'Foreign and Expatriates Ministry': a body's name that joins two capitalised words."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        doc = s.doc
        if (
            s.label_ == "ORG"
            and not s.ent_id_
            and s.start >= 2
            and doc[s.start - 1].lower_ == "and"
            and doc[s.start - 2].is_title
            and s.start - 2 not in taken
            and not doc[s.start - 2].is_sent_start
            and _org_like(s)
        ):
            s = Span(doc, s.start - 2, s.end, label="ORG", kb_id=s.kb_id_)
        out.append(s)
    return out


def join_conjoined_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Jammu and Kashmir' cut in two by the model: one place where the whole is a known place."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end + 1 == s.start
            and doc[prev.end].lower_ == "and"
            and not prev.ent_id_
            and not s.ent_id_
            and place_kind(doc[prev.start : s.end].text)
        ):
            out[-1] = Span(doc, prev.start, s.end, label="GPE")
        else:
            out.append(s)
    return out


def extend_numbered_groups(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Barrio 18 gang': a name, a number and a group noun make one group's name."""
    out = []
    for s in spans:
        if (
            not s.ent_id_
            and s.end + 1 < len(doc)
            and doc[s.end].like_num
            and doc[s.end + 1].text in lexicons().group_nouns
            and _free(spans, s.end, s.end + 1)
        ):
            s = Span(doc, s.start, s.end + 1, label="ORG")
        out.append(s)
    return out
