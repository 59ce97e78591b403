"""Article text as safe HTML with extracted spans marked, overlaps handled by splitting.

Spans may nest or overlap (an entity mention inside an event's trigger, two mentions
sharing words), so the text is cut at every span boundary; each piece is escaped and
wrapped in one <mark> carrying the classes of every span covering it, linking to the
innermost span's page. An empty anchor `id="char=B,E"` marks where each span starts,
so RFC 5147 fragments of span IRIs (…/text#char=B,E) scroll to the right place.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A marked stretch of the text: offsets, CSS class, link target and tooltip."""

    begin: int
    end: int
    css: str
    href: str | None = None
    title: str = ""


def boundaries(length: int, spans: list[Span]) -> list[int]:
    """Every offset where a piece starts or ends, in order, within the text."""
    cuts = {0, length}
    for s in spans:
        cuts.add(min(max(s.begin, 0), length))
        cuts.add(min(max(s.end, 0), length))
    return sorted(cuts)


def piece_html(piece: str, covering: list[Span]) -> str:
    """One piece of text, escaped, in a <mark> for the spans covering it (if any)."""
    body = str(escape(piece))
    if not covering:
        return body
    classes = " ".join(sorted({c for s in covering for c in s.css.split()}))
    titles = " | ".join(dict.fromkeys(s.title for s in covering if s.title))
    linked = next((s for s in sorted(covering, key=lambda s: s.end - s.begin) if s.href), None)
    if linked is not None:
        body = f'<a href="{escape(linked.href)}">{body}</a>'
    return f'<mark class="{escape(classes)}" title="{escape(titles)}">{body}</mark>'


def highlight(text: str, spans: list[Span], anchors: bool = True) -> Markup:
    """The text as HTML with every span marked (text escaped); `anchors` for whole texts only."""
    valid = [s for s in spans if 0 <= s.begin < s.end <= len(text)]
    starts: dict[int, set[tuple[int, int]]] = {}
    for s in valid:
        starts.setdefault(s.begin, set()).add((s.begin, s.end))
    cuts = boundaries(len(text), valid)
    out: list[str] = []
    for a, b in pairwise(cuts):
        for begin, end in sorted(starts.get(a, ()) if anchors else ()):
            out.append(f'<span class="anchor" id="char={begin},{end}"></span>')
        covering = [s for s in valid if s.begin <= a and s.end >= b]
        out.append(piece_html(text[a:b], covering))
    return Markup("".join(out))
