"""The `kg` command line: thin commands that parse options, call one function, print."""

from __future__ import annotations

import os
import sys
from functools import wraps
from pathlib import Path

import click

from kg.config import default_store
from kg.errors import KGError

EXAMPLE_QUERY = ("query=PREFIX nkg: <https://w3id.org/newskg/ontology#> "
                 "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                 "SELECT ?class (COUNT(?event) AS ?n) WHERE { ?event a ?class . "
                 "?class rdfs:subClassOf* nkg:Event } GROUP BY ?class ORDER BY DESC(?n)")


def store_option(f):
    """--store DIR, defaulting to $KG_STORE or ./kg-data."""
    return click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=None, help="Store directory (default: $KG_STORE or ./kg-data).")(f)


def kg_errors(f):
    """Turn kg's errors into one-line CLI errors with a non-zero exit."""
    @wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KGError as err:
            raise click.ClickException(str(err)) from None
    return wrapper


@click.group()
@click.version_option(package_name="kg")
def cli() -> None:
    """kg: build a knowledge graph of who did what to whom from news articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--online", is_flag=True, help="Also ask Wikidata's live API when linking.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--skip-bad", is_flag=True,
              help="Leave out inputs that cannot be read (listed at the end) instead of stopping.")
@click.option("--engine", type=click.Choice(["embedded", "dask"]), default="embedded",
              show_default=True, help="dask: one task per partition of articles, see docs/SCALE.md.")
@click.option("--scheduler", help="With --engine dask: the Dask scheduler's address "
              "(default: a LocalCluster started here).")
@click.option("--partition-size", default=100, show_default=True, type=click.IntRange(min=1),
              help="With --engine dask: articles per task (and per shard).")
@click.option("--workers", type=click.IntRange(min=1),
              help="With --engine dask and no --scheduler: LocalCluster workers (default: one per core).")
@click.option("--shards", "shards_dir", type=click.Path(file_okay=False, path_type=Path),
              help="With --engine dask: the folder of N-Quads shards (one every worker can write).")
@kg_errors
def build(paths: tuple[str, ...], store_dir: Path | None, online: bool, quiet: bool,
          skip_bad: bool, engine: str = "embedded", scheduler: str | None = None,
          partition_size: int = 100, workers: int | None = None,
          shards_dir: Path | None = None) -> None:
    """Read articles (.txt, .md, .html, .jsonl, folders, or - for stdin) into the store.

    Every input is read and checked before anything is written: a bad one stops the build with
    one line naming it (file:line) and the reason, or with --skip-bad is left out and listed.
    With --engine dask --shards DIR the articles are extracted into N-Quads shards on Dask (a
    killed run resumes), then loaded into the store only if --store is given.

    Examples: kg build seeds/ --store kg-data;
    kg build news/ --engine dask --shards shards/ --scheduler tcp://head:8786
    """
    from tqdm import tqdm

    from kg.read import read_inputs

    if engine == "dask" and shards_dir is None:
        raise click.UsageError("--engine dask needs --shards DIR")
    if engine == "embedded" and (scheduler or shards_dir or workers):
        raise click.UsageError("--scheduler, --workers and --shards go with --engine dask")
    reading = read_inputs(list(paths), skip_bad=skip_bad)
    articles = reading.articles
    show = not quiet and len(articles) > 5
    with tqdm(total=len(articles), disable=not show, unit="article", file=sys.stderr) as bar:
        if engine == "dask":
            from kg.distributed import Engine
            from kg.distributed import build as dask_build

            summary = dask_build(articles, shards_dir, store_dir, Engine(scheduler, workers),
                                 partition_size, online=online, progress=bar.update)
        else:
            from kg.pipeline import build as run_build

            summary = run_build(list(paths), store_dir or default_store(), online=online,
                                progress=bar.update, articles=articles)
    click.echo(summary.line(), err=True)
    if reading.skipped:
        click.echo(f"{len(reading.skipped)} bad inputs skipped:", err=True)
        for err in reading.skipped:
            click.echo(f"  {err}", err=True)


@cli.command()
@click.argument("shards", nargs=-1, required=True)
@store_option
@click.option("--virtuoso", "virtuoso_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write settled N-Quads here and run Virtuoso's ld_dir + rdf_loader_run "
              "(the folder must be in the server's DirsAllowed).")
@click.option("--qlever", "qlever_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write settled N-Quads and a Qleverfile here and run `qlever index`.")
@click.option("--isql", default="isql-vt", show_default=True,
              help="With --virtuoso: Virtuoso's isql (the password from $KG_VIRTUOSO_PASSWORD).")
@click.option("--address", default="1111", show_default=True,
              help="With --virtuoso: the server's SQL port or host:port.")
@click.option("--dry-run", is_flag=True, help="With --virtuoso or --qlever: write the files "
              "and print the loader's command instead of running it.")
@kg_errors
def load(shards: tuple[str, ...], store_dir: Path | None, virtuoso_dir: Path | None,
         qlever_dir: Path | None, isql: str, address: str, dry_run: bool) -> None:
    """Load N-Quads shards of `kg build --engine dask` (files, or folders) into a store:
    the Oxigraph store (--store, the default), Virtuoso or QLever (docs/SCALE.md).

    Examples: kg load shards/ --store kg-data; kg load shards/ --virtuoso /data/kg --dry-run
    """
    from kg.shards import shard_files

    paths = shard_files(list(shards))
    if sum(x is not None for x in (store_dir, virtuoso_dir, qlever_dir)) > 1:
        raise click.UsageError("give one of --store, --virtuoso and --qlever")
    if virtuoso_dir or qlever_dir:
        from kg.loaders import load_external

        click.echo(load_external(paths, virtuoso_dir, qlever_dir, isql, address, dry_run), nl=False)
        return
    if dry_run:
        raise click.UsageError("--dry-run goes with --virtuoso or --qlever")
    from kg.load import load_store

    summary = load_store(paths, store_dir or default_store())
    click.echo(summary.line().replace("built", "loaded"), err=True)


@cli.command()
@store_option
@click.option("--format", "fmt", default="trig", show_default=True,
              type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld"]))
@click.option("--graph", help="Only this named graph (an IRI).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@kg_errors
def export(store_dir: Path | None, fmt: str, graph: str | None, output: Path | None) -> None:
    """Stream the whole store, ontology included, as RDF.

    Example: kg export --format turtle -o graph.ttl
    """
    from pyoxigraph import NamedNode

    from kg import store

    db = store.open_for_reading(store_dir or default_store())
    try:
        target = NamedNode(graph) if graph else None
    except ValueError as err:
        raise click.BadParameter(f"not an IRI: {graph!r} ({err})", param_hint="--graph") from None
    if output:
        with output.open("wb") as out:
            store.dump(db, out, fmt, target)
    else:
        store.dump(db, sys.stdout.buffer, fmt, target)
        sys.stdout.buffer.flush()


@cli.command()
@click.argument("sparql", required=False)
@store_option
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json"]))
@click.option("--saved", help="Run the saved query of this name from queries/.")
@click.option("--param", "params", multiple=True, help="k=v for a saved query's parameter.")
@kg_errors
def query(sparql: str | None, store_dir: Path | None, fmt: str, saved: str | None,
          params: tuple[str, ...]) -> None:
    """Answer a SPARQL query (text, or @file.rq) on the terminal.

    Example: kg query 'SELECT ?e ?l WHERE { ?e rdfs:label ?l } LIMIT 5'
    """
    from kg import store
    from kg.terminal import print_results, run_text

    db = store.open_for_reading(store_dir or default_store())
    if saved:
        from kg.queries import load_queries, parse_params, run_saved

        q = load_queries().get(saved)
        if q is None:
            raise click.ClickException(f"no saved query named {saved!r}")
        results = run_saved(db, q, parse_params(params))
    else:
        if not sparql:
            raise click.UsageError("give a SPARQL query, @file.rq, or --saved NAME")
        if sparql.startswith("@"):
            sparql = Path(sparql[1:]).read_text()
        results = run_text(db, sparql)
    try:
        print_results(results, fmt, sys.stdout)
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error
        sys.stderr.close()
    except OSError as err:  # raised while iterating, e.g. by a SERVICE call that fails
        raise click.ClickException(f"query failed: {err}") from None


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="Seconds a SPARQL query may run before it is stopped.")
@click.option("--index-timeout", "index_timeout", default=600.0, show_default=True, type=float,
              help="Seconds each query building the view index (/events, /map, /timeline, "
                   "/search; once per snapshot) may run; it outlives the client that asked.")
@click.option("--allow-update", is_flag=True, help="Enable /update behind a bearer token.")
@click.option("--token-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="File holding the bearer token for /update (or set $KG_UPDATE_TOKEN).")
@click.option("--token", "token_given", hidden=True, help="Refused: it would show in `ps`.")
@click.option("--query-memory", "query_memory", default=1024, show_default=True, type=int,
              help="MiB of memory one query may use; a query needing more gets 503.")
@click.option("--send-timeout", "send_timeout", default=15.0, show_default=True, type=float,
              help="Seconds a client may read nothing before the server drops it.")
@click.option("--allow-service", multiple=True,
              help="A SERVICE endpoint federated queries may call (repeatable).")
@click.option("--debug", is_flag=True, help="Flask's development server (single process).")
@click.option("--max-rows", "max_rows", default=100_000, show_default=True, type=int,
              help="Most result rows (or triples) a SPARQL answer holds; more are cut off.")
@click.option("--no-cors", "no_cors", is_flag=True,
              help="Do not allow other origins to read /sparql (CORS is on by default).")
@click.option("--queries", "queries_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder of saved queries (*.rq) to serve instead of the bundled queries/.")
@click.option("--answer-cache", "answer_cache", default=64, show_default=True, type=int,
              help="MiB of answers each worker keeps until the store changes (0: none).")
@click.option("--warm-after", "warm_after", default=10.0, show_default=True, type=float,
              help="Seconds after a snapshot is published (and not replaced) when each worker "
                   "asks for the slow pages itself: home, /events, the top entities (0: never).")
@click.option("--keep-after", "keep_after", default=0.1, show_default=True, type=float,
              help="Seconds a page's query must take for its answer to be kept on disk beside "
                   "the snapshot, for the other workers and after a restart.")
@click.option("--remote", metavar="URL",
              help="Read from this SPARQL 1.1 endpoint instead of the store (docs/SCALE.md).")
@click.option("--remote-kind", type=click.Choice(["sparql", "virtuoso", "qlever"]),
              default="sparql", show_default=True,
              help="With --remote: the store behind it, to pass it --timeout its own way.")
@click.option("--access-log", "access_log", type=click.Choice(["errors", "all", "off"]),
              default="errors", show_default=True,
              help="Which requests get an access log line on standard output: those answered "
                   "with an error (4xx, 5xx), every one, or none. Tracebacks are always logged.")
@kg_errors
def serve(store_dir: Path | None, host: str, port: int, workers: int, timeout: float,
          allow_update: bool, token_file: Path | None, token_given: str | None,
          query_memory: int, send_timeout: float, allow_service: tuple[str, ...], debug: bool,
          no_cors: bool = False, max_rows: int = 100_000, queries_dir: str | None = None,
          answer_cache: int = 64, remote: str | None = None, remote_kind: str = "sparql",
          access_log: str = "errors", index_timeout: float = 600.0, warm_after: float = 10.0,
          keep_after: float = 0.1) -> None:
    """Serve the SPARQL endpoint, saved queries and pages over HTTP (read-only by default).

    Examples: kg serve --port 8000; kg serve --remote http://db:8890/sparql --remote-kind virtuoso
    """
    from kg.store import upgrade
    from server.run import read_token
    from server.run import serve as run_server

    if token_given is not None:
        raise click.UsageError("--token is not accepted: a token on the command line shows in "
                               "`ps` to every user; set KG_UPDATE_TOKEN or use --token-file FILE")
    config = {"STORE_DIR": str((store_dir or default_store()).resolve()), "QUERY_TIMEOUT": timeout,
              "ALLOW_UPDATE": allow_update, "UPDATE_TOKEN": read_token(token_file),
              "ALLOWED_SERVICES": list(allow_service), "QUERY_MEMORY": query_memory,
              "SEND_TIMEOUT": send_timeout}
    config["CORS"] = not no_cors
    config["MAX_ROWS"] = max_rows
    config["ANSWER_CACHE"] = max(answer_cache, 0) << 20
    config["ACCESS_LOG"] = access_log
    config["INDEX_TIMEOUT"] = index_timeout
    config["WARM_AFTER"], config["KEEP_AFTER"] = warm_after, keep_after
    if queries_dir:
        config["QUERIES_DIR"] = str(Path(queries_dir).resolve())
    if remote:
        from server.remote import configure

        if allow_update or store_dir:
            raise click.UsageError("--remote serves a remote store read-only: no --store or "
                                   "--allow-update with it")
        configure(config, remote, remote_kind)
    else:
        os.environ.pop("KG_REMOTE_STORE", None)  # executors seal themselves off the network
        upgrade(Path(config["STORE_DIR"]))  # once here, not racing in every worker
    base = f"http://{host}:{port}"
    click.echo(f"kg serving {config['STORE_DIR']}\n  pages and query editor: {base}/\n"
               f"  SPARQL endpoint: {base}/sparql\n  try:\n    curl -s {base}/sparql "
               f"-H 'Accept: text/csv' --data-urlencode '{EXAMPLE_QUERY}'", err=True)
    run_server(config, host, port, workers, debug)


@cli.command()
@store_option
@kg_errors
def validate(store_dir: Path | None) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl; exit 1 if it fails.

    Example: kg validate --store kg-data
    """
    from kg.validate import validate as run_validate

    conforms, report = run_validate(store_dir or default_store())
    click.echo(report)
    if not conforms:
        sys.exit(1)


