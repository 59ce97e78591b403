"""kg serve's access log (--access-log): error answers by default, every request with `all`."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import free_port, stop_server

OK = "/sparql?query=ASK%7B%7D"
BAD = "/sparql?query=ASK%7B"  # a syntax error: 400


def served_log(store_dir, tmp_path, *extra: str) -> str:
    """What `kg serve` wrote on standard output while answering OK once and BAD once."""
    port, out = free_port(), tmp_path / "stdout.log"
    with out.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--host",
             "127.0.0.1", "--port", str(port), "--workers", "1", *extra],
            stdout=sink, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + OK, timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + BAD, timeout=30)
        assert refused.value.code == 400
    finally:
        stop_server(proc)
    return out.read_text()


@pytest.mark.parametrize(("extra", "ok_logged", "bad_logged"), [
    ((), False, True), (("--access-log", "all"), True, True),
    (("--access-log", "off"), False, False)])
def test_which_requests_are_logged(seed_store, tmp_path, extra, ok_logged, bad_logged):
    log = served_log(seed_store, tmp_path, *extra)
    assert (f"GET {OK} HTTP/1.1\" 200 " in log) == ok_logged
    assert (f"GET {BAD} HTTP/1.1\" 400 " in log) == bad_logged
