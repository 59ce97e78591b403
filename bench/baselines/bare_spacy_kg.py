"""The bare model as a kg stand-in: the floor kg's entities must never fall below.

Speaks the two commands the scorers in ../shared/eval call, and nothing more:

    python bench/baselines/bare_spacy_kg.py build BATCH... --store DIR
    python bench/baselines/bare_spacy_kg.py export --store DIR --format nquads

`build` reads articles as `kg build` does (kg.read), runs the model kg loads with none of kg's
components, and keeps its entities as they are: PERSON -> nkg:Actor, ORG -> nkg:Faction,
GPE/LOC/FAC -> nkg:Place, one entity per distinct (name, class) in an article, labelled with the
name, in one named graph per article. Run a scorer on it with
`--kg ".venv/bin/python bench/baselines/bare_spacy_kg.py"`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import spacy

from kg.config import SPACY_MODEL
from kg.model import Article
from kg.read import read_all
from kg.vocab import DCT, NKG, RDF, RDFS

CLASSES = {"PERSON": "Actor", "ORG": "Faction", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
BASE = "https://w3id.org/newskg/baseline/"
DUMP = "dump.nq"


def article_quads(article: Article, ents: list[tuple[str, str]]) -> Iterator[ox.Quad]:
    """An article's node and its (name, class) entities, in the article's own named graph."""
    ident = hashlib.sha1(article.key.encode()).hexdigest()[:16]
    graph = ox.NamedNode(f"{BASE}graph/{ident}")
    node = ox.NamedNode(f"{BASE}article/{ident}")
    yield ox.Quad(node, RDF.type, NKG.Article, graph)
    yield ox.Quad(node, DCT.source, ox.Literal(article.url or article.source), graph)
    yield ox.Quad(node, DCT.title, ox.Literal(article.title), graph)
    for n, (name, cls) in enumerate(sorted(set(ents))):
        ent = ox.NamedNode(f"{BASE}article/{ident}/entity/{n}")
        yield ox.Quad(ent, RDF.type, NKG[cls], graph)
        yield ox.Quad(ent, RDFS.label, ox.Literal(name), graph)


def build(paths: list[str], store: Path) -> int:
    """Parse every article with the bare model and write its entities as N-Quads under `store`."""
    articles = read_all(paths)
    nlp = spacy.load(SPACY_MODEL)
    quads: list[ox.Quad] = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        ents = [(e.text, CLASSES[e.label_]) for e in doc.ents if e.label_ in CLASSES]
        quads += article_quads(article, ents)
    store.mkdir(parents=True, exist_ok=True)
    ox.serialize(quads, str(store / DUMP), ox.RdfFormat.N_QUADS)
    print(f"{len(articles)} articles, {len(quads)} quads", file=sys.stderr)
    return 0


def export(store: Path) -> int:
    """Write what `build` stored to standard output."""
    sys.stdout.buffer.write((store / DUMP).read_bytes())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run `build` or `export`."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="parse articles into a store")
    b.add_argument("paths", nargs="+")
    b.add_argument("--store", type=Path, required=True)
    e = sub.add_parser("export", help="write the store as N-Quads")
    e.add_argument("--store", type=Path, required=True)
    e.add_argument("--format", choices=["nquads"], default="nquads")
    args = ap.parse_args(argv)
    return build(args.paths, args.store) if args.command == "build" else export(args.store)


if __name__ == "__main__":
    sys.exit(main())
