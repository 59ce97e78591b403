"""Parsing in a forked worker process: the same graph as parsing in-process, and failures said."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import iris, store
from kg.config import SEEDS_DIR
from kg.errors import ParseError
from kg.nlp import get_nlp
from kg.parse import WORKER_MIN_TEXTS, parse, use_worker
from kg.pipeline import build
from kg.vocab import PROV

ROOT = Path(__file__).resolve().parent
ARTICLES = [*sorted(SEEDS_DIR.glob("*.txt")), *sorted((ROOT / "data/dev2/articles").glob("*.txt"))]


def graph(directory: Path) -> set:
    """The article and Wikidata graphs (the ontology's blank nodes differ from load to load)."""
    return {q for q in store.open_for_reading(directory)
            if q.predicate != PROV.endedAtTime and q.graph_name != iris.ONTOLOGY_GRAPH}


def test_a_build_parsed_in_a_worker_is_the_same_graph(tmp_path):
    assert len(ARTICLES) >= WORKER_MIN_TEXTS  # as many as a build would send to the worker
    paths = [str(p) for p in ARTICLES]
    apart = build(paths, tmp_path / "worker", parse_worker=True)
    inline = build(paths, tmp_path / "inline", parse_worker=False)
    assert apart.articles == inline.articles == len(ARTICLES)
    assert (apart.entities, apart.events, apart.claims) == (inline.entities, inline.events,
                                                            inline.claims)
    assert apart.triples > 5000
    assert graph(tmp_path / "worker") == graph(tmp_path / "inline")


def test_docs_from_the_worker_carry_what_extraction_reads():
    nlp = get_nlp()
    text = ARTICLES[0].read_text(encoding="utf-8")
    (here,) = nlp.pipe([text])
    (there,) = list(parse(nlp, [text], worker=True))
    assert there.text == here.text
    for a, b in zip(here, there, strict=True):
        assert (a.lemma_, a.pos_, a.tag_, a.dep_, a.head.i, str(a.morph), a.ent_type_, a.ent_id_,
                a.is_sent_start, a.whitespace_) == (
                b.lemma_, b.pos_, b.tag_, b.dep_, b.head.i, str(b.morph), b.ent_type_, b.ent_id_,
                b.is_sent_start, b.whitespace_)
    assert [(e.text, e.label_, e.id_) for e in here.ents] == [(e.text, e.label_, e.id_)
                                                              for e in there.ents]


def test_an_error_in_the_worker_is_raised_here_with_its_reason():
    docs = parse(get_nlp(), ["A short one.", "x" * 1_000_001], worker=True)
    try:
        with pytest.raises(ParseError, match="E088"):  # spaCy's own "text too long"
            list(docs)
    finally:
        docs.close()


def test_a_worker_that_dies_is_an_error_not_a_short_build():
    docs = parse(get_nlp(), [f"Gunmen killed {n} people in Aleppo." for n in range(3000)],
                 worker=True)
    try:
        next(docs)
        docs.process.kill()
        with pytest.raises(ParseError, match="stopped before it finished"):
            list(docs)
    finally:
        docs.close()


def test_closing_early_stops_the_worker():
    docs = parse(get_nlp(), ["Rebels shelled the town."] * 500, worker=True)
    process = docs.process
    next(docs)
    docs.close()
    assert not process.is_alive()
    assert docs.process is None


def test_few_texts_or_the_switch_keep_parsing_here(monkeypatch):
    assert not use_worker(WORKER_MIN_TEXTS - 1)
    monkeypatch.setenv("KG_PARSE_WORKER", "0")
    assert not use_worker(1000)
    docs = parse(get_nlp(), ["One.", "Two."])
    assert docs.process is None and [d.text for d in docs] == ["One.", "Two."]
