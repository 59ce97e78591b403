"""Input fuzzed as an attacker or a careless script would write it.

Every bad input is refused with exit code 1 and one line naming it (file:line) and the reason,
and the store is byte for byte as it was (its files and its quads); whatever is accepted makes
RDF that every later stage can write. The CLI runs in-process (click's CliRunner) on one store.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import signal
import string
import subprocess
import sys
from contextlib import contextmanager

import pyoxigraph as ox
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import rdf, store
from kg.cli import cli
from kg.errors import InputError
from kg.fields import NOT_XML, date_field
from kg.model import Article, Extraction
from kg.read import read_all
from kg.vocab import DCT, NKG, RDF

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
GOOD = ["Gunmen killed five people in Aleppo on Monday, the monitor said.",
        "Hundreds protested in Homs on Friday against the arrests.",
        "The army shelled villages near Idlib, residents said."]
GOOD_LINES = [json.dumps({"text": t, "title": f"Report {n}", "url": f"https://example.org/{n}",
                          "date": "2024-03-08", "source": "Wire"}) for n, t in enumerate(GOOD)]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """(a folder for generated inputs, a store holding one article)."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "in").mkdir()
    good = root / "good.txt"
    good.write_text("Clashes in Idlib\n\n" + GOOD[0] + "\n")
    res = CliRunner().invoke(cli, ["build", str(good), "--store", str(root / "store"), "-q"])
    assert res.exit_code == 0, res.output
    return root / "in", root / "store"


def state(store_dir) -> tuple[str, list[str]]:
    """(a digest of every file of the store, its quads in N-Quads, sorted)."""
    digest = hashlib.sha256()
    for f in sorted(p for p in store_dir.rglob("*") if p.is_file()):
        digest.update(f"{f.relative_to(store_dir)}\0".encode())
        digest.update(f.read_bytes())
    return digest.hexdigest(), sorted(str(q) for q in store.open_for_reading(store_dir))


def refused(store_dir, args: list[str], where: str, reason: str) -> None:
    """`kg build args` exits 1 with one line 'Error: <where>...<reason>', the store untouched."""
    before = state(store_dir)
    res = CliRunner().invoke(cli, ["build", "--store", str(store_dir), "-q", *args])
    lines = res.stderr.strip().splitlines()
    assert res.exit_code == 1, res.output
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Error: {where}") and reason in lines[0], (lines[0], where, reason)
    assert state(store_dir) == before


def writable(a: Article) -> None:
    """The article's quads serialise as N-Quads and read back the same; no literal XML cannot hold."""
    quads = list(rdf.article_quads(Extraction(article=a), "model"))
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert set(ox.parse(text, format=ox.RdfFormat.N_QUADS)) == set(quads)
    for q in quads:
        assert not (isinstance(q.object, ox.Literal) and NOT_XML.search(q.object.value)), q


def line(**fields) -> str:
    return json.dumps({"text": GOOD[1], **fields})


FIELDS = st.sampled_from(["title", "url", "date", "source"])
NOT_TEXT = st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(),
                     st.lists(st.integers(), min_size=1, max_size=3),
                     st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2))
WORDS = st.text(alphabet=string.ascii_letters + "/-_.", max_size=20)
BAD_URLS = st.one_of(
    st.builds(lambda path, c, i: f"https://example.org/{path[:i]}{c}{path[i:]}x", WORDS,
              st.sampled_from(' "<>{}|\\^`'), st.integers(0, 20)),
    st.builds(lambda path: f"https://example.org/%zz{path}", WORDS))
NOT_ABSOLUTE = st.sampled_from(["example.org/a", "//example.org/a", "/a/b", "4711:a"])
ACTIVE = st.sampled_from(["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x",
                          "vbscript:x"])
BAD_DATES = st.one_of(
    st.text(alphabet=string.ascii_letters + " ,", min_size=1).filter(str.strip),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(1000, 2100), st.integers(13, 99),
              st.integers(1, 28)),
    st.builds("{:04d}-02-{:02d}".format, st.integers(1000, 2100), st.integers(30, 99)),
    st.builds("{:04d}-03-08T{:02d}:00".format, st.integers(1000, 2100), st.integers(24, 99)))
