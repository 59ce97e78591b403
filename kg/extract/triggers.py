"""Event trigger words from the lexicon (data/events/triggers.tsv): verbs and nominalisations."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Doc, Token

from kg.extract.cues import is_according_to
from kg.extract.event_parties import EntityIndex, words
from kg.extract.means import means_class
from kg.extract.targets import natural, only_targets, struck_target

POS = {"V": ("VERB",), "N": ("NOUN", "PROPN"), "A": ("ADJ", "NOUN")}
DEATH_WORDS = frozenset({"dead", "death", "kill", "die"})
AIMLESS = frozenset({"air", "sky"})  # "fired into the air" hits no one
WINDOW = (2, 3)  # tokens before and after a trigger where its required word may stand


class Row(NamedTuple):
    """One lexicon entry."""

    lemma: str
    pos: str
    cls: str
    requires: str | None
    flags: frozenset[str]


class Trigger(NamedTuple):
    """A token that names an event, with its class and lexicon flags."""

    token: Token
    cls: str
    flags: frozenset[str]


@cache
def lexicon() -> dict[str, list[Row]]:
    """Lemma -> rows, rows with a required word first."""
    path = resources.files("kg.extract") / "data" / "events" / "triggers.tsv"
    out: dict[str, list[Row]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "lemma\t")):
            continue
        lemma, pos, cls, req, flags = (line.split("\t") + ["-"] * 5)[:5]
        row = Row(lemma, pos, cls, None if req == "-" else req,
                  frozenset() if flags == "-" else frozenset(flags.split(",")))
        out.setdefault(lemma, []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: r.requires is None)
    return out


def candidates(tok: Token) -> list[Row]:
    """Lexicon rows for the token's lemma or (in title case headlines) its surface form."""
    lex = lexicon()
    keys = [tok.lemma_.lower(), tok.lower_]
    if tok.lower_.endswith("s") and headline_word(tok):  # "Beheads": a verb in a title-case headline
        keys += [tok.lower_[:-n] for n, end in ((1, "s"), (2, "es")) if tok.lower_.endswith(end)]
    if tok.tag_ in INFLECTED:
        keys += stems(tok.lower_)  # the lemmatiser's slips: 'raped' -> 'rap'
    for key in keys:
        if key in lex:
            rows = [r for r in lex[key] if tok.pos_ in POS[r.pos]]
            return rows or (lex[key] if headline_word(tok) else [])
    return []


INFLECTED = frozenset({"VBD", "VBN", "VBG", "VBZ"})
ENDINGS = (("ied", ("y",)), ("ed", ("e", "")), ("ing", ("e", "")), ("es", ("", "e")), ("s", ("",)))


def stems(word: str) -> list[str]:
    """Base forms an inflected verb may have by the spelling rules ('raped' -> 'rape', 'rap';
    'robbed' -> 'rob'), for a lemma the model got wrong."""
    for end, repl in ENDINGS:
        if word.endswith(end) and len(word) > len(end) + 2:
            base = word[: -len(end)]
            out = [base + r for r in repl]
            if len(base) > 2 and base[-1] == base[-2]:
                out.append(base[:-1])  # 'robbed', 'gunning'
            return out
    return []


def verb_rows(tok: Token) -> list[Row]:
    """The lexicon's verb rows for the token's word ('Arrest', 'Arrests', 'Rescue')."""
    lex = lexicon()
    low = tok.lower_
    for key in (tok.lemma_.lower(), low, low.removesuffix("s")):
        rows = [r for r in lex.get(key, []) if r.pos == "V"]
        if rows:
            return rows
    return []


def headline_verb(tok: Token) -> bool:
    """'Honduras Police Arrest Suspected MS13 Leader', 'Troops Rescue 40 Villagers': in a
    title-case headline, a word the tagger took for a noun standing between a named subject and
    its object (a number or another capitalised word that is no verb itself)."""
    doc = tok.doc
    if tok.pos_ not in ("NOUN", "PROPN") or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    prev, nxt = doc[tok.i - 1], doc[tok.i + 1]
    if tok.is_title:
        if not (prev.is_title and prev.pos_ in ("PROPN", "NOUN")) or not title_line(tok):
            return False
    elif not lower_headline_verb(tok, prev):
        return False
    objectlike = nxt.is_title if tok.is_title else nxt.pos_ in ("NOUN", "PROPN", "ADJ", "DET")
    if not (nxt.like_num or objectlike and nxt.pos_ not in ("ADP", "CCONJ")):
        return False
    return not verb_rows(nxt) and bool(verb_rows(tok))


