"""kg's entity recall on a wire-style sample (headlines, datelines, bylines, results tables,
lists, names with of/for/and) is at least the bare model's: kg's fixes add names, they do not
undo the model's. Both are computed here with the real model; the sample is written for this
test (no benchmark text)."""

from __future__ import annotations

import pytest
import spacy

from kg.config import SPACY_MODEL
from kg.extract import entities
from kg.extract.classes import top_class
from kg.extract.entity_data import fold
from kg.model import Extraction
from kg.nlp import get_nlp
from kg.read import from_text

A, F, P = "Actor", "Faction", "Place"
BARE_CLASSES = {"PERSON": A, "ORG": F, "GPE": P, "LOC": P, "FAC": P}

SAMPLE: list[tuple[str, list[tuple[str, str]]]] = [
    (
        (
            "SOCCER - NORDIC CUP RESULTS\n"
            "OSLO 2026-05-10\n"
            "Results of Nordic Cup second round matches played on Saturday:\n"
            "Valerenga 2 Haugesund 1\n"
            "Brann 0 Molde 3\n"
            "Leading scorers: Erling Sandvik (Brann) 7, Kasper Holm (Molde) 6, Jonas Aaberg "
            "(Valerenga) 5.\n"
        ),
        [("Oslo", P), ("Valerenga", F), ("Haugesund", F), ("Brann", F), ("Molde", F),
         ("Erling Sandvik", A), ("Kasper Holm", A), ("Jonas Aaberg", A)],
    ),
    (
        (
            "ATHLETICS - LISBON MEETING RESULTS\n"
            "LISBON 2026-06-02\n"
            "Leading results at the Lisbon athletics meeting on Tuesday:\n"
            "Men's 800 metres\n"
            "1. Tomasz Wrobel (Poland) 1:44.80\n"
            "2. Kwame Asante (Ghana) 1:45.12\n"
            "3. Luis Ferreira (Portugal) 1:45.30\n"
        ),
        [("Lisbon", P), ("Tomasz Wrobel", A), ("Poland", P), ("Kwame Asante", A), ("Ghana", P),
         ("Luis Ferreira", A), ("Portugal", P)],
    ),
    (
        (
            "Aid groups warn of hunger in North Kivu\n"
            "GENEVA 2026-04-14\n"
            "The Office for the Coordination of Humanitarian Affairs said on Monday that food stocks "
            "in North Kivu would run out within weeks.\n"
            "The Union of Medical Care and Relief Organizations said two of its clinics near Goma had "
            "closed.\n"
            "U.S. and U.K. officials called for a ceasefire, and the Committee to Protect Journalists "
            "said a reporter, Amani Bisimwa, had been detained in Bukavu.\n"
        ),
        [("Geneva", P), ("Office for the Coordination of Humanitarian Affairs", F),
         ("North Kivu", P), ("Union of Medical Care and Relief Organizations", F), ("Goma", P),
         ("U.S.", P), ("U.K.", P), ("Committee to Protect Journalists", F),
         ("Amani Bisimwa", A), ("Bukavu", P)],
    ),
    (
        (
            "Kenyan court frees opposition activists\n"
            "By Wanjiru Mwangi\n"
            "NAIROBI 2026-03-03\n"
            "A Nairobi court on Tuesday freed five activists of the Orange Democratic Movement, "
            "including Otieno Kamau, Achieng Odhiambo and Peter Njoroge.\n"
            "Police spokesman Daniel Kiprono said the Kenya Police Service would appeal.\n"
        ),
        [("Wanjiru Mwangi", A), ("Nairobi", P), ("Orange Democratic Movement", F),
         ("Otieno Kamau", A), ("Achieng Odhiambo", A), ("Peter Njoroge", A),
         ("Daniel Kiprono", A), ("Kenya Police Service", F)],
    ),
    (
        (
            "CRICKET - COUNTY CHAMPIONSHIP SCORES\n"
            "TAUNTON 2026-07-09\n"
            "Close of play scores on the second day of the four-day matches on Thursday:\n"
            "At Taunton: Devon 312 (Tom Pascoe 84, Harry Trelawny 56; Owen Pryce 4-43) v "
            "Cumbria.\n"
            "At Carlisle: Cornwall 198 and 140-3 (Sam Penrose 61 not out). Norfolk 281.\n"
            "Championship table (played, won, lost, drawn, points):\n"
            "Devon 9 5 1 3 141\n"
            "Cornwall 9 4 2 3 122\n"
            "Norfolk 8 3 3 2 104\n"
        ),
        [("Taunton", P), ("Devon", F), ("Tom Pascoe", A), ("Harry Trelawny", A),
         ("Owen Pryce", A), ("Cumbria", F), ("Carlisle", P), ("Cornwall", F),
         ("Sam Penrose", A), ("Norfolk", F)],
    ),
    (
        (
            "Norsk Hydro shares rise on plant sale\n"
            "OSLO 2026-02-19\n"
            "Shares of Norsk Hydro rose 3 percent in Oslo on Thursday after the aluminium maker "
            "agreed to sell a plant in Slovakia to Alcoa.\n"
            "The United Nations Office on Drugs and Crime was not involved, a spokesman for the "
            "Norwegian Ministry of Trade and Industry said.\n"
        ),
        [("Norsk Hydro", F), ("Oslo", P), ("Slovakia", P), ("Alcoa", F),
         ("United Nations Office on Drugs and Crime", F),
         ("Norwegian Ministry of Trade and Industry", F)],
    ),
]


def kg_names(text: str) -> set[tuple[str, str]]:
    """(folded name, top class) of every name kg gives an entity."""
    article = from_text(text, "sample.txt", "sample.txt")
    found = entities.extract(get_nlp()(article.text), Extraction(article=article))
    return {(fold(n), top_class(e.cls)) for e in found.entities for n in (e.label, *e.alt_labels)}


def bare_names(nlp, text: str) -> set[tuple[str, str]]:
    """(folded name, class) of the bare model's entities."""
    return {(fold(e.text), BARE_CLASSES[e.label_]) for e in nlp(text).ents if e.label_ in BARE_CLASSES}


def recall(found: list[set[tuple[str, str]]]) -> tuple[float, float]:
    """Untyped and typed recall of the sample's gold names."""
    gold = [(fold(n), c, got) for (_, names), got in zip(SAMPLE, found) for n, c in names]
    untyped = sum(any(f == n for f, _ in got) for n, _, got in gold)
    typed = sum((n, c) in got for n, c, got in gold)
    return untyped / len(gold), typed / len(gold)


@pytest.fixture(scope="module")
def recalls() -> dict[str, tuple[float, float]]:
    bare = spacy.load(SPACY_MODEL)
    return {
        "bare": recall([bare_names(bare, text) for text, _ in SAMPLE]),
        "kg": recall([kg_names(text) for text, _ in SAMPLE]),
    }


def test_sample_is_big_enough():
    assert sum(len(names) for _, names in SAMPLE) >= 30
    assert sum(text.count("\n") for text, _ in SAMPLE) >= 25


def test_kg_recall_is_at_least_the_bare_models(recalls):
    kg, bare = recalls["kg"], recalls["bare"]
    assert kg[0] >= bare[0], recalls
    assert kg[1] >= bare[1], recalls
