"""Constructors of gold rows (../shared/eval/GUIDELINES.md) and the writer, shared by the
make_gold.py scripts of tests/data/*/ (run as `python tests/data/<set>/make_gold.py`)."""

import json
from pathlib import Path

A, F, P = "Actor", "Faction", "Place"


def e(name, cls, aliases=(), qid="?", optional=False, alt=()):
    """One gold entity (entity-only sets)."""
    d = {"name": name, "aliases": list(aliases), "class": cls, "qid": qid}
    if alt:
        d["qid_alt"] = list(alt)
    if optional:
        d["optional"] = True
    return d


def o(name, cls=F, aliases=()):
    """An unnamed or generic party: optional, no item."""
    return e(name, cls, aliases, None, True)


def named(name, aliases=(), cls=F, opt=False):
    """One gold entity of an events set (qid "?": linking is not scored there)."""
    d = {"name": name, "aliases": list(aliases), "class": cls, "qid": "?"}
    if opt:
        d["optional"] = True
    return d


def place(name, aliases=(), opt=False):
    return named(name, aliases, P, opt)


def actor(name, aliases=(), opt=False):
    return named(name, aliases, A, opt)


def event(cls, snippet, place=(), agent=(), target=(), count=None, opt=False):
    """One gold event."""
    d = {"class": cls, "snippet": snippet, "place": list(place), "agent": list(agent),
         "target": list(target), "count": count}
    if opt:
        d["optional"] = True
    return d


def claim(source, cue, q, snippet, status="Asserted", opt=False):
    """One gold claim."""
    d = {"source": list(source), "cue": cue, "quantity": q, "snippet": snippet, "status": status}
    if opt:
        d["optional"] = True
    return d


def write(here: Path, gold: dict) -> None:
    """One gold/<article>.json per entry: a list of entities, or a dict of entities/events/claims."""
    for article, g in gold.items():
        rows = g if isinstance(g, dict) else {"entities": g, "events": [], "claims": []}
        out = {"article": article, **rows}
        path = here / "gold" / article.replace(".txt", ".json")
        path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
