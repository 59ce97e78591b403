"""Run the app: gunicorn with several workers, or Flask's development server with --debug."""

from __future__ import annotations

import os
import secrets
import stat
import sys
from pathlib import Path

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from kg.errors import KGError
from server import create_app

THREADS = 8  # per worker: a slow query holds one thread while the others keep answering
EXECUTORS = 4  # query processes per worker (threads waiting for one cost little)


class ErrorsLogger(Logger):
    """gunicorn's logger, writing access lines only for answers that are errors (4xx, 5xx).

    gunicorn's access line gathers every request and response header and the whole WSGI
    environ before formatting one line, for every request: on a point query that costs about
    as much as kg's own work. What an operator looks for there, refused and failed requests
    (timeouts, 503s, 400s), is still logged, in gunicorn's format.
    """

    def access(self, resp, req, environ, request_time) -> None:
        if (getattr(resp, "status_code", None) or 500) >= 400:
            super().access(resp, req, environ, request_time)


ACCESS_LOGGERS = {"errors": ErrorsLogger, "all": Logger}  # --access-log; "off": none


class GunicornApp(BaseApplication):
    """gunicorn driven from Python, loading our app factory in each worker."""

    def __init__(self, config: dict, options: dict) -> None:
        self.kg_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(config=self.kg_config)


def read_token(path: Path | None) -> str | None:
    """The /update token: from --token-file, else $KG_UPDATE_TOKEN (never from the command line)."""
    if path is None:
        return os.environ.get("KG_UPDATE_TOKEN") or None
    token = path.read_text(encoding="utf-8").strip()
    if not token:
        raise KGError(f"{path}: the token file is empty")
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        print(f"kg: warning: {path} can be read by other users (chmod 600 it)",
              file=sys.stderr, flush=True)
    return token


def warm_executors(worker) -> None:
    """gunicorn's post_worker_init hook: start the worker's query executors and compile its
    templates before any request, then its thread asking for the slow pages of each settled
    snapshot (server/warm.py)."""
    from server import warm
    from server.protocol import pool

    pool(worker.wsgi)
    warm.compile_templates(worker.wsgi)
    warm.start(worker.wsgi)


def update_token(config: dict) -> dict:
    """With --allow-update and no token, generate one and print it (never run an open /update)."""
    if not config.get("ALLOW_UPDATE") or config.get("UPDATE_TOKEN"):
        return config
    token = secrets.token_urlsafe(24)
    print(f"kg: /update is on; its bearer token is {token}\n"
          f"    (set KG_UPDATE_TOKEN or --token-file FILE to choose one)", file=sys.stderr,
          flush=True)
    return {**config, "UPDATE_TOKEN": token}


def serve(config: dict, host: str, port: int, workers: int, debug: bool) -> None:
    """Serve until interrupted."""
    if workers < 1:
        raise KGError("--workers must be at least 1")
    config = update_token(config)
    if debug:
        create_app(config=config).run(host=host, port=port, debug=True)
        return
    timeout = int(config.get("QUERY_TIMEOUT", 30)) + 30
    threads = int(config.get("THREADS", THREADS))
    config.setdefault("EXECUTORS", EXECUTORS)
    logger = ACCESS_LOGGERS.get(config.get("ACCESS_LOG", "errors"))
    GunicornApp(config, {"bind": f"{host}:{port}", "workers": workers, "timeout": timeout,
                         "worker_class": "gthread", "threads": threads,
                         "accesslog": "-" if logger else None, "logger_class": logger or Logger,
                         "preload_app": False, "post_worker_init": warm_executors}).run()
