"""Parsed articles, in order: spaCy in a forked worker process while this one extracts and writes.

Parsing is most of a build's time and holds the GIL, so a thread does not overlap it with
extraction; a second process does. The worker is forked from the process that has already
loaded the model (nothing is loaded twice) and sends each batch back as a `DocBin`; the
docs rebuilt here carry every attribute extraction reads (tests/test_parse.py checks a
build both ways gives the same graph). With one CPU, few articles, or no `fork` (not on
Linux), or KG_PARSE_WORKER=0, parsing stays in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from kg.errors import ParseError
from kg.processes import die_with_parent

BATCH = 32  # texts per nlp.pipe batch
SEND_EVERY = 8  # docs per message from the worker: small, so extraction starts early
WORKER_MIN_TEXTS = 16  # fewer than this: not worth a process


def use_worker(n_texts: int) -> bool:
    """Whether to parse `n_texts` in a forked worker process."""
    return (
        n_texts >= WORKER_MIN_TEXTS
        and os.environ.get("KG_PARSE_WORKER", "1") != "0"
        and sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and len(os.sched_getaffinity(0)) >= 2
    )


def parse(nlp: Language, texts: list[str], worker: bool | None = None) -> Parsed:
    """One Doc per text, in order; in a worker process if `worker` (default: use_worker).

    The worker is forked here, at once, so call this before starting any thread.
    """
    if worker is None:
        worker = use_worker(len(texts))
    return Parsed(nlp, texts, worker)


class Parsed:
    """The docs of `texts`, in order, from this process or a forked worker; close() when done."""

    def __init__(self, nlp: Language, texts: list[str], worker: bool) -> None:
        self.nlp = nlp
        self.process = None
        if not worker:
            self._docs = iter(nlp.pipe(texts, batch_size=BATCH))
            return
        ctx = multiprocessing.get_context("fork")
        self._conn, send = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_work, args=(nlp, texts, send, self._conn, os.getpid()),
                                   name="kg-parse", daemon=True)
        self.process.start()
        send.close()
        self._docs = self._receive()

    def __iter__(self) -> Iterator[Doc]:
        return self

    def __next__(self) -> Doc:
        return next(self._docs)

    def _receive(self) -> Iterator[Doc]:
        while True:
            try:
                kind, payload = self._conn.recv()
            except EOFError:
                raise ParseError("the parsing worker stopped before it finished") from None
            if kind == "docs":
                yield from DocBin().from_bytes(payload).get_docs(self.nlp.vocab)
            elif kind == "error":
                raise ParseError(f"parsing failed in the worker:\n{payload}")
            else:
                return

    def close(self) -> None:
        """Stop the worker, if any: one still sending gets a broken pipe and ends."""
        if self.process is None:
            return
        self._conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.process = None


def _work(nlp: Language, texts: list[str], conn: Connection, theirs: Connection,
          build: int) -> None:
    """In the worker: parse, send batches of docs, then 'done' (or the error).

    The worker dies with the build (even killed), at once rather than at its next send: a
    batch can take long on a loaded machine. `theirs` is the build's end of the pipe,
    inherited at the fork: closed, so that a send fails where the death signal is unknown.
    """
    die_with_parent(build)
    theirs.close()
    try:
        batch: list[Doc] = []
        for doc in nlp.pipe(texts, batch_size=BATCH):
            batch.append(doc)
            if len(batch) == SEND_EVERY:
                conn.send(("docs", DocBin(docs=batch).to_bytes()))
                batch = []
        if batch:
            conn.send(("docs", DocBin(docs=batch).to_bytes()))
        conn.send(("done", None))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the build stopped reading
    except BaseException:  # noqa: BLE001 - whatever it is, the build must hear of it
        try:
            conn.send(("error", traceback.format_exc()))
        except OSError:
            pass
    finally:
        conn.close()
