"""Markdown tables of the benchmark figures; every time is also given as a ratio to its baseline."""

from __future__ import annotations

from bench.export import Export
from bench.ingest import Ingest, counted
from bench.merged import Merged
from bench.scale import Step
from bench.serving import Timing, median, p99

MIB = 1024 * 1024


def table(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def ms(seconds: float) -> str:
    """Seconds as milliseconds, 1 decimal."""
    return f"{seconds * 1000:.1f}"


def ingest_table(r: Ingest) -> str:
    """kg build against bare spaCy over the same texts: wall time, and CPU time of all processes."""
    rows = []
    baselines = [("bare spaCy nlp.pipe, n_process=1", r.spacy_one),
                 ("bare spaCy nlp.pipe, n_process=2", r.spacy_two)]
    if r.spacy_one is None:  # an Ingest from before both were measured
        baselines = [("bare spaCy nlp.pipe", r.spacy)]
    for name, took in (*baselines,
                       ("kg build (parse worker process)", r.build),
                       ("kg build (one process)", r.one_process)):
        rows.append([name, str(r.articles), str(r.words), f"{took.wall:.2f}",
                     f"{r.articles / took.wall:.1f}", f"{r.words / took.wall:.0f}",
                     f"{took.wall / r.spacy.wall:.2f}", f"{took.cpu:.2f}",
                     f"{took.cpu / r.spacy.cpu:.2f}"])
    return table(["ingest", "articles", "words", "seconds", "articles/s", "words/s",
                  "x spaCy (best n_process)", "CPU s", "CPU x spaCy"], rows)


def stages_table(r: Ingest) -> str:
    """Where the build's time goes (a one-process build with a timer around each step).

    Rows named "extract: ..." are parts of the "extract" row, not added to the total; rows named
    "background thread: ..." ran beside the build (their share is of the build's time, not of a total).
    """
    total = sum(v for k, v in r.stages.items() if counted(k))
    rows = [[name, f"{secs:.3f}", f"{100 * secs / total:.1f}%", f"{secs / r.spacy.wall:.3f}"]
            for name, secs in sorted(r.stages.items(), key=lambda kv: -kv[1])]
    return table(["build step", "seconds", "share of build", "x spaCy"], rows)


def serving_table(timings: list[Timing], http_rps: float, local_qps: float) -> str:
    """/sparql over HTTP against the same queries in-process."""
    rows = []
    for t in timings:
        ratio = median(t.http) / median(t.local) if median(t.local) else 0.0
        rows.append([t.kind, str(len(t.http)), ms(median(t.http)), ms(p99(t.http)),
                     ms(median(t.local)), ms(p99(t.local)), f"{ratio:.1f}"])
    every_http = [s for t in timings for s in t.http]
    every_local = [s for t in timings for s in t.local]
    rows.append(["all (HTTP req/s; in-process q/s)", str(len(every_http)),
                 ms(median(every_http)), ms(p99(every_http)), ms(median(every_local)),
                 ms(p99(every_local)), f"{http_rps:.1f} req/s vs {local_qps:.1f} q/s"])
    return table(["query", "n", "HTTP median ms", "HTTP p99 ms", "in-process median ms",
                  "in-process p99 ms", "x in-process (median)"], rows)


def export_table(runs: list[Export]) -> str:
    """kg export --format turtle against bare pyoxigraph serialize, at two or more store sizes."""
    rows = [[f"{e.quads:,}", f"{e.kg_seconds:.2f}", f"{e.quads / e.kg_seconds:,.0f}",
             f"{e.kg_maxrss_kib / 1024:.0f}", f"{e.bare_seconds:.2f}", f"{e.quads / e.bare_seconds:,.0f}",
             f"{e.bare_maxrss_kib / 1024:.0f}", f"{e.kg_seconds / e.bare_seconds:.2f}",
             f"{e.file_bytes / MIB:.0f}"] for e in runs]
    return table(["triples", "kg s", "kg triples/s", "kg peak RSS MiB", "bare s", "bare triples/s",
                  "bare peak RSS MiB", "x bare (time)", "Turtle MiB"], rows)


def scale_table(steps: list[Step]) -> str:
    """Build time per article, size on disk and in-process query latency as the store grows."""
    rows = [[f"{s.articles:,}", f"{s.quads:,}", ms(s.seconds_per_article), f"{s.db_bytes / MIB:.1f}",
             ms(s.query_median), ms(s.query_p99)] for s in steps]
    return table(["articles", "triples", "build ms/article", "db on disk MiB", "query median ms",
                  "query p99 ms"], rows)


def merged_table(m: Merged) -> str:
    """The old union layout against kg's merged default graph: writes, disk, queries, upgrade."""
    rows = [[step, ms(old), ms(new), f"{new / old:.2f}"] for step, (old, new) in m.write.items()]
    rows.append(["db on disk (MiB)", f"{m.disk[0] / MIB:.1f}", f"{m.disk[1] / MIB:.1f}",
                 f"{m.disk[1] / m.disk[0]:.2f}"])
    rows += [[f"query: {kind} (median)", f"{old * 1000:.2f}", f"{new * 1000:.2f}",
              f"{new / old:.2f}" if old else "-"]
             for kind, (old, new) in m.queries.items()]
    rows.append(["upgrade an old store (merge_default)", "-", ms(m.merge_seconds), "-"])
    return table(["step", "union layout ms", "merged default graph ms", "x union layout"], rows)
