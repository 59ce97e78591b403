"""The filters of /events, /map and /timeline: parsed from the URL, resolved, turned into SQL.

`class` (subclasses included) and `place` (a region includes the places inside it) match any
of their values; each `party` (agent or target, or only the `role` asked for) and each `source`
(who made a claim about the event) narrows further. `from`/`to` are ISO dates (YYYY, YYYY-MM or
YYYY-MM-DD, inclusive), `q` is full text over the sentence and the parties' names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from kg.errors import QueryError
from kg.link.candidates import KIND_CLASS
from kg.link.normalize import fold, sound, strip_affix
from kg.queries import Param, to_date
from kg.vocab import NKG, PREFIXES, WD
from server.viewindex import Index

ID_WD = "https://w3id.org/newskg/id/wd/"
LISTS = ("class", "place", "party", "source", "article")
SINGLE = ("role", "from", "to", "q", "per")
ROLES = ("agent", "target")
# What a count counts (`per`): reports (one per event read from an article) or incidents (one per
# real-world event however many articles tell it, kg/incidents): an SQL expression on `event e`.
UNITS = {"report": "e.id", "incident": "e.incident"}
WORD = re.compile(r"\w+", re.UNICODE)


class FilterError(QueryError):
    """A filter value that cannot be read (a bad date, an unknown role)."""


@dataclass(frozen=True)
class Filters:
    """The filters asked for: raw values (for links) and the IRIs they resolve to."""

    raw: tuple[tuple[str, str], ...] = ()
    iris: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    role: str = ""
    start: str = ""
    end: str = ""
    q: str = ""
    per: str = "report"

    def values(self, key: str) -> list[str]:
        """The raw values given for one parameter."""
        return [v for k, v in self.raw if k == key]

    def key(self) -> tuple:
        """A hashable form, for caching answers."""
        return self.raw

    def url(self, path: str, add: tuple[str, str] | None = None,
            drop: tuple[str, str] | None = None, **extra: str) -> str:
        """`path` with these filters, one pair added or dropped, and extra parameters."""
        pairs = [p for p in self.raw if p != drop and p[0] not in extra]
        if add and add not in pairs:
            pairs = [p for p in pairs if not (p[0] in SINGLE and p[0] == add[0])] + [add]
        pairs += [(k, v) for k, v in extra.items() if v]
        return path + ("?" + urlencode(pairs, safe=":/") if pairs else "")


def expand(value: str) -> str:
    """A prefixed name (nkg:Killing, wd:Q858) as a full IRI; anything else unchanged."""
    prefix, sep, rest = value.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return value


def resolve_class(index: Index, value: str) -> tuple[str, ...]:
    """A class given as IRI, prefixed name, local name ('Killing') or label ('killing')."""
    iri = expand(value.strip())
    if not iri.startswith(("http://", "https://")):
        iri = NKG.base + iri[:1].upper() + iri[1:]
    found = index.rows("SELECT DISTINCT class FROM class_ancestor WHERE class = ?", (iri,))
    if not found:
        found = index.rows("SELECT l.iri FROM label l JOIN class_ancestor c ON c.class = l.iri "
                           "WHERE lower(l.label) = ? GROUP BY l.iri", (value.strip().lower(),))
    return tuple(r[0] for r in found)


def resolve_entity(index: Index, value: str, places: bool = False) -> tuple[str, ...]:
    """Entities a value names: an IRI, wd:Q…, or a name (aliases, spellings, 'X Governorate')."""
    iri = expand(value.strip())
    if iri.startswith(WD.base):
        return (ID_WD + iri[len(WD.base):],)
    if iri.startswith(("http://", "https://")):
        return (iri,)
    key = fold(value)
    for column, wanted in (("key", key), ("sound", sound(key))):
        found = by_name(index, column, wanted, places)
        if found:
            return found
    base, hint = strip_affix(value)
    if hint in KIND_CLASS:
        return by_name(index, "key", base, True, NKG[KIND_CLASS[hint]].value)
    return ()


def by_name(index: Index, column: str, key: str, places: bool, cls: str | None = None
            ) -> tuple[str, ...]:
    """Entities with a name whose key (column 'key' or 'sound') is `key`."""
    sql = ("SELECT DISTINCT n.entity FROM name n JOIN entity e ON e.iri = n.entity "
           f"WHERE n.{column} = ?")
    params: list = [key]
    if places:
        sql += " AND e.top = 'Place'"
    if cls:
        sql += " AND e.class = ?"
        params.append(cls)
    return tuple(r[0] for r in index.rows(sql + " ORDER BY e.mentions DESC, n.entity", params))


def checked_date(key: str, value: str) -> str:
    """A from/to value, which must be a calendar date as YYYY, YYYY-MM or YYYY-MM-DD."""
    value = value.strip()
    if value:
        to_date(Param(key, "date"), value)  # raises a ParamError naming the parameter
    return value


def parse(index: Index, args: MultiDict) -> Filters:
    """The filters of a request's query string, each value resolved to IRIs."""
    raw = tuple((k, v) for k in (*LISTS, *SINGLE) for v in args.getlist(k) if v.strip())
    role = args.get("role", "").strip()
    if role and role not in ROLES:
        raise FilterError(f"'role' must be one of {', '.join(ROLES)}, got {role!r}")
    per = args.get("per", "").strip() or "report"
    if per not in UNITS:
        raise FilterError(f"'per' must be one of {', '.join(UNITS)}, got {per!r}")
    resolved = {"class": [resolve_class(index, v) for v in args.getlist("class") if v.strip()]}
    for key in ("place", "party", "source"):
        resolved[key] = [resolve_entity(index, v, key == "place")
                         for v in args.getlist(key) if v.strip()]
    resolved["article"] = [(expand(v.strip()),) for v in args.getlist("article") if v.strip()]
    return Filters(raw=raw, iris={k: tuple(v) for k, v in resolved.items()}, role=role,
                   start=checked_date("from", args.get("from", "")),
                   end=checked_date("to", args.get("to", "")), q=args.get("q", "").strip(),
                   per=per)