@cli.command("link")
@store_option
@click.option("--online", is_flag=True, help="Also ask Wikidata's live API for unknown names.")
@click.option("--explain", "name", metavar="NAME",
              help="Say why NAME links or not (candidates, scores, context); the store is untouched.")
@click.option("--text", help="With --explain: the article text to judge NAME in.")
@click.option("--article", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With --explain: an article file to judge NAME in.")
@click.option("--class", "cls", type=click.Choice(["Actor", "Faction", "Place"]),
              help="With --explain: judge NAME as this class only.")
@kg_errors
def link_command(store_dir: Path | None, online: bool, name: str | None, text: str | None,
                 article: Path | None, cls: str | None) -> None:
    """Link the store's unlinked entities again (after the gazetteer grew), without re-extracting.

    With --explain NAME, say instead why NAME links to a Wikidata item or to none.

    Examples: kg gazetteer import people.tsv && kg link --store kg-data;
    kg link --explain "Ayman Odeh" --text "Israeli lawmaker Ayman Odeh said ..."
    """
    if name:
        from kg.link.explain import explain, report
        from kg.read import read_all

        if article:
            text = read_all([str(article)])[0].text
        click.echo(report(explain(name, text, cls), name))
        return
    if text or article or cls:
        raise click.UsageError("--text, --article and --class go with --explain NAME")
    from kg.link.relink import relink

    click.echo(relink(store_dir or default_store(), online=online).line(), err=True)


@cli.command("incidents")
@store_option
@click.option("--rebuild", "rebuild_all", is_flag=True,
              help="Recompute every incident from the article graphs (one transaction).")
@click.option("--settings", "settings_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Matching settings (JSON, as kg/incidents/data/matching.json) "
              "to rebuild with; the store keeps them for later builds.")
@kg_errors
def incidents_command(store_dir: Path | None, rebuild_all: bool, settings_file: Path | None) -> None:
    """Count the store's incidents (one real-world event, however many articles report it);
    --rebuild recomputes them all, --settings changes how reports are matched.

    Example: kg incidents --rebuild --settings my-matching.json
    """
    from kg.incidents import run

    click.echo(run(store_dir or default_store(), rebuild_all, settings_file).line(), err=True)


@cli.group()
def gazetteer() -> None:
    """The local gazetteer of Wikidata items used for linking."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="User gazetteer directory (default: $KG_GAZETTEER or ~/.local/share/kg/gazetteer).")
@kg_errors
def gazetteer_import(file: Path, directory: Path | None) -> None:
    """Add Wikidata items to the user gazetteer: a JSON dump (.json/.bz2/.gz), a SPARQL
    result (JSON, CSV, TSV: item, label, aliases, class, country, coordinates, parent)
    or a TSV of QIDs, labels and aliases. Later builds and `kg link` use them.

    Example: kg gazetteer import syria-people.tsv
    """
    from kg.link.gazetteer import load_gazetteer
    from kg.link.importers import read_any
    from kg.link.user_items import add_user_items

    n = add_user_items(read_any(file, load_gazetteer(directory)), directory)
    click.echo(f"{n} items imported from {file}", err=True)


def main() -> None:
    """Entry point of the `kg` console script."""
    cli(prog_name="kg")
