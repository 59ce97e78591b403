"""Saved queries: `queries/*.rq` files with grlc-style `#+` YAML front matter, bound and run.

Parameters are never spliced into the query text. Each value is parsed by its declared
type into a pyoxigraph term and bound with `substitutions` (SEP-0007); an "entity" given
by name may resolve to several IRIs, which are bound by a `VALUES` block opening the WHERE
group (as a substituted term binds it: from the start), written from NamedNode terms. A value that does not parse is a ParamError naming it.

Writing a query: every parameter variable must be projected (SELECT ... ?param), which
pyoxigraph requires for substitution; do not test `BOUND(?param)` (a substituted variable
is replaced by its term, so BOUND stays false) - give string filters the default "" and
use CONTAINS, and leave an "any" entity/IRI parameter as a free variable of the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, QuerySolutions, Store, Variable

from kg import sparql
from kg.config import QUERIES_DIR
from kg.errors import QueryError
from kg.sparql_text import where_brace
from kg.vocab import NKG, PREFIXES, XSD

TYPES = ("iri", "entity", "string", "integer", "date")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
FORM = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)
SERVICE_VAR = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?[?$]([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
PREFIXED = re.compile(r"([A-Za-z][\w.-]*):([^\s/][^\s]*)?\Z")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
INTEGER = re.compile(r"[+-]?\d{1,18}\Z")

RESOLVE = """
SELECT DISTINCT ?entity ?key WHERE {
  { ?entity rdfs:label ?label } UNION { ?entity skos:altLabel ?label }
  FILTER(LCASE(STR(?label)) = ?key)
  FILTER NOT EXISTS { ?entity nkg:article ?article }
  FILTER NOT EXISTS { ?entity a owl:Class }
} ORDER BY ?entity
"""
# A place named with its kind ("Tartus Governorate", "province of Aleppo") whose label is the bare
# name ("Tartus"): the bare name, among places of that kind.
RESOLVE_KIND = """
SELECT DISTINCT ?entity ?key ?class WHERE {
  { ?entity rdfs:label ?label } UNION { ?entity skos:altLabel ?label }
  FILTER(LCASE(STR(?label)) = ?key)
  ?entity a ?class .
} ORDER BY ?entity
"""
SAME_AS = "SELECT DISTINCT ?entity ?item WHERE { ?entity owl:sameAs ?item } ORDER BY ?entity"


class ParamError(QueryError):
    """A saved query's parameter value is missing, unknown or of the wrong type."""

    def __init__(self, param: str, reason: str) -> None:
        super().__init__(f"parameter {param!r} {reason}")
        self.param = param


@dataclass(frozen=True)
class Param:
    """One declared parameter of a saved query."""

    name: str
    type: str = "string"
    default: str | None = None
    required: bool = False
    description: str = ""
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its front matter and its SPARQL text."""

    name: str
    title: str
    text: str
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    example: str = ""
    form: str = "SELECT"
    services: frozenset[str] = field(default_factory=frozenset)

    def param(self, name: str) -> Param | None:
        """The parameter called `name`, if declared."""
        return next((p for p in self.params if p.name == name), None)


def front_matter(text: str, where: str = "query") -> dict:
    """The YAML in the leading `#+` comment lines of a query file."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        body = line[2:]
        lines.append(body.removeprefix(" "))
    try:
        data = yaml.safe_load("\n".join(lines)) if lines else {}
    except yaml.YAMLError as err:
        raise QueryError(f"{where}: bad front matter: {err}") from None
    return data if isinstance(data, dict) else {}


def parse_param(spec: dict, where: str) -> Param:
    """A Param from its front-matter mapping, checked."""
    name = str(spec.get("name", ""))
    kind = str(spec.get("type", "string"))
    if not NAME.match(name):
        raise QueryError(f"{where}: parameter name {name!r} is not a SPARQL variable name")
    if kind not in TYPES:
        raise QueryError(f"{where}: parameter {name!r} has unknown type {kind!r}")
    default = spec.get("default")
    return Param(name=name, type=kind, default=None if default is None else str(default),
                 required=bool(spec.get("required", False)),
                 description=str(spec.get("description", "")).strip(),
                 enum=tuple(str(v) for v in spec.get("enum") or ()))


