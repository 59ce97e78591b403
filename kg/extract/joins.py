"""Names the model splits in two or cuts a piece off: 'Jammu and Kashmir', 'Democratic Republic of
Congo', 'Law Society of Kenya', 'Barrio 18 gang', 'Mocimboa da Praia', 'Deir ez-Zor'."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.entity_data import fold, known_place, lexicons, place_kind
from kg.extract.spans import free, is_ordinal, org_like

# with the organisation words of name_keywords.tsv: 'X Commission of <country>' is one body
BODY_WORDS = frozenset({"Commission", "Court", "Bank", "Bar", "Federation", "Church", "Congress",
                        "League", "Authority", "Chamber", "Board", "Conference", "Academy"})
PLACE_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "del", "di", "du"})
# the Arabic article as romanised before a sun or moon letter: 'Deir ez-Zor', 'Ras al-Ain'
ARABIC_ARTICLES = frozenset({"al", "el", "ul", "ad", "ed", "an", "en", "ar", "er", "as", "es",
                             "ash", "esh", "at", "et", "az", "ez", "adh", "ath"})
MAX_WORDS_BEFORE_PARTICLE = 2


def extend_articles(doc: Doc, spans: list[Span]) -> list[Span]:
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


def extend_conjoined_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Foreign and Expatriates Ministry': a body's name that joins two capitalised words."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for s in spans:
        if (
            s.label_ == "ORG"
            and not s.ent_id_
            and s.start >= 2
            and doc[s.start - 1].lower_ == "and"
            and doc[s.start - 2].is_title
            and s.start - 2 not in taken
            and not doc[s.start - 2].is_sent_start
            and org_like(s)
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


def join_of_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Democratic Republic' + 'of' + 'Congo': one place where the whole is a known place's name
    (as written, or with 'the' after 'of')."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.end + 1 == s.start and doc[prev.end].lower_ == "of":
            known = known_place(doc[prev.start : s.end].text)
            if known:
                out[-1] = Span(doc, prev.start, s.end, label="GPE", span_id=f"Place|{known}")
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


def extend_numbered_groups(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Barrio 18 gang': a name, a number and a group noun make one group's name."""
    out = []
    for s in spans:
        if (
            not s.ent_id_
            and s.end + 1 < len(doc)
            and doc[s.end].like_num
            and doc[s.end + 1].text in lexicons().group_nouns
            and free(spans, s.end, s.end + 1)
        ):
            s = Span(doc, s.start, s.end + 1, label="ORG")
        out.append(s)
    return out


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


def join_article_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Deir ez-Zor' when the model read 'Deir' and '-Zor': a place followed by an Arabic article
    hyphenated to a capitalised word is one name with it; so is 'Ra's al-Ayn', which the
    tokenizer cuts at the apostrophe as if it were a possessive."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    skip_to = -1
    for s in spans:
        if s.start < skip_to:
            continue
        end = s.end
        if s.label_ in ("GPE", "LOC") and doc[end - 1].whitespace_ and _article_at(doc, end):
            s = Span(doc, s.start, end + 3, label=s.label_)
            skip_to = s.end
        elif (not s.ent_id_ and end + 1 < len(doc) and doc[end].text in ("'s", "\u2019s")
              and not doc[end - 1].whitespace_ and f"{doc[end - 1].text}'s" in lexicons().toponym_heads
              and doc[end].whitespace_ and _article_at(doc, end + 1)):
            s = Span(doc, s.start, end + 4, label="GPE")  # 'Ra's al-Ayn': 'Ra', 's' and 'al-Ayn'
            skip_to = s.end
        out.append(s)
    return out


def _article_at(doc: Doc, i: int) -> bool:
    """Whether an Arabic article hyphened to a capitalised word starts at token i ('al-Ain')."""
    return (i + 2 < len(doc) and doc[i].lower_ in ARABIC_ARTICLES and doc[i + 1].text == "-"
            and not doc[i].whitespace_ and not doc[i + 1].whitespace_ and doc[i + 2].is_title)


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
