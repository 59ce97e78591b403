"""SPARQL answers on the terminal: a table, CSV, TSV or SPARQL JSON."""

from __future__ import annotations

from typing import TextIO

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store

from kg.sparql import query
from kg.vocab import PREFIXES

RESULT_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
                  "json": QueryResultsFormat.JSON}


def run_text(store: Store, sparql: str):
    """Run a query with the usual prefixes on the store's default graph (the merge of its graphs)."""
    return query(store, sparql)


def print_results(results, fmt: str, out: TextIO) -> None:
    """Print SELECT/ASK results or CONSTRUCT triples in the chosen format."""
    if isinstance(results, QueryBoolean):
        out.write(("true" if bool(results) else "false") + "\n")
        return
    if not isinstance(results, QuerySolutions):
        out.write(results.serialize(format=RdfFormat.TURTLE).decode("utf-8"))
        return
    if fmt in RESULT_FORMATS:
        out.write(results.serialize(format=RESULT_FORMATS[fmt]).decode("utf-8"))
        return
    names = [v.value for v in results.variables]
    rows = [[short(sol[n]) for n in names] for sol in results]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    widths = [min(w, 60) for w in widths]
    out.write("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    out.writelines("  ".join(c[:w].ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in rows)
    out.write(f"({len(rows)} rows)\n")


def short(term) -> str:
    """A term for display, IRIs shortened with the known prefixes."""
    if term is None:
        return ""
    value = term.value
    if type(term).__name__ == "NamedNode":
        for p, base in PREFIXES.items():
            if value.startswith(base):
                return f"{p}:{value[len(base):]}"
    return value
