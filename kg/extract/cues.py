"""Reporting cues: the verbs and phrases that attribute a statement to a source."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from spacy.tokens import Token

DATA = ("data", "claims")


def read_data(name: str) -> str:
    """A claims data file's text."""
    return (resources.files("kg.extract").joinpath(*DATA, name)).read_text(encoding="utf-8")


@cache
def cue_kinds() -> dict[str, str]:
    """Reporting lemma -> kind (report, accuse, deny, confirm, dispute), from data/claims/cues.tsv."""
    out: dict[str, str] = {}
    for line in read_data("cues.tsv").splitlines()[2:]:
        if line.strip() and not line.startswith("#"):
            lemma, kind = line.split("\t")[:2]
            out[lemma] = kind
    return out


@cache
def wordnet_cues() -> frozenset[str]:
    """Verbs of communication that take a that-clause (data/claims/wordnet_cues.txt, derived
    from WordNet by kg.extract.build_cues): cues where they report a clause."""
    return frozenset(w for w in read_data("wordnet_cues.txt").splitlines() if w and not w.startswith("#"))


@cache
def finding_verbs() -> frozenset[str]:
    """Verbs of cognition or perception that take a that-clause ('find', 'discover', 'determine';
    data/claims/wordnet_findings.txt, from WordNet): cues where a study or a record reports a
    clause ('a poll by X found that ...'), never a person's belief ('he thinks that')."""
    return frozenset(w for w in read_data("wordnet_findings.txt").splitlines() if w and not w.startswith("#"))


@cache
def evidence_nouns() -> frozenset[str]:
    """What research and records are ('study', 'poll', 'survey', 'report'; data/claims/
    evidence_nouns.txt, from WordNet): the subjects a finding verb reports for."""
    return frozenset(w for w in read_data("evidence_nouns.txt").splitlines() if w and not w.startswith("#"))


def is_evidence(tok: Token) -> bool:
    """Whether a token is a common noun for a study or a record ('the survey', 'a report')."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in evidence_nouns()


@cache
def status_words() -> dict:
    """Status cue patterns and word lists (data/claims/status.json)."""
    return json.loads(read_data("status.json"))


def is_according_to(tok: Token) -> bool:
    """Whether tok is 'according' in 'according to X'."""
    return tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children)


def is_cue(tok: Token) -> bool:
    """Whether tok is a reporting verb or the phrase 'according to'."""
    if is_according_to(tok):
        return True
    lemma = tok.lemma_.lower()
    objects = status_words()["object_cues"].get(lemma)
    if objects is None and lemma not in cue_kinds():
        if lemma in finding_verbs():
            return reports_clause(tok) and any(c.dep_ == "nsubj" and is_evidence(c) for c in tok.children)
        return lemma in wordnet_cues() and reports_clause(tok)
    if objects and tok.pos_ == "VERB":  # "put the death toll at 15"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in tok.children)
    if any(c.dep_ == "dobj" and c.lemma_.lower() in status_words()["not_cue_objects"].get(lemma, ())
           for c in tok.children):
        return False  # "claiming the lives of three civilians"
    return tok.pos_ == "VERB" and lemma in cue_kinds()


def reports_clause(tok: Token) -> bool:
    """Whether a verb reports a clause: 'conceded that the count was wrong', '"...," she quipped'."""
    return tok.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in tok.children)


def cue_lemma(tok: Token) -> str:
    """The cue's lemma as written to nkg:cue ('according to' for that phrase)."""
    return "according to" if is_according_to(tok) else tok.lemma_.lower()


def cue_kind(tok: Token) -> str:
    """report, accuse, deny, confirm or dispute."""
    return "report" if is_according_to(tok) else cue_kinds().get(tok.lemma_.lower(), "report")
