"""Fill the view index: run the extraction queries (sparql/*.rq) and load their rows into SQLite.

`build(run)` takes a function that answers a SPARQL SELECT (the usual prefixes predeclared) as
rows of terms by variable name, so it can be fed by the server's executors
(server/viewindex/__init__.py) or by a store directly.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.link.normalize import fold, sound
from kg.vocab import NKG

HERE = Path(__file__).resolve().parent
Rows = list[dict]  # variable name -> pyoxigraph term (unbound variables absent)
Runner = Callable[[str], Rows]
TOPS = {NKG[name].value: name for name in ("Actor", "Faction", "Place")}
INDEXES = (
    "CREATE INDEX event_class ON event(class)", "CREATE INDEX event_date ON event(date)",
    "CREATE INDEX event_article ON event(article)",
    "CREATE INDEX event_incident ON event(incident)", "CREATE INDEX role_event ON role(event)",
    "CREATE INDEX role_entity ON role(entity, role)", "CREATE INDEX claim_event ON claim(event)",
    "CREATE INDEX claim_source ON claim(source)", "CREATE INDEX class_up ON class_ancestor(ancestor)",
    "CREATE INDEX class_down ON class_ancestor(class)",
    "CREATE INDEX place_up ON place_ancestor(ancestor)",
    "CREATE INDEX place_down ON place_ancestor(place)", "CREATE INDEX name_key ON name(key)",
    "CREATE INDEX name_sound ON name(sound)", "CREATE INDEX doc_iri ON doc(iri)",
)


def query_text(name: str) -> str:
    """The text of one extraction query (sparql/NAME.rq)."""
    return (HERE / "sparql" / f"{name}.rq").read_text(encoding="utf-8")


def value(row: dict, key: str, default: str | None = None) -> str | None:
    """The plain value of one binding of a row (default when unbound)."""
    term = row.get(key)
    return term.value if term is not None else default


def integer(text: str | None) -> int | None:
    """A count or quantity as an int (None when absent or not a whole number)."""
    try:
        return int(float(text)) if text not in (None, "") else None
    except ValueError:
        return None


def connect() -> sqlite3.Connection:
    """An empty in-memory index with the schema."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript((HERE / "schema.sql").read_text(encoding="utf-8"))
    return db


def build(run: Runner) -> sqlite3.Connection:
    """The whole index, from the answers of the extraction queries."""
    db = connect()
    load_classes(db, run(query_text("classes")))
    articles = load_articles(db, run(query_text("articles")))
    events = load_events(db, run(query_text("events")), articles)
    names = load_labels(db, run(query_text("entities")))
    load_roles(db, run(query_text("roles")), events)
    load_claims(db, run(query_text("claims")), events)
    load_incidents(db, run(query_text("incidents")), events)
    load_places(db, run(query_text("parents")), run(query_text("points")))
    db.execute("INSERT INTO place_ancestor SELECT DISTINCT entity, entity FROM role WHERE "
               "role = 'place' AND entity NOT IN (SELECT place FROM place_ancestor)")
    load_entities(db, run(query_text("entity_classes")), run(query_text("names")))
    load_search(db, run(query_text("evidence")), events, names, articles)
    for statement in INDEXES:
        db.execute(statement)
    db.execute("ANALYZE")
    db.commit()
    return db


def load_articles(db: sqlite3.Connection, rows: Rows) -> dict[str, dict]:
    """Articles: title, date, outlet; returns them by IRI (with their text, for search)."""
    found = {}
    for r in rows:
        found[value(r, "article")] = {"title": value(r, "title", ""),
                                      "date": (value(r, "date") or "")[:10],
                                      "outlet": value(r, "outlet"), "text": value(r, "text", "")}
    db.executemany("INSERT INTO article VALUES (?, ?, ?, ?)",
                   [(a, x["title"], x["date"], x["outlet"]) for a, x in found.items()])
    return found


