"""`kg link --explain NAME`: why a name links to an item or to none.

With an article (its text), the text is read as `kg build` reads it and the entity that has the
name is judged in that article's context; without one, the name alone is judged as a person,
a faction and a place (whichever the gazetteer has items for).
"""

from __future__ import annotations

from kg.extract.classes import TOP_CLASSES, top_class
from kg.link.candidates import KINDS_OF, names_of
from kg.link.gazetteer import Gazetteer, load_gazetteer
from kg.link.normalize import fold
from kg.link.resolve import NO_TEXT, Reading, Scored, Verdict, verdicts
from kg.model import Article, Entity

SHOWN = 8  # candidates listed per entity


def explain(name: str, text: str | None = None, cls: str | None = None,
            gaz: Gazetteer | None = None) -> list[Verdict]:
    """Verdicts for the entities called `name`: in the article `text` if given, else alone."""
    gaz = gaz or load_gazetteer()
    if text:
        return in_article(name, text, cls, gaz)
    tops = [cls] if cls else [t for t in TOP_CLASSES
                              if any(c.kind in KINDS_OF[t] for c in gaz.lookup(name))]
    out = []
    for top in tops or TOP_CLASSES[:1]:
        e = Entity(key="e0", cls=top, label=name, mentions=())
        out.append(verdicts((e,), gaz, NO_TEXT)[e.key])
    return out


def in_article(name: str, text: str, cls: str | None, gaz: Gazetteer) -> list[Verdict]:
    """Read the text as a build would and judge the entities with that name."""
    from kg.extract import extract
    from kg.nlp import get_nlp

    x = extract(get_nlp()(text), Article(text=text, source="explain", key="explain"))
    wanted = fold(name)
    ents = [e for e in x.entities if not e.scoped and (cls is None or top_class(e.cls) == cls)
            and any(wanted == fold(n) for n in names_of(e))]
    found = verdicts(x.entities, gaz, Reading(text, x.sentences, x.relations))
    return [found[e.key] for e in ents if e.key in found]


def candidate_line(s: Scored) -> str:
    """One candidate: QID, label, kind, country, description, and its score or evidence."""
    c = s.match.candidate
    head = f"  {c.qid:<11} {c.display_label} ({c.kind}{', ' + c.country if c.country else ''})"
    if c.description:
        head += f" - {c.description}"
    if s.parts:
        parts = " ".join(f"{p:+.2f} {why}" for p, why in s.parts)
        return f"{head}\n      score {s.score:.2f} = {parts}"
    agree = ", ".join(s.support) or "nothing"
    tail = f"; ruled out: {s.against}" if s.against else ""
    return f"{head}\n      match {s.match.quality:.2f}; agrees: {agree}{tail}"


def report(vs: list[Verdict], name: str) -> str:
    """The verdicts as text for the terminal."""
    if not vs:
        return f"{name!r}: no entity of that name in the text"
    out = []
    for v in vs:
        e = v.entity
        alts = [n for n in names_of(e) if n != e.label]
        out.append(f"{e.label!r} as {e.cls}" + (f" (also {', '.join(map(repr, alts))})" if alts
                                                else ""))
        d = v.decision
        out.append(f"  linked: {d.candidate.qid} {d.candidate.display_label} ({d.cls}, "
                   f"confidence {d.confidence})" if d else "  not linked")
        out.append(f"  why: {v.reason}")
        used = "; ".join(f"{k}: {', '.join(map(str, val)) or '-'}" for k, val in v.context.items())
        out.append(f"  context: {used}")
        if v.ranked:
            out.append(f"  candidates ({len(v.ranked)}):")
            out += [candidate_line(s) for s in v.ranked[:SHOWN]]
    return "\n".join(out)
