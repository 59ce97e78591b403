"""The matching settings: window, weights, thresholds and compatible classes (a JSON data file).

The bundled defaults are `data/matching.json`; a store may carry its own copy as
`<store>/incidents.json` (written by `kg incidents --rebuild --settings FILE`), which every
later build into that store uses, so that a store's incidents are always made one way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import KGError

DEFAULTS = Path(__file__).resolve().parent / "data" / "matching.json"
STORE_FILE = "incidents.json"
WEIGHTS = ("class_same", "class_compatible", "class_sentence", "place_same", "place_region", "place_inside",
           "place_country",
           "day_same", "day_apart", "day_by_article", "day_by_week", "same_article", "agent_shared",
           "target_shared", "count_close", "count_differ")
COUNTS = ("close_ratio", "close_difference", "far_ratio", "far_difference")


@dataclass(frozen=True)
class Settings:
    """How reports are matched into incidents (see data/matching.json for what each means)."""

    window_days: int
    article_lag_days: int
    threshold: float
    max_component: int
    weights: dict
    counts: dict
    compatible_classes: tuple[frozenset[str], ...]

    def weight(self, feature: str) -> float:
        """The weight of one feature."""
        return self.weights[feature]


@lru_cache(maxsize=1)
def _defaults() -> dict:
    return json.loads(DEFAULTS.read_text(encoding="utf-8"))


def parse(raw: dict, where: str) -> Settings:
    """Settings from a decoded JSON object, every value checked (a clear error names `where`);
    what it leaves out is the default's."""
    base = _defaults()
    raw = {**base, **raw, "weights": {**base["weights"], **raw.get("weights", {})},
           "counts": {**base["counts"], **raw.get("counts", {})}}
    try:
        weights = {k: float(raw["weights"][k]) for k in WEIGHTS}
        counts = {k: float(raw["counts"][k]) for k in COUNTS}
        groups = tuple(frozenset(str(c) for c in group) for group in raw["compatible_classes"])
        out = Settings(window_days=int(raw["window_days"]),
                       article_lag_days=int(raw["article_lag_days"]),
                       threshold=float(raw["threshold"]), max_component=int(raw["max_component"]),
                       weights=weights, counts=counts, compatible_classes=groups)
    except (KeyError, TypeError, ValueError) as err:
        raise KGError(f"{where}: not valid incident settings ({type(err).__name__}: {err})") from None
    if out.window_days < 0 or out.article_lag_days < 0 or out.max_component < 1:
        raise KGError(f"{where}: window_days and article_lag_days must be >= 0, max_component >= 1")
    return out


def read(path: Path) -> Settings:
    """Settings from a JSON file."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KGError(f"{path}: cannot read incident settings ({err})") from None
    if not isinstance(raw, dict):
        raise KGError(f"{path}: incident settings are a JSON object")
    return parse(raw, str(path))


def for_store(store_dir: Path | None) -> Settings:
    """The settings a store's incidents are made with: its own copy, else the defaults."""
    own = Path(store_dir) / STORE_FILE if store_dir is not None else None
    return read(own if own is not None and own.exists() else DEFAULTS)
