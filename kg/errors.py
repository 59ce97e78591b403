"""One exception family, translated at the edges (CLI and HTTP)."""

from __future__ import annotations

import os
import re

UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class KGError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KGError):
    """An article file or stream that cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{shown(source)}: {reason}")
        self.source = source
        self.reason = reason


def shown(name: str) -> str:
    """A file name fit for a one-line message: undecodable bytes and control characters escaped."""
    try:
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file system byte stands for
        name = name.encode("utf-8", "backslashreplace").decode("ascii")
    return UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", name)


class ParseError(KGError):
    """The parsing worker process failed (kg.parse)."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query or a saved-query parameter is wrong."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""