CONTROL = st.builds(lambda s, c: s + c, st.text(alphabet=string.ascii_letters, max_size=8),
                    st.sampled_from(["\x00", "\x01", "\x08", "\x1f", "\ud800", "\udfff", "\ufffe"]))
BAD_LINES = st.one_of(
    st.tuples(FIELDS, NOT_TEXT).map(lambda fv: (line(**{fv[0]: fv[1]}), f"'{fv[0]}' must be text")),
    BAD_URLS.map(lambda u: (line(url=u), "'url' is not a valid IRI")),
    NOT_ABSOLUTE.map(lambda u: (line(url=u), "'url' must be an absolute IRI")),
    ACTIVE.map(lambda u: (line(url=u), "'url' may not be a")),
    BAD_DATES.map(lambda d: (line(date=d), "'date' is not an ISO 8601 date")),
    st.tuples(FIELDS, CONTROL).map(lambda fv: (line(**{fv[0]: fv[1]}), "holds a character")),
    st.tuples(FIELDS, st.integers(1, 50)).map(
        lambda fv: (line(**{fv[0]: "x" * (5000 + fv[1])}), f"'{fv[0]}' too long")),
    NOT_TEXT.map(lambda v: (json.dumps({"text": v}), "'text' must be text")),
    st.one_of(st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)).map(
        lambda v: (json.dumps(v), "JSON line is")),
    st.text(alphabet="abc{}[]:,\" ", max_size=20).map(lambda t: ('{"text": ' + t, "not JSON")),
    st.integers(5000, 6000).map(lambda n: ('{"text": "a", "n": ' + "7" * n + "}",
                                           "a number too long")),
    st.integers(100_000, 200_000).map(lambda n: ("[" * n, "nested too deeply")),
    st.just(('{"text": "\\u0000\\u0001 binary"}', "binary")),
    st.just(('{"text": "Fine \\ud83d text"}', "not valid Unicode")),
    st.just(('{"text": "   "}', "no 'text'")),
)
GOOD_OR_BLANK = st.sampled_from([*GOOD_LINES, "", "   "])


@FUZZ
@given(before=st.lists(GOOD_OR_BLANK, max_size=4), bad=BAD_LINES,
       after=st.lists(GOOD_OR_BLANK, max_size=3))
def test_a_bad_jsonl_line_refuses_the_batch(batch, before, bad, after):
    folder, store_dir = batch
    path = folder / "batch.jsonl"
    text, reason = bad
    path.write_text("\n".join([*before, text, *after]) + "\n")
    refused(store_dir, [str(path)], f"{path}:{len(before) + 1}: ", reason)


def test_a_bad_line_50_of_100_leaves_the_store_as_it_was(batch):
    folder, store_dir = batch
    lines = [json.dumps({"text": f"{GOOD[n % 3]} Edition {n}.", "url": f"https://example.org/e/{n}"})
             for n in range(100)]
    lines[49] = line(url='https://example.org/e/"quoted"')
    path = folder / "hundred.jsonl"
    path.write_text("\n".join(lines) + "\n")
    refused(store_dir, [str(path)], f"{path}:50: ", "'url' is not a valid IRI")


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
VALUES = st.one_of(JSON, st.text(), st.sampled_from(GOOD),
                   st.text(max_size=15).map(lambda s: "https://example.org/" + s),
                   st.dates().map(str), st.text(alphabet="0123456789-T:Z +", max_size=25))
RECORDS = st.dictionaries(st.sampled_from(["text", "title", "url", "date", "source", "publisher",
                                           "lang"]), VALUES, max_size=6)


@FUZZ
@given(records=st.lists(RECORDS, min_size=1, max_size=4))
def test_whatever_a_jsonl_line_holds_is_refused_or_makes_rdf(batch, records):
    folder, _ = batch
    path = folder / "any.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    try:
        articles = read_all([str(path)])
    except InputError as err:
        assert str(err).startswith(f"{path}:") and "\n" not in str(err)
        return
    for a in articles:
        writable(a)


