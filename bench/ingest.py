"""Ingest: `kg build` (kg.pipeline.build in-process) against bare spaCy `nlp.pipe`, same texts."""

from __future__ import annotations

import resource
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import spacy

import kg.extract as kg_extract
import kg.parse as kg_parse
from kg import pipeline
from kg.config import SPACY_MODEL
from kg.model import Article
from kg.nlp import get_nlp

# the pipeline's own steps, timed one by one; what is left is spaCy with our components, and
# that minus bare spaCy's time is what our components (and the loop around them) cost
STAGES = (("extract", pipeline, "extract"), ("link", pipeline, "link"),
          ("quads", pipeline.rdf, "article_quads"), ("write graphs", pipeline.writer.bulk, "write"),
          ("snapshots", pipeline.store, "publish_snapshot"),
          ("snapshots", pipeline.store.SnapshotPublisher, "tick"),
          ("snapshots", pipeline.store.SnapshotPublisher, "close"),
          ("is_current", pipeline.store, "is_current"), ("ontology", pipeline.store, "ensure_ontology"),
          ("store writer (waited)", pipeline.writer.GraphWriter, "put"),
          ("store writer (waited)", pipeline.writer.GraphWriter, "close"))

PART = "extract: "  # stages named so are parts of "extract", not added to the build's total
BACKGROUND = "background thread: "  # time spent off the main thread: overlaps the build, not added


def counted(stage: str) -> bool:
    """Whether a stage's time is part of the build's own (main thread) time."""
    return not stage.startswith((PART, BACKGROUND))


@dataclass
class Ingest:
    """Seconds (wall and CPU) for bare spaCy and for the whole build over the same articles."""

    articles: int
    words: int
    spacy: Clock  # the better of spacy_one and spacy_two (wall): spaCy's best n_process here
    build: Clock  # as `kg build` runs: parsing in a worker process beside extraction and writing
    one_process: Clock  # everything in one process (parse_worker=False)
    triples: int
    stages: dict[str, float] = field(default_factory=dict)
    spacy_one: Clock | None = None  # nlp.pipe, n_process=1
    spacy_two: Clock | None = None  # nlp.pipe, n_process=2

    @property
    def ratio(self) -> float:
        """How many times spaCy's own (wall) time the whole build takes."""
        return self.build.wall / self.spacy.wall


@dataclass(frozen=True)
class Clock:
    """Wall seconds, and CPU seconds of this process and its children (the parse worker)."""

    wall: float
    cpu: float

    def __or__(self, other: Clock) -> Clock:
        """The better of two runs of the same thing (noise on a shared machine only adds time)."""
        return Clock(min(self.wall, other.wall), min(self.cpu, other.cpu))


def cpu_seconds() -> float:
    """User and system CPU seconds so far of this process (all threads) and its waited-for children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


@contextmanager
def clock() -> Iterator[list[Clock]]:
    """Time the block: the list it gives holds one Clock once the block is done."""
    out: list[Clock] = []
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield out
    out.append(Clock(time.perf_counter() - wall, cpu_seconds() - cpu))


def bare_spacy(texts: list[str], batch_size: int = kg_parse.BATCH, n_process: int = 1) -> Clock:
    """Time for the unmodified model to parse `texts` (model loaded and warmed beforehand); with
    n_process > 1, spaCy's own multiprocessing (its children load the model inside the timer,
    as they would in any run)."""
    nlp = spacy.load(SPACY_MODEL)
    list(nlp.pipe(texts[:2], batch_size=batch_size))
    with clock() as took:
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            pass
    return took[0]


def timed(fn: Callable, totals: dict[str, float], name: str) -> Callable:
    """`fn` adding its wall time to totals[name]; a generator's items are drawn inside the timer.

    Time on another thread (snapshots, the store writer) overlaps the build: it goes to
    totals[BACKGROUND + name], shown but not added up; what the build waits for it is timed in
    tick(), put() and close().
    """
    def wrapper(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                key = BACKGROUND + name
                totals[key] = totals.get(key, 0.0) + time.perf_counter() - started
        started = time.perf_counter()
        try:
            result = fn(*args, **kwargs)
            if isinstance(result, Iterator):
                result = iter(list(result))
            return result
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - started
    return wrapper


@contextmanager
def stage_timers(totals: dict[str, float]) -> Iterator[dict[str, float]]:
    """Time each pipeline step while inside the block; the originals are put back after."""
    stages = [(n, m, a) for n, m, a in STAGES if hasattr(m, a)]  # steps renamed away are skipped
    saved = [(module, attr, getattr(module, attr)) for _, module, attr in stages]
    steps = getattr(kg_extract, "EXTRACTORS", ())
    try:
        for name, module, attr in stages:
            setattr(module, attr, timed(getattr(module, attr), totals, name))
        if steps:
            saved.append((kg_extract, "EXTRACTORS", steps))
            kg_extract.EXTRACTORS = tuple(  # each extractor's share of "extract", shown apart
                timed(step, totals, PART + step.__module__.rsplit(".", 1)[-1]) for step in steps)
        yield totals
    finally:
        for module, attr, original in saved:
            setattr(module, attr, original)


def kg_build(articles: list[Article], store_dir: Path, worker: bool,
             stages: dict[str, float] | None = None) -> tuple[Clock, int]:
    """Time and triples of kg.pipeline.build of `articles` into `store_dir`."""
    list(get_nlp().pipe(["Warm up.", "Once more."]))  # load and warm, as bare_spacy does
    with stage_timers(stages) if stages is not None else nullcontext(), clock() as took:
        summary = pipeline.build([], store_dir, articles=articles, parse_worker=worker)
    return took[0], summary.triples


def fresh_build(articles: list[Article], worker: bool, stages: dict[str, float] | None = None
                ) -> tuple[Clock, int]:
    """kg_build into a new temporary store."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        return kg_build(articles, Path(tmp) / "store", worker, stages)


