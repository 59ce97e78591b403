"""Warming: each worker asks for its own slow pages once a snapshot has settled, before anyone does.

The first request of a snapshot pays for what is then kept: the view index (/events builds it),
the home page's counts, the pages of the entities mentioned most. A thread per worker waits until
the current snapshot has been the current one for WARM_AFTER seconds (a build publishes every
few seconds: its snapshots are not worth warming one by one), then asks for those pages through
the app itself, so that this worker's memory and the files beside the snapshot
(server/snapshots.py) hold their answers when a researcher asks. After a restart the files are
there already and warming only reads them.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask

from kg import store
from server.describe import settled
from server.pages_common import href

WARM_AFTER = 10.0  # seconds a snapshot stays the current one before it is warmed
POLL = 1.0  # seconds between looks at the snapshot pointer
PAGES = ("/events", "/")  # /events first: it builds the view index the entity pages read
TOP_ENTITIES = 5


def due(snapshot: Path, after: float, now: float) -> bool:
    """Whether a snapshot has settled and stayed the current one for `after` seconds by `now`."""
    published = int(snapshot.name) / 1e9 if snapshot.name.isdigit() else 0.0
    return settled(snapshot) and now - published >= after


def top_entities(app: Flask, n: int = TOP_ENTITIES) -> list[str]:
    """The pages of the `n` entities mentioned most, from the view index this worker holds."""
    holder = app.extensions.get("kg_viewindex")
    if holder is None or holder.index is None:
        return []
    rows = holder.index.rows("SELECT iri FROM entity ORDER BY mentions DESC, iri LIMIT ?", (n,))
    return [page for (iri,) in rows if (page := href(iri)) and page.startswith("/id/")]


def warm(app: Flask) -> list[tuple[str, int]]:
    """Ask for the pages worth keeping, in this process; (path, status) of each."""
    client = app.test_client()
    done = [(path, client.get(path).status_code) for path in PAGES]
    return done + [(path, client.get(path).status_code) for path in top_entities(app)]


def run(app: Flask, after: float, stop: threading.Event) -> None:
    """Warm each snapshot once when it is due, until `stop` is set."""
    directory, done = Path(app.config["STORE_DIR"]), None
    while not stop.wait(POLL):
        snapshot = store.latest_snapshot(directory)
        if snapshot is None or snapshot.name == done or not due(snapshot, after, time.time()):
            continue
        done = snapshot.name
        try:
            failed = [(p, s) for p, s in warm(app) if s != 200]
        except Exception as err:  # noqa: BLE001 - warming must never stop the worker
            failed = [("", repr(err))]
        if failed:
            app.logger.warning("kg: warming snapshot %s: %s", done, failed)


def compile_templates(app: Flask) -> None:
    """Compile every page template now (a worker's first page otherwise waits for Jinja)."""
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)


def start(app: Flask) -> threading.Event | None:
    """Start this worker's warming thread (not for a remote store, or with WARM_AFTER <= 0);
    returns the event that stops it."""
    after = float(app.config.get("WARM_AFTER", WARM_AFTER))
    if after <= 0 or app.config.get("REMOTE"):
        return None
    stop = threading.Event()
    threading.Thread(target=run, args=(app, after, stop), name="kg-warm", daemon=True).start()
    return stop
