"""kg.store.dump in every format gives back exactly the store's quads, whatever their literals
hold: newlines and " ." inside strings, language tags, datatypes, blank nodes, long graphs whose
lines are cut between two writes of Oxigraph's own dump."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse

from kg import store

EX = "https://example.org/"
FORMATS = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD,
           "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES,
           "rdfxml": RdfFormat.RDF_XML}
TRICKY = [Literal("ends in a dot .\n and goes on ."), Literal('a "quoted" line\r\n .'),
          Literal("مقتل ١٢ شخصاً", language="ar"), Literal("12", datatype=NamedNode(EX + "n")),
          Literal(" .\n" * 50)]


@pytest.fixture
def db(tmp_path):
    """A real on-disk store: two small graphs of tricky literals and blank nodes, one long one."""
    db = store.open_store(tmp_path / "store")
    quads = []
    for n, g in enumerate((NamedNode(EX + "g/1"), NamedNode(EX + "g/2"))):
        b = BlankNode(f"b{n}")
        quads += [Quad(NamedNode(EX + f"s{i}"), NamedNode(EX + "p"), lit, g)
                  for i, lit in enumerate(TRICKY)]
        quads += [Quad(NamedNode(EX + "s0"), NamedNode(EX + "q"), b, g),
                  Quad(b, NamedNode(EX + "p"), Literal(f"in graph {n}"), g)]
    long = NamedNode(EX + "g/long")
    quads += [Quad(NamedNode(EX + f"x{i}"), NamedNode(EX + "p"), Literal(f"line {i} .\n" * 3), long)
              for i in range(5_000)]
    db.extend(quads + [Quad(q.subject, q.predicate, q.object) for q in quads])
    return db


def named(db) -> set[Quad]:
    return {q for g in db.named_graphs() for q in db.quads_for_pattern(None, None, None, g)}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_gives_back_the_store(db, fmt):
    out = io.BytesIO()
    store.dump(db, out, fmt)
    back = set(parse(out.getvalue(), FORMATS[fmt]))
    if fmt in store.DATASET_FORMATS:
        assert back == named(db)
    else:
        default = {Quad(q.subject, q.predicate, q.object)
                   for q in db.quads_for_pattern(None, None, None, DefaultGraph())}
        assert {Quad(t.subject, t.predicate, t.object) for t in back} == default


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_one_graph_in_a_dataset_format_keeps_its_name(db, fmt):
    g = NamedNode(EX + "g/2")
    out = io.BytesIO()
    store.dump(db, out, fmt, g)
    assert set(parse(out.getvalue(), FORMATS[fmt])) == set(db.quads_for_pattern(None, None, None, g))


def test_a_line_cut_anywhere_between_two_writes_still_gets_its_graph():
    lines = b'<https://example.org/s> <https://example.org/p> "a .\\n b ." .\n' * 2
    whole = lines.replace(b" .\n", b" <https://example.org/g> .\n")
    for cut in range(len(lines) + 1):
        out = io.BytesIO()
        writer = store.GraphLines(out, NamedNode(EX + "g"))
        writer.write(lines[:cut])
        writer.write(lines[cut:])
        assert out.getvalue() == whole, cut