def infinitive_noun(tok: Token) -> bool:
    """'used drones to bomb positions': a word after 'to' that the tagger took for a noun."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and bool(verb_rows(tok))


def lower_headline_verb(tok: Token, prev: Token) -> bool:
    """'Gangs loot hospital': in a sentence-case headline (the first line), a bare word after a
    plural subject."""
    if tok.tag_ not in ("NN", "VBP") or prev.tag_ not in ("NNS", "NNPS") \
            or tok.lower_ != tok.lemma_.lower():
        return False
    return not any("\n" in t.text for t in tok.doc[:tok.i])  # the first line


def title_line(tok: Token) -> bool:
    """Whether the tok's line is in title case (most of its longer words capitalised)."""
    doc = tok.doc
    breaks, known = doc.user_data.get("kg_title_lines") or doc.user_data.setdefault(
        "kg_title_lines", ([t.i for t in doc if "\n" in t.text], {}))  # once per Doc
    k = bisect_left(breaks, tok.i)  # the line runs between the breaks before and after tok
    lo = breaks[k - 1] + 1 if k else 0
    k += 1 if k < len(breaks) and breaks[k] == tok.i else 0
    hi = breaks[k] - 1 if k < len(breaks) else len(doc) - 1
    if (lo, hi) not in known:
        long_words = [t for t in doc[lo:hi + 1] if t.is_alpha and len(t) > 3]
        known[lo, hi] = len(long_words) >= 3 and \
            sum(t.is_title for t in long_words) >= 0.8 * len(long_words)
    return known[lo, hi]


def headline_word(tok: Token) -> bool:
    """A capitalised word inside a sentence, as in headlines, whose tag may be wrong."""
    return tok.is_title and tok.pos_ in ("NOUN", "PROPN", "VERB") and tok.i != tok.sent.start


def has_word(tok: Token, word: str) -> bool:
    """Whether the required word hangs from tok, close beside it ("air strikes", "use of weapons")."""
    dep, _, word = word.rpartition(":")
    if dep:
        return any(c.dep_ == dep and c.lemma_.lower() == word for c in tok.children)
    lo, hi = tok.i - WINDOW[0], tok.i + WINDOW[1]
    near = [*tok.subtree, tok.head]  # the head too: "set fire" parsed as 'set' modifying 'fire'
    return any((t.lemma_.lower() == word or t.lower_ == word) and lo <= t.i <= hi
               for t in near if t.i != tok.i)


def excluded(tok: Token, index: EntityIndex, as_verb: bool = False) -> bool:
    """Modifiers ("death toll"), idioms ("under attack") and words inside multi-word names."""
    if not as_verb and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and not tok.is_title \
            and tok.tag_ != "VBG" \
            and not held(tok.head):  # "killing scores of terrorists" misparsed as a compound
        return True
    if is_according_to(tok):
        return True
    if tok.lemma_.lower() in words()["idiom_before"].get(before(tok), []):
        return True
    key = index.at(tok)
    return key is not None and index.kinds.get(key) in ("Actor", "Faction", "Place")


def held(tok: Token) -> bool:
    """Whether a noun is what a light verb did ('held a protest procession', 'staged a protest
    sit-in', 'a sit-in was held'): a trigger modifying it names the event, not a kind of thing."""
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in words()["light_verbs"]


def refine(tok: Token, cls: str) -> str:
    """A call for retaliation or jihad is a Threat, not an Appeal."""
    if cls != "Appeal":
        return cls
    objects = [t for c in tok.children if c.dep_ == "dobj" or c.lower_ in ("for", "to")
               for t in (c, *c.children) if t.dep_ in ("pobj", "dobj")]  # not "probe into the attack"
    if any(o.lemma_.lower() in words()["threat_objects"] or o.lower_ in words()["threat_objects"]
           for o in objects):
        return "Threat"
    return cls


def before(tok: Token) -> str:
    """The lower-case word just before tok."""
    return tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""


