"""What the article says around a name: the text of each mention's sentence before and after it,
and what that text gives away (a list of provinces the name is one of).

Pure functions on the article text and the entity's mention offsets; no parse is needed, so the
same reading works when `kg link` re-links a store (text and offsets are in the graph).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.link.normalize import affix_hint
from kg.model import Entity, Span

WINDOW = 120  # characters either side of a mention that may describe it

_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:al-|el-|de\s+)?[A-Z][\w'\u2019.-]*)*"
_PLURAL = r"(provinces|governorates|oblasts|regions|states|districts|counties|departments)"
# 'Idlib, Hama and Aleppo provinces': the mention is one of a list the plural affix ends
_LIST_AFTER = re.compile(rf"^(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|or)\s+{_NAME}\s+{_PLURAL}\b")
_LAST_OF_LIST = re.compile(rf"^\s+{_PLURAL}\b")
# 'the provinces of Idlib, Hama and Aleppo'
_LIST_BEFORE = re.compile(rf"\b{_PLURAL}\s+of\s+(?:{_NAME}\s*,\s*)*(?:{_NAME},?\s+(?:and|or)\s+)?$")
_SINGULAR_AFTER = re.compile(r"^\s+(province|governorate|oblast|region|state|district|county)\b")


@dataclass(frozen=True)
class Context:
    """What the article as a whole says about where it is."""

    countries: frozenset[str]
    places: frozenset[str]  # QIDs of places the article names exactly
    points: tuple[tuple[float, float], ...] = ()  # where those places (below country) are
    demonyms: frozenset[str] = frozenset()  # countries its demonyms name ('Malian troops')


@dataclass(frozen=True)
class Window:
    """The text of a mention's sentence before and after it (at most WINDOW characters)."""

    before: str
    after: str
    start: int  # where `before` starts in the article
    end: int  # where `after` ends


def sentence_of(span: Span, sentences: tuple[Span, ...]) -> tuple[int, int]:
    """The character range of the sentence holding a span (the span itself if none does)."""
    for s in sentences:
        if s.start <= span.start and span.end <= s.end:
            return s.start, s.end
    return span.start, span.end


def windows(e: Entity, text: str, sentences: tuple[Span, ...]) -> list[Window]:
    """The window of every mention of an entity, in text order."""
    out = []
    for m in e.mentions:
        if m.end > len(text):
            continue
        first, last = sentence_of(m, sentences) if sentences else (0, len(text))
        start, end = max(first, m.start - WINDOW), min(last, m.end + WINDOW)
        out.append(Window(text[start:m.start], text[m.end:end], start, end))
    return out


def list_hints(ws: Iterable[Window]) -> set[str]:
    """Kinds of place the text around the mentions names: 'Idlib, Hama and Aleppo provinces',
    'the provinces of Idlib and Hama', 'Idlib province' (when the affix is outside the name)."""
    hints = set()
    for w in ws:
        m = (_LIST_AFTER.match(w.after) or _LAST_OF_LIST.match(w.after)
             or _SINGULAR_AFTER.match(w.after) or _LIST_BEFORE.search(w.before))
        if m:
            hint = affix_hint(m.group(m.lastindex))
            if hint:
                hints.add(hint)
    return hints


def shouted(ws: list[Window]) -> bool:
    """Whether every mention stands in text written in capitals (a headline, a table): there
    'WHO' or 'ERA' may be a word, not an acronym."""
    def caps(w: Window) -> bool:
        letters = [c for c in w.before[-40:] + w.after[:40] if c.isalpha()]
        return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)
    return bool(ws) and all(caps(w) for w in ws)
