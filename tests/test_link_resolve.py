"""Disambiguation and the shared-graph facts of link(), on entity records and the real gazetteer."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, Store

from kg import iris
from kg.link import link
from kg.model import Article, Entity, Extraction
from kg.vocab import GEO, NKG, OWL, RDFS, WD, WDT, sparql_prefixes


def ent(key: str, cls: str, label: str, *alts: str) -> Entity:
    """An entity record as the extractor makes it (mentions do not matter to linking)."""
    return Entity(key=key, cls=cls, label=label, mentions=(), alt_labels=alts)


def linked(*entities: Entity) -> tuple[dict[str, Entity], list]:
    """Link a one-article extraction; entities by the label the text gave, and the shared quads."""
    x = Extraction(article=Article(text="", source="t", key="t"), entities=entities)
    out, quads = link(x)
    return {e.label: o for e, o in zip(entities, out.entities, strict=True)}, quads


SYRIA_COAST = (ent("e0", "Place", "Syria"), ent("e1", "Place", "Latakia", "Latakia province"),
               ent("e2", "Place", "Banias", "Baniyas"), ent("e3", "Place", "Tartus province"),
               ent("e4", "Place", "Damascus"), ent("e5", "Place", "UK"),
               ent("e6", "Actor", "Ayman Fares", "Fares"), ent("e7", "Actor", "Ali"),
               ent("e8", "Faction", "Assad regime"), ent("e9", "Place", "Hai Al Kusour"),
               ent("e10", "Faction", "Syrian government"), ent("e11", "Faction", "U.N."))


@pytest.fixture(scope="module")
def coast():
    """The seed article's entities, linked."""
    return linked(*SYRIA_COAST)


@pytest.mark.parametrize("label, qid, cls", [
    ("Syria", "Q858", "Country"), ("Latakia", "Q233236", "AdministrativeArea"),
    ("Banias", "Q263922", "Settlement"), ("Tartus province", "Q232382", "AdministrativeArea"),
    ("Damascus", "Q3766", "Settlement"), ("UK", "Q145", "Country"),
    ("Assad regime", "Q131404661", "GovernmentBody"),
    ("Syrian government", "Q113519305", "GovernmentBody"),
    ("U.N.", "Q1065", "InternationalOrganisation"),
])
def test_links_and_refines(coast, label, qid, cls):
    e = coast[0][label]
    assert (e.qid, e.cls) == (qid, cls)
    assert 0 < e.link_confidence <= 1 and e.linker


@pytest.mark.parametrize("label", ["Ayman Fares", "Ali", "Hai Al Kusour"])
def test_no_entry_means_no_link(coast, label):
    e = coast[0][label]
    assert e.qid is None and e.link_confidence is None


def test_country_is_set(coast):
    assert coast[0]["Banias"].country == "SY" and coast[0]["UK"].country == "GB"


def test_governorate_vs_city():
    ents, _ = linked(ent("e0", "Place", "Syria"), ent("e1", "Place", "Deir Ezzor"),
                     ent("e2", "Place", "Deir Ezzor province", "province of Deir Ezzor"),
                     ent("e3", "Place", "Idlib city"), ent("e4", "Place", "Aleppo province"))
    assert ents["Deir Ezzor"].qid == "Q239097"  # bare name: the city
    assert ents["Deir Ezzor province"].qid == "Q232387"
    assert ents["Idlib city"].qid == "Q504657"
    assert ents["Aleppo province"].qid == "Q214064"


def test_country_context_decides():
    ents, _ = linked(ent("e0", "Place", "Mexico"), ent("e1", "Place", "Guerrero", "Guerrero state"),
                     ent("e2", "Place", "Michoacan"))
    assert (ents["Guerrero"].qid, ents["Michoacan"].qid) == ("Q60158", "Q79861")


def test_sound_alike_needs_the_article_nearby():
    ents, _ = linked(ent("e0", "Place", "Syria"), ent("e1", "Place", "Turkey"),
                     ent("e2", "Place", "Hatay"), ent("e3", "Place", "Idlib"),
                     ent("e4", "Place", "Meles"), ent("e5", "Place", "Atareb"),
                     ent("e6", "Place", "Aleppo"))
    assert ents["Meles"].qid is None  # not Milas, 700 km away in western Turkey
    assert ents["Atareb"].qid == "Q4118953"  # inside Aleppo, which the article names


def test_class_mismatch_gets_no_link():
    ents, _ = linked(ent("e0", "Faction", "Aleppo"), ent("e1", "Actor", "Syria"),
                     ent("e2", "Place", "United Nations"))
    assert all(e.qid is None for e in ents.values())