TAGS = st.sampled_from(["div", "p", "span", "a", "article", "script", "style", "meta", "title",
                        "br", "img", "table", "td", "h1", "nav", "svg"])
ATTRS = st.lists(st.tuples(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                           st.text(max_size=30), st.sampled_from(['"', "'", ""])), max_size=3)


def element(children):
    def make(tag, attrs, kids):
        rendered = "".join(f" {k}={q}{v.replace(q, '') if q else v.replace(' ', '')}{q}"
                           for k, v, q in attrs)
        return f"<{tag}{rendered}>{''.join(kids)}</{tag}>"
    return st.builds(make, TAGS, ATTRS, st.lists(children, max_size=4))


HTML = st.recursive(st.text(max_size=40) | st.sampled_from(GOOD), element, max_leaves=20)


@settings(FUZZ, max_examples=30)
@given(body=HTML, head=st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0'?>",
                                        "<head><meta property='og:url' content='http://a b'>"]))
def test_any_html_is_refused_or_makes_rdf(batch, body, head):
    folder, _ = batch
    path = folder / "page.html"
    path.write_text(f"{head}<html><body>{body}</body></html>")
    try:
        (a,) = read_all([str(path)])
    except InputError as err:
        assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
        return
    writable(a)


DATELINES = st.builds(
    lambda fmt, wd, d, m, y: fmt.format(wd=wd, d=d, m=m, y=y),
    st.sampled_from(["{wd} {d} {m} {y}", "{d} {m} {y}", "{m} {d}, {y}", "{d}-{m}-{y}",
                     "{y}-{m}-{d}", "{d}/{m}/{y}"]),
    st.sampled_from(["Monday", "Sunday", "Fooday"]), st.integers(0, 99),
    st.sampled_from(["Jan", "February", "Sept", "Dec.", "1", "13", "00", "Mayday"]),
    st.integers(0, 9999))


@FUZZ
@given(dateline=DATELINES, lead=st.sampled_from(["", "AFP ", "BEIRUT, "]))
def test_any_dateline_dates_the_article_validly_or_not_at_all(batch, dateline, lead):
    folder, _ = batch
    path = folder / "dateline.txt"
    path.write_text(f"Raids in Idlib\n\n{lead}{dateline} {GOOD[0]}\n")
    (a,) = read_all([str(path)])
    assert a.date is None or date_field(a.date, "x") == a.date
    writable(a)


FRONT = st.builds(
    lambda fields, body: f"---\n{yaml.safe_dump(fields)}---\n{body}".encode(),
    st.dictionaries(st.sampled_from(["title", "date", "url", "source", "tags"]), JSON, max_size=4),
    st.sampled_from(GOOD))
TEXTS = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode), FRONT,
                  st.text(alphabet="*_[]()!#>`-<&a \n", max_size=300).map(str.encode))


@FUZZ
@given(data=TEXTS, suffix=st.sampled_from([".txt", ".md"]))
def test_any_text_or_markdown_file_is_refused_or_makes_rdf(batch, data, suffix):
    folder, _ = batch
    path = folder / f"text{suffix}"
    path.write_bytes(data)
    try:
        (a,) = read_all([str(path)])
    except InputError as err:
        assert str(err).startswith(str(path)) and "\n" not in str(err)
        return
    writable(a)


@FUZZ
@given(good=st.lists(st.sampled_from([("title", "Raids"), ("date", "2024-03-08"),
                                      ("source", "Wire")]), max_size=3, unique=True),
       name=FIELDS, value=st.one_of(st.lists(st.integers(), min_size=1, max_size=2),
                                    st.dictionaries(st.sampled_from("ab"), st.integers(),
                                                    min_size=1)))
