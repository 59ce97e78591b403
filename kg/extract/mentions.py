"""Name mentions from the fixed entity spans, each with the class its text and context tell."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract.entity_data import fold, lexicons, place_class, place_kind

MEDIA_BEFORE = ("according to", "told", "reports", "reported by", "quoted by", "cited by")
MEDIA_AFTER = ("reported", "reports", "quoted")
NAME_LABELS = {
    "PERSON": "Actor",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Facility",
    "ORG": "Faction",
    "WORK_OF_ART": "Faction",
    "PRODUCT": "Faction",
    "NORP": "Faction",
}


@dataclass
class Mention:
    """One stretch of text naming (or standing for) an entity."""

    start: int  # token offsets into the doc
    end: int
    text: str  # exact surface text
    name: str  # the name it gives: possessive stripped, lexicon canonical name
    cls: str
    label: str = ""  # the model's label
    fixed: bool = False  # class and name come from a lexicon
    named: bool = True  # a name or title (alt label), not a pronoun or generic noun
    scoped: bool = False
    group: str = ""
    country: str | None = None
    forms: list[str] = field(default_factory=list)  # qualified forms: "Idlib province"


def from_doc(doc: Doc) -> list[Mention]:
    """A mention per entity span the pipeline kept."""
    out = []
    for ent in doc.ents:
        m = classify(ent)
        if m is not None:
            out.append(m)
    return out


def classify(ent: Span) -> Mention | None:
    """The class a span's lexicon entry, label, text and context give it; None for no entity."""
    if ent.ent_id_:
        return from_lexicon(ent)
    if ent.label_ == "NORP" and ent.text in lexicons().demonyms:
        return None
    name = strip_article(ent.text)
    m = Mention(ent.start, ent.end, ent.text, name, NAME_LABELS[ent.label_], ent.label_)
    if known_name(m) or placed(ent, m):
        return m
    if ent.label_ == "NORP":
        return None
    if m.cls == "Faction" or name.split()[0] in ("La", "El", "Le", "The"):
        m.cls = faction_class(ent, name)
    if m.cls in ("Faction", "Place") and (person_cued(ent) or titled(ent)):
        m.cls = "Actor"
    return m


def from_lexicon(ent: Span) -> Mention:
    """A mention the lexicon ruler marked: its class and canonical name (places refined by kind)."""
    cls, name = ent.ent_id_.split("|", 1)
    m = Mention(ent.start, ent.end, ent.text, name, cls, ent.label_, fixed=True)
    if ent.label_ == "GPE":
        kind = place_kind(name)
        m.fixed, m.cls = False, place_class(kind[0]) if kind else cls
    return m


def known_name(m: Mention) -> bool:
    """Give a mention its lexicon organisation or unnamed-party entry; whether it had one."""
    lex = lexicons()
    known = lex.named.get(fold(m.name))
    if known:
        m.name, m.cls, m.fixed = known[0], known[1], True
        return True
    party = lex.parties.get(fold(m.name))
    if party:
        m.name, m.cls, m.group, m.scoped = party[0], party[1], party[2], True
    return party is not None


def placed(ent: Span, m: Mention) -> bool:
    """Make a mention a place where its words, context or the gazetteer say so; whether they did."""
    suffix = place_suffix(ent)
    ctx = place_context(ent)
    kind = place_kind(m.name)
    if suffix:
        m.name, m.cls, m.forms = suffix
    elif ctx:
        m.cls, m.forms = ctx
    elif kind and (ent.label_ in ("GPE", "LOC", "ORG", "NORP") or kind[0] in ("country", "admin1")):
        m.cls, m.country = place_class(kind[0]), kind[1] or None
    else:
        return False
    return True


def strip_article(text: str) -> str:
    """A name without a leading 'the' and a trailing possessive."""
    for art in ("the ", "The "):
        text = text.removeprefix(art)
    for pos in ("'s", "\u2019s"):
        text = text.removesuffix(pos)
    return text.strip()


def faction_class(ent: Span, name: str) -> str:
    """An organisation's class from its name words, else from media cues around it."""
    words = set(name.replace("-", " ").split())
    for word, cls in lexicons().keywords:
        if word in words:
            return cls
    before = ent.doc[max(0, ent.start - 3) : ent.start].text.lower()
    after = ent.doc[ent.end : ent.end + 1].text.lower()
    if any(before.endswith(cue) for cue in MEDIA_BEFORE) or after in MEDIA_AFTER:
        return "MediaOutlet"
    return "Faction" if ent.label_ != "PERSON" else "Actor"


def place_context(ent: Span) -> tuple[str, list[str]] | None:
    """(class, qualified forms) where a place word sits next to the name: 'X village', 'province of X'."""
    lex = lexicons()
    doc = ent.doc
    for n in (2, 1):
        after = doc[ent.end : ent.end + n]
        if len(after) == n and after.text in lex.place_after:
            return lex.place_after[after.text], [f"{ent.text} {after.text}"]
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of":
        word = doc[ent.start - 2].text
        if word in lex.place_before:
            return lex.place_before[word], [f"{word} of {ent.text}"]
    return None


def place_suffix(ent: Span) -> tuple[str, str, list[str]] | None:
    """(name, class, forms) for a name ending in a place word: 'Tinsukia District' -> 'Tinsukia'."""
    last = ent[-1].text
    if len(ent) > 1 and last[:1].isupper() and last in lexicons().place_after:
        return ent[:-1].text, lexicons().place_after[last], [ent.text]
    return None


def titled(ent: Span) -> bool:
    """Whether a title word comes right before the name: 'CRAC coordinator Eliseo Villar Castillo'."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in lexicons().titles


def person_cued(ent: Span) -> bool:
    """Whether the text introduces the name as a person's: 'identified as X (and Y)'."""
    cues = lexicons().person_cues
    first = ent
    if ent.root.dep_ == "conj" and ent.root.head.ent_type_:
        head = ent.root.head
        first = ent.doc[head.left_edge.i : head.i + 1] if head.i < ent.start else ent
    before = ent.doc[max(0, first.start - 3) : first.start].text.lower()
    return any(before.endswith(cue) for cue in cues)


def context_places(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """Capitalised names the model missed before a place word: 'in Dima Hasao District'."""
    lex = lexicons()
    taken = {i for m in ms for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        if tok.text not in lex.place_after or tok.i in taken:
            continue
        start = tok.i
        while (
            start > 0
            and tok.i - start < 4
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
            and start - 1 not in taken
            and not doc[start - 1].is_sent_start
        ):
            start -= 1
        if start < tok.i:
            name = doc[start : tok.i].text
            out.append(
                Mention(
                    start,
                    tok.i,
                    name,
                    name,
                    lex.place_after[tok.text],
                    "GPE",
                    forms=[f"{name} {tok.text}"],
                )
            )
    return out
