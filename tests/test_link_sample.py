"""The people sample (tests/data/people: news written for it, gold written before any run): no
wrong link, and the bundled people and bodies the extractor finds all link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.classes import top_class
from kg.link import link
from kg.link.normalize import fold
from kg.nlp import get_nlp
from kg.read import read_all

SAMPLE = Path(__file__).resolve().parent / "data" / "people"


@pytest.fixture(scope="module")
def judged() -> list[tuple[dict, object]]:
    """(gold entity, the linked entity that shares a name with it, or None) for every scored
    gold entity of the sample."""
    articles = read_all([str(SAMPLE / "articles")])
    out = []
    for a, doc in zip(articles, get_nlp().pipe([a.text for a in articles]), strict=True):
        x, _ = link(extract(doc, a))
        gold = json.loads((SAMPLE / "gold" / (Path(a.source).stem + ".json")).read_text())
        for g in gold["entities"]:
            if g.get("optional") or g["qid"] == "?":
                continue
            names = {fold(n) for n in (g["name"], *g["aliases"])}
            found = [e for e in x.entities if names & {fold(n) for n in (e.label, *e.alt_labels)}]
            found.sort(key=lambda e: top_class(e.cls) != g["class"])
            out.append((g, found[0] if found else None))
    return out


def test_no_wrong_link(judged):
    wrong = [(g["name"], e.qid) for g, e in judged if e and e.qid and e.qid != g["qid"]]
    assert wrong == []
    assert sum(1 for g, e in judged if e and e.qid) >= 40  # and links were made


def test_bundled_people_and_bodies_link_when_found(judged):
    found = [(g, e) for g, e in judged if g["qid"] and e and top_class(e.cls) == g["class"]]
    missed = [g["name"] for g, e in found if e.qid != g["qid"]]
    assert len(found) >= 40 and missed == []


def test_private_people_and_namesakes_stay_unlinked(judged):
    private = [(g["name"], e.qid) for g, e in judged if g["qid"] is None and e is not None]
    assert len(private) >= 20 and all(qid is None for _, qid in private)