def test_party_needs_its_country():
    ents, _ = linked(ent("e0", "Place", "India"), ent("e1", "Faction", "SF"))
    assert ents["SF"].qid is None  # Sinn Féin is Irish


def test_shared_facts(coast):
    _, quads = coast
    assert quads and all(q.graph_name == iris.WIKIDATA_GRAPH for q in quads)
    db = Store()
    db.extend(quads)
    q = sparql_prefixes() + "SELECT ?banias ?p WHERE { GRAPH ?g { ?banias nkg:parent+ ?p } }"
    banias = iris.entity("Place", "Banias", "Q263922")
    parents = {r["p"] for r in db.query(q, substitutions={_v("banias"): banias})}
    tartus, syria = NamedNode(iris.ID + "wd/Q232382"), NamedNode(iris.ID + "wd/Q858")
    assert {tartus, syria} <= parents
    assert next(db.quads_for_pattern(tartus, OWL.sameAs, WD.Q232382, None), None)
    assert next(db.quads_for_pattern(tartus, RDFS.label, None, None), None)
    assert next(db.quads_for_pattern(banias, WDT.P131, WD.Q232382, None), None)
    assert next(db.quads_for_pattern(banias, WDT.P625, None, None), None)
    geom = next(db.quads_for_pattern(banias, GEO.hasGeometry, None, None)).object
    assert isinstance(geom, NamedNode)  # a stable IRI: building again adds nothing
    wkt = next(db.quads_for_pattern(geom, GEO.asWKT, None, None)).object
    assert wkt.value.startswith("POINT(35.9") and wkt.datatype == GEO.wktLiteral
    assert next(db.quads_for_pattern(None, NKG.parent, None, None), None)
    regime = iris.entity("Faction", "Assad regime", "Q131404661")
    assert next(db.quads_for_pattern(regime, None, None, None), None)  # its description


def test_repeat_adds_nothing(coast):
    _, again = linked(*SYRIA_COAST)
    assert set(again) == set(coast[1])


def _v(name: str):
    from pyoxigraph import Variable

    return Variable(name)


def test_region_or_its_city_both_fit():
    ents, _ = linked(ent("e0", "Place", "Syria"), ent("e1", "AdministrativeArea", "Tartus"),
                     ent("e2", "Place", "Deir Ezzor", "province of Deir Ezzor", "city of Deir Ezzor"))
    assert ents["Tartus"].qid in {"Q232382", "Q174916"}  # "Tartouss", the city, is its namesake
    assert ents["Deir Ezzor"].qid == "Q239097"  # the text names both: the bare name decides


def test_affix_in_an_alias_is_a_hint():
    ents, _ = linked(ent("e0", "Place", "Dima Hasao", "Dima Hasao District"))
    assert (ents["Dima Hasao"].qid, ents["Dima Hasao"].cls) == ("Q42774", "AdministrativeArea")


def test_sound_alikes_never_rival_an_exact_name():
    ents, _ = linked(ent("e0", "Country", "Syria", "Syrias"), ent("e1", "Place", "Iran"),
                     ent("e2", "Place", "Tehran"))
    assert ents["Syria"].qid == "Q858"  # not blocked by Sari, a city near Tehran
    ents, _ = linked(ent("e0", "Place", "Syria"), ent("e1", "Place", "Deraa"))
    assert ents["Deraa"].qid in {None, "Q1689560", "Q238217"}  # never Darayya


def test_linked_entities_take_the_item_label(coast):
    uk = coast[0]["UK"]
    assert uk.label == "United Kingdom" and "UK" in uk.alt_labels
    banias = coast[0]["Banias"]
    assert banias.label == "Baniyas"  # the item's label "Bāniyās" without diacritics
    assert "Banias" in banias.alt_labels and banias.label not in banias.alt_labels


def test_a_region_in_a_country_the_article_never_names_is_not_linked():
    from kg.link import link
    from kg.model import Article, Entity, Extraction, Span

    def ent(key: str, cls: str, name: str) -> Entity:
        return Entity(key=key, cls=cls, label=name, mentions=(Span(0, len(name), name),))

    article = Article(text="x", source="t", key="/t")
    ents = (ent("e0", "Country", "Honduras"), ent("e1", "Settlement", "San Pedro Sula"),
            ent("e2", "Place", "Madrid"))
    linked, _ = link(Extraction(article=article, entities=ents))
    by = {e.key: e for e in linked.entities}
    assert by["e0"].qid and by["e1"].qid
    assert by["e2"].qid is None  # Madrid, Spain: Spain is named nowhere in the article
