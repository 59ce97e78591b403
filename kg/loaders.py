"""Shards into server-grade stores: settled N-Quads files, then the loader each store documents.

`kg load SHARDS --virtuoso DIR` / `--qlever DIR` write into DIR one N-Quads file per shard,
labels settled across articles as kg.load does for Oxigraph, and the ontology graph, then
the store's own bulk loader: Virtuoso's `ld_dir` + `rdf_loader_run` (run through its isql;
DIR must be in the server's DirsAllowed) or QLever's index build from N-Quads (the `qlever`
command and a Qleverfile). With `dry_run` nothing is run: the commands are only returned.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, Store, serialize

from kg import graphs, iris, store
from kg.errors import StoreError
from kg.incidents import refresh
from kg.load import settled
from kg.pipeline import Labels
from kg.shards import read_shard

LOAD_ERRORS = "kg-load-errors:"  # marks the rows the script prints for files that failed


@dataclass
class Loader:
    """What a store's loader is: files written, the command, the script it runs (if any)."""

    directory: Path
    command: list[str]
    script: str = ""
    cwd: Path | None = None


def write_settled(paths: list[Path], directory: Path) -> list[Path]:
    """One settled N-Quads file per shard, the ontology's and the incidents', in `directory`.

    The articles also go into a scratch store on disk, since incidents span articles (and
    shards): they are made from it at the end, as `kg load --store` makes them.
    """
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        scratch = Store(tmp)
        store.ensure_ontology(scratch)
        out = [directory / "ontology.nq"]
        _write(out[0], list(scratch.quads_for_pattern(None, None, None, iris.ONTOLOGY_GRAPH)))
        labels = Labels(scratch)
        for p in paths:
            articles = list(settled(read_shard(p), labels))
            graphs.write(scratch, {a.graph: a.quads for a in articles},
                         [q for a in articles for q in a.shared])
            out.append(directory / f"{p.stem}.nq")
            _write(out[-1], [q for a in articles for q in (*a.quads, *a.shared)])
        out.append(directory / "incidents.nq")
        _write(out[-1], refresh.rebuild(scratch))
        del scratch
    return out


def _write(path: Path, quads: list) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(serialize(quads, format=RdfFormat.N_QUADS))
    os.replace(tmp, path)


def virtuoso(directory: Path, isql: str = "isql-vt", address: str = "1111",
             user: str = "dba") -> Loader:
    """Virtuoso's bulk loader over `directory`'s N-Quads (each quad's own graph is kept)."""
    folder = str(directory.resolve()).replace("'", "''")
    script = (f"ld_dir('{folder}', '*.nq', '{iris.MANUAL_GRAPH.value}');\n"
              "rdf_loader_run();\ncheckpoint;\n"
              f"SELECT '{LOAD_ERRORS}', ll_file, ll_error FROM DB.DBA.LOAD_LIST "
              "WHERE ll_error IS NOT NULL;\n")
    password = os.environ.get("KG_VIRTUOSO_PASSWORD", "dba")
    return Loader(directory, [isql, address, user, password, str(directory / "load.sql")], script)


def qlever(directory: Path, name: str = "kg", port: int = 7001, timeout: int = 30) -> Loader:
    """QLever's index build from the N-Quads in `directory` (a Qleverfile there, `qlever index`)."""
    qleverfile = (f"[data]\nNAME = {name}\nFORMAT = nq\n\n[index]\nINPUT_FILES = *.nq\n"
                  "CAT_INPUT_FILES = cat ${INPUT_FILES}\n"
                  'SETTINGS_JSON = { "num-triples-per-batch": 1000000 }\n\n'
                  f"[server]\nPORT = {port}\nTIMEOUT = {timeout}s\n\n[runtime]\nSYSTEM = native\n")
    return Loader(directory, ["qlever", "index"], qleverfile, cwd=directory)


def prepare(loader: Loader, kind: str) -> None:
    """Write the loader's script (load.sql) or Qleverfile beside the files."""
    target = loader.directory / ("load.sql" if kind == "virtuoso" else "Qleverfile")
    target.write_text(loader.script)


def shown(loader: Loader) -> str:
    """The command as a shell line (the password left as the variable that gives it)."""
    cmd = list(loader.command)
    if cmd and cmd[0].startswith("isql"):
        cmd[3] = "$KG_VIRTUOSO_PASSWORD"
    line = " ".join(shlex.quote(c) if not c.startswith("$") else c for c in cmd)
    return f"cd {shlex.quote(str(loader.cwd))} && {line}" if loader.cwd else line


def run(loader: Loader) -> str:
    """Run the loader; its output, or a StoreError saying what failed."""
    try:
        done = subprocess.run(loader.command, cwd=loader.cwd, capture_output=True, text=True,
                              timeout=None, check=False)
    except FileNotFoundError:
        raise StoreError(f"{loader.command[0]}: not found (install the store's tools, or use "
                         "--dry-run and run the command printed where they are)") from None
    failed = [line for line in done.stdout.splitlines() if LOAD_ERRORS in line]
    if done.returncode != 0 or failed or "*** Error" in done.stdout + done.stderr:
        detail = "\n".join(failed) or (done.stderr or done.stdout).strip()[-2000:]
        raise StoreError(f"{shown(loader)} failed:\n{detail}")
    return done.stdout


def load_external(paths: list[Path], virtuoso_dir: Path | None, qlever_dir: Path | None,
                  isql: str = "isql-vt", address: str = "1111", dry_run: bool = False) -> str:
    """Write settled files and the loader for Virtuoso or QLever; run it, or with `dry_run`
    return its command line. What to print."""
    kind = "virtuoso" if virtuoso_dir else "qlever"
    folder = Path(virtuoso_dir or qlever_dir)
    files = write_settled(paths, folder)
    loader = virtuoso(folder, isql, address) if virtuoso_dir else qlever(folder)
    prepare(loader, kind)
    head = f"{len(files)} N-Quads files written to {folder}\n"
    return head + (shown(loader) + "\n" if dry_run else run(loader))
