"""Name mentions from the fixed entity spans, each with the class its text and context tell."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract import sides
from kg.extract.entity_data import fold, lexicons, place_class, place_kind
from kg.extract.joins import ARABIC_ARTICLES
from kg.extract.text import text_of

MEDIA_BEFORE = ("according to", "told", "reports", "reported by", "quoted by", "cited by")
MEDIA_AFTER = ("reported", "reports", "quoted")
LOCATIVE = ("in", "at", "near", "outside", "towards", "toward", "around")
# prepositions after which even a name the model took for a person's is read as a place
PLACE_ONLY_BEFORE = ("in", "near", "outside", "towards", "toward", "around")
SPEECH_VERBS = frozenset({"say", "tell", "add", "write", "speak", "explain", "urge", "warn"})
APPOSITION_PLACES = frozenset(
    {"capital", "city", "town", "village", "hub", "district", "province", "region", "stronghold"}
)
MAX_APPOSITION_TOKENS = 6
UNNAMED_PLACE_WORDS = ("capital", "outskirts", "countryside")  # 'capital of X' says X is a place, names nothing
MAX_LIST_TOKENS = 14  # 'Odesa, Mykolaiv, Kharkiv and Kyiv oblasts': how far a list may run
GROUP_ARTICLES = ("La", "Los", "Las", "Le", "Les", "The")  # 'La Mayiza', 'Los Chapitos': groups
ORG_KEYWORD_CLASSES = (
    "ArmedGroup",
    "StateForce",
    "PoliticalParty",
    "GovernmentBody",
    "Faction",
    "MediaOutlet",
)
QUOTES = ('"', "\u201c", "\u201d")
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
    side: bool = False  # a sports side ('Leeds 2 Chelsea 1'): its cluster is an organisation


def from_doc(doc: Doc) -> list[Mention]:
    """A mention per entity span the pipeline kept."""
    out = []
    for ent in doc.ents:
        m = classify(ent)
        if m is not None:
            out.append(m)
    return out


def is_amount(ent: Span) -> bool:
    """A sum of money: a number with a currency code or sign ('INR 500,000', 'US$ 2 million')."""
    return any(t.like_num for t in ent) and any(
        t.is_currency or (t.is_upper and len(t.text) == 3 and t.nbor(1).like_num)
        for t in ent if t.i + 1 < len(t.doc))


def classify(ent: Span) -> Mention | None:
    """The class a span's lexicon entry, label, text and context give it; None for no entity."""
    if sides.is_side(ent):
        return Mention(ent.start, ent.end, ent.text, strip_article(ent.text), "Faction", "ORG", side=True)
    if ent.ent_id_:
        return from_lexicon(ent)
    if is_amount(ent):
        return None  # 'INR 500,000' tagged as an organisation
    if ent.text in lexicons().demonyms and ent.label_ in ("NORP", "GPE"):
        return None  # 'Honduran authorities': a demonym qualifies, it names nothing alone
    name = strip_article(ent.text)
    m = Mention(ent.start, ent.end, ent.text, name, NAME_LABELS[ent.label_], ent.label_)
    if known_name(m) or group_noun(ent, m) or placed(ent, m):
        return m
    if ent.label_ == "NORP" and not follows_a_group(ent):
        return None
    if any(q in ent.text for q in QUOTES):
        m.cls, m.forms = "Actor", nickname_forms(ent)
        return m
    if m.cls == "Place" and (group_word(name) or media_cued(ent)):
        m.cls, m.label = faction_class(ent, name, person=False), "ORG"  # 'told Addis Standard'
    if m.cls == "Facility" and org_keyword(name):
        m.cls = faction_class(ent, name, person=False)  # '9 Rashtriya Rifles', 'Kashmir Monitor'
    if m.cls == "Faction" or name.split()[0] in ("El", *GROUP_ARTICLES):
        m.cls = faction_class(ent, name)
    if m.cls == "Actor" and (name.split()[0] in GROUP_ARTICLES or org_keyword(name)):
        m.cls, m.label = faction_class(ent, name, person=False), "ORG"
    if m.cls in ("Faction", "Place") and (person_cued(ent) or titled(ent)):
        m.cls = "Actor"
    return m


