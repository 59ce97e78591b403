"""Parsing in a forked worker process: the same graph as parsing in-process, and failures said."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
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
    return {q for q in store.named_quads(store.open_for_reading(directory))
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


def state(pid: int) -> str | None:
    """The process's state letter (Z: ended, waiting to be reaped), None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return None
    return next(line.split()[1] for line in status.splitlines() if line.startswith("State:"))


def test_the_worker_ends_when_the_build_is_killed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        seed = ARTICLES[i % 5]
        (corpus / f"{i:03d}-{seed.name}").write_text(seed.read_text() + f"\nEdition {i}.\n")
    build_proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--store",
                                   str(tmp_path / "store"), "-q"])
    children = Path(f"/proc/{build_proc.pid}/task/{build_proc.pid}/children")
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers:
        assert time.monotonic() < deadline and build_proc.poll() is None
        workers = [int(p) for p in children.read_text().split()]
        time.sleep(0.05)
    build_proc.send_signal(signal.SIGKILL)
    build_proc.wait()
    deadline = time.monotonic() + 20
    while state(workers[0]) not in (None, "Z"):
        assert time.monotonic() < deadline, "the parse worker outlived the killed build"
        time.sleep(0.1)


def test_few_texts_or_the_switch_keep_parsing_here(monkeypatch):
    assert not use_worker(WORKER_MIN_TEXTS - 1)
    monkeypatch.setenv("KG_PARSE_WORKER", "0")
    assert not use_worker(1000)
    docs = parse(get_nlp(), ["One.", "Two."])
    assert docs.process is None and [d.text for d in docs] == ["One.", "Two."]
