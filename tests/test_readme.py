"""The README's examples, run: its SPARQL, curl, `kg query` and Python snippets and its URLs,
against the demo graph (seeds/) on a real server; and every saved query's `example:`."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pyoxigraph import Store

from kg.config import QUERIES_DIR
from kg.queries import load_queries
from kg.vocab import sparql_prefixes

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, re.DOTALL)
SPARQL = [b for lang, b in BLOCKS if lang == "sparql"]
PYTHON = [b for lang, b in BLOCKS if lang == "python"]
COMMANDS = [line.strip() for line in README.splitlines() if line.startswith("    ")
            and re.match(r"\s+(curl|\.venv/bin/kg query|kg query)\b", line)]
URLS = sorted(set(re.findall(r"http://127\.0\.0\.1:8000(/[^\s`)'\"]*)", README)))
WDQS = ("PREFIX wikibase: <http://wikiba.se/ontology#>\n"
        "PREFIX bd: <http://www.bigdata.com/rdf#>\n")  # predeclared on query.wikidata.org
SAVED = load_queries(QUERIES_DIR)
EXAMPLES = [(q.name, q.example) for q in SAVED.values() if q.example]


@dataclass
class Done:
    """What a `kg` command printed, and how it ended."""

    returncode: int
    stdout: str
    stderr: str


def run_kg(args: list[str], store: Path) -> Done:
    """`kg ...` as the README has it, on the given store (the click command, in-process)."""
    from click.testing import CliRunner

    from kg.cli import cli

    done = CliRunner().invoke(cli, [*args, "--store", str(store)], prog_name="kg")
    return Done(done.exit_code, done.stdout, done.stderr or str(done.exception or ""))


def rows_of(table: str) -> int:
    """How many rows `kg query` printed ('(N rows)' at the end of a table)."""
    found = re.search(r"\((\d+) rows?\)", table)
    assert found, table[-500:]
    return int(found.group(1))


def test_the_readme_has_examples_to_run():
    assert len(SPARQL) >= 3 and PYTHON and len(COMMANDS) >= 3 and len(URLS) >= 4
    assert EXAMPLES


@pytest.mark.parametrize("n", range(len(SPARQL)))
def test_sparql_examples(seed_store, n):
    text = SPARQL[n]
    if "wikibase:" in text:  # written for query.wikidata.org: it must at least be SPARQL there
        Store().query(sparql_prefixes() + WDQS + text.replace("SERVICE", "# SERVICE"))
        return
    done = run_kg(["query", text, "--format", "table"], seed_store)
    assert done.returncode == 0, done.stderr
    assert rows_of(done.stdout) > 0, "an example that answers nothing teaches nothing"


def curl(line: str, base: str, files: dict[str, str]) -> tuple[int, str]:
    """Do what a README curl line does, against `base` (query@FILE read from `files`)."""
    args = shlex.split(line)[1:]
    url, data, headers = None, [], {}
    while args:
        arg = args.pop(0)
        if arg == "-s":
            continue
        if arg == "--data-urlencode":
            key, _, value = args.pop(0).partition("@")
            data.append((key, files[value]) if value else tuple(key.split("=", 1)))
        elif arg == "-H":
            name, _, value = args.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        else:
            url = arg.replace("http://127.0.0.1:8000", base)
    body = urlencode(data).encode() if data else None
    req = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(req, timeout=60) as resp:
        return resp.status, resp.read().decode()


@pytest.mark.parametrize("line", COMMANDS)
def test_command_examples(live_server, seed_store, line):
    if line.startswith("curl"):
        status, body = curl(line, live_server, {"claims.rq": SPARQL[0]})
        assert status == 200 and len(body.strip().splitlines()) > 1, body[:300]
        return
    args = shlex.split(line)[1:]
    done = run_kg(args, seed_store)
    assert done.returncode == 0, done.stderr
    assert rows_of(done.stdout) > 0, line


@pytest.mark.parametrize("path", URLS)
def test_url_examples(live_server, path):
    with urllib.request.urlopen(live_server + path, timeout=60) as resp:
        assert resp.status == 200, path
        assert resp.read()


def test_python_example(live_server):
    code = PYTHON[0].replace("http://127.0.0.1:8000", live_server)
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=120, check=False)
    assert printed.returncode == 0, printed.stderr
    assert "bindings" in printed.stdout and "Killing" in printed.stdout


@pytest.mark.parametrize("name, example", EXAMPLES)
def test_saved_query_examples(seed_store, wikidata_standin, name, example):
    args = shlex.split(example)
    assert args[:2] == ["kg", "query"], example
    if SAVED[name].services:  # Wikidata is off this machine: its stand-in answers instead
        args += ["--param", f"endpoint={wikidata_standin[0]}"]
    done = run_kg(args[1:], seed_store)
    assert done.returncode == 0, done.stderr
    if SAVED[name].form in ("CONSTRUCT", "DESCRIBE"):
        assert any(line.rstrip().endswith(".") for line in done.stdout.splitlines()), example
    else:
        assert rows_of(done.stdout) > 0, f"{name}: its example answers nothing"
