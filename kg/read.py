"""Read articles from files, folders, JSONL and standard input, refusing bad input clearly.

Everything is read and checked before the store is touched: each input gives articles or one
`InputError` naming the file (and line) and the reason. HTML and Markdown are parsed in a
bounded child process (`kg.bounded`): at most READ_SECONDS and READ_MIB per file.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg import frontmatter, markup
from kg.bounded import Bounded, Failed, LimitExceeded
from kg.config import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS, READ_MIB, READ_SECONDS
from kg.errors import InputError
from kg.fields import NOT_XML, article_meta, check_text, kind
from kg.model import Article

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
TITLE_MAX = 200
JSONL_FILES = 50  # a JSONL file may be this many times an article's size


@dataclass
class Reading:
    """What was read: the articles, and the inputs left out (with --skip-bad) and why."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)


def read_all(paths: list[str]) -> list[Article]:
    """Every article under `paths`; the first bad input raises InputError before anything is stored."""
    return read_inputs(paths).articles


def read_inputs(paths: list[str], skip_bad: bool = False) -> Reading:
    """Every article under `paths`; a bad input raises InputError, or with `skip_bad` is listed."""
    reading = Reading()
    with Bounded(READ_SECONDS, READ_MIB) as bounded:
        for item in expand(paths):
            found = [item] if isinstance(item, InputError) else read_path(item, bounded)
            for got in found:
                if isinstance(got, Article):
                    reading.articles.append(dated(got))
                elif skip_bad:
                    reading.skipped.append(got)
                else:
                    raise got
    return reading


def dated(a: Article) -> Article:
    """The article, dated by its dateline ('Monday 13 Nov 2017') when nothing else gave a date."""
    if a.date:
        return a
    from kg.extract.dates import article_date  # the events' reference date, found the same way

    found = article_date(a)
    return replace(a, date=found.isoformat()) if found else a


def expand(paths: list[str]) -> Iterator[str | InputError]:
    """Files named and the article files inside named folders (recursively, in a stable order),
    or an InputError for each that cannot be one."""
    for p in paths:
        if p == "-":
            yield p
            continue
        try:
            if not utf8_name(p):
                raise InputError(p, "file name is not valid UTF-8")
            if os.path.isdir(p):
                yield from folder(p)
            else:
                os.stat(p)
                yield p
        except FileNotFoundError:
            yield InputError(p, "no such file or folder")
        except OSError as err:
            yield InputError(p, f"cannot read it ({err.strerror})")
        except InputError as err:
            yield err


def folder(top: str) -> Iterator[str | InputError]:
    """The article files under a folder, and an InputError for each part that cannot be read."""
    found: list[Path] = []
    errors: list[InputError] = []

    def unreadable(err: OSError) -> None:
        errors.append(InputError(err.filename or top, f"cannot read folder ({err.strerror})"))

    for root, dirs, files in os.walk(top, onerror=unreadable):
        dirs.sort()
        found.extend(f for f in (Path(root, name) for name in files) if is_article_file(f))
    for f in sorted(found):
        yield str(f) if utf8_name(str(f)) else InputError(str(f), "file name is not valid UTF-8")
    yield from errors


def utf8_name(p: str) -> bool:
    """Whether a path's bytes are UTF-8 (a name that is not cannot be kept as RDF text)."""
    try:
        p.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_article_file(f: Path) -> bool:
    """Whether a file found in a folder is an article (not hidden, not a README or LICENSE)."""
    return (f.suffix.lower() in SUFFIXES and not f.name.startswith(".")
            and not f.stem.upper().startswith(("README", "LICENSE", "LICENCE")) and f.is_file())


def read_path(p: str, bounded: Bounded) -> Iterator[Article | InputError]:
    """The articles in one file (one, or one per JSONL line) or in standard input for '-';
    an InputError in place of each that cannot be read."""
    try:
        if p == "-":
            raw, source, key, suffix = read_stdin(), "<stdin>", "stdin", ".txt"
        else:
            path = Path(p)
            suffix = path.suffix.lower()
            raw, source, key = read_file(p, suffix), p, str(path.resolve())
        text = decode(raw, source)
        if suffix == ".jsonl":
            yield from from_jsonl(text, source)
        else:
            yield from_file(text, source, key, suffix, bounded)
    except InputError as err:
        yield err