def test_a_bad_front_matter_field_names_its_line(batch, good, name, value):
    folder, store_dir = batch
    fields = [pair for pair in good if pair[0] != name]
    head = "".join(f"{k}: {v}\n" for k, v in fields)
    bad = f"{name}: {json.dumps(value)}\n"  # JSON is YAML
    path = folder / "front.md"
    path.write_text(f"---\n{head}{bad}---\n{GOOD[2]}\n")
    refused(store_dir, [str(path)], f"{path}:{len(fields) + 2}: ", f"'{name}' must be text")


def test_an_attribute_bomb_is_stopped_at_the_time_limit(batch, monkeypatch):
    import kg.read

    folder, store_dir = batch
    monkeypatch.setattr(kg.read, "READ_SECONDS", 1)
    bomb = folder / "bomb.html"
    attrs = " ".join(f"a{i}=x" for i in range(20_000))  # minutes in trafilatura unbounded
    bomb.write_text(f"<html><body><div {attrs}><p>{GOOD[0]}</p></div></body></html>")
    refused(store_dir, [str(bomb)], f"{bomb}: ", "HTML took more than 1 s to read")


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


@contextmanager
def permissions_apply():
    """As root, this thread without CAP_DAC_OVERRIDE/READ_SEARCH, so that chmod 000 is obeyed."""
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = CapHeader(0x20080522, 0), (CapData * 2)()  # _LINUX_CAPABILITY_VERSION_3
    assert libc.capget(ctypes.byref(header), data) == 0
    saved = data[0].effective
    data[0].effective = saved & ~0b110  # bits 1 and 2; they stay permitted, so this is undone
    assert libc.capset(ctypes.byref(header), data) == 0, ctypes.get_errno()
    try:
        yield
    finally:
        data[0].effective = saved
        assert libc.capset(ctypes.byref(header), data) == 0


def hostile(folder) -> dict[str, tuple[list[str], str, str]]:
    """Inputs no article can come from: name -> (arguments, where the error names, reason)."""
    root = folder / "hostile"
    root.mkdir(exist_ok=True)
    raw = os.fsencode(root)
    fd = os.open(raw + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY, 0o644)
    os.write(fd, GOOD[0].encode())
    os.close(fd)
    inside = root / "inside"
    inside.mkdir(exist_ok=True)
    fd = os.open(os.fsencode(inside) + b"/\xff\xfe.md", os.O_CREAT | os.O_WRONLY, 0o644)
    os.close(fd)
    locked = root / "locked.txt"
    locked.write_text(GOOD[1])
    locked.chmod(0)
    closed = root / "closed"
    closed.mkdir(exist_ok=True)
    (closed / "a.txt").write_text(GOOD[2])
    closed.chmod(0)
    fifo = root / "pipe.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    loop = root / "loop.txt"
    if not loop.is_symlink():
        loop.symlink_to(root / "loop2.txt")
        (root / "loop2.txt").symlink_to(loop)
    broken = root / "broken.txt"
    if not broken.is_symlink():
        broken.symlink_to(root / "nowhere.txt")
    newline = root / "two\nlines.txt"
    newline.write_bytes(b"")
    long = root / ("n" * 250 + ".txt")
    long.write_bytes(b"\x00\x01binary")
    dash = root / "-x.txt"
    dash.write_text("\n \n")
    return {
        "undecodable name": ([os.fsdecode(raw + b"/caf\xe9.txt")], f"{root}/caf\\xe9.txt",
                             "file name is not valid UTF-8"),
        "undecodable name in a folder": ([str(inside)], f"{inside}/\\xff\\xfe.md",
                                         "file name is not valid UTF-8"),
        "chmod 000 file": ([str(locked)], str(locked), "cannot read it (Permission denied)"),
        "chmod 000 folder": ([str(closed)], str(closed), "cannot read folder (Permission denied)"),
        "fifo": ([str(fifo)], str(fifo), "not a regular file"),
        "device": (["/dev/zero"], "/dev/zero", "not a regular file"),
        "symlink loop": ([str(loop)], str(loop), "Too many levels of symbolic links"),
        "broken symlink": ([str(broken)], str(broken), "no such file or folder"),
        "newline in name": ([str(newline)], f"{root}/two\\x0alines.txt", "empty file"),
        "long name": ([str(long)], str(long), "binary file"),
        "dash name": (["--", str(dash)], str(dash), "empty file"),
    }