def match_text(text: str, prefix: bool = False) -> str:
    """An FTS5 query from free text: every word must occur (the last as a prefix if asked)."""
    words = [w for w in WORD.findall(text)]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


def marks(values) -> str:
    """SQL placeholders for a list of values."""
    return ", ".join("?" * len(values))


def where(f: Filters) -> tuple[str, list]:
    """The SQL condition on `event e` for these filters, and its parameters."""
    cond, params = [], []
    classes = [c for group in f.iris.get("class", ()) for c in group]
    if f.iris.get("class"):
        cond.append("e.class IN (SELECT class FROM class_ancestor WHERE ancestor IN "
                    f"({marks(classes)}))")
        params += classes
    places = [p for group in f.iris.get("place", ()) for p in group]
    if f.iris.get("place"):
        cond.append("e.id IN (SELECT r.event FROM role r JOIN place_ancestor pa ON pa.place = "
                    f"r.entity WHERE r.role = 'place' AND pa.ancestor IN ({marks(places)}))")
        params += places
    roles = (f.role,) if f.role else ROLES
    for group in f.iris.get("party", ()):
        cond.append(f"e.id IN (SELECT event FROM role WHERE role IN ({marks(roles)}) "
                    f"AND entity IN ({marks(group)}))")
        params += [*roles, *group]
    for group in f.iris.get("source", ()):
        cond.append(f"e.id IN (SELECT event FROM claim WHERE source IN ({marks(group)}))")
        params += group
    articles = [a for group in f.iris.get("article", ()) for a in group]
    if articles:
        cond.append(f"e.article IN ({marks(articles)})")
        params += articles
    if f.start:
        cond.append("e.date != '' AND e.date >= ?")
        params.append(f.start)
    if f.end:
        cond.append("e.date != '' AND substr(e.date, 1, ?) <= ?")
        params += [len(f.end), f.end]
    text = match_text(f.q)
    if text:
        cond.append("e.iri IN (SELECT d.iri FROM doc_text JOIN doc d ON d.rowid = "
                    "doc_text.rowid WHERE doc_text MATCH ? AND d.kind = 'event')")
        params.append(text)
    return (" AND ".join(f"({c})" for c in cond) or "1"), params
