"""Search over the view index: entities by name and alias, events by sentence, articles by text.

Ranked by BM25 (names weigh ten times the text), entities helped by how often they are
mentioned, and an entity whose name is exactly the query first. With no words but a class,
the instances of that class, most mentioned first.
"""

from __future__ import annotations

from kg.link.normalize import fold
from server.pages_common import local_name
from server.viewindex import Index
from server.viewindex.events import labels
from server.viewindex.filters import marks, match_text

KINDS = ("entity", "event", "article")
RANK = "bm25(doc_text, 10.0, 1.0) - d.weight"


def conditions(index: Index, kind: str, cls: tuple[str, ...]) -> tuple[str, list]:
    """SQL conditions on `doc d` for a kind and a class (subclasses included)."""
    cond, params = [], []
    if kind:
        cond.append("d.kind = ?")
        params.append(kind)
    if cls:
        below = f"(SELECT class FROM class_ancestor WHERE ancestor IN ({marks(cls)}))"
        cond.append(f"(d.iri IN (SELECT iri FROM entity WHERE class IN {below}) OR "
                    f"d.iri IN (SELECT iri FROM event WHERE class IN {below}))")
        params += [*cls, *cls]
    return "".join(f" AND {c}" for c in cond), params


def search(index: Index, q: str, kind: str = "", cls: tuple[str, ...] = (), limit: int = 20,
           offset: int = 0, prefix: bool = False) -> tuple[int, dict[str, int], list[dict]]:
    """(total, count per kind, one page of results) for a query."""
    text = match_text(q, prefix)
    if not text:
        return listing(index, kind, cls, limit, offset)
    cond, params = conditions(index, kind, cls)
    base = "FROM doc_text JOIN doc d ON d.rowid = doc_text.rowid WHERE doc_text MATCH ?"
    kinds_cond, kinds_params = conditions(index, "", cls)
    per_kind = dict(index.rows(f"SELECT d.kind, COUNT(*) {base}{kinds_cond} GROUP BY d.kind",
                               [text, *kinds_params]))
    exact = [r[0] for r in index.rows(
        "SELECT DISTINCT n.entity FROM name n JOIN entity e ON e.iri = n.entity WHERE n.key = ? "
        "ORDER BY e.mentions DESC", [fold(q)])] if kind in ("", "entity") and not cls else []
    found = index.rows(f"SELECT d.kind, d.iri {base}{cond} ORDER BY {RANK}, d.iri "
                       "LIMIT ? OFFSET ?", [text, *params, limit + len(exact), offset])
    ranked = [("entity", e) for e in exact] if offset == 0 else []
    ranked += [r for r in found if not (r[0] == "entity" and r[1] in exact)]
    total = sum(per_kind.get(k, 0) for k in ([kind] if kind else KINDS))
    return total, per_kind, described(index, ranked[:limit])


def listing(index: Index, kind: str, cls: tuple[str, ...], limit: int, offset: int
            ) -> tuple[int, dict[str, int], list[dict]]:
    """Without words: the instances of a class (entities first), most mentioned first."""
    if not cls:
        return 0, {}, []
    cond, params = conditions(index, kind, cls)
    per_kind = dict(index.rows(f"SELECT d.kind, COUNT(*) FROM doc d WHERE 1{cond} "
                               "GROUP BY d.kind", params))
    found = index.rows(f"SELECT d.kind, d.iri FROM doc d LEFT JOIN entity e ON e.iri = d.iri "
                       f"WHERE 1{cond} ORDER BY d.kind != 'entity', e.mentions DESC, d.iri "
                       "LIMIT ? OFFSET ?", [*params, limit, offset])
    return sum(per_kind.values()), per_kind, described(index, found)


def described(index: Index, found: list[tuple[str, str]]) -> list[dict]:
    """Results with what a list shows: label, class, a line of context."""
    by_kind: dict[str, list[str]] = {k: [i for kk, i in found if kk == k] for k in KINDS}
    info: dict[str, dict] = {}
    ents = by_kind["entity"]
    for iri, cls, top, n, names in index.rows(
            "SELECT e.iri, e.class, e.top, e.mentions, group_concat(n.name, ' | ') FROM entity e "
            f"LEFT JOIN name n ON n.entity = e.iri WHERE e.iri IN ({marks(ents)}) GROUP BY e.iri",
            ents):
        info[iri] = {"class": cls, "top": top, "mentions": n,
                     "aliases": sorted(set((names or "").split(" | ")))}
    evs = by_kind["event"]
    for iri, cls, date, evidence, article, label in index.rows(
            "SELECT iri, class, date, evidence, article, label FROM event WHERE iri IN "
            f"({marks(evs)})", evs):
        info[iri] = {"class": cls, "date": date, "note": evidence or "", "article": article,
                     "label": label}
    arts = by_kind["article"]
    for iri, date, outlet in index.rows(
            f"SELECT iri, date, outlet FROM article WHERE iri IN ({marks(arts)})", arts):
        info[iri] = {"date": date, "note": outlet or ""}
    named = labels(index, [i for _, i in found] + [x["class"] for x in info.values()
                                                   if "class" in x])
    out = []
    for kind, iri in found:
        x = info.get(iri, {})
        label = named.get(iri) or x.pop("label", None) or ""
        if kind == "entity":
            aliases = [a for a in x.get("aliases", []) if a and a != label]
            x["note"] = ("also " + ", ".join(aliases[:4])) if aliases else ""
        out.append({"kind": kind, "iri": iri, "label": label or local_name(x.get("class", iri)),
                    "class": x.get("class", ""),
                    "class_label": named.get(x.get("class", ""), local_name(x.get("class", kind))),
                    **{k: v for k, v in x.items() if k not in ("class", "aliases")}})
    return out