@pytest.fixture(scope="module")
def hostile_inputs(batch):
    cases = hostile(batch[0])
    yield cases
    for p in (batch[0] / "hostile").iterdir():
        if not p.is_symlink():
            p.chmod(0o755)  # so that the temporary folder can be removed


@pytest.mark.parametrize("case", ["undecodable name", "undecodable name in a folder",
                                  "chmod 000 file", "chmod 000 folder", "fifo", "device",
                                  "symlink loop", "broken symlink", "newline in name",
                                  "long name", "dash name"])
def test_a_hostile_file_is_refused_with_its_name(batch, hostile_inputs, case):
    args, where, reason = hostile_inputs[case]
    with permissions_apply():
        refused(batch[1], args, f"{where}: ", reason)


def test_skip_bad_builds_the_rest_and_lists_each_skipped_input(batch, hostile_inputs):
    folder, store_dir = batch
    good = folder / "fine.txt"
    good.write_text("Arrests in Daraa\n\nPolice arrested three men in Daraa on Tuesday.\n")
    bad = folder / "bad.jsonl"
    bad.write_text(GOOD_LINES[0] + "\n" + line(title=["a list"]) + "\n")
    args = [a for case in hostile_inputs.values() for a in case[0] if a != "--"]
    before = {q.graph_name for q in store.open_for_reading(store_dir)}
    with permissions_apply():
        res = CliRunner().invoke(cli, ["build", "--store", str(store_dir), "-q", "--skip-bad",
                                       str(good), str(bad), *args])
    assert res.exit_code == 0, res.output
    lines = res.stderr.strip().splitlines()
    assert lines[0].startswith("2 articles built") and lines[1] == "12 bad inputs skipped:"
    expected = [f"  {where}: " for _, where, _ in hostile_inputs.values()] + [f"  {bad}:2: "]
    assert len(lines[2:]) == len(expected), lines
    for start in expected:
        assert any(x.startswith(start) for x in lines[2:]), (start, lines)
    after = {q.graph_name for q in store.open_for_reading(store_dir)}
    assert len(after - before) == 2  # fine.txt and the good line of bad.jsonl, nothing else


def test_a_second_build_on_a_store_in_use_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(8):
        (corpus / f"{i}.txt").write_text(f"Report {i}\n\n{GOOD[i % 3]} Edition {i}.\n")
    other = tmp_path / "other.txt"
    other.write_text("Arrests in Daraa\n\nPolice arrested three men in Daraa on Tuesday.\n")
    directory = tmp_path / "store"
    kg = [sys.executable, "-m", "kg", "build", "--store", str(directory)]
    first = subprocess.Popen([*kg, str(corpus)], stderr=subprocess.PIPE)
    seen = b""
    while not re.search(rb"\b[1-7]/8", seen):  # it has written an article: it holds the store
        chunk = first.stderr.read1(256)
        assert chunk, seen
        seen += chunk
    first.send_signal(signal.SIGSTOP)  # and keeps it while the second one tries
    try:
        second = subprocess.run([*kg, str(other)], capture_output=True, timeout=120, check=False)
    finally:
        first.send_signal(signal.SIGCONT)
    rest = first.communicate(timeout=120)[1]
    assert second.returncode == 1
    assert second.stderr.decode().splitlines() == [
        f"Error: {directory}: the store is in use by another kg build or update"]
    assert first.returncode == 0 and b"8 articles built" in seen + rest
    db = store.open_for_reading(directory)
    articles = {q.subject for q in db.quads_for_pattern(None, RDF.type, NKG.Article)}
    sources = {q.object.value for a in articles for q in db.quads_for_pattern(a, DCT.source, None)}
    assert sources == {str(p) for p in corpus.iterdir()}