def read_file(p: str, suffix: str) -> bytes:
    """The bytes of a regular file, at most the size limit of its kind."""
    limit = MAX_ARTICLE_BYTES * (JSONL_FILES if suffix == ".jsonl" else 1)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO would block an open without it
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(p, "not a regular file (a device, socket or pipe)")
            if st.st_size > limit:
                raise InputError(p, f"file too large ({st.st_size:,} bytes; at most {limit:,})")
            raw = f.read(limit + 1)
    except FileNotFoundError:
        raise InputError(p, "no such file or folder") from None
    except OSError as err:
        raise InputError(p, f"cannot read it ({err.strerror})") from None
    if len(raw) > limit:
        raise InputError(p, f"file too large (more than {limit:,} bytes)")
    return raw


def read_stdin() -> bytes:
    """Standard input, at most an article's size limit."""
    raw = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError("<stdin>", f"too large (more than {MAX_ARTICLE_BYTES:,} bytes)")
    return raw


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
    check_text(text, source)
    return text


def clean(text: str) -> str:
    """Normalise line ends and trailing space, keeping paragraphs; drop stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = NOT_XML.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def title_of(text: str) -> str:
    """The first line, as a title, when it is short enough to be one."""
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= TITLE_MAX else first[:TITLE_MAX].rsplit(" ", 1)[0] + "…"


def from_text(text: str, source: str, key: str, where: str | None = None,
              **meta: str | None) -> Article:
    """An article from plain text; `where` names it in errors (default: its source)."""
    where = where or source
    check_text(text, where)
    text = clean(text)
    if not text:
        raise InputError(where, "no text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(where, f"article too long ({len(text):,} characters; at most "
                                 f"{MAX_ARTICLE_CHARS:,}): split it into articles")
    title = meta.pop("title", None) or title_of(text)
    return Article(text=text, source=source, key=key, title=title, **meta)


def with_title(body: str, title: str | None) -> str:
    """The body with its title as first paragraph, unless it starts with it already."""
    return f"{title}\n\n{body}" if title and not body.lstrip().startswith(title) else body


def from_file(text: str, source: str, key: str, suffix: str, bounded: Bounded) -> Article:
    """An article from one text, Markdown or HTML file."""
    if suffix in (".html", ".htm"):
        return from_html(text, source, key, bounded)
    fields, where, body = frontmatter.split(text.replace("\r\n", "\n"), source)
    meta = article_meta(fields, where)
    if suffix in (".md", ".markdown"):
        body = bounded_parse(bounded, markup.markdown_text, body, source, "Markdown")
    return from_text(with_title(body, meta["title"]), source, meta["url"] or key, **meta)


def bounded_parse(bounded: Bounded, parser, text: str, source: str, what: str):
    """parser(text) in the bounded reader, its failures as InputErrors naming the file."""
    try:
        return bounded(parser, text)
    except LimitExceeded as err:
        raise InputError(source, f"{what} {err} to read (the limit per file)") from None
    except Failed as err:  # the parsers raise many kinds on broken markup
        raise InputError(source, f"malformed {what} ({err})") from None


def from_html(html: str, source: str, key: str, bounded: Bounded) -> Article:
    """An article from HTML, with boilerplate and markup stripped (trafilatura)."""
    if "<" not in html:
        raise InputError(source, "not HTML (no markup)")
    markup.warm_html()  # here, not in each worker the bounded reader starts
    parts = bounded_parse(bounded, markup.html_parts, html, source, "HTML")
    body = parts["text"] if parts else None
    if not body or not body.strip():
        raise InputError(source, "malformed HTML or no article text in it")
    meta = article_meta(parts, source, strict=False)
    title = meta.pop("title")
    return from_text(with_title(body, title), source, meta["url"] or key, title=title, **meta)


def from_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    """One article per JSON line (text required; title, url, date, source the outlet), or an
    InputError for a line that is not one."""
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                yield jsonl_article(line, source, n)
            except InputError as err:
                yield err


def jsonl_article(line: str, source: str, n: int) -> Article:
    """The article of line `n` of a JSONL file."""
    where = f"{source}:{n}"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(where, f"not JSON ({err.msg})") from None
    except RecursionError:
        raise InputError(where, "not JSON kg can read (nested too deeply)") from None
    except ValueError:  # an integer of more digits than Python converts
        raise InputError(where, "not JSON kg can read (a number too long)") from None
    if not isinstance(rec, dict):
        raise InputError(where, f"JSON line is {kind(rec)}, not an object with a 'text'")
    body = rec.get("text")
    if body is not None and not isinstance(body, str):
        raise InputError(where, f"'text' must be text, not {kind(body)}")
    if not body or not body.strip():
        raise InputError(where, "JSON line has no 'text'")
    meta = article_meta(rec, where)
    url = meta["url"]
    origin = url or where  # dct:source is where it came from; "source" names the outlet
    return from_text(with_title(body, meta["title"]), origin, url or f"{Path(source).resolve()}#{n}",
                     where, **meta)
