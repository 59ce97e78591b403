"""Read articles from files, folders, JSONL and standard input, refusing bad input clearly."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.config import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS
from kg.errors import InputError
from kg.model import Article

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
TITLE_MAX = 200


def expand(paths: list[str]) -> list[str]:
    """Files named and the article files inside named folders, recursively, in a stable order."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if is_article_file(f))
        elif path.exists():
            out.append(p)
        else:
            raise InputError(p, "no such file or folder")
    return out


def is_article_file(f: Path) -> bool:
    """Whether a file found in a folder is an article (not hidden, not a README or LICENSE)."""
    return (f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".")
            and not f.stem.upper().startswith(("README", "LICENSE", "LICENCE")))


def read_all(paths: list[str]) -> list[Article]:
    """Every article under `paths`; the first bad one raises InputError before anything is stored."""
    return [a for p in expand(paths) for a in read_path(p)]


def read_path(p: str) -> Iterator[Article]:
    """The articles in one file (one, or one per JSONL line), or in standard input for '-'."""
    if p == "-":
        raw = sys.stdin.buffer.read()
        yield from articles_from_bytes(raw, "<stdin>", "stdin", ".txt")
        return
    path = Path(p)
    if path.stat().st_size > MAX_ARTICLE_BYTES * (50 if path.suffix == ".jsonl" else 1):
        raise InputError(p, f"file too large ({path.stat().st_size} bytes)")
    yield from articles_from_bytes(path.read_bytes(), p, str(path.resolve()), path.suffix.lower())


def articles_from_bytes(raw: bytes, source: str, key: str, suffix: str) -> Iterator[Article]:
    """Decode and parse one input according to its kind."""
    text = decode(raw, source)
    if suffix == ".jsonl":
        yield from from_jsonl(text, source)
    elif suffix in (".html", ".htm"):
        yield from_html(text, source, key)
    elif suffix in (".md", ".markdown"):
        yield from_text(strip_markdown(text), source, key)
    else:
        yield from_text(text, source, key)


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text, or an InputError saying why not."""
    if not raw.strip():
        raise InputError(source, "empty file")
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid UTF-8 (byte {err.start})") from None
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 8:
        raise InputError(source, "binary file (control characters), not text")
    return text


def clean(text: str) -> str:
    """Normalise line ends and trailing space, keeping paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def title_of(text: str) -> str:
    """The first line, as a title, when it is short enough to be one."""
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= TITLE_MAX else first[:TITLE_MAX].rsplit(" ", 1)[0] + "…"


def from_text(text: str, source: str, key: str, **meta: str | None) -> Article:
    """An article from plain text."""
    text = clean(text)
    if not text:
        raise InputError(source, "no text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(source, f"article too long ({len(text):,} characters; at most "
                                 f"{MAX_ARTICLE_CHARS:,}): split it into articles")
    title = meta.pop("title", None) or title_of(text)
    return Article(text=text, source=source, key=key, title=title, **meta)


def strip_markdown(text: str) -> str:
    """Plain text from Markdown: headings, emphasis, links and images reduced to their words."""
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(\S.*?\S|\S)\1", r"\2", text)
    return re.sub(r"^\s{0,3}(>|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)


def from_html(html: str, source: str, key: str) -> Article:
    """An article from HTML, with boilerplate and markup stripped (trafilatura)."""
    import trafilatura

    if "<" not in html:
        raise InputError(source, "not HTML (no markup)")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          favor_recall=True)
    except Exception as err:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        raise InputError(source, f"malformed HTML ({type(err).__name__})") from None
    body = doc.text if doc is not None else None
    if not body or not body.strip():
        raise InputError(source, "malformed HTML or no article text in it")
    title = (doc.title or "").strip()
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return from_text(text, source, doc.url or key, title=title or None, url=doc.url,
                     date=doc.date, publisher=doc.sitename)


def from_jsonl(text: str, source: str) -> Iterator[Article]:
    """One article per JSON line: text (required), title, url, date, source (the outlet)."""
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(where, f"not JSON ({err.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise InputError(where, "JSON line has no 'text'")
        url = rec.get("url") or None
        origin = url or where  # dct:source is where it came from; "source" names the outlet
        title = rec.get("title") or None
        body = rec["text"]
        if title and not body.lstrip().startswith(title):
            body = f"{title}\n\n{body}"
        yield from_text(body, str(origin), url or f"{Path(source).resolve()}#{n}", title=title,
                        url=url, date=rec.get("date") or None,
                        publisher=rec.get("source") or rec.get("publisher"))
