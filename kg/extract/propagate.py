"""More mentions from the ones found: bracketed acronyms, bare head words, untagged repeats,
and 'the monitor' standing for the one monitoring organisation."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract import coref
from kg.extract.classes import top_class
from kg.extract.mentions import Mention


def more_mentions(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """Bracketed acronyms, head words and repeats of the names in `ms`."""
    ms = ms + bracket_acronyms(doc, ms)
    ms = ms + head_words(doc, ms)
    return ms + repeats(doc, ms)


def bracket_acronyms(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """'(SFs)' after a name that the model did not tag: a mention to be joined to that name."""
    taken = {i for m in ms for i in range(m.start, m.end)}
    out = []
    for m in ms:
        i = m.end + 1
        if (
            i + 1 < len(doc)
            and (doc[m.end].text == "(" or _inner_dash(doc, m))
            and doc[i + 1].text == ")"
            and i not in taken
            and coref.is_acronym(doc[i].text)
        ):
            out.append(Mention(i, i + 1, doc[i].text, doc[i].text, m.cls, "ORG", scoped=m.scoped))
    return out


def _inner_dash(doc: Doc, m: Mention) -> bool:
    """Whether a bracketed name is followed by a spaced dash: '(Cartel del Norte - CDN)'."""
    return (
        m.start > 0
        and doc[m.start - 1].text == "("
        and doc[m.end].text in ("-", "\u2013")
        and bool(doc[m.end].whitespace_)
    )


def head_words(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """'Observatory' alone after 'Syrian Observatory for Human Rights': a mention to be joined."""
    taken = {i for m in ms for i in range(m.start, m.end)}
    heads = {}
    for m in ms:
        root = doc[m.start : m.end].root
        if m.end - m.start > 1 and top_class(m.cls) == "Faction" and not m.scoped and root.is_title:
            heads.setdefault(root.text, m)
    return [
        Mention(t.i, t.i + 1, t.text, t.text, heads[t.text].cls, "ORG")
        for t in doc
        if t.text in heads
        and t.i not in taken
        and not t.is_sent_start
        or t.text in heads
        and t.i not in taken
        and t.i > 0
        and doc[t.i - 1].lower_ == "the"
    ]


def repeats(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """Later occurrences of a name the model left untagged ('CRAC coordinator ...')."""
    taken = {i for m in ms for i in range(m.start, m.end)}
    names = {}
    for m in ms:
        words = tuple(t.text for t in doc[m.start : m.end])
        if m.named and not m.scoped and (len(words) > 1 or coref.is_acronym(m.text)):
            names.setdefault(words, m)
    out = []
    texts = [t.text for t in doc]
    at: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        at.setdefault(text, []).append(i)  # where each word stands, in order
    for words, m in names.items():
        n = len(words)
        for i in at.get(words[0], ()):
            span = range(i, i + n)
            if (
                i <= len(doc) - n
                and tuple(texts[i : i + n]) == words
                and not taken.intersection(span)
            ):
                out.append(Mention(i, i + n, doc[i : i + n].text, m.name, m.cls, m.label, m.fixed))
                taken.update(span)
    return out


def attach_monitor(groups: list[list[Mention]]) -> list[list[Mention]]:
    """'the monitor' stands for the one monitoring NGO the article names, where there is one."""
    ngos = [g for g in groups if any(m.cls == "NGO" and not m.scoped for m in g)]
    monitor = [g for g in groups if any(m.group == "monitor" for m in g)]
    if not monitor or not ngos:
        return groups
    if len(ngos) > 1:
        # several NGOs: the one named last before 'the monitor' first appears
        first = min(m.start for m in monitor[0])
        before = [
            (max(m.start for m in g if m.start < first), i)
            for i, g in enumerate(ngos)
            if any(m.start < first for m in g)
        ]
        if not before:
            return groups
        ngos = [ngos[max(before)[1]]]
    for m in monitor[0]:
        ngos[0].append(replace_mention(m, ngos[0][0]))
    return [g for g in groups if g is not monitor[0]]


def replace_mention(m: Mention, like: Mention) -> Mention:
    """A resolved mention (no alt label) standing for `like`'s entity."""
    return Mention(m.start, m.end, m.text, like.name, like.cls, named=False)