def follows_a_group(ent: Span) -> bool:
    """'the Maoists' where the article names the 'Communist Party of India (Maoist)': a word
    for a group's followers (a group mention), not for a people."""
    lex = lexicons()
    stem = ent.text.removesuffix("s")
    if stem == ent.text or " " in stem or stem in lex.demonyms or fold(stem) in lex.communities:
        return False  # 'Syrians', 'Kurds': a people
    stem = fold(stem)
    return any(
        e.label_ == "ORG" and len(e) > 1 and stem in fold(e.text).split() for e in ent.doc.ents
    )


def from_lexicon(ent: Span) -> Mention:
    """A mention the lexicon ruler marked: its class and canonical name (places refined by kind)."""
    cls, name = ent.ent_id_.split("|", 1)
    m = Mention(ent.start, ent.end, ent.text, name, cls, ent.label_, fixed=True)
    if cls == "Community" and community_place(ent):
        m.name, m.label, m.fixed = ent.text, "GPE", False  # 'Amhara region', 'Kachin state'
        m.cls, m.forms = place_context(ent) or ("Place", [])
        return m
    if ent.label_ in ("GPE", "LOC"):
        kind = place_kind(name)
        m.fixed, m.cls = False, place_class(kind[0]) if kind else cls
    return m


def community_place(ent: Span) -> bool:
    """'the Amhara region', 'Kachin state': a community's name before an area word names the area
    (not 'an Alawite village' or 'Alawite neighbourhoods', places of the community)."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    return (
        after is not None
        and lexicons().place_after.get(after.text) == "AdministrativeArea"
        and not after.text.endswith("s")
        and not (ent.start > 0 and doc[ent.start - 1].lower_ in ("a", "an"))
    )


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
    suffix = place_suffix(ent) if ent.kb_id_ != "acronym" else None
    ctx = place_context(ent)
    kind = place_kind(m.name)
    grouped = group_word(suffix[0] if suffix else m.name)  # not 'Maru Local Government Area'
    if ent.kb_id_ == "acronym" and not kind or grouped and not place_kind(ent.text):
        return False  # 'The Kashmir Monitor', '9 Rashtriya Rifles': a group's name
    if ent.label_ == "ORG" and m.name.isupper() and kind and kind[0] == "city":
        return False  # 'NISA' is an agency's acronym before it is a town in Portugal
    if suffix:
        m.name, m.cls, m.forms = suffix
    elif ctx:
        m.cls, m.forms = ctx
    elif kind and (
        ent.label_ in ("GPE", "LOC", "ORG", "NORP")
        or kind[0] in ("country", "admin1")
        or not person_evidence(ent)
    ):
        m.cls, m.country = place_class(kind[0]), kind[1] or None
    elif located(ent, m.name) or arabic_place(ent) and not person_evidence(ent):
        m.cls, m.label = place_class(kind[0]) if kind else "Place", "GPE"
        m.country = kind[1] or None if kind else None
    else:
        return False
    if m.label == "PERSON":
        m.label = "GPE"  # the model's guess is overruled: the cluster is no person's
    return True


def arabic_place(ent: Span) -> bool:
    """'Ras al-Ain', 'Bab al-Hawa', 'Tell Abiad': a place-name head ('Ras', 'Bab', 'Tell') and
    then a hyphened Arabic article, or for some heads one more capitalised word, make a place's
    name, whatever label the model gave it."""
    alone = lexicons().toponym_heads.get(ent[0].text)
    if alone is None or len(ent) < 2:
        return False
    if alone and len(ent) == 2 and ent[1].is_title and ent[1].is_alpha:
        return True
    return any(t.lower_ in ARABIC_ARTICLES and t.nbor(1).text == "-" for t in ent[1:-1])


def group_word(name: str) -> bool:
    """Whether a name has a capitalised word that makes it an organisation's ('Rifles', 'Monitor')."""
    words = set(name.replace("-", " ").split())
    return any(w in words for w, _ in lexicons().keywords)


