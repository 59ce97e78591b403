"""Event arguments from the dependency parse: agent, target, place and count of a trigger."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.counts import one_victim, summed, toll_count
from kg.extract.event_parties import EntityIndex, entities_of, words
from kg.extract.numbers import Count, find_count, months

PARTY = ("Actor", "Faction")
ACTING = ("Actor", "Faction", "Country")  # a state acts through its country's name
PLACE = ("Place",)
CLAUSES = {"advcl", "ccomp", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj"}
NOUNS = ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
FAR_SUBJECT = 12  # tokens between a subject and its verb beyond which the parse is doubtful


def is_passive(verb: Token) -> bool:
    """Whether the verb is in the passive voice (or a past participle modifying a noun, or one
    sharing a passive verb's subject: 'was shot and killed', 'were reported killed')."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ in ("dobj", "nsubj") for c in verb.children):
        return False
    return verb.dep_ == "acl" or (verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i
                                  and verb.head.pos_ == "VERB" and is_passive(verb.head))


def passive_subjects(verb: Token) -> list[Token]:
    """What a passive verb happened to: its own subject, or the one it shares ('1 officer was
    shot and killed', '12 fighters were reported killed')."""
    while not child(verb, "nsubjpass") and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    return child(verb, "nsubjpass")


def child(tok: Token, *deps: str) -> list[Token]:
    """Children of tok with one of these dependency labels."""
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: list[str]) -> list[Token]:
    """Objects of tok's prepositions among `preps` ("by X", "of X"), with their conjuncts."""
    out = []
    for p in child(tok, "prep", "agent"):
        if p.lower_ in preps:
            for obj in child(p, "pobj", "pcomp"):
                if "\n\n" not in tok.doc[min(p.i, obj.i): max(p.i, obj.i) + 1].text:
                    out += [obj, *obj.conjuncts]  # not across a blank line (headline, body)
    return out


def agent_heads(trig: Token, cls: str, patient: bool, flags: frozenset = frozenset(),
                depth: int = 0) -> list[Token]:
    """Noun heads naming who did it; in a clash both sides ("X clashed with Y", "fighting
    between X and Y")."""
    out = doer_heads(trig, cls, patient, flags, depth)
    if cls == "Clash":
        out += [t for t in prep_objects(trig, ["with", "between", "against"]) if t not in out]
    return out


def doer_heads(trig: Token, cls: str, patient: bool, flags: frozenset = frozenset(),
               depth: int = 0) -> list[Token]:
    """Noun heads naming who did it."""
    if depth > 3:
        return []
    if trig.pos_ in ("VERB", "AUX", "ADJ"):
        return verb_agents(trig, patient, depth)
    if "to_verb" in flags:  # "the CJNG used drones to bomb positions": who used them
        verb = next((a for a in trig.ancestors if a.pos_ == "VERB"), None)
        return verb_agents(verb, False, depth + 1) if verb is not None else []
    if "headline" in flags:
        return [t for t in trig.doc[max(trig.sent.start, trig.i - 3): trig.i] if t.pos_ == "PROPN"]
    out = prep_objects(trig, words()["agent_preps"])
    if cls not in words()["patient_classes"]:
        out += child(trig, "poss")

    if cls == "Agreement":
        out += prep_objects(trig, words()["agreement_preps"])
    for acl in child(trig, "acl", "amod"):
        if acl.lemma_.lower() in words()["lead_verbs"]:
            out += prep_objects(acl, ["by"]) + child(acl, "npadvmod", "compound")
    holder = trig.head.head if trig.dep_ == "pobj" else trig
    if not out and holder.lemma_.lower() == "responsibility" and holder.head.pos_ == "VERB":
        out = agent_heads(holder.head, cls, False, depth=depth + 1)  # "claimed responsibility for"
    if not out and trig.dep_ == "pobj" and trig.head.lower_ == "of" and holder.lemma_.lower() == "claim" \
            and holder.pos_ == "NOUN":  # "Islamic State claim of attack", "a claim by X of the attack"
        out = [c for c in child(holder, "compound", "poss") if c.pos_ in ("PROPN", "NOUN")] \
            + prep_objects(holder, ["by"])
    if not out and trig.dep_ in ("dobj", "nsubjpass", "oprd") and \
            trig.head.lemma_.lower() in words()["light_verbs"]:
        out = agent_heads(trig.head, cls, False, depth=depth + 1)
    if not out and (trig.dep_ == "conj" or trig.head.lower_ == "of"):
        holder = trig.head.head if trig.dep_ == "pobj" else trig.head
        if holder.dep_ in ("dobj",) and holder.head.lemma_.lower() in words()["light_verbs"]:
            out = agent_heads(holder.head, cls, False, depth=depth + 1)
    if not out:
        out = blamed(trig)
    if cls == "Agreement" and trig.dep_ == "dobj" and trig.head.lemma_.lower() in words()["light_verbs"]:
        out += verb_agents(trig.head, False, depth + 1)  # "X signed a peace agreement with Y"
    if not out:
        out = setting_doers(trig, cls, depth)
    if cls not in words()["patient_classes"]:  # "ELN bombing", "Russian shelling", "Houthi drone attacks"
        mods = child(trig, "compound", "amod", "nmod")
        mods += [g for m in mods if m.pos_ == "NOUN" for g in child(m, "compound", "amod", "nmod")]
        out += [c for c in mods if (c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "LOC", "FAC"))
                or c.ent_type_ == "NORP"]
    return out


