"""Keep queries off the network: SERVICE (and LOAD in updates) only to allow-listed endpoints.

pyoxigraph follows any `SERVICE <url>` (and `LOAD <url>`) with a real HTTP request
and no timeout, so the endpoint could be used to reach internal addresses. We scan
the query with SPARQL's own lexical rules (IRIs, string literals and comments are
tokens, so a keyword inside one of them is not seen, and one hidden by a comment
is), and refuse every SERVICE/LOAD whose target is not an allow-listed absolute IRI.
A false alarm (say a prefixed name ending in `:SERVICE`) refuses a harmless query;
nothing that pyoxigraph would parse as SERVICE slips through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.errors import QueryError

IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
STRINGS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'', re.DOTALL)
COMMENT = re.compile(r"#[^\n\r]*")
ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
PREFIX_DECL = re.compile(r"(?<![\w?$])PREFIX\s+([A-Za-z][\w.-]*)?:\s*\x00(\d+)\x00", re.IGNORECASE)
NETWORK = re.compile(r"(?<![\w?$])(SERVICE|LOAD)(?![\w-])\s*(?:SILENT(?![\w-])\s*)?"
                     r"(\x00\d+\x00|[?$]\w+|[A-Za-z][\w.-]*:[^\s{}]*|:[^\s{}]*)?", re.IGNORECASE)


class ServiceRefused(QueryError):
    """A query names a SERVICE (or LOAD) endpoint that is not allow-listed."""


def unescape(text: str) -> str:
    """Apply SPARQL's \\u / \\U codepoint escapes, as the grammar says they come first."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokenize(text: str) -> tuple[str, list[str]]:
    """The query with IRIs as \\x00n\\x00 placeholders and strings and comments blanked."""
    iris: list[str] = []
    out: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        match = None
        if char == "<":
            match = IRIREF.match(text, pos)
            if match:
                iris.append(match.group()[1:-1])
                out.append(f"\x00{len(iris) - 1}\x00")
        elif char in "\"'":
            match = STRINGS.match(text, pos)
            if match:
                out.append('""')
        elif char == "#":
            match = COMMENT.match(text, pos)
            out.append(" ")
        if match:
            pos = match.end()
        else:
            out.append(char)
            pos += 1
    return "".join(out), iris


def network_targets(query: str) -> list[tuple[str, str | None]]:
    """(keyword, target IRI or None when it cannot be known) for each SERVICE/LOAD."""
    text, iris = tokenize(unescape(query))
    prefixes = {(m.group(1) or ""): iris[int(m.group(2))] for m in PREFIX_DECL.finditer(text)}
    found = []
    for m in NETWORK.finditer(text):
        keyword, target = m.group(1).upper(), m.group(2) or ""
        iri: str | None = None
        if target.startswith("\x00"):
            iri = iris[int(target.strip("\x00"))]
        elif ":" in target and not target.startswith(("?", "$")):
            prefix, _, local = target.partition(":")
            iri = prefixes[prefix] + local if prefix in prefixes else None
        found.append((keyword, iri))
    return found


def normal(iri: str) -> str:
    """An endpoint IRI compared without a trailing slash."""
    return iri.rstrip("/")


def check(query: str, allowed: Iterable[str]) -> None:
    """Raise ServiceRefused unless every SERVICE/LOAD target is in `allowed`."""
    allow = {normal(a) for a in allowed}
    for keyword, iri in network_targets(query):
        if iri is None:
            raise ServiceRefused(f"{keyword} with a variable or unknown endpoint is not allowed "
                                 "(federation is limited to the allow-listed endpoints)")
        if not re.match(r"[a-z][a-z0-9+.-]*:", iri, re.IGNORECASE) or normal(iri) not in allow:
            raise ServiceRefused(f"{keyword} <{iri}> is not allowed: this endpoint only calls "
                                 "allow-listed endpoints (kg serve --allow-service URL)")
