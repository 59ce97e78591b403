"""Titles and appositions of people ('interim leader', 'the Governor of Hatay') and what they state:
roles, leaderOf / memberOf / basedIn relations, and later title mentions ('the interim president')."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.classes import top_class
from kg.extract.entity_data import lexicons

LEADER_TITLES = frozenset(
    {
        "leader",
        "director",
        "head",
        "chief",
        "coordinator",
        "commander",
        "president",
        "chairman",
        "founder",
        "emir",
        "governor",
        "mayor",
    }
)
MAX_TITLE_WORDS = 4
MAX_APPOS_WORDS = 10
STOP_POS = ("VERB", "AUX", "PUNCT", "PRON", "SCONJ", "CCONJ")


@dataclass(frozen=True)
class Role:
    """A title the text gives a person, with the stretch it was read from."""

    person: int  # token start of the person's mention
    title: str
    start: int  # token span of the title
    end: int


def title_before(doc: Doc, start: int) -> tuple[int, int] | None:
    """'interim leader' in 'interim leader Ahmad al-Sharaa': title words right before a name."""
    titles = lexicons().titles
    i = start
    while i > 0 and start - i < MAX_TITLE_WORDS:
        tok = doc[i - 1]
        if (
            tok.pos_ not in ("NOUN", "PROPN", "ADJ")
            or tok.ent_type_
            and tok.ent_type_ not in ("ORG", "NORP", "GPE")
        ):
            break
        i -= 1
    while i < start and doc[i].lower_ not in titles and not _has_title(doc[i:start]):
        i += 1
    return (i, start) if i < start and _has_title(doc[i:start]) else None


def title_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """'the Governor of Hatay' in 'Ercan Topaca the Governor of Hatay', ', an ex-brigadier general in ...'."""
    i = end + 1 if end < len(doc) and doc[end].text == "," else end
    if i >= len(doc) or doc[i].lower_ not in ("the", "a", "an"):
        return None
    j = i + 1
    while (
        j < len(doc)
        and j - i <= MAX_APPOS_WORDS
        and (doc[j].pos_ not in STOP_POS or doc[j].tag_ in ("HYPH", "POS"))
        and doc[j].pos_ != "DET"
    ):
        j += 1
    while j > i + 1 and doc[j - 1].pos_ in ("DET", "ADP"):
        j -= 1
    span = doc[i + 1 : j]
    if not _has_title(span) or not span or span[-1].ent_type_ == "PERSON":
        return None
    return i + 1, j


def _has_title(span: Span) -> bool:
    """Whether a span holds a title word ('leader', 'brigadier general')."""
    titles = lexicons().titles
    words = [t.lower_ for t in span]
    return any(w in titles or w.split("-")[-1] in titles for w in words)


def title_head(span: Span) -> str | None:
    """The last title word of a title span."""
    titles = lexicons().titles
    heads = [t.lower_.split("-")[-1] for t in span if t.lower_.split("-")[-1] in titles]
    return heads[-1] if heads else None


def roles_of(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token spans of the titles next to one person mention."""
    found = [title_before(doc, start), title_after(doc, end)]
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].lower_ in lexicons().titles:
        found.append((start - 2, start - 1))
    return [f for f in found if f]


def relation_for(title: Span, faction_cls: str) -> str | None:
    """leaderOf for a leading title ('Observatory director'), memberOf for others, of a faction."""
    if top_class(faction_cls) != "Faction":
        return None
    return "leaderOf" if title_head(title) in LEADER_TITLES else "memberOf"


def based_in(doc: Doc) -> list[tuple[int, int, int]]:
    """(place token, organisation token, 'based' token) for 'UK-based Syrian Observatory'."""
    out = []
    for tok in doc:
        if tok.lower_ == "based" and tok.i >= 2 and doc[tok.i - 1].text == "-":
            after = tok.i + 1
            while (
                after < len(doc)
                and not doc[after].ent_type_
                and doc[after].is_title is False
                and doc[after].pos_ in ("ADJ", "DET")
            ):
                after += 1
            out.append((tok.i - 2, after, tok.i))
    return out


def led_by(doc: Doc) -> list[tuple[int, int]]:
    """(group token, leader token) for 'vigilantes led by CRAC coordinator Eliseo Villar Castillo'."""
    out = []
    for tok in doc:
        if tok.lemma_ == "lead" and tok.tag_ == "VBN" and tok.dep_ == "acl":
            by = next((c for c in tok.children if c.dep_ == "agent"), None)
            obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
            if obj is not None:
                out.append((tok.head.i, obj.i))
    return out


def title_mentions(doc: Doc, people: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """(start, end, person key) for 'the interim president' where one person's titles share its words."""
    out = []
    titles = lexicons().titles
    for tok in doc:
        if tok.lower_ not in titles or tok.pos_ != "NOUN" or tok.i < 1:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ in ("ADJ", "NOUN") and doc[start - 1].is_lower:
            start -= 1
        if start == 0 or doc[start - 1].lower_ != "the" or start == tok.i:
            continue
        words = {t.lower_ for t in doc[start : tok.i + 1]}
        owners = [
            k
            for k, roles in people.items()
            if any(words & set(r.lower().split()) - {tok.lower_} for r in roles)
        ]
        if len(owners) == 1:
            out.append((start - 1, tok.i + 1, owners[0]))
    return out