def load_events(db: sqlite3.Connection, rows: Rows, articles: dict[str, dict]) -> dict[str, int]:
    """Events, one row each: the most specific class; the first time, count... of several."""
    depth = dict(db.execute("SELECT class, COUNT(*) FROM class_ancestor GROUP BY class"))
    seen: dict[str, tuple] = {}
    for r in rows:
        iri = value(r, "event")
        if iri in seen and depth.get(seen[iri][1], 0) >= depth.get(value(r, "class"), 0):
            continue
        time = (value(r, "time") or "")[:10]
        article = value(r, "article")
        date = time or articles.get(article, {}).get("date", "")
        seen[iri] = (iri, value(r, "class"), value(r, "label"), date,
                     "event" if time else "article" if date else "", integer(value(r, "count")),
                     value(r, "bound"), value(r, "modality"), article)
    ids = {}
    for n, (iri, *rest) in enumerate(sorted(seen.values()), start=1):
        ids[iri] = n
        db.execute("INSERT INTO event (id, iri, class, label, date, dated_by, count, bound, "
                   "modality, article) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (n, iri, *rest))
    return ids


def load_incidents(db: sqlite3.Connection, rows: Rows, events: dict[str, int]) -> None:
    """The incident each event reports (kg/incidents); an event without one stands alone."""
    db.executemany("UPDATE event SET incident = ? WHERE id = ?",
                   [(value(r, "incident"), events[value(r, "event")]) for r in rows
                    if value(r, "event") in events])
    db.execute("UPDATE event SET incident = iri WHERE incident = ''")


def load_classes(db: sqlite3.Connection, rows: Rows) -> None:
    """The class tree (reflexive pairs) and the classes' labels."""
    pairs = {(value(r, "class"), value(r, "ancestor")) for r in rows}
    db.executemany("INSERT INTO class_ancestor VALUES (?, ?)", sorted(pairs))
    labels = {value(r, "class"): capital(value(r, "label")) for r in rows if value(r, "label")}
    db.executemany("INSERT OR REPLACE INTO label VALUES (?, ?)", sorted(labels.items()))


def capital(label: str) -> str:
    """A class label as a heading shows it ('transfer of power' -> 'Transfer of power')."""
    return label[:1].upper() + label[1:]


def load_labels(db: sqlite3.Connection, rows: Rows) -> dict[str, str]:
    """Labels of everything named outside the articles' own IRIs; returns them by IRI."""
    found = {value(r, "entity"): value(r, "label") for r in rows if value(r, "label")}
    db.executemany("INSERT OR IGNORE INTO label VALUES (?, ?)", sorted(found.items()))
    return found


def load_roles(db: sqlite3.Connection, rows: Rows, events: dict[str, int]) -> None:
    """Agent, target and place of each event."""
    out = {(events[value(r, "event")], value(r, "role").rsplit("#", 1)[-1], value(r, "entity"))
           for r in rows if value(r, "event") in events}
    db.executemany("INSERT INTO role VALUES (?, ?, ?)", sorted(out))


def load_claims(db: sqlite3.Connection, rows: Rows, events: dict[str, int]) -> None:
    """Claims about events: source, number, bound, status."""
    out = {(value(r, "claim"), events[value(r, "event")], value(r, "source"),
            integer(value(r, "quantity")), value(r, "bound"), value(r, "status"),
            value(r, "article")) for r in rows if value(r, "event") in events}
    db.executemany("INSERT INTO claim VALUES (?, ?, ?, ?, ?, ?, ?)",
                   sorted(out, key=lambda t: tuple(str(x) for x in t)))


def load_places(db: sqlite3.Connection, parents: Rows, points: Rows) -> None:
    """Each place's ancestors (and itself), and coordinates kept for load_entities."""
    pairs = {(value(r, "place"), value(r, "ancestor")) for r in parents}
    places = {p for p, _ in pairs} | {a for _, a in pairs}
    pairs |= {(p, p) for p in places}
    db.executemany("INSERT INTO place_ancestor VALUES (?, ?)", sorted(pairs))
    db.execute("CREATE TEMP TABLE point (iri TEXT PRIMARY KEY, lat REAL, lon REAL)")
    for r in points:
        lon_lat = wkt_point(value(r, "wkt", ""))
        if lon_lat:
            db.execute("INSERT OR IGNORE INTO point VALUES (?, ?, ?)",
                       (value(r, "place"), lon_lat[1], lon_lat[0]))


def wkt_point(wkt: str) -> tuple[float, float] | None:
    """(lon, lat) of a WKT point ('POINT(36.07 34.94)', CRS prefix allowed), else None."""
    inner = wkt.rpartition("(")[2].rstrip(") ").split()
    try:
        lon, lat = float(inner[0]), float(inner[1])
    except (IndexError, ValueError):
        return None
    return (lon, lat) if -180 <= lon <= 180 and -90 <= lat <= 90 else None


def load_entities(db: sqlite3.Connection, classes: Rows, names: Rows) -> None:
    """Mentioned entities: most specific class, top class, mentions, coordinates; their names."""
    tops = dict(db.execute("SELECT class, ancestor FROM class_ancestor WHERE ancestor IN "
                           f"({','.join('?' * len(TOPS))})", list(TOPS)))
    depth = dict(db.execute("SELECT class, COUNT(*) FROM class_ancestor GROUP BY class"))
    best: dict[str, tuple] = {}
    for r in classes:
        iri, cls, n = value(r, "entity"), value(r, "class"), integer(value(r, "mentions")) or 0
        if cls not in tops:
            continue
        key = (depth.get(cls, 0), n)
        if iri not in best or key > best[iri][0]:
            best[iri] = (key, cls, max(n, best.get(iri, ((0, 0),))[0][1]))
    points = {iri: (lat, lon) for iri, lat, lon in db.execute("SELECT * FROM point")}
    db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?)",
                   [(iri, cls, TOPS[tops[cls]], n, *points.get(iri, (None, None)))
                    for iri, (_, cls, n) in sorted(best.items())])
    rows = {(value(r, "entity"), value(r, "name")) for r in names if value(r, "entity") in best}
    db.executemany("INSERT INTO name (entity, name, key, sound) VALUES (?, ?, ?, ?)",
                   [(e, n, fold(n), sound(fold(n))) for e, n in sorted(rows)])


