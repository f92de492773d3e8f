"""Concurrent writers and a reader on one store (issue 11), on SQLite and on PostgreSQL.

End to end: two ``communique ingest`` processes start at once on a new store with
overlapping inputs, one going forwards and one backwards through the overlap so they meet
in it and race to store the same documents and create the same entities, while
``communique serve`` answers the API from the same store. Both ingests must exit 0, each
document must be stored by exactly one of them, and the store must end equal to a
sequential run of both into a fresh store (these press releases merge the same in any
order: their reversed run leaves the same tables); every API read during the writes must
answer 200, and the server's log must hold no lock error or traceback.

Hard racing: spaCy makes an ingest spend most of its time outside the store, so the
windows where writers collide are short. Writer processes saving hand-built records (no
model) collide on every save; they must all succeed and leave the store exactly as one
writer would, saving in the order they committed. This is the test that fails when the
write lock is missing (SQLite ``BEGIN`` instead of ``BEGIN IMMEDIATE``, or no PostgreSQL
advisory lock).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from communique.model import Document, Record
from communique.store import Store
from communique.store.migrate import normalise_url

from tests.store.samples import english, french
from tests.test_crash import (
    COMMUNIQUE,
    RUN_TIMEOUT,
    Ingest,
    Report,
    entity_keys,
    ingest_all,
    stats,
    table_counts,
    write_press_releases,
)

FORWARD = slice(0, 17)
BACKWARD = slice(24, 7, -1)
"""Documents 0–16 and 24–8: nine in common, met from both ends."""


@dataclass(frozen=True)
class Sequential:
    """Both inputs ingested one after the other into a fresh store."""

    inputs: tuple[list[Path], list[Path]]
    report: Report
    stats: dict[str, int]
    tables: dict[str, int]
    entities: Counter[str]


@pytest.fixture(scope="module")
def sequential(tmp_path_factory: pytest.TempPathFactory) -> Sequential:
    folder = tmp_path_factory.mktemp("sequential")
    paths = write_press_releases(folder / "in")
    inputs = (paths[FORWARD], paths[BACKWARD])
    db = f"sqlite:///{folder / 'kb.db'}"
    report = ingest_all([*inputs[0], *inputs[1]], db, folder / "ingest.log")
    return Sequential(inputs, report, stats(db), table_counts(db), entity_keys(db))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Server:
    """``communique serve`` on a free loopback port, its log kept for inspection."""

    def __init__(self, db: str, log: Path) -> None:
        self.base = f"http://127.0.0.1:{_free_port()}"
        self.log = log
        self._log = log.open("wb")
        port = self.base.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [*COMMUNIQUE, "serve", "--db", db, "--port", port], stdout=subprocess.DEVNULL, stderr=self._log
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + RUN_TIMEOUT
        while True:
            assert self.process.poll() is None, self.text()
            try:
                _get(f"{self.base}/openapi.json")
                return
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _read_during(server: Server, runs: list[Ingest]) -> list[int]:
    """Documents and search read over the API until every run has ended; the document
    totals seen. Each read must succeed: the writers may never lock readers out."""
    totals: list[int] = []
    deadline = time.monotonic() + RUN_TIMEOUT
    while any(run.process.poll() is None for run in runs):
        assert time.monotonic() < deadline, "the ingests did not end in time"
        status, body = _get(f"{server.base}/api/documents?limit=5")
        assert status == 200, body
        totals.append(json.loads(body)["total"])
        status, body = _get(f"{server.base}/api/search?q=ministre")
        assert status == 200, body
        time.sleep(0.02)
    status, body = _get(f"{server.base}/api/documents?limit=5")
    assert status == 200, body
    totals.append(json.loads(body)["total"])
    return totals


def _run_together(store_url: str, inputs: tuple[list[Path], list[Path]], folder: Path) -> tuple[list[Ingest], list[int], str]:
    """Both ingests and the server at once; the runs (ended), the totals read, the server log."""
    server = Server(store_url, folder / "serve.log")
    runs = [Ingest(paths, store_url, folder / f"ingest-{number}.log") for number, paths in enumerate(inputs)]
    try:
        server.wait_ready()
        totals = _read_during(server, runs)
    finally:
        for run in runs:
            if run.process.poll() is None:
                run.process.kill()
        codes = [run.finish() for run in runs]
        server.stop()
    for run, code in zip(runs, codes, strict=True):
        assert code == 0, run.stderr()
        assert "error" not in run.stderr(), run.stderr()
    return runs, totals, server.text()


@pytest.mark.model
def test_two_ingests_and_the_api_share_one_store(store_url: str, sequential: Sequential, tmp_path: Path) -> None:
    runs, totals, server_log = _run_together(store_url, sequential.inputs, tmp_path)
    every = set(sequential.report.ids.values())
    first, second = (run.report for run in runs)
    assert not set(first.stored) & set(second.stored), "both processes stored the same document"
    assert sorted(first.stored + second.stored) == sorted(every)
    for run, paths in zip(runs, sequential.inputs, strict=True):
        expected = sorted(sequential.report.ids[str(path)] for path in paths)
        assert sorted(run.report.stored + run.report.unchanged) == expected
    assert stats(store_url) == sequential.stats
    assert table_counts(store_url) == sequential.tables
    assert entity_keys(store_url) == sequential.entities
    # the reads overlapped the writes: they saw the store part-filled, then full
    assert totals == sorted(totals)
    assert any(0 < total < len(every) for total in totals), totals
    assert totals[-1] == len(every)
    assert "locked" not in server_log
    assert "Traceback" not in server_log


WRITERS = 4
COPIES = 10
WRITER = """
import random, sys, time
from pathlib import Path
from communique.model import Record
from communique.store import Store