def setting_doers(trig: Token, cls: str, depth: int) -> list[Token]:
    """'Boko Haram fighters killed 12 farmers in an attack': who acted in the clause that an
    event noun is the setting of (not in a passive one: 'were killed in an attack')."""
    prep = trig.head
    if trig.dep_ != "pobj" or prep.lower_ not in ("in", "during") or prep.head.pos_ != "VERB" \
            or is_passive(prep.head) or depth > 2:
        return []
    from kg.extract.triggers import candidates

    rows = candidates(prep.head)  # a doing ('killed 12 in an attack'), not a suffering ('fled in')
    if not rows or any("patient" in r.flags for r in rows):
        return []
    return verb_agents(prep.head, False, depth + 1)


def blamed(trig: Token) -> list[Token]:
    """'blamed the ELN for the attack', 'the cartel has been blamed for the murders'."""
    prep = trig.head
    if trig.dep_ != "pobj" or prep.lower_ not in ("for", "of"):
        return []
    verb = prep.head
    if verb.lemma_.lower() not in words()["blame_verbs"]:
        return []
    return child(verb, "nsubjpass") if is_passive(verb) else child(verb, "dobj")


def verb_agents(verb: Token, patient: bool, depth: int) -> list[Token]:
    """Agents of a verbal trigger; where the doer is itself an event ("an air strike killed 12",
    "Yemen strike kills 12"), that event's agents (not the place that names it)."""
    from kg.extract.triggers import candidates

    out = []
    for t in _verb_agents(verb, patient, depth):
        rows = candidates(t) if t.pos_ == "NOUN" and depth < 3 else []
        out += agent_heads(t, rows[0].cls, False, depth=depth + 1) if rows else [t]
    return out


def _verb_agents(verb: Token, patient: bool, depth: int) -> list[Token]:
    """Agents of a verbal trigger: subject, by-phrase, or inherited from the governing clause."""
    if is_passive(verb):
        return prep_objects(verb, ["by"]) or encounter_party(verb) or when_doer(verb)
    if patient:  # "a man was shot dead by police": the doer of the verb 'dead' completes
        held = verb.head if verb.dep_ in ("acomp", "oprd", "xcomp") else None
        return prep_objects(held, ["by"]) if held is not None and is_passive(held) else []
    subj = [s for s in child(verb, "nsubj") if s.i < verb.i or s.pos_ == "PRON"]
    if subj:
        if subj[0].lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return [verb.head, *verb.head.conjuncts]
        nearest = max((s.i for s in subj if s.i < verb.i), default=verb.i)  # not a dateline's
        if verb.i - nearest > FAR_SUBJECT and adjacent_np(verb, -1):
            return adjacent_np(verb, -1)  # run-on text: the near noun is the likelier doer
        first = max(subj, key=lambda s: s.i if s.i < verb.i else -1)  # not a dateline's
        return [first, *first.conjuncts]
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "accused X of killing"
        holder = verb.head.head
        if holder.pos_ in ("NOUN", "PROPN", "PRON"):
            return [holder]
        return child(holder, "dobj")
    if verb.dep_ in ("acl",) and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        return verb_agents(verb.head, False, depth + 1)
    return adjacent_np(verb, -1)  # text that lost its punctuation parses badly: "... ISIL beheaded"