def load_search(db: sqlite3.Connection, evidence: Rows, events: dict[str, int],
                labels: dict[str, str], articles: dict[str, dict]) -> None:
    """The full-text index: entities by their names, events by sentence and parties, articles."""
    docs: list[tuple[str, str, float, str, str]] = []
    for iri, mentions, names in db.execute(
            "SELECT e.iri, e.mentions, group_concat(n.name, ' | ') FROM entity e "
            "JOIN name n ON n.entity = e.iri GROUP BY e.iri ORDER BY e.iri"):
        docs.append(("entity", iri, math.log1p(mentions), names, ""))
    parties = defaultdict(list)
    for event, entity in db.execute("SELECT event, entity FROM role ORDER BY event, entity"):
        if entity in labels:
            parties[event].append(labels[entity])
    sentences = defaultdict(list)
    for r in evidence:
        if value(r, "event") in events:
            sentences[events[value(r, "event")]].append(value(r, "evidence"))
    for n, iri, label in db.execute("SELECT id, iri, label FROM event ORDER BY id"):
        db.execute("UPDATE event SET evidence = ? WHERE id = ?", (" ".join(sentences[n]), n))
        docs.append(("event", iri, 0.0, " | ".join(filter(None, [label, *parties[n]])),
                     " ".join(sentences[n])))
    docs += [("article", a, 0.0, x["title"], x["text"]) for a, x in sorted(articles.items())]
    add_documents(db, docs)


def add_documents(db: sqlite3.Connection, docs: Iterable[tuple[str, str, float, str, str]]) -> None:
    """Rows of the search index: (kind, IRI, weight, name text, body text)."""
    for rowid, (kind, iri, weight, name, body) in enumerate(docs, start=1):
        db.execute("INSERT INTO doc VALUES (?, ?, ?, ?)", (rowid, kind, iri, weight))
        db.execute("INSERT INTO doc_text (rowid, name, body) VALUES (?, ?, ?)", (rowid, name, body))
