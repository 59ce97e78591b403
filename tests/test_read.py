"""Bad input gets a clear one-line error naming the file, a non-zero exit, and an untouched store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import read_all

GOOD = "Gunmen killed five people in Aleppo on Monday, the Syrian Observatory for Human Rights said.\n"


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


BAD_INPUTS = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\n ", "empty file"),
    "binary.txt": (bytes(range(256)) * 4, "binary"),
    "latin1.txt": ("Ciudad de M\u00e9xico: ataque".encode("latin-1"), "not valid UTF-8"),
    "broken.html": (b"<html><body><div><p", "malformed HTML"),
    "notjson.jsonl": (b'{"text": "fine"}\n{not json\n', "not JSON"),
    "notext.jsonl": (b'{"title": "no text here"}\n', "no 'text'"),
    "badurl.jsonl": (b'{"text": "fine"}\n{"text": "fine", "url": "https://example.org/a b"}\n',
                     ":2: 'url' is not a valid IRI"),
    "numtitle.jsonl": (b'{"text": "fine", "title": 7}\n', ":1: 'title' must be text, not a number"),
    "baddate.md": (b"---\ntitle: Fine\ndate: 13 Nov 2017\n---\nFine text.\n",
                   ":3: 'date' is not an ISO 8601 date"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_reason(tmp_path, name):
    data, reason = BAD_INPUTS[name]
    path = write(tmp_path / name, data)
    with pytest.raises(InputError) as err:
        read_all([str(path)])
    assert name in str(err.value)
    assert reason in str(err.value)


def test_missing_path_is_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_all([str(tmp_path / "nowhere.txt")])


def test_huge_file_is_refused(tmp_path):
    path = write(tmp_path / "huge.txt", b"word " * 1_200_000)
    with pytest.raises(InputError, match="too large"):
        read_all([str(path)])


def test_article_longer_than_the_parser_takes_is_refused(tmp_path):
    # under the byte limit, over spaCy's 1,000,000 characters: refused before anything is parsed
    path = write(tmp_path / "long.txt", "Gunmen killed five people. " * 40_000)
    with pytest.raises(InputError, match=r"too long \(1,079,999 characters"):
        read_all([str(path)])
    lines = json.dumps({"text": "word " * 210_000}) + "\n"
    with pytest.raises(InputError, match="too long"):
        read_all([str(write(tmp_path / "long.jsonl", lines))])


def test_kinds_of_good_input(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.txt", "Headline here\n\n" + GOOD)
    write(tmp_path / "b.md", "# A heading\n\nSome **bold** [link](http://x.org) text. " + GOOD)
    write(tmp_path / "c.html", f"<html><head><title>Page title</title></head><body><nav>Menu</nav>"
                               f"<article><p>{GOOD}</p></article></body></html>")
    lines = [{"text": GOOD, "title": "One", "url": "https://example.org/1", "date": "2024-03-08"},
             {"text": GOOD + " More.", "source": "wire"}]
    write(tmp_path / "d.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n")
    write(tmp_path / "ignored.csv", "a,b\n")
    write(tmp_path / "README.md", "# About this folder\n")
    arts = read_all([str(tmp_path)])
    assert len(arts) == 5
    by_source = {a.source: a for a in arts}
    assert by_source[str(tmp_path / "sub" / "a.txt")].title == "Headline here"
    md = by_source[str(tmp_path / "b.md")]
    assert "**" not in md.text and "http://x.org" not in md.text and md.text.startswith("A heading")
    html = by_source[str(tmp_path / "c.html")]
    assert "<" not in html.text and "Gunmen killed five people" in html.text
    assert html.title == "Page title"
    second = by_source[f"{tmp_path / 'd.jsonl'}:2"]
    assert second.publisher == "wire"
    first = by_source["https://example.org/1"]
    assert first.date == "2024-03-08" and first.key == "https://example.org/1"
    assert first.text.startswith("One")


def run_kg(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], input=stdin, capture_output=True,
                          check=False, timeout=120)


def dump(store_dir: Path) -> bytes:
    out = run_kg("export", "--store", str(store_dir), "--format", "nquads")
    assert out.returncode == 0, out.stderr
    return b"\n".join(sorted(out.stdout.splitlines()))


def test_bad_input_leaves_store_unchanged(tmp_path):
    store_dir = tmp_path / "store"
    good = write(tmp_path / "good.txt", "Clashes in Idlib\n\n" + GOOD)
    assert run_kg("build", str(good), "--store", str(store_dir)).returncode == 0
    before = dump(store_dir)
    changed = write(tmp_path / "good.txt", "Clashes in Idlib\n\nSomething else happened in Homs.")
    for name, (data, reason) in BAD_INPUTS.items():
        bad = write(tmp_path / name, data)
        out = run_kg("build", str(changed), str(bad), "--store", str(store_dir))
        assert out.returncode != 0
        message = out.stderr.decode().strip().splitlines()
        assert len(message) == 1 and name in message[0] and reason in message[0], message
    assert dump(store_dir) == before


def test_stdin_article(tmp_path):
    store_dir = tmp_path / "store"
    out = run_kg("build", "-", "--store", str(store_dir), stdin=GOOD.encode())
    assert out.returncode == 0, out.stderr
    assert b"1 articles built" in out.stderr
    assert b"<stdin>" in dump(store_dir)


def test_front_matter_gives_title_date_outlet_and_url(tmp_path):
    write(tmp_path / "a.txt", "---\ntitle: Clashes in Idlib\ndate: 2017-11-13\nsource: Wire\n"
                              "url: https://example.org/news/1\ntags: [ignored]\n---\n" + GOOD)
    write(tmp_path / "b.md", "---\ntitle: 1984\ndate: '2016-08'\n---\n# Heading\n\n" + GOOD)
    a, b = read_all([str(tmp_path / "a.txt"), str(tmp_path / "b.md")])
    assert (a.title, a.date, a.publisher, a.url) == ("Clashes in Idlib", "2017-11-13", "Wire",
                                                     "https://example.org/news/1")
    assert a.key == a.url and a.source == str(tmp_path / "a.txt")
    assert a.text.startswith("Clashes in Idlib\n\nGunmen killed") and "---" not in a.text
    assert (b.title, b.date) == ("1984", "2016-08") and b.text.startswith("1984\n\nHeading")


@pytest.mark.parametrize("head,where,reason", [
    ("---\ntitle: [a, b]\n---\n", ":2", "'title' must be text, not a list"),
    ("---\nurl: https://x.org/<p>\n---\n", ":2", "'url' is not a valid IRI"),
    ("---\ntitle: Fine\ndate: 2017-02-30\n---\n", ":3", "'date' is not an ISO 8601 date"),
    ("---\ntitle: [unclosed\n---\n", ":3", "front matter is not valid YAML"),
    ("---\n- a list\n---\n", ":2", "front matter must be 'key: value' lines"),
])
def test_bad_front_matter_names_its_line(tmp_path, head, where, reason):
    path = write(tmp_path / "a.txt", head + GOOD)
    with pytest.raises(InputError) as err:
        read_all([str(path)])
    assert str(err.value).startswith(f"{path}{where}: {reason}")


def test_a_dash_line_without_closing_is_text(tmp_path):
    path = write(tmp_path / "a.txt", "---\nA rule first, then " + GOOD)
    (a,) = read_all([str(path)])
    assert a.text.startswith("---\nA rule first")


@pytest.mark.parametrize("text,date", [
    ("Raids in Idlib\n\nAFP Monday 13 Nov 2017 Air strikes hit a market in Atareb.", "2017-11-13"),
    ("Raids in Idlib\n\n15 Aug 2016 A bomb hit a camp near Atmeh.", "2016-08-15"),
    ("Raids in Idlib\n\n03-11-2014 Gunmen beheaded eight men.", "2014-11-03"),
    ("Raids in Idlib\n\nGunmen killed five people on Monday.", None),
])
def test_a_dateline_dates_an_article_without_one(tmp_path, text, date):
    (a,) = read_all([str(write(tmp_path / "a.txt", text))])
    assert a.date == date


def test_metadata_date_wins_over_the_dateline(tmp_path):
    line = {"text": "Raids\n\nMonday 13 Nov 2017 Air strikes hit a market.", "date": "2017-11-14"}
    (a,) = read_all([str(write(tmp_path / "a.jsonl", json.dumps(line) + "\n"))])
    assert a.date == "2017-11-14"


@pytest.mark.parametrize("value,normal", [
    ("2024", "2024"), ("2024-03", "2024-03"), ("2024-03-08", "2024-03-08"),
    ("2024-03-08T10:30:00Z", "2024-03-08"), ("2024-03-08 10:30:00+02:00", "2024-03-08"),
])
def test_iso_dates_are_kept_at_their_precision(tmp_path, value, normal):
    line = json.dumps({"text": GOOD, "date": value}) + "\n"
    (a,) = read_all([str(write(tmp_path / "a.jsonl", line))])
    assert a.date == normal


def test_markdown_is_read_by_a_commonmark_parser(tmp_path):
    md = ("# Raids in *Idlib*\n\nGunmen killed **five** people, said [the monitor](https://x.org) "
          "in `Aleppo`.\n\n- one list item\n- ![an image](i.png) caption\n\n> a quote\n")
    (a,) = read_all([str(write(tmp_path / "a.md", md))])
    assert a.text == ("Raids in Idlib\n\nGunmen killed five people, said the monitor in Aleppo."
                      "\n\none list item\n\nan image caption\n\na quote")
    assert a.title == "Raids in Idlib"


def test_markdown_that_was_quadratic_reads(tmp_path):
    # the regular expressions kg used took a minute on 150,000 characters of this
    (a,) = read_all([str(write(tmp_path / "a.md", "Title\n\n" + "_a [b " * 20_000))])
    assert a.text.startswith("Title\n\n_a [b _a")


def test_the_readme_front_matter_example_reads_as_documented(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme[readme.index("may start with a **front matter**"):]
    start = section.index("```\n") + 4
    example = section[start:section.index("\n```", start)]
    (a,) = read_all([str(write(tmp_path / "a.txt", example))])
    assert (a.title, a.date, a.publisher, a.url) == (
        "Air raids kill 29 civilians in north Syria town", "2017-11-13", "AFP",
        "https://example.org/news/air-raids")
    assert a.text.startswith(a.title + "\n\nAir strikes on a market")


@pytest.mark.parametrize("url", ["urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
                                 "archive:4711", "ftp://example.org/wire/1", "doi:10.1000/182"])
def test_any_absolute_iri_is_an_articles_url(tmp_path, url):
    # collections name their items in schemes of their own; any absolute IRI identifies one
    path = write(tmp_path / "a.jsonl", json.dumps({"text": GOOD, "url": url}) + "\n")
    (art,) = read_all([str(path)])
    assert art.url == url and art.key == url