def group_noun(ent: Span, m: Mention) -> bool:
    """'the Nour al-Din al-Zinki movement': a name before a group noun is a group's name."""
    doc = ent.doc
    if ent.label_ == "NORP" or ent.end >= len(doc) or place_kind(m.name) or arabic_place(ent):
        return False  # 'the Jabal al-Akrad front': a front line at a place
    noun = doc[ent.end].text
    cls = lexicons().group_nouns.get(noun)
    if cls is None:
        return False
    m.cls, m.label, m.forms = cls, "ORG", [f"{ent.text} {noun}"]
    return True


def located(ent: Span, name: str) -> bool:
    """'at Chatroo in Kishtwar', 'In Bannu, ...': a name (no group word, no acronym) right after
    a place preposition, not a possessor, read as a place."""
    doc = ent.doc
    if place_apposition(ent) and not person_evidence(ent):
        return True
    if ent.root.dep_ == "conj" and ent.root.head.i < ent.start:
        head = ent.root.head  # 'in Daraya and Moadamiyeh'
        if (
            head.ent_type_ in ("GPE", "LOC")
            or not head.ent_type_
            and place_kind(head.text)
            or _located_head(head)
        ):
            return (
                ent.label_ != "NORP"
                and not name.isupper()
                and not group_word(name)
                and not person_cued(ent)
                and not in_credits(ent)
                and name.split()[0] not in GROUP_ARTICLES
                and head.left_edge.text not in GROUP_ARTICLES
            )
    if ent.start == 0:
        return False
    prev = doc[ent.start - 1].lower_
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if prev not in LOCATIVE and not (
        prev in ("from", "to", "into") and after in ("in", "near", "to", "towards", "into")
    ):
        return False
    if ent.end < len(doc) and doc[ent.end].text in ("'s", "\u2019s"):
        return False
    words = set(name.replace("-", " ").split())
    if any(w in words for w, _ in lexicons().keywords) or name.isupper():
        return False
    arabic_article = ent.label_ == "PERSON" and ent[0].lower_ in ("al", "el", "ad", "as", "ar")
    return (
        ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC")
        or arabic_article
        or bool(place_kind(name))
        or prev in PLACE_ONLY_BEFORE and not person_evidence(ent)
    )


def in_credits(ent: Span) -> bool:
    """Whether a name stands in a credits line after 'Reporting by', 'Editing by' ..."""
    before = text_of(ent.doc)[ent.sent.start_char : ent.start_char].lower()
    return ent.label_ == "PERSON" and any(
        cue in before for cue in lexicons().person_cues if cue.endswith(" by")
    )


def place_apposition(ent: Span) -> bool:
    """'Bukavu, the province's capital', 'Adan Yabaal, a key logistics hub': a place noun
    in apposition to the name."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    return any(
        t.dep_ == "appos" and ent.start <= t.head.i < ent.end and t.lemma_ in APPOSITION_PLACES
        for t in doc[ent.end + 1 : ent.end + 1 + MAX_APPOSITION_TOKENS]
    )


def _located_head(head) -> bool:
    """Whether the first name of a list ('around Debre Markos, Gondar and Lalibela') is a place."""
    doc = head.doc
    ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    return (
        ent is not None
        and ent.label_ in ("PERSON", "ORG")
        and located(ent, strip_article(ent.text))
    )


def person_evidence(ent: Span) -> bool:
    """Whether the text treats a name as a person's: a title or cue before it, 'X said', a
    credits line ('Reporting by A in Paris and B in Kinshasa'), or its words ending another
    person's name in the article ('Hassan' after 'Abdullahi Hassan')."""
    root = ent.root
    if titled(ent) or person_cued(ent) or in_credits(ent):
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS:
        return True
    return (len(ent), fold(ent.text)) in person_tails(ent.doc)