def warm_up(articles: list[Article]) -> None:
    """A throwaway build of a few articles: one-time loads (model, lexicons, gazetteers) happen here."""
    fresh_build(articles[:2], worker=False)


def run(articles: list[Article], words: int, once: bool = False) -> Ingest:
    """Bare spaCy, the build as it runs (parse worker), the build in one process, each twice;
    then a one-process build with a timer around each step. `once`: each once, no step timers."""
    warm_up(articles)
    texts = [a.text for a in articles]
    spacy_one = bare_spacy(texts)
    spacy_two = bare_spacy(texts, n_process=2)
    build_time, triples = fresh_build(articles, worker=True)
    one_time, _ = fresh_build(articles, worker=False)
    if once:
        return Ingest(len(articles), words, min(spacy_one, spacy_two, key=lambda c: c.wall),
                      build_time, one_time, triples, {}, spacy_one, spacy_two)
    spacy_one |= bare_spacy(texts)
    spacy_two |= bare_spacy(texts, n_process=2)
    spacy_time = min(spacy_one, spacy_two, key=lambda c: c.wall)
    build_time |= fresh_build(articles, worker=True)[0]
    stages: dict[str, float] = {}
    staged, _ = fresh_build(articles, worker=False, stages=stages)
    one_time |= staged
    parsing = staged.wall - sum(v for k, v in stages.items() if counted(k))
    stages["bare spaCy (same texts)"] = min(parsing, spacy_time.wall)
    stages["kg's spaCy components + loop"] = parsing - stages["bare spaCy (same texts)"]
    return Ingest(len(articles), words, spacy_time, build_time, one_time, triples, stages,
                  spacy_one, spacy_two)


def main(argv: list[str] | None = None) -> None:
    """Only the ingest benchmark: `python -m bench.ingest [N]` (default 50 articles, as --size small)."""
    import argparse

    from bench import corpus, report

    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=main.__doc__)
    parser.add_argument("articles", nargs="?", type=int, default=50)
    parser.add_argument("--words", type=int, default=0,
                        help="make each generated article at least this many words long")
    parser.add_argument("--once", action="store_true",
                        help="run each side once and skip the per-step timing (long corpora)")
    args = parser.parse_args(argv)
    arts = corpus.generate(args.articles, min_words=args.words)
    result = run(arts, corpus.words(arts), once=args.once)
    print("## Ingest\n\n" + report.ingest_table(result))
    rate = result.articles / result.build.wall
    print(f"\nAt this run's rate ({result.words / result.articles:.0f} words an article), "
          f"10,000 articles would take {10_000 / rate / 60:.1f} minutes.")
    if result.stages:
        print("\n## Where the build's time goes\n\n" + report.stages_table(result))


if __name__ == "__main__":
    main()
