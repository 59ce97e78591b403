"""The benchmark runs end to end on a tiny corpus and writes the expected tables (no timings asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is not an installed package; `pytest` alone may not see it
    sys.path.insert(0, str(ROOT))

from bench import bigstore, corpus
from bench.run import SIZES


def test_corpus_is_reproducible_and_realistic():
    a, b = corpus.generate(12), corpus.generate(12)
    assert [x.text for x in a] == [x.text for x in b]
    generated = [x for x in a if x.key.startswith("https://bench.example.org/")]
    assert generated and len({x.key for x in a}) == len(a)
    for x in generated:
        headline, body = x.text.split("\n\n", 1)
        assert headline == x.title and re.match(r"^[A-Z' .-]+, [A-Za-z ]+ \(", body)
        assert body.count(". ") + 1 >= 4 and x.date and x.publisher
    assert set(SIZES) == {"tiny", "small", "medium", "large"}


def test_renamed_copies_keep_shared_entities():
    from pyoxigraph import NamedNode

    art = NamedNode("https://w3id.org/newskg/id/article/abcd/text#char=0,5")
    graph = NamedNode("https://w3id.org/newskg/graph/article/abcd")
    place = NamedNode("https://w3id.org/newskg/id/place/sy/homs")
    assert bigstore.renamed(art, 3).value == "https://w3id.org/newskg/id/article/abcdc3/text#char=0,5"
    assert bigstore.renamed(graph, 3).value == "https://w3id.org/newskg/graph/article/abcdc3"
    assert bigstore.renamed(place, 3) == place


def test_a_store_bigger_than_asked_gives_whole_articles_up_to_the_size():
    from pyoxigraph import Literal, NamedNode, Quad

    p = NamedNode("https://example.org/p")
    quads = [Quad(p, p, Literal(str(i)), NamedNode(f"https://w3id.org/newskg/graph/article/a{i // 3}"))
             for i in range(30)]  # ten articles of three quads
    assert len(bigstore.whole_graphs(quads, 7)) == 9  # three whole articles
    assert len({q.graph_name for q in bigstore.whole_graphs(quads, 6)}) == 2
    assert bigstore.whole_graphs(quads, 100) == quads


@pytest.fixture(scope="module")
def tiny_report(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("bench") / "report.md"
    done = subprocess.run([sys.executable, "bench/run.py", "--size", "tiny", "--out", str(out),
                           "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    assert done.stdout.strip() == text.strip()
    return text


def rows(text: str, heading: str) -> list[list[str]]:
    """The rows (header first) of the table under a heading."""
    part = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")]
            for line in part.splitlines() if line.startswith("|") and not line.startswith("|---")]


@pytest.mark.parametrize("heading, header, names", [
    ("Ingest", ["ingest", "articles", "words", "seconds", "articles/s", "words/s",
                "x spaCy (best n_process)", "CPU s", "CPU x spaCy"],
     ["bare spaCy nlp.pipe, n_process=1", "bare spaCy nlp.pipe, n_process=2",
      "kg build (parse worker process)", "kg build (one process)"]),
    ("Where the build's time goes", ["build step", "seconds", "share of build", "x spaCy"],
     ["bare spaCy (same texts)", "kg's spaCy components + loop", "store writer (waited)",
      "background thread: write graphs", "quads",
      "snapshots", "extract"]),
    ("Serving /sparql", ["query", "n", "HTTP median ms", "HTTP p99 ms", "in-process median ms",
                         "in-process p99 ms", "x in-process (median)"],
     ["entity lookup", "two-hop join", "aggregate", "text filter", "text regex", "construct"]),
    ("Export (Turtle)", ["triples", "kg s", "kg triples/s", "kg peak RSS MiB", "bare s",
                         "bare triples/s", "bare peak RSS MiB", "x bare (time)", "Turtle MiB"], []),
    ("Scale", ["articles", "triples", "build ms/article", "db on disk MiB", "query median ms",
               "query p99 ms"], ["2", "5"]),
    ("Merged default graph", ["step", "union layout ms", "merged default graph ms",
                              "x union layout"],
     ["kg build (wall)", "write new graphs", "replace graphs", "db on disk (MiB)",
      "query: count all triples (median)", "upgrade an old store (merge_default)"]),
])
def test_report_has_every_table(tiny_report, heading, header, names):
    table = rows(tiny_report, heading)
    assert table[0] == header
    body = table[1:]
    assert body and all(len(r) == len(header) for r in body)
    firsts = [r[0] for r in body]
    for name in names:
        assert name in firsts


def test_figures_are_numbers(tiny_report):
    ingest = rows(tiny_report, "Ingest")[1:]
    assert [r[1] for r in ingest] == ["5", "5", "5", "5"]
    assert all(float(r[3]) > 0 and float(r[7]) > 0 for r in ingest)
    assert min(float(r[6]) for r in ingest[:2]) == 1.0  # the faster bare run is the baseline
    exports = rows(tiny_report, "Export (Turtle)")[1:]
    assert len(exports) == 2 and all(int(r[3]) > 0 for r in exports)
    serving = rows(tiny_report, "Serving /sparql")[1:]
    assert sum(int(r[1]) for r in serving[:-1]) == int(serving[-1][1]) == 12


def test_saved_queries_bench_compares_rows(seed_store, tmp_path, capsys):
    from bench import saved_queries
    from kg.config import QUERIES_DIR

    old = tmp_path / "queries"
    old.mkdir()
    for path in QUERIES_DIR.glob("*.rq"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "articles":  # an old version that lost its claims count
            text = text.replace("COALESCE(?claimCount, 0)", "0")
        (old / path.name).write_text(text, encoding="utf-8")
    saved_queries.main([str(seed_store), "--against", str(old)])
    rows = {line.split(" | ")[0].strip("| "): line for line in capsys.readouterr().out.splitlines()
            if line.startswith("| ") and not line.startswith("| query")}
    assert "wikidata_enrichment" not in rows and len(rows) >= 12
    assert rows["articles"].endswith("| **no** |")
    assert all(line.endswith("| yes |") for name, line in rows.items() if name != "articles")
