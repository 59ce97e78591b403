-- The view index: the graph's events, entities and articles as tables, one per snapshot,
-- for facets with counts, filters, paging and full-text search (see server/viewindex/).
CREATE TABLE event (
  id INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, class TEXT NOT NULL, label TEXT,
  date TEXT NOT NULL DEFAULT '',      -- the event's time, else its article's date (ISO prefix)
  dated_by TEXT NOT NULL DEFAULT '',  -- 'event', 'article' or ''
  count INTEGER, bound TEXT, modality TEXT, article TEXT NOT NULL, evidence TEXT,
  incident TEXT NOT NULL DEFAULT ''  -- the nkg:Incident it reports (its own IRI when none)
);
CREATE TABLE role (event INTEGER NOT NULL, role TEXT NOT NULL, entity TEXT NOT NULL);
CREATE TABLE claim (
  iri TEXT NOT NULL, event INTEGER NOT NULL, source TEXT NOT NULL, quantity INTEGER,
  bound TEXT, status TEXT, article TEXT
);
CREATE TABLE class_ancestor (class TEXT NOT NULL, ancestor TEXT NOT NULL);
CREATE TABLE place_ancestor (place TEXT NOT NULL, ancestor TEXT NOT NULL);
CREATE TABLE label (iri TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE entity (
  iri TEXT PRIMARY KEY, class TEXT NOT NULL, top TEXT NOT NULL, mentions INTEGER NOT NULL,
  lat REAL, lon REAL
);
CREATE TABLE name (entity TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, sound TEXT NOT NULL);
CREATE TABLE article (
  iri TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL DEFAULT '', outlet TEXT
);
-- Full-text search: one row per entity, event or article; the text itself is not kept.
CREATE TABLE doc (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, iri TEXT NOT NULL,
                  weight REAL NOT NULL DEFAULT 0);
CREATE VIRTUAL TABLE doc_text USING fts5(
  name, body, content='', tokenize='unicode61 remove_diacritics 2'
);
