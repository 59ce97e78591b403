"""Shared fixtures: the seed graph built once into a real on-disk store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import SEEDS_DIR
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store directory holding the graph built from seeds/ (do not write to it)."""
    directory = tmp_path_factory.mktemp("seed-store")
    build([str(SEEDS_DIR)], directory)
    return directory


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store_dir: Path, *extra: str):
    """`kg serve` as a real subprocess on 127.0.0.1; returns (process, base URL)."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--host", "127.0.0.1",
         "--port", str(port), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("kg serve exited") from None
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("kg serve did not come up")


@pytest.fixture(scope="session")
def live_server(seed_store):
    """The real app under gunicorn on 127.0.0.1 serving the seed store; yields its base URL."""
    proc, base = start_server(seed_store, "--timeout", "5")
    yield base
    proc.terminate()
    proc.wait(timeout=20)