def fits_flags(tok: Token, flags: frozenset[str], index: EntityIndex) -> bool:
    """Whether the token's syntax allows the row: no object, no that-clause, a named object."""
    deps = {c.dep_ for c in tok.children}
    if "intransitive" in flags and (deps & {"dobj", "ccomp"} or any(
            c.dep_ == "xcomp" and not purpose(c) for c in tok.children)):
        return False
    if "concrete_object" in flags and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words()["abstract_objects"]
            for c in tok.children):
        return False
    quantities = frozenset(words()["quantity_nouns"])
    if "physical_object" in flags and not only_targets(tok, quantities):
        return False  # 'destroyed the bridge', 'crops'; not 'the plan', 'hopes', 'evidence'
    if "target_object" in flags and not struck_target(tok, quantities):
        return False  # 'struck a hospital', 'a convoy'; not 'a deal', 'a chord', 'a balance'
    if "target_object" in flags and ("agent" in deps and means_class(tok) is None
                                     or natural(subjects_of(tok))):
        return False  # 'struck by a missile'; not 'by a truck', 'an earthquake struck the region'
    if "no_clause" in flags and "ccomp" in deps:
        return False
    if "infinitive" in flags and "xcomp" not in deps:
        return False
    if "no_money" in flags and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words()["money_nouns"]
                                   for c in tok.children):
        return False  # "demanded a ransom", "a ransom had been demanded": extortion, not an appeal
    if "protester_subject" in flags and not any(protesters(s) for s in subjects_of(tok)):
        return False
    if "protester_object" in flags and not any(
            protesters(c) or c.lemma_.lower() in words()["gathering_nouns"]
            for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
        return False  # 'police dispersed the sit-in', 'the crowd', not 'the rebels dispersed'

    if "person_object" in flags:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.dep_ == "acl":
            objs.append(tok.head)  # "279 schoolgirls seized from a school"
        people = set(words()["displaced_nouns"]) | set(words()["captive_nouns"])
        if not any(o.lemma_.lower() in people or o.lower_ in people
                   or index.kinds.get(index.at(o)) == "Actor" for o in objs):
            return False
    if "civilian_subject" in flags:
        subj = subjects_of(tok)
        if tok.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in tok.children):
            subj = [c for c in tok.head.children if c.dep_ == "dobj"] or subj  # "forced X to flee"
        if not any(s.lemma_.lower() in words()["displaced_nouns"] or s.like_num
                   or index.classes.get(index.at(s)) in words()["displaced_classes"] for s in subj):
            return False
    if "no_death" in flags and (tok.head.lemma_.lower() in DEATH_WORDS or any(
            t.lemma_.lower() in DEATH_WORDS | AIMLESS for c in tok.children for t in (c, *c.children))
            or any(partitive(c) for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))):
        return False  # "shot dead", "shot and killed", "shot into the air", "15 killed, most of them shot"
    if "with_weapon" in flags and means_class(tok) is None:
        return False  # 'the air force targeted', 'artillery fire'; not 'targeted voters'
    if "party_object" in flags:
        objs = [t for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp") for t in c.subtree]
        return any(index.kinds.get(index.at(t)) in ("Actor", "Faction") for t in objs)
    return True


COPULAS = frozenset({"be", "have", "become", "prove", "seem"})


def purpose(clause: Token) -> bool:
    """Whether a verb's open clause tells what it was done for ('demonstrated to demand wages',
    'marched demanding jobs'), not what it showed ('demonstrated to be safe', 'demonstrate
    deepening divides')."""
    if clause.lemma_.lower() in COPULAS:
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) \
        or any(r.cls in ("Appeal", "Protest") for r in verb_rows(clause))


def protesters(tok: Token) -> bool:
    """Whether a subject or object names people who may protest: protesters, residents, 'dozens
    of nurses', any group of people named by a plural common noun that is not an armed party nor a
    perpetrator ('merchants', 'relatives', 'citizens'; not 'gunmen', 'soldiers', 'robbers')."""
    from kg.extract.parties import unnamed_party

    lex = words()
    if tok.lemma_.lower() in lex["protester_nouns"] or tok.lower_ in lex["protester_nouns"]:
        return True
    if tok.lemma_.lower() in lex["quantity_nouns"] or tok.like_num:
        return any(protesters(g) for c in tok.children if c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj")  # 'dozens of demonstrators'
    party = unnamed_party(tok) if tok.tag_ in ("NNS", "NNPS") else None
    return party is not None and party.cls not in lex["armed_classes"] \
        and tok.lemma_.lower() not in lex["perpetrator_nouns"] \
        and party.cls in ("Faction", "Community")


def partitive(tok: Token) -> bool:
    """'most of them', 'many of whom': victims already told of, described again."""
    return tok.lower_ in ("most", "many", "some", "all", "several", "half") and any(
        c.lower_ == "of" and any(g.lower_ in ("them", "whom") for g in c.children) for c in tok.children)


def subjects_of(tok: Token) -> list[Token]:
    """The subject of the verb, or of the clause it is conjoined to or hangs from."""
    holder = tok
    while "nsubj" not in {c.dep_ for c in holder.children} and \
            holder.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep") and holder.head.i != holder.i:
        holder = holder.head
    return [c for c in holder.children if c.dep_ == "nsubj"]


def find(doc: Doc, index: EntityIndex) -> list[Trigger]:
    """Every trigger token in the document, in order, at most one class each."""
    out = []
    for tok in doc:
        rows = candidates(tok)
        if not rows:
            continue
        to_verb = infinitive_noun(tok)
        as_verb = to_verb or headline_verb(tok)
        if excluded(tok, index, as_verb):
            continue
        if as_verb:
            rows = verb_rows(tok)
        for row in rows:
            if not fits_flags(tok, row.flags, index):
                continue
            if row.requires is None or has_word(tok, row.requires):
                flags = row.flags
                if as_verb or tok.pos_ not in POS[row.pos]:
                    flags = flags | {"headline"} | ({"to_verb"} if to_verb else set())
                cls = words()["idiom_class"].get(f"{before(tok)} {tok.lemma_.lower()}", row.cls)
                out.append(Trigger(tok, refine(tok, cls), frozenset(flags)))
                break
    return out
