"""Events from the view index: how many match, facet counts, one sorted page with its details."""

from __future__ import annotations

from collections import defaultdict

from kg.vocab import NKG
from server.pages_common import local_name as local
from server.viewindex import Index
from server.viewindex.filters import ROLES, UNITS, Filters, marks, where

FACETS = ("class", "place", "party", "source", "month")
FACET_LIMIT = 100
SORTS = {"-date": "e.date = '', e.date DESC, e.iri", "date": "e.date = '', e.date, e.iri",
         "-count": "e.count IS NULL, e.count DESC, e.date DESC, e.iri",
         "count": "e.count IS NULL, e.count, e.date, e.iri"}
FACET_SQL = {
    "class": "SELECT ca.ancestor, COUNT(DISTINCT {unit}) FROM event e JOIN class_ancestor ca ON "
             "ca.class = e.class AND ca.ancestor != '" + NKG.Event.value + "' WHERE {where} "
             "GROUP BY ca.ancestor",
    "place": "SELECT pa.ancestor, COUNT(DISTINCT {unit}) FROM event e JOIN role r ON "
             "r.event = e.id AND r.role = 'place' JOIN place_ancestor pa ON pa.place = r.entity "
             "WHERE {where} GROUP BY pa.ancestor",
    "party": "SELECT r.entity, COUNT(DISTINCT {unit}), group_concat(DISTINCT r.role) FROM event e "
             "JOIN role r ON r.event = e.id AND r.role IN ({roles}) WHERE {where} "
             "GROUP BY r.entity",
    "source": "SELECT c.source, COUNT(DISTINCT {unit}) FROM event e JOIN claim c ON "
              "c.event = e.id WHERE {where} GROUP BY c.source",
    "month": "SELECT substr(e.date, 1, 7), COUNT(DISTINCT {unit}) FROM event e WHERE {where} "
             "AND length(e.date) >= 7 GROUP BY 1",
}


def unit(f: Filters) -> str:
    """The SQL expression a count counts distinct values of (reports or incidents)."""
    return UNITS[f.per]


def total(index: Index, f: Filters) -> int:
    """How many events (or incidents) match."""
    cond, params = where(f)

    def count() -> int:
        return index.rows(f"SELECT COUNT(DISTINCT {unit(f)}) FROM event e WHERE {cond}",
                          params)[0][0]

    return index.cached(("total", f.key()), count)


def facet(index: Index, f: Filters, name: str) -> list[tuple]:
    """(value, count[, roles]) of one facet over the matching events, most first."""
    cond, params = where(f)
    roles = (f.role,) if f.role else ROLES
    sql = FACET_SQL[name].format(unit=unit(f), where=cond, roles=marks(roles))
    args = [*roles, *params] if name == "party" else params
    order = "1" if name == "month" else "2 DESC, 1"
    return index.rows(f"{sql} ORDER BY {order} LIMIT {FACET_LIMIT}", args)


def facets(index: Index, f: Filters) -> dict[str, list[tuple]]:
    """Every facet's counts (cached per snapshot and filters)."""
    return index.cached(("facets", f.key()),
                        lambda: {name: facet(index, f, name) for name in FACETS})


def labels(index: Index, iris) -> dict[str, str]:
    """Labels of IRIs (entities, classes, events, article titles), where the index knows them."""
    wanted = sorted(set(iris))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        out.update(index.rows(f"SELECT iri, label FROM label WHERE iri IN ({marks(chunk)})",
                              chunk))
        out.update(index.rows("SELECT iri, title FROM article WHERE iri IN "
                              f"({marks(chunk)})", chunk))
        out.update(index.rows("SELECT iri, label FROM event WHERE label IS NOT NULL AND iri IN "
                              f"({marks(chunk)})", chunk))
    return out


def page(index: Index, f: Filters, sort: str = "-date", limit: int = 50,
         offset: int = 0) -> list[dict]:
    """One page of matching events, each with its places, parties, claims and article."""
    cond, params = where(f)
    found = index.rows("SELECT e.id, e.iri, e.class, e.label, e.date, e.dated_by, e.count, "
                       f"e.bound, e.modality, e.article, e.evidence FROM event e WHERE {cond} "
                       f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?", [*params, limit, offset])
    return details(index, found)


def details(index: Index, found: list[tuple]) -> list[dict]:
    """Event rows with their roles, claims and labels filled in."""
    ids = [r[0] for r in found]
    roles, claims = defaultdict(lambda: defaultdict(list)), defaultdict(list)
    for event, role, entity in index.rows(
            f"SELECT event, role, entity FROM role WHERE event IN ({marks(ids)}) "
            "ORDER BY event, role, entity", ids):
        roles[event][role].append(entity)
    for row in index.rows("SELECT event, source, quantity, bound, status, iri FROM claim WHERE "
                          f"event IN ({marks(ids)}) ORDER BY event, source, iri", ids):
        claims[row[0]].append(row[1:])
    named = labels(index, [x for r in roles.values() for es in r.values() for x in es]
                   + [c[0] for cs in claims.values() for c in cs] + [r[2] for r in found]
                   + [r[9] for r in found] + [r[7] for r in found if r[7]]
                   + [c[2] for cs in claims.values() for c in cs if c[2]])
    out = []
    for n, iri, cls, label, date, dated_by, count, bound, modality, article, evidence in found:
        out.append({
            "iri": iri, "class": cls, "class_label": named.get(cls, local(cls)),
            "label": label or "", "date": date, "dated_by": dated_by, "count": count,
            "bound": named.get(bound, local(bound)) if bound else "",
            "modality": local(modality) if modality else "",
            "article": article, "title": named.get(article, ""), "evidence": evidence or "",
            **{role: [{"iri": e, "label": named.get(e, local(e))} for e in roles[n][role]]
               for role in ("place", "agent", "target")},
            "sources": [{"iri": s, "label": named.get(s, local(s)), "quantity": q,
                         "bound": named.get(b, local(b)) if b else "",
                         "status": local(st) if st else "", "claim": c} for s, q, b, st, c in claims[n]]})
    return out


def tolls(index: Index, event: str) -> list[dict]:
    """The claims about one event: who says how many (source, number, bound, status)."""
    found = index.rows("SELECT c.iri, c.source, c.quantity, c.bound, c.status, c.article FROM claim c "
                       "JOIN event e ON e.id = c.event WHERE e.iri = ? "
                       "ORDER BY c.quantity IS NULL, c.quantity DESC, c.source, c.iri", (event,))
    named = labels(index, [r[1] for r in found] + [r[5] for r in found if r[5]]
                   + [r[3] for r in found if r[3]])
    return [{"claim": c, "source": s, "source_label": named.get(s, local(s)), "quantity": q,
             "bound": named.get(b, local(b)) if b else "", "status": local(st) if st else "",
             "article": a, "title": named.get(a, "") if a else ""}
            for c, s, q, b, st, a in found]