def person_tails(doc: Doc) -> set[tuple[int, str]]:
    """(n, the last n words folded) of each person's name, n shorter than the name; worked out
    once per Doc (its entities are settled before extraction reads them)."""
    tails = doc.user_data.get("kg_person_tails")
    if tails is None:
        tails = doc.user_data["kg_person_tails"] = {
            (n, fold(e[-n:].text)) for e in doc.ents if e.label_ == "PERSON"
            for n in range(1, len(e))}
    return tails


def strip_article(text: str) -> str:
    """A name without a leading 'the' and a trailing possessive."""
    for art in ("the ", "The "):
        text = text.removeprefix(art)
    for pos in ("'s", "\u2019s"):
        text = text.removesuffix(pos)
    if text.endswith(".") and len(text) > 3 and text[-2].islower():
        text = text[:-1]  # 'Hama.' where the tokenizer left the full stop on
    return text.strip()


def org_keyword(name: str) -> str | None:
    """The class an armed group's or body's word in a name gives ('Jaish', 'Front', 'Party')."""
    words = set(name.replace("-", " ").split())
    return next(
        (c for w, c in lexicons().keywords if w in words and c in ORG_KEYWORD_CLASSES), None
    )


def nickname_forms(ent: Span) -> list[str]:
    """'El Chapo' and 'Joaquin Guzman' from 'Joaquin "El Chapo" Guzman'."""
    toks = list(ent)
    marks = [t.i - ent.start for t in toks if t.text in QUOTES]
    if len(marks) < 2:
        return []
    a, b = marks[0], marks[1]
    nick = ent[a + 1 : b].text
    plain = " ".join(t.text for t in toks[:a] + toks[b + 1 :])
    return [nick, plain, toks[-1].text]


def media_cued(ent: Span) -> bool:
    """Whether a name is what someone 'told' or 'said in an interview with': an outlet's."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ == "told"


def faction_class(ent: Span, name: str, person: bool = True) -> str:
    """An organisation's class from its name words, else from media cues around it."""
    words = set(name.replace("-", " ").split())
    for word, cls in lexicons().keywords:
        if word in words:
            return cls
    before = ent.doc[max(0, ent.start - 3) : ent.start].text.lower()
    after = ent.doc[ent.end : ent.end + 1].text.lower()
    if any(before.endswith(cue) for cue in MEDIA_BEFORE) or after in MEDIA_AFTER:
        return "MediaOutlet"
    return "Faction" if ent.label_ != "PERSON" or not person else "Actor"


def place_context(ent: Span) -> tuple[str, list[str]] | None:
    """(class, qualified forms) where a place word sits next to the name: 'X village', 'province of X'."""
    lex = lexicons()
    doc = ent.doc
    for n in (3, 2, 1):
        after = doc[ent.end : ent.end + n]
        if len(after) == n and after.text in lex.place_after:
            return lex.place_after[after.text], [f"{ent.text} {after.text}"]
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of":
        word = doc[ent.start - 2].text
        if word in lex.place_before:
            named = word.islower() and word not in UNNAMED_PLACE_WORDS
            return lex.place_before[word], [f"{word} of {ent.text}"] if named else []
    if ent.start >= 1 and doc[ent.start - 1].text in lex.place_adjective:
        return lex.place_adjective[doc[ent.start - 1].text], [
            f"{doc[ent.start - 1].text} {ent.text}"
        ]
    listed = list_place(ent)
    if listed:
        return listed, []
    first = ent.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    left = first.left_edge.i
    if first.i != ent.root.i and left >= 2 and doc[left - 1].lower_ == "of":
        word = doc[left - 2].text
        if word in lex.place_before:
            return lex.place_before[word], []
    return None


def list_place(ent: Span) -> str | None:
    """The class a plural place word after a list gives each name in it:
    'Kadawa, Gidan Dawa and Mai Lalle villages', 'the Tsafe and Gusau areas'."""
    doc, after = ent.doc, lexicons().place_after
    i, joined = ent.end, False
    while i < len(doc) and i - ent.end < MAX_LIST_TOKENS:
        tok = doc[i]
        if tok.text in (",", "and"):
            joined = True
        elif not (tok.text[:1].isupper() and (tok.is_alpha or tok.text == "-")):
            break
        i += 1
    word = doc[i].text if i < len(doc) else ""
    return after[word] if joined and word.endswith("s") and word in after else None