def patient_subjects(verb: Token) -> list[Token]:
    """Who a patient verb happens to: its subject, or the object of the verb that controls it
    ('forced 600 residents to flee')."""
    subj = child(verb, "nsubj")
    if not subj and verb.dep_ in ("xcomp", "oprd"):  # "leaving three guerrillas dead"
        subj = child(verb.head, "dobj")
    if not subj and verb.dep_ in ("acomp", "oprd", "xcomp") and is_passive(verb.head):
        subj = child(verb.head, "nsubjpass")  # "two people were shot dead"
    if not subj and verb.dep_ == "amod":  # "leaving 18 militants dead" parsed as 'dead militants'
        subj = [verb.head]
    return subj


def when_doer(verb: Token) -> list[Token]:
    """'were killed (and three injured) when Maoists triggered an IED blast': the doer of the
    when-clause."""
    for c in [c for v in (verb, *child(verb, "conj")) for c in child(v, "advcl")]:
        if any(m.lower_ == "when" for m in c.children) and (
                c.lemma_.lower() in words()["light_verbs"] or is_trigger(c)):  # "when the RSF shelled"
            return [s for s in child(c, "nsubj") for s in (s, *s.conjuncts)]
    return []


def is_trigger(tok: Token) -> bool:
    """Whether the token is an event word of the lexicon."""
    from kg.extract.triggers import candidates

    return bool(candidates(tok))


def encounter_party(verb: Token) -> list[Token]:
    """'was killed in an encounter with SFs': the other side of the fight the victim died in."""
    out = []
    for enc in prep_objects(verb, ["in", "during"]):
        if enc.lemma_.lower() in words()["encounter_nouns"]:
            out += prep_objects(enc, ["with"])
    return out


def prefer_person(keys: tuple[str, ...], index: EntityIndex) -> tuple[str, ...]:
    """'Sudan's army chief Abdel Fattah al-Burhan called': the person acts, not the country
    named in the title."""
    if any(index.kinds.get(k) == "Actor" for k in keys):
        return tuple(k for k in keys if index.kinds.get(k) != "Place")
    return keys


NP_RUN = ("DET", "NUM", "ADJ", "NOUN", "PROPN")


def adjacent_np(tok: Token, step: int) -> list[Token]:
    """The head of the noun phrase standing right before (-1) or after (+1) tok, if any."""
    doc, run = tok.doc, []
    i = tok.i + step
    while step > 0 and i < len(doc) and doc[i].lower_ in words()["count_lead"] and i - tok.i < 4:
        i += step  # "killed at least 53 people", "abducted more than 39 students"
    while 0 <= i < len(doc) and doc[i].sent == tok.sent and doc[i].pos_ in NP_RUN and len(run) < 5:
        run.append(doc[i])
        i += step
    nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return []
    return [nouns[0] if step < 0 else nouns[-1]]


def target_heads(trig: Token, cls: str, patient: bool,
                 flags: frozenset = frozenset()) -> list[Token]:
    """Noun heads naming who or what it was done to."""
    out: list[Token] = []
    if "headline" in flags:  # "ISIL Beheads 8 Syria Militants": a verb the tagger took for a noun
        return adjacent_np(trig, 1)
    if trig.pos_ in ("VERB", "AUX", "ADJ"):
        if is_passive(trig):
            out = passive_subjects(trig) or ([trig.head] if trig.dep_ == "acl" else [])
        elif patient:
            out = patient_subjects(trig)
        else:
            out = child(trig, "dobj") or [s for s in child(trig, "nsubj") if s.i > trig.i] \
                or adjacent_np(trig, 1)
        out += prep_objects(trig, ["on", "against"])
    else:
        out = prep_objects(trig, ["of", "on", "against"])
        if cls in words()["patient_classes"]:
            out += [c for c in child(trig, "compound", "amod", "poss") if c.pos_ in ("PROPN", "PRON")]
    for acl in child(trig, "acl", "advcl", "relcl"):
        if acl.lemma_.lower() in words()["target_verbs"] and acl.lemma_ != trig.lemma_:
            out += child(acl, "dobj")
        if acl.lemma_.lower() in words()["naming_verbs"] and trig.pos_ == "VERB":
            out += prep_objects(acl, ["as"])  # "killed a civilian, identified as X"
    # conjuncts after the head only: in "police fire tear gas, dozens arrested" 'dozens' is
    # conjoined to what comes before it, which is no target
    out = [t for t in out for t in (t, *(c for c in t.conjuncts if c.i > t.i))]
    return [t for t in out if not timeword(t)]


