"""A server started before any build answers 503 with the reason, on every kind of page."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import free_port, stop_server

PATHS = ("/", "/sparql?query=ASK%7B%7D", "/queries/articles.json", "/articles")


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            assert time.monotonic() < deadline, "kg serve did not come up"
            time.sleep(0.2)


def test_every_page_says_there_is_no_store_yet(tmp_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "none"),
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        for path in PATHS:
            try:
                urllib.request.urlopen(base + path, timeout=30)
                raise AssertionError(f"{path} answered without a store")
            except urllib.error.HTTPError as err:
                assert err.code == 503, path
                assert "kg build" in err.read().decode(), path
    finally:
        stop_server(proc)