def place_suffix(ent: Span) -> tuple[str, str, list[str]] | None:
    """(name, class, forms) for a name ending in a place word: 'Tinsukia District' -> 'Tinsukia',
    'Maru Local Government Area' -> 'Maru'."""
    after = lexicons().place_after
    for n in (3, 2, 1):
        tail = ent[-n:] if len(ent) > n else None
        if tail is not None and tail[-1].text[:1].isupper() and tail.text in after:
            return ent[:-n].text, after[tail.text], [ent.text]
    return None


def titled(ent: Span) -> bool:
    """Whether a title word comes right before the name: 'CRAC coordinator Eliseo Villar Castillo',
    or before a comma that opens it as an apposition: 'the council's president, Fritz Jean, said'."""
    doc, titles = ent.doc, lexicons().titles
    if ent.start > 0 and doc[ent.start - 1].lower_ in titles:
        return True
    return (
        ent.start > 1
        and doc[ent.start - 1].text == ","
        and doc[ent.start - 2].lower_ in titles
        and (ent.end == len(doc) or doc[ent.end].text in (",", "."))
    )


def person_cued(ent: Span) -> bool:
    """Whether the text introduces the name as a person's: 'identified as X (and Y)'."""
    cues = lexicons().person_cues
    first = ent
    if ent.root.dep_ == "conj" and ent.root.head.ent_type_:
        head = ent.root.head
        first = ent.doc[head.left_edge.i : head.i + 1] if head.i < ent.start else ent
    before = ent.doc[max(0, first.start - 3) : first.start].text.lower()
    return any(before.endswith(cue) for cue in cues)


def listed_places(doc: Doc, taken: set[int]) -> list[Mention]:
    """Capitalised names the model missed after 'the municipalities of': 'Tibu and Teorama'."""
    lex = lexicons()
    out = []
    for tok in doc[:-2]:
        if tok.text not in lex.place_before or doc[tok.i + 1].lower_ != "of":
            continue
        i = tok.i + 2
        while i < len(doc):
            end = i
            while end < len(doc) and end - i < 4 and doc[end].is_title and end not in taken:
                end += 1
            if end > i:
                name = doc[i:end].text
                out.append(Mention(i, end, name, name, lex.place_before[tok.text], "GPE"))
                taken.update(range(i, end))
            elif i not in taken:
                break
            while end < len(doc) and end in taken:
                end += 1
            if end + 1 < len(doc) and doc[end].text in (",", "and") and doc[end + 1].is_title:
                i = end + 1
            else:
                break
    return out


def context_places(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """Capitalised names the model missed before a place word: 'in Dima Hasao District'."""
    lex = lexicons()
    taken = {i for m in ms for i in range(m.start, m.end)}
    out = listed_places(doc, taken)
    for tok in doc:
        if tok.text not in lex.place_after or tok.i in taken:
            continue
        start = tok.i
        while start > 0 and tok.i - start < 6 and start - 1 not in taken:
            prev = doc[start - 1]
            if (
                prev.is_title
                and prev.is_alpha
                and not prev.is_sent_start
                and not prev.is_stop
                and prev.text not in lex.demonyms
                and fold(prev.text) not in lex.communities
            ):
                start -= 1
            elif (
                prev.text == "-"
                and start >= 2
                and doc[start - 2].lower_ in ("al", "el", "ad", "as", "ar", "an", "at")
                and start - 2 not in taken
            ):
                start -= 2
            else:
                break
        while (
            start < tok.i
            and not doc[start].text[:1].isupper()
            and not (doc[start].lower_ in ("al", "el") and doc[start + 1].text == "-")
        ):
            start += 1
        if start < tok.i and (
            doc[start].lower_ in lex.titles or fold(doc[start].text) in lex.communities
        ):
            start = tok.i
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
