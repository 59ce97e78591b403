"""The ontology's terms as pyoxigraph NamedNodes: the closed vocabulary the code may use.

Every `NKG.<name>` the code touches must be declared in `ontology/kg.ttl`;
tests/test_vocab.py checks that.
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class Namespace:
    """A namespace whose attributes and items are NamedNodes: `NKG.Killing`, `NKG["Killing"]`."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.used: set[str] = set()
        self._terms: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):  # no term starts with "_"; tools probe such names (_mock_name)
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)  # later attribute lookups skip __getattr__
        return term

    def __getitem__(self, name: str) -> NamedNode:
        term = self._terms.get(name)
        if term is None:  # made once per name: quad building asks for the same terms often
            self.used.add(name)
            term = self._terms[name] = NamedNode(self.base + name)
        return term

    def __str__(self) -> str:
        return self.base


NKG = Namespace("https://w3id.org/newskg/ontology#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "nkg": NKG.base,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "owl": OWL.base,
    "xsd": XSD.base,
    "skos": SKOS.base,
    "dct": DCT.base,
    "prov": PROV.base,
    "nif": NIF.base,
    "schema": SCHEMA.base,
    "geo": GEO.base,
    "wd": WD.base,
    "wdt": WDT.base,
    "sem": SEM.base,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
