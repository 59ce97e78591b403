"""N-Quads shards: one partition of articles extracted into one file, written atomically.

A shard is what one task of a distributed build (kg.distributed) makes from a partition of
articles, with the embedded build's own functions (kg.pipeline): `<name>.nq` holds each
article's named graph followed by the shared Wikidata-graph quads that article brought, in
input order, and `<name>.json` (written last, so its presence means the shard is complete)
lists each article's graph with the entity nodes whose label is still to be settled against
the other articles (`kg.pipeline.settle_labels`), which only the load step can see
(kg.load). Labels are the article's own in the shard; everything else is final.

A shard's name carries a digest of its articles' keys and contents, so a re-run of the same
input finds the complete shards and skips them, and a changed input gets new shards.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse, serialize

from kg import iris, rdf
from kg.errors import StoreError
from kg.extract import extract
from kg.link import link
from kg.model import Article
from kg.nlp import get_nlp, model_name
from kg.parse import parse as parse_texts
from kg.pipeline import settle_labels

MANIFEST = "manifest.json"


@dataclass
class Counts:
    """What one shard holds: the only thing a task returns."""

    name: str
    articles: int = 0
    triples: int = 0
    entities: int = 0
    events: int = 0
    claims: int = 0


@dataclass
class ArticleGraph:
    """One article as read back from a shard: its graph, quads, shared quads, nodes to settle."""

    graph: NamedNode
    quads: list[Quad] = field(default_factory=list)
    shared: list[Quad] = field(default_factory=list)
    settle: list[NamedNode] = field(default_factory=list)


class Asked:
    """Stands in for kg.pipeline.Labels in a task: notes which nodes settle_labels asks about."""

    def __init__(self) -> None:
        self.nodes: list[NamedNode] = []

    def elsewhere(self, node: NamedNode, graph: NamedNode) -> None:
        """Nothing is known elsewhere yet (the load step settles); remember the question."""
        self.nodes.append(node)


def shard_name(index: int, articles: list[Article]) -> str:
    """The shard's file stem: its position and a digest of what its articles are."""
    h = hashlib.sha256()
    for a in articles:
        h.update(f"{a.key}\x1f{a.checksum}\n".encode())
    return f"part-{index:05d}-{h.hexdigest()[:12]}"


def partitions(articles: list[Article], size: int) -> list[tuple[str, list[Article]]]:
    """The articles in input order, cut into named partitions of at most `size`."""
    if size < 1:
        raise ValueError("a partition holds at least one article")
    parts = [articles[i:i + size] for i in range(0, len(articles), size)]
    return [(shard_name(n, part), part) for n, part in enumerate(parts)]


def is_complete(directory: Path, name: str) -> bool:
    """Whether a shard was written to the end (its .json comes last)."""
    return (Path(directory) / f"{name}.json").is_file() and (Path(directory) / f"{name}.nq").is_file()


def build_shard(articles: list[Article], directory: str, name: str, online: bool = False) -> Counts:
    """Extract a partition into shard `name` under `directory`, as kg.pipeline.build would.

    The model is the process's own (kg.nlp.get_nlp, loaded once per worker process).
    """
    nlp = get_nlp()
    model = model_name(nlp)
    counts, quads, index = Counts(name), [], []
    docs = parse_texts(nlp, [a.text for a in articles], False)
    try:
        for doc, a in zip(docs, articles, strict=True):
            x, shared = link(extract(doc, a), online=online)
            asked = Asked()
            x = settle_labels(None, x, asked)
            graph = iris.article_graph(a.key)
            mine = list(rdf.article_quads(x, model))
            quads += mine
            quads += shared
            index.append([graph.value, sorted({n.value for n in asked.nodes})])
            counts.articles += 1
            counts.triples += len(mine)
            counts.entities += len(x.entities)
            counts.events += len(x.events)
            counts.claims += len(x.claims)
    finally:
        docs.close()
    write_shard(Path(directory), name, quads, {"articles": index, "counts": asdict(counts)})
    return counts


def _atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_shard(directory: Path, name: str, quads: list[Quad], index: dict) -> None:
    """Write the shard's quads, then its index: each under a temporary name, then renamed."""
    directory.mkdir(parents=True, exist_ok=True)
    _atomic(directory / f"{name}.nq", serialize(quads, format=RdfFormat.N_QUADS))
    _atomic(directory / f"{name}.json", json.dumps(index).encode())


def write_manifest(directory: Path, names: list[str]) -> None:
    """Record which shards, in which order, make up the build in `directory`."""
    _atomic(Path(directory) / MANIFEST, json.dumps({"shards": names}, indent=1).encode())


def shard_files(paths: list[str]) -> list[Path]:
    """The shards to load, in order: files as given; a folder's by its manifest, else by name."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            manifest = p / MANIFEST
            if manifest.is_file():
                out += [p / f"{n}.nq" for n in json.loads(manifest.read_text())["shards"]]
            else:
                out += sorted(p.glob("*.nq"))
        elif p.suffix == ".json":
            out.append(p.with_suffix(".nq"))
        else:
            out.append(p)
    for f in out:
        if not is_complete(f.parent, f.stem):
            raise StoreError(f"{f}: not a complete kg shard (its .nq and .json are both needed)")
    return out


def read_shard(path: Path) -> Iterator[ArticleGraph]:
    """A shard's articles in order, each with its graph, shared quads and nodes to settle."""
    index = json.loads(path.with_suffix(".json").read_text())["articles"]
    by_graph = {g: ArticleGraph(NamedNode(g), settle=[NamedNode(n) for n in nodes])
                for g, nodes in index}
    current = None
    try:
        for q in parse(path=str(path), format=RdfFormat.N_QUADS):
            if q.graph_name == iris.WIKIDATA_GRAPH:
                current.shared.append(q)
                continue
            if current is None or q.graph_name != current.graph:
                current = by_graph[q.graph_name.value]
            current.quads.append(q)
    except (SyntaxError, KeyError, AttributeError) as err:
        raise StoreError(f"{path}: not a kg shard ({err})") from None
    yield from by_graph.values()
