"""Shared fixtures: the seed graph built once into a real on-disk store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import SEEDS_DIR
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store directory holding the graph built from seeds/ (do not write to it)."""
    directory = tmp_path_factory.mktemp("seed-store")
    build([str(SEEDS_DIR)], directory)
    return directory
