"""The user gazetteer: items imported with `kg gazetteer import` or found online, kept as JSON
lines in $KG_GAZETTEER (else ~/.local/share/kg/gazetteer), under the licence of their source."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from kg.link.gazetteer import Candidate, GazetteerError

USER_FILE = "items.jsonl"


def user_gazetteer_dir() -> Path:
    """Where imported and online-found items are kept: $KG_GAZETTEER or ~/.local/share/kg."""
    if os.environ.get("KG_GAZETTEER"):
        return Path(os.environ["KG_GAZETTEER"])
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "kg" / "gazetteer"


def read_user_items(directory: Path) -> list[Candidate]:
    """The items of a user gazetteer directory (none if it does not exist)."""
    path = Path(directory) / USER_FILE
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                d = json.loads(line)
                out.append(Candidate(**{**d, "aliases": tuple(d.get("aliases", ()))}))
            except (ValueError, TypeError) as err:
                raise GazetteerError(f"{path}:{n}: not a gazetteer item ({err})") from None
    return out


def add_user_items(items: Iterable[Candidate], directory: Path | None = None) -> int:
    """Merge items (by QID) into the user gazetteer; returns how many were written."""
    directory = Path(directory or user_gazetteer_dir())
    directory.mkdir(parents=True, exist_ok=True)
    merged = {c.qid: c for c in read_user_items(directory)}
    n = 0
    for c in items:
        merged[c.qid] = c
        n += 1
    tmp = directory / f"{USER_FILE}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as f:
        for c in merged.values():
            f.write(c.as_json() + "\n")
    os.replace(tmp, directory / USER_FILE)
    return n
