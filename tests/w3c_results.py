"""W3C SPARQL test results: parsed (SRX, SRJ, CSV, TSV, RDF result sets, graphs) and compared.

Taken from ../shared/w3c-sparql/common.py, the harness the project's figures were measured
with, so that the project's own tests judge exactly as it does. Results are normalised to
  ("bool", value) | ("rows", variables, [{var: term}]) | ("graph", [{s, p, o}])
  | ("csv", header, [{var: term}])
and compared with blank-node isomorphism (bags of rows, sets of triples, ordered when the
query ends with ORDER BY); numeric and boolean literals of one datatype may also equal by value.
"""
import csv
import io
import math
import re
from collections import Counter
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
XSD_STRING = XSD + "string"
LANG_STRING = RDF + "langString"
INTEGER_TYPES = {XSD + t for t in (
    "integer", "nonPositiveInteger", "negativeInteger", "long", "int", "short",
    "byte", "nonNegativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte", "positiveInteger")}
DECIMAL_TYPES = INTEGER_TYPES | {XSD + "decimal"}
FLOAT_TYPES = {XSD + "double", XSD + "float"}


# --------------------------------------------------------------- terms
def term_key(t):
    """Exact (RDF 1.1 term equality) key; simple literals == xsd:string."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return ("I", t.value)
    if isinstance(t, ox.BlankNode):
        return ("B", t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return ("L", t.value, LANG_STRING, t.language.lower())
        dt = t.datatype.value if t.datatype else XSD_STRING
        return ("L", t.value, dt, None)
    if isinstance(t, ox.Triple):
        return ("T", term_key(t.subject), term_key(t.predicate), term_key(t.object))
    raise TypeError(repr(t))


def value_key(k):
    """Looser key: numeric/boolean literals compared by value within the
    same datatype (e.g. "1.0"^^xsd:decimal == "1.00"^^xsd:decimal)."""
    if k is not None and k[0] == "S":  # CSV cell: compare numbers by value
        try:
            return ("S", str(Decimal(k[1].strip()).normalize()))
        except (InvalidOperation, ValueError):
            return k
    if k is None or k[0] != "L":
        return k
    _, lex, dt, lang = k
    try:
        if dt in DECIMAL_TYPES:
            return ("L", str(Decimal(lex.strip()).normalize()), dt, lang)
        if dt in FLOAT_TYPES:
            v = float(lex.strip().replace("INF", "inf"))
            return ("L", "NaN" if math.isnan(v) else repr(v), dt, lang)
        if dt == XSD + "boolean":
            return ("L", str(lex.strip() in ("true", "1")), dt, lang)
    except (InvalidOperation, ValueError):
        pass
    return k


def fmt_term(k):
    if k is None:
        return "UNDEF"
    if k[0] == "I":
        return f"<{k[1]}>"
    if k[0] == "B":
        return f"_:{k[1]}"
    if k[0] == "S":
        return repr(k[1])
    if k[0] == "L":
        if k[3]:
            return f'"{k[1]}"@{k[3]}'
        if k[2] == XSD_STRING:
            return f'"{k[1]}"'
        return f'"{k[1]}"^^<{k[2].replace(XSD, "xsd:")}>'
    return str(k)


# --------------------------------------------------------------- results
def from_pyox(res):
    """Normalise a pyoxigraph query result object."""
    if isinstance(res, ox.QueryBoolean):
        return ("bool", bool(res))
    if isinstance(res, ox.QuerySolutions):
        vs = [v.value for v in res.variables]
        rows = []
        for sol in res:
            row = {}
            for v in vs:
                t = sol[v]
                if t is not None:
                    row[v] = term_key(t)
            rows.append(row)
        return ("rows", vs, rows)
    return graph_result(res)


def graph_result(triples):
    seen = set()
    rows = []
    for t in triples:
        r = (term_key(t.subject), term_key(t.predicate), term_key(t.object))
        if r not in seen:
            seen.add(r)
            rows.append({"s": r[0], "p": r[1], "o": r[2]})
    return ("graph", rows)


def parse_results(data, fmt, base_iri="http://example.invalid/"):
    """fmt: 'srx'|'srj'|'tsv'|'csv'|'ttl'|'nt'|'rdf' (bytes in); base_iri
    resolves relative IRIs in RDF-encoded results (e.g. <singleton.ttl>)."""
    if fmt in ("srx", "srj", "tsv"):
        qf = {"srx": ox.QueryResultsFormat.XML, "srj": ox.QueryResultsFormat.JSON,
              "tsv": ox.QueryResultsFormat.TSV}[fmt]
        return from_pyox(ox.parse_query_results(data, format=qf))
    if fmt == "csv":
        return parse_csv(data)
    rdf_fmt = ox.RdfFormat.from_extension(fmt)
    triples = list(ox.parse(data, format=rdf_fmt, base_iri=base_iri))
    if any(t.predicate.value == RDF + "type" and t.object == ox.NamedNode(RS + "ResultSet")
           for t in triples):
        return rdf_result_set(triples)
    return graph_result(triples)


def rdf_result_set(triples):
    """DAWG result-set vocabulary (rs:ResultSet) -> rows/bool."""
    by_s = {}
    for t in triples:
        by_s.setdefault(t.subject, []).append((t.predicate.value, t.object))
    rs = next(t.subject for t in triples
              if t.predicate.value == RDF + "type" and t.object == ox.NamedNode(RS + "ResultSet"))
    props = by_s.get(rs, [])
    for p, o in props:
        if p == RS + "boolean":
            return ("bool", o.value == "true")
    vs = [o.value for p, o in props if p == RS + "resultVariable"]
    rows, ordered = [], False
    for p, sol in props:
        if p != RS + "solution":
            continue
        row, index = {}, None
        for sp, so in by_s.get(sol, []):
            if sp == RS + "index":
                index = int(so.value)
            elif sp == RS + "binding":
                bp = dict(by_s.get(so, []))
                row[bp[RS + "variable"].value] = term_key(bp[RS + "value"])
        rows.append((index, row))
    if any(i is not None for i, _ in rows):
        rows.sort(key=lambda x: x[0] if x[0] is not None else 0)
        ordered = True
    return ("rows", vs, [r for _, r in rows]) + (("ordered",) if ordered else ())


def parse_csv(data):
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    reader = list(csv.reader(io.StringIO(text, newline="")))
    if not reader:
        return ("csv", [], [])
    header, rows = reader[0], []
    for rec in reader[1:]:
        row = {}
        for v, val in zip(header, rec):
            if val == "":
                continue
            row[v] = ("B", val[2:]) if val.startswith("_:") else ("S", val)
        rows.append(row)
    return ("csv", header, rows)


# --------------------------------------------------------------- compare
def _erase(row):
    return tuple(sorted((k, ("B",) if v and v[0] == "B" else v) for k, v in row.items()))


def _has_bnode(row):
    return any(v and v[0] == "B" for v in row.values())


def iso_rows(exp, act, ordered=False):
    """Bag (or sequence) equality of rows modulo a bijective blank-node
    renaming.  Returns None on success or a short reason string."""
    if len(exp) != len(act):
        return f"{len(act)} rows, expected {len(exp)}"
    if ordered:
        if [_erase(r) for r in exp] != [_erase(r) for r in act]:
            if Counter(map(_erase, exp)) == Counter(map(_erase, act)):
                return "same rows, wrong order"
            return "rows differ"
        pairs = [(i, [i]) for i in range(len(exp))]
        return None if _bt(exp, act, pairs, 0, {}, {}, set()) else "blank-node structure differs"
    ce, ca = Counter(map(_erase, exp)), Counter(map(_erase, act))
    if ce != ca:
        missing = list((ce - ca).elements())[:2]
        extra = list((ca - ce).elements())[:2]
        return f"rows differ; missing {_fmt_rows(missing)} unexpected {_fmt_rows(extra)}"
    be = [r for r in exp if _has_bnode(r)]
    ba = [r for r in act if _has_bnode(r)]
    if not be:
        return None
    ea = [_erase(r) for r in ba]
    pairs = [(i, [j for j in range(len(ba)) if ea[j] == _erase(r)]) for i, r in enumerate(be)]
    pairs.sort(key=lambda x: len(x[1]))
    return None if _bt(be, ba, pairs, 0, {}, {}, set()) else "blank-node structure differs"


def _bt(exp, act, pairs, k, m, rm, used):
    if k == len(pairs):
        return True
    i, cands = pairs[k]
    e = exp[i]
    for j in cands:
        if j in used:
            continue
        a = act[j]
        added, ok = [], True
        for var, et in e.items():
            if et[0] != "B":
                continue
            at = a[var]
            if m.get(et, at) != at or rm.get(at, et) != et:
                ok = False
                break
            if et not in m:
                m[et], rm[at] = at, et
                added.append(et)
        if ok:
            used.add(j)
            if _bt(exp, act, pairs, k + 1, m, rm, used):
                return True
            used.discard(j)
        for et in added:
            del rm[m.pop(et)]
    return False


def _fmt_rows(rows):
    return "[" + "; ".join(" ".join(f"{k}={fmt_term(v)}" for k, v in r) for r in rows) + "]"


def _vk_rows(rows):
    return [{k: value_key(v) for k, v in r.items()} for r in rows]


def compare(expected, actual, ordered=False):
    """Return (ok, how, reason): how is 'exact' or 'value' (passed only
    after numeric/boolean value normalisation)."""
    if expected[0] != actual[0]:
        return False, None, f"result kind {actual[0]}, expected {expected[0]}"
    kind = expected[0]
    if kind == "bool":
        return (expected[1] == actual[1], "exact",
                None if expected[1] == actual[1] else f"got {actual[1]}, expected {expected[1]}")
    if kind == "graph":
        e, a = expected[1], actual[1]
        ordered = False
    else:
        if set(expected[1]) != set(actual[1]):
            return False, None, f"variables {actual[1]}, expected {expected[1]}"
        e, a = expected[2], actual[2]
        ordered = ordered or (len(expected) > 3 and expected[3] == "ordered")
    r = iso_rows(e, a, ordered)
    if r is None:
        return True, "exact", None
    r2 = iso_rows(_vk_rows(e), _vk_rows(a), ordered)
    if r2 is None:
        return True, "value", None
    return False, None, r


ORDER_BY = re.compile(r"ORDER\s+BY", re.IGNORECASE)


def query_is_ordered(qtext):
    """Top-level ORDER BY without a following LIMIT-free subquery is hard to
    detect exactly; treat ORDER BY after the last closing brace as top level."""
    tail = qtext[qtext.rfind("}") + 1:] if "}" in qtext else qtext
    return bool(ORDER_BY.search(tail))
