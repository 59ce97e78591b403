"""SPARQL text read by SPARQL's lexical rules: tokens, braces, and a query's FROM / FROM NAMED.

IRIs, strings and comments are tokens of their own, so a brace or a keyword inside one is not
seen. Only what kg needs is read; the engine parses the rest.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pyoxigraph import RdfFormat, parse

from kg.errors import QueryError

# Whitespace and comments are skipped before each token, in the same match (half as many
# matches to walk through); at the end of the text only `end` matches.
TOKEN = re.compile(r"""
    (?:\s+|\#[^\n\r]*)*
    (?:
    (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<var>[?$]\w+)
  | (?P<punct>[{}();,\[\]])
  | (?P<word>[^\s{}()\[\];,"'<>\#]+)
  | (?P<other>.)
  | (?P<end>\Z)
    )
""", re.VERBOSE | re.DOTALL)


class Token(NamedTuple):
    """One lexical token: its kind (word, iri, var, punct, string ...), text and span."""

    kind: str
    text: str
    start: int
    end: int

    def word(self) -> str:
        """The token as an upper-case keyword ('' unless a word)."""
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of `text` (no whitespace, no comments); a word's final dots split off."""
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "end":
            break
        value, start = m.group(kind), m.start(kind)
        if kind == "word" and value.endswith(".") and value.strip("."):
            stem = value.rstrip(".")
            out.append(Token("word", stem, start, start + len(stem)))
            out += [Token("punct", ".", i, i + 1) for i in range(start + len(stem), m.end())]
            continue
        out.append(Token("punct" if value == "." else kind, value, start, m.end()))
    return out


def closing(toks: list[Token], i: int) -> int:
    """The index of the `}` that closes the `{` at index i."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].text == "{" and toks[j].kind == "punct":
            depth += 1
        elif toks[j].text == "}" and toks[j].kind == "punct":
            depth -= 1
            if depth == 0:
                return j
    raise QueryError("SPARQL syntax error: a '{' is never closed")


def where_brace(text: str) -> int | None:
    """The offset just inside the `{` that opens the query's WHERE group (None if it has none).

    A CONSTRUCT's template is the first group and is passed over; WHERE is optional."""
    depth = groups = 0
    construct = after_where = False
    for t in tokens(text):
        word = t.word()
        if depth == 0 and word == "CONSTRUCT":
            construct = True
        elif depth == 0 and word == "WHERE":
            after_where = True
        elif t.kind == "punct" and t.text in "({":
            if t.text == "{" and depth == 0 and (after_where or not construct or groups == 1):
                return t.end
            groups += t.text == "{" and depth == 0
            depth += 1
        elif t.kind == "punct" and t.text in ")}":
            depth -= 1
    return None


def dataset_clauses(text: str, base: str | None, prefixes: dict[str, str]
                    ) -> tuple[list[str], list[str]]:
    """The IRIs of a query's FROM and FROM NAMED clauses, resolved (BASE, prefixes, `base`)."""
    toks = tokens(text)
    declared, froms, named = dict(prefixes), [], []
    i, depth = 0, 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct" and t.text in "{}":
            depth += 1 if t.text == "{" else -1
        elif depth == 0 and t.word() == "BASE" and i + 1 < len(toks):
            base = resolve(toks[i + 1].text[1:-1], base)
        elif depth == 0 and t.word() == "PREFIX" and i + 2 < len(toks):
            declared[toks[i + 1].text[:-1]] = resolve(toks[i + 2].text[1:-1], base)
        elif depth == 0 and t.word() == "FROM" and i + 1 < len(toks):
            is_named = toks[i + 1].word() == "NAMED"
            name = toks[i + 2 if is_named else i + 1] if i + (2 if is_named else 1) < len(toks) else None
            if name is not None:
                (named if is_named else froms).append(expand(name, declared, base))
        i += 1
    return froms, named


def expand(token: Token, prefixes: dict[str, str], base: str | None) -> str:
    """An IRI token (resolved against `base`) or a prefixed name, as an absolute IRI."""
    if token.kind == "iri":
        return resolve(token.text[1:-1], base)
    prefix, sep, local = token.text.partition(":")
    if not sep or prefix not in prefixes:
        raise QueryError(f"SPARQL syntax error: unknown prefix {prefix}: — add PREFIX {prefix}: <…>")
    return prefixes[prefix] + local


def resolve(iri: str, base: str | None) -> str:
    """An IRI resolved against `base` as the engine resolves it (RFC 3986)."""
    if base is None:
        return iri
    try:
        quad = next(iter(parse(f"<{iri}> <urn:x-kg:p> <urn:x-kg:o> .", format=RdfFormat.TURTLE,
                               base_iri=base)))
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: bad IRI <{iri}> ({err})") from None
    return quad.subject.value
