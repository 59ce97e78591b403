"""A small front matter at the top of a .txt or .md article: YAML between two '---' lines.

    ---
    title: Air raids kill 29 civilians
    date: 2017-11-13
    source: AFP
    url: https://example.org/news/1
    ---
    Article text ...

The block is front matter when the file's first line is '---' and a line '---' (or '...')
closes it within its first MAX_CHARS characters; then it must be a YAML mapping. Fields other
than title, date, source (the outlet) and url are ignored, as in JSONL.
"""

from __future__ import annotations

import re

import yaml

from kg.errors import InputError
from kg.fields import META_FIELDS, kind

OPEN = re.compile(r"---[ \t]*\n")
CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.MULTILINE)
MAX_CHARS = 8_192
NULL = "tag:yaml.org,2002:null"


class TextLoader(yaml.SafeLoader):
    """YAML whose plain scalars stay text ('title: 1984', 'date: 2024-03-08'); only null is None."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def split(text: str, source: str) -> tuple[dict, dict[str, str], str]:
    """(fields, where, body): the front matter's known fields, the file:line each is written on,
    and the text after the block; ({}, {}, text) when the text has none."""
    opened = OPEN.match(text)
    closed = CLOSE.search(text, opened.end(), opened.end() + MAX_CHARS) if opened else None
    if not closed:
        return {}, {}, text
    block = text[opened.end():closed.start()]
    try:
        fields = yaml.load(block, Loader=TextLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "not YAML"
        raise InputError(f"{source}{line}", f"front matter is not valid YAML ({problem})") from None
    except (ValueError, TypeError, RecursionError) as err:  # an explicit !!tag it cannot build
        raise InputError(source, f"front matter is not valid YAML ({type(err).__name__})") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise InputError(f"{source}:2", f"front matter must be 'key: value' lines, not {kind(fields)}")
    known = {name: fields[name] for name in META_FIELDS if name in fields}
    where = {name: f"{source}:{line_of(block, name) + 1}" for name in known}
    return known, where, text[closed.end():]


def line_of(block: str, key: str) -> int:
    """The line of the block on which `key:` is first written (1 when it is not found)."""
    m = re.search(rf"^{re.escape(key)}\s*:", block, re.MULTILINE)
    return block.count("\n", 0, m.start()) + 1 if m else 1
