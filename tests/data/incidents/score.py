"""Score kg's incidents against the gold set: pairwise precision/recall/F1 and B-cubed.

    .venv/bin/python tests/data/incidents/score.py            # build the gold articles, score
    .venv/bin/python tests/data/incidents/score.py --store DIR [--json OUT]

Every report (article-level event) gets the gold incident of its article, or of the sentence
the gold marks as about another event (a background event is an incident of its own). Scores
are over reports (every pair of reports, and each report's cluster for B-cubed) and over
articles (two articles are put together when one incident has reports from both).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Hashable, Mapping
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
REPORTS = """
SELECT ?event ?incident ?url ?evidence WHERE {
  GRAPH <https://w3id.org/newskg/graph/incidents> { ?incident nkg:report ?event }
  ?event nkg:article/schema:url ?url ; nkg:evidence ?evidence .
}"""


def pairwise(system: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> dict:
    """Precision, recall and F1 over every pair of items (together in the system, in the gold)."""
    tp = fp = fn = 0
    for x, y in combinations(sorted(gold), 2):
        s, g = system[x] == system[y], gold[x] == gold[y]
        tp += s and g
        fp += s and not g
        fn += g and not s
    return prf(tp, fp, fn)


def bcubed(system: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> dict:
    """B-cubed precision, recall and F1: per item, the overlap of its system and gold clusters."""
    def members(labels: Mapping[str, Hashable]) -> dict[Hashable, set[str]]:
        out: dict[Hashable, set[str]] = {}
        for item, label in labels.items():
            out.setdefault(label, set()).add(item)
        return out

    sys_of, gold_of = members(system), members(gold)
    p = r = 0.0
    for item in gold:
        both = len(sys_of[system[item]] & gold_of[gold[item]])
        p += both / len(sys_of[system[item]])
        r += both / len(gold_of[gold[item]])
    n = len(gold) or 1
    return f1(p / n, r / n)


def prf(tp: int, fp: int, fn: int) -> dict:
    """Scores from pair counts."""
    out = f1(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return {"tp": tp, "fp": fp, "fn": fn, **out}


def f1(p: float, r: float) -> dict:
    """Precision, recall and their harmonic mean, rounded."""
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def gold_label(url: str, evidence: str, gold: dict) -> str:
    """The gold incident of a report: its sentence's, if the gold marks it, else its article's."""
    article = gold["articles"][url]
    for start, label in article["other"].items():
        if start in evidence:
            return f"background {url} {start}" if label == "background" else label
    return article["incident"]


def article_pairs(rows: list[dict], gold: dict) -> dict:
    """Pairwise scores over articles: together when an incident has reports of both."""
    incidents: dict[str, set[str]] = {}
    for r in rows:
        if gold_label(r["url"], r["evidence"], gold) == gold["articles"][r["url"]]["incident"]:
            incidents.setdefault(r["url"], set()).add(r["incident"])
    tp = fp = fn = 0
    for x, y in combinations(sorted(gold["articles"]), 2):
        s = bool(incidents.get(x, set()) & incidents.get(y, set()))
        g = gold["articles"][x]["incident"] == gold["articles"][y]["incident"]
        tp += s and g
        fp += s and not g
        fn += g and not s
    return prf(tp, fp, fn)


def read_rows(store_dir: Path) -> list[dict]:
    """(event, incident, url, evidence) of every report in a store."""
    from kg import store
    from kg.sparql import query

    db = store.open_for_reading(store_dir)
    return [{k: row[k].value for k in ("event", "incident", "url", "evidence")}
            for row in query(db, REPORTS)]


def score(store_dir: Path, gold: dict) -> dict:
    """Every figure for one store built from the gold articles."""
    rows = read_rows(store_dir)
    system = {r["event"]: r["incident"] for r in rows}
    labels = {r["event"]: gold_label(r["url"], r["evidence"], gold) for r in rows}
    return {"reports": len(rows), "articles": len(gold["articles"]),
            "gold incidents": len(set(labels.values())), "system incidents": len(set(system.values())),
            "pairwise": pairwise(system, labels), "bcubed": bcubed(system, labels),
            "articles pairwise": article_pairs(rows, gold)}


def build(store_dir: Path) -> None:
    """Build the gold articles into a fresh store with the kg next to this script."""
    kg = Path(sys.executable).parent / "kg"
    subprocess.run([str(kg), "build", str(HERE / "articles.jsonl"), "--store", str(store_dir), "-q"],
                   check=True)


def main(argv: list[str] | None = None) -> None:
    """Build (unless --store is given) and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="A store already built from articles.jsonl.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args(argv)
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = args.store or Path(tmp) / "store"
        if args.store is None:
            build(store_dir)
        figures = score(store_dir, gold)
    for name in ("pairwise", "bcubed", "articles pairwise"):
        f = figures[name]
        print(f"{name:18} P {f['p']:.3f}  R {f['r']:.3f}  F1 {f['f1']:.3f}")
    print(f"{figures['reports']} reports of {figures['articles']} articles: "
          f"{figures['gold incidents']} gold incidents, {figures['system incidents']} system incidents")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
