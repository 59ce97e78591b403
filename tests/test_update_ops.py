"""SPARQL Update rewritten so the default graph stays the merge of the named graphs (server/update_ops)."""

from __future__ import annotations

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Store

from kg import iris, store
from kg.errors import QueryError
from kg.vocab import PREFIXES
from server.update_ops import prepare

BASE = "http://127.0.0.1:8000/update"
EX = "PREFIX ex: <http://ex/>\n"
MANUAL = iris.MANUAL_GRAPH


def run(db: Store, text: str, **using) -> None:
    """Rewrite an update as /update does, run it, and check the invariant after it."""
    db.update(prepare(text, BASE, **using), base_iri=BASE, prefixes=PREFIXES)
    default = {q.triple for q in db.quads_for_pattern(None, None, None, DefaultGraph())}
    assert default == {q.triple for q in store.named_quads(db)}, text
    assert not [g for g in db.named_graphs() if g.value.startswith("urn:x-kg:")]  # scratch gone


def holders(db: Store, s: str, p: str = "http://ex/p") -> set[str]:
    """The named graphs holding a triple with subject ex:s and predicate ex:p."""
    return {q.graph_name.value for q in db.quads_for_pattern(NamedNode("http://ex/" + s),
                                                             NamedNode(p), None, None)
            if not isinstance(q.graph_name, DefaultGraph)}


@pytest.fixture
def db() -> Store:
    """Two graphs that share ex:a ex:p 1."""
    db = Store()
    run(db, EX + "INSERT DATA { GRAPH <http://g/1> { ex:a ex:p 1 . ex:b ex:p 2 } "
                 "GRAPH <http://g/2> { ex:a ex:p 1 } }")
    return db


def test_insert_data_into_the_default_graph_goes_to_the_manual_graph(db):
    run(db, EX + "INSERT DATA { ex:c ex:p [ ex:q 3 ] }")
    assert holders(db, "c") == {MANUAL.value}


def test_delete_data_from_the_default_graph_deletes_it_everywhere(db):
    run(db, EX + "DELETE DATA { ex:a ex:p 1 }")
    assert holders(db, "a") == set()


def test_delete_from_one_graph_keeps_what_another_holds(db):
    run(db, EX + "DELETE DATA { GRAPH <http://g/1> { ex:a ex:p 1 . ex:b ex:p 2 } }")
    assert holders(db, "a") == {"http://g/2"} and holders(db, "b") == set()


def test_delete_insert_where_with_graph_templates(db):
    run(db, EX + "DELETE { GRAPH ?g { ?s ex:p ?o } } INSERT { GRAPH <http://g/3> { ?s ex:p ?o } } "
                 "WHERE { GRAPH ?g { ?s ex:p ?o } }")
    assert holders(db, "a") == holders(db, "b") == {"http://g/3"}


def test_delete_and_insert_of_one_default_triple(db):
    run(db, EX + "DELETE { ?s ex:p ?o } INSERT { ?s ex:p ?o } WHERE { ?s ex:p ?o }")
    assert holders(db, "a") == holders(db, "b") == {MANUAL.value}


def test_with_and_delete_where(db):
    run(db, EX + "WITH <http://g/1> DELETE { ?s ex:p ?o } INSERT { ?s ex:r ?o } WHERE { ?s ex:p ?o }")
    assert holders(db, "a") == {"http://g/2"} and holders(db, "b", "http://ex/r") == {"http://g/1"}
    run(db, EX + "DELETE WHERE { GRAPH <http://g/2> { ?s ex:p ?o } }")
    assert holders(db, "a") == set()


def test_drop_copy_move_add(db):
    run(db, "COPY <http://g/1> TO <http://g/4> ; MOVE <http://g/4> TO <http://g/5> ; "
            "DROP GRAPH <http://g/1> ; ADD <http://g/5> TO <http://g/6> ; COPY DEFAULT TO <http://g/7>")
    assert holders(db, "b") == {"http://g/5", "http://g/6", "http://g/7"}
    run(db, "CLEAR GRAPH <http://g/5> ; DROP SILENT GRAPH <http://g/6> ; CLEAR GRAPH <http://g/7>")
    assert holders(db, "b") == set() and holders(db, "a") == {"http://g/2"}
    run(db, "CLEAR NAMED")
    assert len(db) == 0


def test_using_parameters_and_relative_iris(db):
    run(db, EX + "INSERT { GRAPH <out> { ?s ex:in ?g } } WHERE { GRAPH ?g { ?s ex:p 2 } }",
        using_named=["http://g/1"])
    assert holders(db, "b", "http://ex/in") == {"http://127.0.0.1:8000/out"}
    run(db, EX + "INSERT { ?s ex:seen true } WHERE { ?s ex:p 2 }", using=["http://g/2"])
    assert holders(db, "b", "http://ex/seen") == set()  # g/2 does not hold ex:b


@pytest.mark.parametrize("text", ["CLEAR DEFAULT", "DROP SILENT DEFAULT", "MOVE DEFAULT TO <http://x>",
                                  "COPY <http://g/1> TO DEFAULT"])
def test_what_would_break_the_merge_is_refused(db, text):
    with pytest.raises(QueryError, match="refused"):
        prepare(text, BASE)


def test_using_parameters_with_a_using_clause_are_refused():
    with pytest.raises(QueryError, match="not both"):
        prepare("INSERT { ?s ?p ?o } USING <http://g/1> WHERE { ?s ?p ?o }", BASE, using=["http://x"])


def test_a_syntax_error_names_the_place_in_the_users_text():
    with pytest.raises(QueryError, match="syntax error"):
        prepare("INSERT DATA { <http://a> <http://b> }", BASE)
    with pytest.raises(QueryError, match="unknown prefix foo:"):
        prepare("INSERT DATA { foo:a <http://b> 1 }", BASE)
