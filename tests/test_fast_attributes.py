"""kg's lookup attribute_ruler leaves every token as the model's own attribute_ruler does."""

from __future__ import annotations

import pytest
import spacy

from kg.config import SEEDS_DIR, SPACY_MODEL
from kg.fast_attributes import NAME, STOCK, replace_ruler
from kg.nlp import get_nlp

# the rules that are not one plain TAG lookup: words, dependencies, regexes, two-token rules,
# whitespace tokens inside and between sentences
TRICKY = [
    "I did it, but you ain't gonna stop me. Y'all know nothin' about it.",
    "Let's go. C'mon, there is a reason: that which they said was that he had gone.",
    "Gotta  run  \n\n  said the man who  \t had  been there.\n",
    "The army said it killed 15 fighters, though rebels denied anything of the sort.",
]


def analyses(nlp, texts):
    return [[(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i) for t in doc]
            for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]


def test_same_pos_morph_lemma_tag_dep_as_the_stock_ruler(texts):
    stock = spacy.load(SPACY_MODEL)
    fast = spacy.load(SPACY_MODEL)
    replace_ruler(fast)
    assert STOCK not in fast.pipe_names and NAME in fast.pipe_names
    expected, got = analyses(stock, texts), analyses(fast, texts)
    assert sum(len(d) for d in expected) > 1500
    for want, have in zip(expected, got, strict=True):
        assert have == want


def test_rules_beyond_the_tag_map_take_effect():
    doc = get_nlp()("They gonna leave. I saw it and it saw me.")
    assert [t.lemma_ for t in doc[1:3]] == ["go", "to"]  # a two-token rule; one sets its 2nd token
    assert doc[7].morph.get("Case") == ["Acc"] and doc[9].morph.get("Case") == ["Nom"]  # by DEP
    assert doc[11].lemma_ == "I" and doc[4].morph.get("PunctType") == ["Peri"]  # word, tag


def test_the_pipeline_runs_the_lookup_ruler_in_the_stock_ones_place():
    names = get_nlp().pipe_names
    assert STOCK not in names
    assert names.index("parser") < names.index(NAME) < names.index("lemmatizer")