def timeword(tok: Token) -> bool:
    """'On 2 May', 'on Monday': a time, never what an event was done to."""
    return tok.ent_type_ in ("DATE", "TIME") or (tok.is_title and tok.lower_ in months())


def place_heads(trig: Token, targets: list[Token]) -> list[Token]:
    """Tokens under the trigger's (and its object's) locative prepositions."""
    preps = words()["place_preps"]
    out = []
    if trig.pos_ in ("NOUN", "PROPN"):  # "Idlib bombing", "Dima Hasao Bandh"
        out += [t for c in child(trig, "compound", "amod", "nmod") for t in c.subtree]
    for holder in (trig, *targets):
        for p in child(holder, "prep"):
            if p.lower_ in preps:
                out += [t for t in p.subtree if t.dep_ not in CLAUSES or t.pos_ in NOUNS]
    return out


def count_of(trig: Token, targets: list[Token], patient: bool,
             flags: frozenset = frozenset()) -> Count | None:
    """The number of people it happened to: from the target phrase, else the trigger's own."""
    if "headline" in flags:  # "ISIL Beheads 8 Syria Militants"
        return find_count(trig.doc[trig.i + 1: min(trig.sent.end, trig.i + 4)].text)
    holders = list(targets)
    if patient and trig.pos_ in ("VERB", "AUX", "ADJ"):
        holders += patient_subjects(trig)
    holders.append(trig)
    for tok in holders:
        toks = [t for t in tok.subtree if not _in_clause(t, tok)]
        if tok is trig:  # its own modifiers; after it only "kills 7" (a verb tagged as a noun)
            toks = [t for t in toks if t.i <= trig.i] + \
                [t for c in child(trig, "nummod") if c.i > trig.i for t in c.subtree]
        if not toks:
            continue
        found = (summed(tok) if tok is not trig else None) \
            or find_count(phrase_text(tok.doc, toks[0].i, toks[-1].i + 1))
        if found:
            return found
    return toll_count(trig) or one_victim(holders[:-1])


def phrase_text(doc, start: int, end: int) -> str:
    """The text of doc[start:end], with the word after it when that is a month, so that a
    dateline day cut off from its month ("PORT SUDAN, 14 | May") is not read as a count."""
    text = doc[start:end].text
    if end < len(doc) and doc[end].is_title and doc[end].lower_ in months():
        text += " " + doc[end].text
    return text


def _in_clause(t: Token, top: Token) -> bool:
    """Whether t sits inside a clause hanging below `top` (not part of its noun phrase)."""
    while t.i != top.i:
        if t.dep_ in CLAUSES and t.pos_ in ("VERB", "AUX"):
            return True
        if t.dep_ == "prep" and t.lower_ not in ("of", "including", "among"):
            return True
        t = t.head
    return False


def resolve(heads: list[Token], index: EntityIndex, kinds: tuple[str, ...],
            preps: tuple[str, ...] = ("of",), make: bool = False,
            people: bool = True) -> tuple[str, ...]:
    """Entity keys for noun heads, in order, without repeats (with `make`, unnamed parties and
    countries named by adjective made as needed; see entities_of)."""
    out: list[str] = []
    for h in heads:
        for k in entities_of(h, index, kinds, preps=preps, make=make, people=people):
            if k not in out:
                out.append(k)
    return tuple(out)


def places_in(tokens: list[Token], index: EntityIndex) -> tuple[str, ...]:
    """Place entities mentioned by these tokens."""
    out: list[str] = []
    for t in tokens:
        k = index.at(t)
        if k and index.kinds.get(k) == "Place" and k not in out:
            out.append(k)
    return tuple(out)


def armed(heads: list[Token], keys: tuple[str, ...], index: EntityIndex) -> bool:
    """Whether what an attack was done to is an armed party ('soldiers', 'the M23', 'a police
    patrol') or its post ('army positions', 'a checkpoint', 'a military vehicle')."""
    from kg.extract.parties import unnamed_party

    if any(index.classes.get(k) in words()["armed_classes"] for k in keys):
        return True
    for h in heads:
        for t in (h, *(c for c in h.children if c.dep_ in ("compound", "amod", "nmod"))):
            party = unnamed_party(t) if t.pos_ in ("NOUN", "PROPN") else None
            if (party and party.cls in words()["armed_classes"]) \
                    or t.lemma_.lower() in words()["military_targets"]:
                return True
    return False