url, records, seed, folder = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
batch = [Record.from_json(line) for line in records.read_text(encoding="utf-8").splitlines()]
store = Store(url)
(folder / f"ready-{seed}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
print(sum(store.save(record) for record in random.Random(seed).sample(batch, len(batch))))
store.close()
"""
"""A writer process: open the store (all at once, on a new store), wait for the others,
then save every record in its own shuffled order; print how many it stored first."""


def copies(count: int) -> list[Record]:
    """The French and English sample records, each in ``count`` copies told apart by a
    suffix: new documents stating the same entities and facts, so every copy's save races
    for the same entity, fact and key rows."""
    records = []
    for number in range(count):
        for record in (french(), english()):
            body = f"{record.document.text} ({number})"
            document = record.document.model_copy(update={"text": body, "id": Document.id_for(body)})
            records.append(record.model_copy(update={"document": document}))
    return records


def _start_together(processes: list[subprocess.Popen[bytes]], folder: Path) -> None:
    """Let the writers go once every one has opened the store."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while not all((folder / f"ready-{seed}").exists() for seed in range(len(processes))):
        for process in processes:
            if process.poll() is not None:
                assert process.stderr is not None
                raise AssertionError(f"a writer failed to open the store: {process.stderr.read().decode(errors='replace')}")
        assert time.monotonic() < deadline, "the writers did not open the store in time"
        time.sleep(0.01)
    (folder / "go").touch()


def _race(url: str, records: list[Record], folder: Path) -> list[int]:
    """Run the writers at once; how many documents each stored (each must succeed)."""
    batch = folder / "records.jsonl"
    batch.write_text("".join(record.to_json() + "\n" for record in records), encoding="utf-8")
    command = [sys.executable, "-c", WRITER, url, str(batch)]
    processes = [
        subprocess.Popen([*command, str(seed), str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for seed in range(WRITERS)
    ]
    try:
        _start_together(processes, folder)
        outputs = [process.communicate(timeout=RUN_TIMEOUT) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()
    for process, (_stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr.decode(errors="replace")
    return [int(stdout) for stdout, _stderr in outputs]


def commit_order(url: str) -> list[str]:
    """Stored document ids in the order their transactions ran: writers hold the write lock
    from their first statement, so ``ingested_at`` (set at insert, under the lock) orders
    them as they committed."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return list(connection.execute(text("SELECT id FROM documents ORDER BY ingested_at, id")).scalars())
    finally:
        engine.dispose()


def _alone(records: list[Record], url: str) -> None:
    store = Store(url)
    try:
        assert all(store.save(record) for record in records)
    finally:
        store.close()


def test_racing_writers_end_as_one_writer_saving_in_their_commit_order(store_url: str, tmp_path: Path) -> None:
    """Without a model, so fast enough to race hard: writer processes save the same records
    at once, each in its own order, into a new store. No save may fail, each document is
    stored by one writer only, and every table ends exactly as one writer alone leaves it
    when it saves the documents in the order the racing writers committed them (merging
    keeps the first statement of a fact, so that order, not the input order, is the
    reference): the writes were serialised, none lost, none doubled."""
    records = copies(COPIES)
    stored = _race(store_url, records, tmp_path)
    assert sum(stored) == len(records), stored
    by_id = {record.document.id: record for record in records}
    order = commit_order(store_url)
    assert sorted(order) == sorted(by_id)
    alone = f"sqlite:///{tmp_path / 'alone.db'}"
    _alone([by_id[document_id] for document_id in order], alone)
    assert table_counts(store_url) == table_counts(alone)
    assert entity_keys(store_url) == entity_keys(alone)
