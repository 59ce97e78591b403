"""The lexicon ruler: exact (case-sensitive) names from kg's lexicons and the bundled places,
marked before the model's NER so that it fills in around them.

Known-name spans carry `ent_id_` = "<Class>|<canonical name>" so later steps need not guess.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.entity_data import fold, lexicons, place_class, rows, ruler_names, words


@lru_cache(maxsize=1)
def ruler_patterns() -> list[dict]:
    """EntityRuler patterns: lexicon organisations and outlets, countries, apostrophe-less forms."""
    pats = [
        {"label": "ORG", "pattern": surface, "id": f"{cls}|{name}"}
        for surface, name, cls in ruler_names()
        if not surface.islower()
    ]
    skip = words("ambiguous_places.txt") | set(lexicons().demonyms)
    table = places_rows()
    known = {r[0] for r in table} | {surface for surface, _, _ in ruler_names()}
    seen: set[str] = set()
    for name, kind, _cc in table:
        if name in seen or name in skip or " " in name and kind != "country":
            continue
        seen.add(name)
        ident = f"{place_class(kind)}|{name}"
        if kind == "country":
            pats.append({"label": "GPE", "pattern": name, "id": ident})
        if not name.endswith("s") and name + "s" not in known:
            pats.append({"label": "GPE", "pattern": name + "s", "id": ident})
    return pats


def places_rows() -> list[tuple[str, str, str]]:
    """Bundled places as (name, kind, country), countries first."""
    rank = {"country": 0, "admin1": 1, "city": 2}
    return sorted(((r[0], r[1], r[2]) for r in rows("places.tsv")), key=lambda r: rank.get(r[1], 3))


class LexiconRuler:
    """Marks exact (case-sensitive) lexicon names as entities before the model's NER sees them."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str]] = {}
        for pat in ruler_patterns():
            key = nlp.vocab.strings.add(f"{pat['label']}\t{pat['id']}")
            self.labels[key] = (pat["label"], pat["id"])
            self.matcher.add(f"{pat['label']}\t{pat['id']}", [nlp.make_doc(pat["pattern"])])

    def __call__(self, doc: Doc) -> Doc:
        """Set the longest lexicon matches as entities (the model fills in around them)."""
        spans = [
            Span(doc, s, e, label=self.labels[k][0], span_id=self.labels[k][1])
            for k, s, e in self.matcher(doc)
        ]
        doc.ents = filter_spans(spans)
        return doc


@lru_cache(maxsize=1)
def lexicon_surfaces() -> dict[str, frozenset[str]]:
    """Folded surface forms of each ruler id ("Country|Congo" -> {"congo", "congos"})."""
    out: dict[str, set[str]] = {}
    for pat in ruler_patterns():
        out.setdefault(pat["id"], set()).add(fold(pat["pattern"]))
    return {k: frozenset(v) for k, v in out.items()}
