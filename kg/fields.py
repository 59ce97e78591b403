"""An article's fields checked before anything is written: types, characters, sizes, IRIs, dates.

Every check raises `InputError(where, reason)`; a field that passes is safe for every later
stage (RDF terms, N-Quads, XML results, pages).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from pyoxigraph import NamedNode

from kg.errors import InputError

LIMITS = {"title": 1_000, "url": 4_096, "date": 64, "source": 500}  # characters
META_FIELDS = ("title", "url", "date", "source")
# characters XML 1.0 cannot hold (SPARQL XML results, pages): C0 controls but tab and line ends
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# an absolute IRI: a scheme, then ":" (http, https, urn, doi, or a collection's own: "archive:4711")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
ACTIVE_SCHEMES = {"javascript", "vbscript", "data"}  # would run or embed content where linked
BINARY_CONTROLS = 8  # more control characters than this in the first 8 KiB: a binary file


def check_text(text: str, where: str) -> None:
    """Refuse article text that is not Unicode text: lone surrogates, NUL, many control characters."""
    bad = SURROGATE.search(text)
    if bad:
        raise InputError(where, f"not valid Unicode (lone surrogate U+{ord(bad.group()):04X} "
                                f"at character {bad.start():,})")
    if "\x00" in text[:8192]:
        raise InputError(where, "binary file (contains NUL bytes), not text")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > BINARY_CONTROLS:
        raise InputError(where, "binary file (control characters), not text")


def kind(value: object) -> str:
    """What a JSON or YAML value is, for a message: 'a number', 'a list', ..."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def meta_text(name: str, value: object, where: str) -> str | None:
    """A metadata field as text, None when absent or blank; refused when of another type or size."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(where, f"'{name}' must be text, not {kind(value)}")
    bad = SURROGATE.search(value) or NOT_XML.search(value)
    if bad:
        raise InputError(where, f"'{name}' holds a character text cannot hold "
                                f"(U+{ord(bad.group()):04X} at {bad.start()})")
    if len(value) > LIMITS[name]:
        raise InputError(where, f"'{name}' too long ({len(value):,} characters; at most "
                                f"{LIMITS[name]:,})")
    return value.strip() or None


def url_field(value: object, where: str) -> str | None:
    """An absolute IRI (RFC 3987, as the store reads it) of a harmless scheme, or None.

    Any scheme is an article's identifier ("https://...", "urn:...", a collection's own
    "archive:4711"); pages link only http(s) ones.
    """
    url = meta_text("url", value, where)
    if url is None:
        return None
    scheme = SCHEME.match(url)
    if not scheme:
        raise InputError(where, f"'url' must be an absolute IRI (https://..., urn:...), "
                                f"not {url[:60]!r}")
    if scheme.group(1).lower() in ACTIVE_SCHEMES:
        raise InputError(where, f"'url' may not be a {scheme.group(1).lower()}: IRI")
    try:
        NamedNode(url)
    except ValueError as err:
        raise InputError(where, f"'url' is not a valid IRI ({err}): {url[:60]!r}") from None
    return url


def date_field(value: object, where: str) -> str | None:
    """An ISO 8601 date as '2024-03-08', '2024-03' or '2024' (a time of day is dropped), or None."""
    text = meta_text("date", value, where)
    if text is None:
        return None
    m = ISO_DATE.match(text)
    usage = f"'date' is not an ISO 8601 date ({text[:40]!r}; write 2024-03-08, 2024-03 or 2024)"
    if not m or (text[m.end():] and not m.group(3)):
        raise InputError(where, usage)
    try:
        if text[m.end():]:
            datetime.fromisoformat(text.replace("z", "Z"))  # the whole value, time included
        else:
            date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise InputError(where, usage) from None
    return m.group()


def article_meta(rec: Mapping, where: str | Mapping[str, str], strict: bool = True) -> dict:
    """title, url, date and publisher (the 'source' field: the outlet) of a record, checked.

    `where`: the input, or each field's own place (a front matter's lines). `strict`: refuse a
    bad field; otherwise (a page's own metadata, which kg guesses) drop it.
    """
    def at(name: str) -> str:
        return where if isinstance(where, str) else where.get(name, "?")

    checks = {"title": lambda v: meta_text("title", v, at("title")),
              "url": lambda v: url_field(v, at("url")),
              "date": lambda v: date_field(v, at("date")),
              "publisher": lambda v: meta_text("source", v, at("source"))}
    values = {"title": rec.get("title"), "url": rec.get("url"), "date": rec.get("date"),
              "publisher": rec.get("source", rec.get("publisher"))}
    out: dict[str, str | None] = {}
    for name, check in checks.items():
        try:
            out[name] = check(values[name])
        except InputError:
            if strict:
                raise
            out[name] = None
    return out
