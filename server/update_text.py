"""SPARQL Update text read as far as kg needs: operations, their clauses and template blocks.

Only the structure is read (the engine parses the rest): a request is operations separated by
`;` outside braces; each has a prologue (BASE / PREFIX), a form (INSERT DATA, DELETE WHERE,
DROP, ...) and for DELETE/INSERT its WITH, templates, USING clauses and WHERE block. A template
is split into its default-graph triples and its `GRAPH name { ... }` blocks. Tokens follow
SPARQL's lexical rules, so braces and keywords inside IRIs, strings and comments are not seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import QueryError
from kg.sparql_text import Token, closing, tokens


@dataclass
class Template:
    """A template or quad block: its default-graph triples and its GRAPH blocks."""

    triples: list[str] = field(default_factory=list)  # pieces of text, each triples
    graphs: list[tuple[str, str]] = field(default_factory=list)  # (graph name text, inner text)


@dataclass
class Operation:
    """One operation of an update request."""

    prologue: str  # the BASE / PREFIX text before it
    form: str  # INSERT DATA, DELETE DATA, DELETE WHERE, MODIFY, CLEAR, DROP, ADD, ...
    text: str  # the operation itself
    words: list[Token]  # its tokens outside braces (keywords, names)
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)  # clause -> inner span
    using: list[str] = field(default_factory=list)  # USING / USING NAMED clauses as written
    with_graph: str | None = None


def split(text: str) -> list[Operation]:
    """The operations of an update request, in order."""
    toks, ops, i = tokens(text), [], 0
    start = 0
    while i < len(toks):
        j = i
        while j < len(toks) and not (toks[j].kind == "punct" and toks[j].text == ";"):
            j = closing(toks, j) + 1 if toks[j].text == "{" and toks[j].kind == "punct" else j + 1
        end = toks[j].start if j < len(toks) else len(text)
        if j > i:
            ops.append(operation(text, start, end, toks[i:j]))
        start = toks[j].end if j < len(toks) else len(text)
        i = j + 1
    return ops


def operation(text: str, start: int, end: int, toks: list[Token]) -> Operation:
    """One operation from its tokens: prologue, form, clauses."""
    i = 0
    while i < len(toks) and toks[i].word() in ("BASE", "PREFIX"):
        i += 3 if toks[i].word() == "PREFIX" else 2
    if i >= len(toks):
        raise QueryError("SPARQL syntax error: a prologue with no operation after it")
    head = toks[i]
    op = Operation(prologue=text[start:head.start], form=head.word(), text=text[head.start:end],
                   words=[])
    base = head.start
    j = i
    while j < len(toks):
        t = toks[j]
        if t.kind == "punct" and t.text == "{":
            k = closing(toks, j)
            clause = op.words[-1].word() if op.words else ""
            op.blocks[clause] = (t.end - base, toks[k].start - base)
            j = k + 1
            continue
        op.words.append(t)
        j += 1
    kinds = [w.word() for w in op.words]
    if kinds[:2] in (["INSERT", "DATA"], ["DELETE", "DATA"], ["DELETE", "WHERE"]):
        op.form = " ".join(kinds[:2])
    elif head.word() in ("WITH", "INSERT", "DELETE"):
        op.form = "MODIFY"
        read_modify(op)
    return op


def read_modify(op: Operation) -> None:
    """WITH and USING clauses of a DELETE/INSERT operation."""
    words = op.words
    for n, w in enumerate(words):
        if w.word() == "WITH" and n + 1 < len(words):
            op.with_graph = words[n + 1].text
        elif w.word() == "USING":
            named = n + 1 < len(words) and words[n + 1].word() == "NAMED"
            target = words[n + 2 if named else n + 1] if n + (2 if named else 1) < len(words) else None
            if target is not None:
                op.using.append(("USING NAMED " if named else "USING ") + target.text)


def template(inner: str) -> Template:
    """A template's (or quad data's) default-graph triples and GRAPH blocks."""
    toks, out, i, piece_start = tokens(inner), Template(), 0, 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct" and t.text == "{":
            i = closing(toks, i) + 1
            continue
        if t.word() == "GRAPH" and i + 2 < len(toks) and toks[i + 2].text == "{":
            k = closing(toks, i + 2)
            out.triples.append(inner[piece_start:t.start])
            out.graphs.append((toks[i + 1].text, inner[toks[i + 2].end:toks[k].start]))
            piece_start = toks[k].end
            i = k + 1
            continue
        i += 1
    out.triples.append(inner[piece_start:])
    out.triples = [p for p in (clean(p) for p in out.triples) if p]
    return out


def clean(piece: str) -> str:
    """Triples text without the '.' separators that stood between it and a GRAPH block."""
    toks = tokens(piece)
    while toks and toks[0].text == "." and toks[0].kind == "punct":
        toks = toks[1:]
    while toks and toks[-1].text == "." and toks[-1].kind == "punct":
        toks = toks[:-1]
    return piece[toks[0].start:toks[-1].end] if toks else ""


def join(pieces: list[str]) -> str:
    """Triples pieces as one block body (newlines first: a piece may end in a comment)."""
    return "\n.\n".join(pieces)