def parse_query(path: Path) -> SavedQuery:
    """One saved query file, its front matter checked against its text."""
    text = path.read_text(encoding="utf-8")
    where = path.name
    meta = front_matter(text, where)
    params = tuple(parse_param(p, where) for p in meta.get("params") or ())
    for p in params:
        if not re.search(rf"[?$]{p.name}\b", text):
            raise QueryError(f"{where}: parameter {p.name!r} is not used in the query")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    form = FORM.search(body)
    tags = meta.get("tags") or ()
    return SavedQuery(name=path.stem, title=str(meta.get("title") or path.stem), text=text,
                      description=str(meta.get("description", "")).strip(),
                      tags=tuple(str(t) for t in ([tags] if isinstance(tags, str) else tags)),
                      params=params, example=str(meta.get("example", "")).strip(),
                      form=form.group(1).upper() if form else "SELECT",
                      services=frozenset(SERVICE_VAR.findall(body)))


@lru_cache(maxsize=8)
def _load(directory: str, stamp: tuple) -> dict[str, SavedQuery]:
    return {p.stem: parse_query(p) for p in sorted(Path(directory).glob("*.rq"))}


def load_queries(directory: Path | str | None = None) -> dict[str, SavedQuery]:
    """Every saved query in `directory` (default: queries/), by name; reread when files change."""
    folder = Path(directory or QUERIES_DIR)
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.rq")))
    return _load(str(folder), stamp)


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """`k=v` strings from the command line as a dict."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        out[key.strip()] = value
    return out


def to_iri(param: Param, value: str) -> NamedNode:
    """An absolute IRI, or a prefixed name with one of kg's prefixes (nkg:Killing)."""
    m = PREFIXED.match(value)
    if m and m.group(1) in PREFIXES:
        value = PREFIXES[m.group(1)] + (m.group(2) or "")
    if not ABSOLUTE_IRI.match(value):
        raise ParamError(param.name, f"must be an IRI, got {value!r}")
    try:
        return NamedNode(value)
    except ValueError:
        raise ParamError(param.name, f"must be an IRI, got {value!r}") from None


def to_date(param: Param, value: str) -> Literal:
    """A date as xsd:date, xsd:gYearMonth or xsd:gYear by its precision."""
    try:
        if not DATE.match(value):
            raise ValueError(value)
        date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        raise ParamError(param.name, f"must be a date (YYYY, YYYY-MM or YYYY-MM-DD), "
                                     f"got {value!r}") from None
    kind = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=kind)


def resolve_entity(store: Store, param: Param, value: str) -> list[NamedNode]:
    """The entity IRIs a value names: an IRI (and entities sameAs it), or labels folded for case."""
    if ABSOLUTE_IRI.match(value) and ("://" in value or PREFIXED.match(value)
                                      and value.split(":")[0] in PREFIXES):
        iri = to_iri(param, value)
        found = [iri]
        for row in select(store, SAME_AS, {Variable("item"): iri}):
            if row["entity"] not in found:
                found.append(row["entity"])
        return found
    rows = select(store, RESOLVE, {Variable("key"): Literal(value.strip().lower())})
    if not rows:
        rows = resolve_place_kind(store, value)
    return [row["entity"] for row in rows if isinstance(row["entity"], NamedNode)]


def resolve_place_kind(store: Store, value: str) -> list:
    """Rows for a place named with its kind ('Tartus Governorate'): its bare name, that kind."""
    from kg.link.candidates import KIND_CLASS
    from kg.link.normalize import strip_affix

    base, hint = strip_affix(value)
    if hint not in KIND_CLASS:
        return []
    return select(store, RESOLVE_KIND, {Variable("key"): Literal(base),
                                        Variable("class"): NKG[KIND_CLASS[hint]]})


def select(store: Store, text: str, subs: dict) -> list:
    """Rows of a fixed helper query with bound terms."""
    return list(sparql.query(store, text, substitutions=subs))


def to_terms(store: Store, param: Param, value: str) -> list:
    """The RDF term(s) a raw parameter value stands for, by the parameter's type."""
    if param.type == "entity":
        return resolve_entity(store, param, value)
    if param.type == "iri":
        term = to_iri(param, value)
    elif param.type == "integer":
        if not INTEGER.match(value.strip()):
            raise ParamError(param.name, f"must be an integer, got {value!r}")
        term = Literal(int(value))
    elif param.type == "date":
        term = to_date(param, value.strip())
    else:
        term = Literal(value)
    if param.enum and term.value not in {enum_value(param, e) for e in param.enum}:
        raise ParamError(param.name, f"must be one of {', '.join(param.enum)}")
    return [term]


def enum_value(param: Param, value: str) -> str:
    """An allowed value as the term value it stands for (prefixes expanded for IRIs)."""
    return to_iri(param, value).value if param.type == "iri" else value


@dataclass
class Bound:
    """Terms to bind: one per variable by substitution, several by a VALUES block."""

    substitutions: dict[Variable, object] = field(default_factory=dict)
    values: dict[Variable, list[NamedNode]] = field(default_factory=dict)

    def text(self, query: str) -> str:
        """The query with a VALUES block per variable bound to several terms (their N-Triples
        form, never raw text) opening its WHERE group, else trailing it.

        Opening the group, the engine joins from the given IRIs; trailing, it evaluates the
        whole pattern first (events_by_type_and_place by a place name of several IRIs on 1,000
        articles: 0.6-0.7 CPU s trailing, 0.004-0.09 s opening, the same rows)."""
        blocks = "".join(f" VALUES {var} {{ {' '.join(str(t) for t in terms)} }}"
                         for var, terms in self.values.items())
        at = where_brace(query) if blocks else None
        if at is None:
            return query + blocks.replace(" VALUES", "\nVALUES")
        return f"{query[:at]}{blocks} {query[at:]}"


def bind(store: Store, query: SavedQuery, raw: Mapping[str, str]) -> Bound:
    """Every parameter's value (given, else default) parsed into terms; errors name the param."""
    unknown = sorted(set(raw) - {p.name for p in query.params})
    if unknown:
        raise ParamError(unknown[0], f"is not a parameter of {query.name}")
    bound = Bound()
    for p in query.params:
        value = raw.get(p.name, p.default)
        # An empty string is a string; an empty IRI, entity, number or date means "any".
        if value is None or (not str(value).strip() and (p.type != "string" or p.required)):
            if p.required:
                raise ParamError(p.name, "is required")
            continue
        terms = to_terms(store, p, str(value))
        if len(terms) == 1:
            bound.substitutions[Variable(p.name)] = terms[0]
        else:
            bound.values[Variable(p.name)] = terms
    return bound


def prepare(store: Store, query: SavedQuery, params: Mapping[str, str]) -> tuple[str, dict]:
    """The query text (VALUES blocks from IRI terms in it) and its term substitutions."""
    bound = bind(store, query, params)
    return bound.text(query.text), dict(bound.substitutions)


def run_saved(store: Store, query: SavedQuery, params: Mapping[str, str]):
    """Run a saved query with its parameters bound as terms; the pyoxigraph result."""
    bound = bind(store, query, params)
    try:
        results = sparql.query(store, bound.text(query.text),
                               substitutions=bound.substitutions)
    except QueryError as err:
        raise QueryError(f"{query.name}: {err}") from None
    except (RuntimeError, OSError) as err:
        raise QueryError(f"{query.name}: {err}") from None
    if isinstance(results, QuerySolutions):
        names = {v.value for v in results.variables}
        for var in bound.values:
            if var.value not in names:
                raise QueryError(f"{query.name}: parameter {var.value!r} must be projected")
    return results


def service_values(query: SavedQuery, params: Mapping[str, str]) -> dict[str, str]:
    """The endpoint IRI each `SERVICE ?param` of the query will call (given, else default)."""
    out = {}
    for name in sorted(query.services):
        p = query.param(name)
        value = params.get(name, p.default if p else None)
        if value:
            out[name] = to_iri(p or Param(name, "iri"), value).value
    return out
