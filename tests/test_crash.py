"""Crash safety of ``communique ingest`` (issue 11): a batch killed with SIGKILL keeps every
document it reported as stored, leaves a SQLite file that passes ``PRAGMA integrity_check``,
and the same command run again completes the rest without a duplicate.

Two kills: one from outside, after some ``stored`` lines (what a user or the OOM killer
does); one from inside, in the middle of a document's write transaction (the process kills
itself on an ``INSERT INTO evidence``), which lands exactly where a broken transaction
boundary would show. Both compare the resumed store with a clean run into a fresh store.
The press releases below are hand-written, short, in both languages, and share actors, so
entities and facts merge across documents as they do in a real batch.
"""

from __future__ import annotations

import json
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from communique.store.migrate import normalise_url

PRESS_RELEASES = (
    "Luxembourg, le 12 janvier 2022 – Le ministre de la Coopération et de l'Action humanitaire, Franz Fayot, a rencontré "
    "à Dakar la ministre sénégalaise des Affaires étrangères, Aïssata Tall Sall. Les deux ministres ont signé un accord "
    "de 12 millions d'euros pour la formation professionnelle au Sénégal.",
    "Luxembourg, le 3 février 2022 – Franz Fayot a reçu le directeur exécutif du Programme alimentaire mondial, David "
    "Beasley. Le Luxembourg versera 4 millions d'euros au PAM en 2022 pour l'aide alimentaire au Sahel.",
    "Niamey, le 15 mars 2022 – Le ministre Franz Fayot a effectué une visite de travail au Niger, où il s'est entretenu "
    "avec le Premier ministre nigérien, Ouhoumoudou Mahamadou, de la sécurité alimentaire et de l'éducation.",
    "Paris, le 4 avril 2022 – La ministre de l'Europe et des Affaires étrangères, Catherine Colonna, a rencontré son "
    "homologue allemande, Annalena Baerbock, à Paris. Elles ont adopté une déclaration commune sur l'Ukraine.",
    "Berlin, le 28 avril 2022 – Annalena Baerbock et Catherine Colonna ont participé à une réunion du Triangle de Weimar "
    "avec le ministre polonais des Affaires étrangères, Zbigniew Rau.",
    "Luxembourg, le 9 mai 2022 – Le Premier ministre, Xavier Bettel, a reçu le président du Cabo Verde, José Maria "
    "Neves. Le Luxembourg et le Cabo Verde ont signé un programme de coopération de 78 millions d'euros pour 2021-2025.",
    "Praia, le 20 mai 2022 – Franz Fayot a inauguré à Praia une école de formation aux métiers de l'hôtellerie financée "
    "par le Luxembourg, en présence du Premier ministre cap-verdien, Ulisses Correia e Silva.",
    "Genève, le 7 juin 2022 – Le Luxembourg a signé avec le Comité international de la Croix-Rouge (CICR) un accord "
    "de 10 millions d'euros. Franz Fayot a rencontré le président du CICR, Peter Maurer.",
    "Ouagadougou, le 21 juin 2022 – Le ministre Franz Fayot s'est entretenu avec le ministre burkinabè de l'Économie, "
    "Seglaro Abel Somé, de la microfinance et de l'inclusion financière au Burkina Faso.",
    "Luxembourg, le 1er juillet 2022 – Xavier Bettel a rencontré le Premier ministre belge, Alexander De Croo, pour un "
    "entretien sur l'énergie et le Benelux.",
    "Bruxelles, le 18 juillet 2022 – Alexander De Croo et Xavier Bettel ont signé une déclaration commune sur les "
    "interconnexions électriques entre la Belgique et le Luxembourg.",
    "New York, le 21 septembre 2022 – En marge de l'Assemblée générale des Nations unies, Franz Fayot a rencontré la "
    "directrice exécutive de l'UNICEF, Catherine Russell, et confirmé une contribution de 3 millions d'euros.",
    "Kigali, le 10 octobre 2022 – Le ministre Franz Fayot a rencontré le ministre rwandais des Finances, Uzziel Ndagijimana. "
    "Le Luxembourg et le Rwanda ont signé un accord de 15 millions d'euros pour la finance inclusive.",
    "WASHINGTON, January 14, 2022 – Secretary of State Antony Blinken met with Japanese Foreign Minister Yoshimasa "
    "Hayashi to discuss the alliance between the United States and Japan.",
    "WASHINGTON, February 2, 2022 – Secretary Antony Blinken spoke with German Foreign Minister Annalena Baerbock about "
    "Russia's military build-up on the border of Ukraine.",
    "WASHINGTON, March 8, 2022 – Secretary of State Antony Blinken met with French Foreign Minister Jean-Yves Le Drian "
    "in Paris to coordinate support for Ukraine.",
    "WASHINGTON, April 12, 2022 – The United States and India held their fourth 2+2 Ministerial Dialogue. Secretary Antony "
    "Blinken and Secretary of Defense Lloyd Austin met Indian Minister of External Affairs Subrahmanyam Jaishankar.",
    "WASHINGTON, May 13, 2022 – President Joe Biden hosted the leaders of the Association of Southeast Asian Nations at "
    "the White House for a special summit.",
    "WASHINGTON, June 6, 2022 – Secretary Antony Blinken met with Kenyan Cabinet Secretary for Foreign Affairs Raychelle "
    "Omamo. The United States announced 255 million dollars in humanitarian assistance for Kenya.",
    "WASHINGTON, July 19, 2022 – USAID Administrator Samantha Power met with Zambian President Hakainde Hichilema in "
    "Lusaka and announced 50 million dollars for agriculture in Zambia.",
    "WASHINGTON, August 8, 2022 – Secretary Antony Blinken met with South African Minister of International Relations "
    "Naledi Pandor in Pretoria for the United States-South Africa Strategic Dialogue.",
    "WASHINGTON, September 22, 2022 – President Joe Biden met with President Ferdinand Marcos of the Philippines in "
    "New York on the margins of the United Nations General Assembly.",
    "WASHINGTON, October 5, 2022 – Secretary Antony Blinken spoke with Canadian Foreign Minister Mélanie Joly about "
    "the situation in Haiti.",
    "WASHINGTON, November 14, 2022 – President Joe Biden met with President Xi Jinping of the People's Republic of China "
    "in Bali, Indonesia, ahead of the G20 summit.",
    "WASHINGTON, December 14, 2022 – The United States and the African Union signed a memorandum of understanding during "
    "the U.S.-Africa Leaders Summit. President Joe Biden announced 55 billion dollars for Africa over three years.",
)
"""Twenty-five distinct documents (their ids are the SHA-256 of the cleaned text)."""

COMMUNIQUE = (sys.executable, "-c", "from communique.cli import main; main()")
KILL_ON_INSERT = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
from communique.cli import main

countdown = [int(sys.argv.pop(1))]

@event.listens_for(Engine, "before_cursor_execute")
def _die_mid_write(connection, cursor, statement, parameters, context, executemany):
    if statement.lstrip().upper().startswith("INSERT INTO EVIDENCE"):
        countdown[0] -= 1
        if countdown[0] == 0:
            os.kill(os.getpid(), signal.SIGKILL)

main()
"""
"""``communique`` that SIGKILLs itself on its Nth evidence insert: inside a document's write
transaction, after its document row, entities and first facts."""

RUN_TIMEOUT = 120
"""Seconds a whole ``communique`` run may take here (model load included) before the test
fails instead of hanging."""


def write_press_releases(folder: Path) -> list[Path]:
    """The press releases as ``NN.txt`` files, in input order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, body in enumerate(PRESS_RELEASES):
        path = folder / f"{number:02d}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Report:
    """What one ``communique ingest`` said on stdout: document ids by state, in order, and
    the id each source became."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)

    def add(self, line: str) -> None:
        state, document_id, source = line.rstrip("\n").split("\t")
        {"stored": self.stored, "unchanged": self.unchanged}[state].append(document_id)
        self.ids[source] = document_id


class Ingest:
    """A ``communique ingest`` subprocess whose stdout lines are read as they come, so a test
    can act (kill it) after some documents are reported, with every wait bounded."""

    def __init__(self, paths: Sequence[Path], db: str, log: Path, program: Sequence[str] = COMMUNIQUE) -> None:
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [*program, "ingest", *map(str, paths), "--db", db, "--quiet"], stdout=subprocess.PIPE, stderr=self._log
        )
        self.log = log
        self.report = Report()
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self._lines.put(raw.decode("utf-8"))
        self._lines.put(None)

    def wait_for_stored(self, count: int, timeout: float = RUN_TIMEOUT) -> None:
        """Return once ``count`` documents are reported stored (fail if the run ends first)."""
        deadline = time.monotonic() + timeout
        while len(self.report.stored) < count:
            line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            assert line is not None, f"ended before {count} stored: {self.stderr()}"
            self.report.add(line)

    def finish(self, timeout: float = RUN_TIMEOUT) -> int:
        """Wait for the process (killed or not) and collect every line it wrote; its exit code."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        finally:
            self._reader.join(timeout=10)
            self._log.close()
            assert self.process.stdout is not None
            self.process.stdout.close()
        while (line := self._lines.get_nowait()) is not None:
            self.report.add(line)
        return code

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def communique(*args: str) -> str:
    """Run a ``communique`` command to its end; its stdout (it must succeed)."""
    result = subprocess.run([*COMMUNIQUE, *args], capture_output=True, check=False, timeout=RUN_TIMEOUT)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode("utf-8")


def ingest_all(paths: Sequence[Path], db: str, log: Path) -> Report:
    """An uninterrupted ingest that must succeed; what it reported."""
    run = Ingest(paths, db, log)
    code = run.finish()
    assert code == 0, run.stderr()
    return run.report


def stats(db: str) -> dict[str, int]:
    counts: dict[str, int] = json.loads(communique("stats", "--db", db, "--format", "json"))
    return counts


def sqlite_path(db: str) -> Path:
    return Path(db.removeprefix("sqlite:///"))


def stored_ids(db: str) -> Counter[str]:
    with closing(sqlite3.connect(sqlite_path(db))) as connection:
        return Counter(row[0] for row in connection.execute("SELECT id FROM documents"))


TABLES = (
    "documents",
    "entities",
    "entity_names",
    "document_entities",
    "mentions",
    "facts",
    "fact_keys",
    "fact_entities",
    "evidence",
)


def table_counts(url: str) -> dict[str, int]:
    """Rows in every table a document's save writes: equal counts mean nothing was written
    twice or left half-written (``stats`` alone does not count evidence or names)."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in TABLES}
    finally:
        engine.dispose()


def entity_keys(url: str) -> Counter[str]:
    """Entities by merge key (Wikidata id, or kind and folded name): the same multiset
    means no entity was created twice."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return Counter(connection.execute(text("SELECT key FROM entities")).scalars())
    finally:
        engine.dispose()


def assert_sound_file(db: str) -> None:
    """The SQLite file as a killed process left it: intact, and no row points nowhere."""
    with closing(sqlite3.connect(sqlite_path(db))) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


@dataclass(frozen=True)
class Clean:
    """A clean, uninterrupted run of the whole batch into a fresh store."""

    paths: list[Path]
    ids: list[str]
    stats: dict[str, int]
    tables: dict[str, int]
    entities: Counter[str]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Clean:
    folder = tmp_path_factory.mktemp("clean")
    paths = write_press_releases(folder / "in")
    db = f"sqlite:///{folder / 'clean.db'}"
    report = ingest_all(paths, db, folder / "clean.log")
    assert report.unchanged == []
    assert len(set(report.stored)) == len(PRESS_RELEASES)
    return Clean(paths, report.stored, stats(db), table_counts(db), entity_keys(db))


def _assert_resumed(killed: Report, db: str, clean: Clean, log: Path) -> None:
    """The promises after a kill: reported means stored, the file is sound, and a second
    run completes the batch with nothing twice."""
    assert_sound_file(db)
    in_store = stored_ids(db)
    assert set(killed.stored) <= set(in_store), "a document reported as stored is not in the store"
    # the one document that may have committed in the instant before the kill, unreported
    assert len(set(in_store) - set(killed.stored)) <= 1
    resumed = ingest_all(clean.paths, db, log)
    assert set(killed.stored) <= set(resumed.unchanged)
    assert not set(resumed.stored) & set(killed.stored), "a document was stored twice"
    assert sorted(resumed.stored + resumed.unchanged) == sorted(clean.ids)
    assert stored_ids(db) == Counter(clean.ids)
    assert stats(db) == clean.stats
    assert table_counts(db) == clean.tables
    assert entity_keys(db) == clean.entities
    assert_sound_file(db)


@pytest.mark.model
def test_sigkill_mid_batch_loses_nothing_reported_and_a_rerun_completes_it(clean: Clean, tmp_path: Path) -> None:
    killed_store = f"sqlite:///{tmp_path / 'kb.db'}"
    run = Ingest(clean.paths, killed_store, tmp_path / "killed.log")
    try:
        run.wait_for_stored(8)
    finally:
        run.process.send_signal(signal.SIGKILL)
        code = run.finish()
    assert code == -signal.SIGKILL
    assert 8 <= len(run.report.stored) < len(PRESS_RELEASES), "the kill did not land mid-batch"
    _assert_resumed(run.report, killed_store, clean, tmp_path / "resumed.log")


@pytest.mark.model
def test_a_process_killed_inside_a_write_transaction_leaves_no_partial_document(clean: Clean, tmp_path: Path) -> None:
    killed_store = f"sqlite:///{tmp_path / 'kb.db'}"
    run = Ingest(clean.paths, killed_store, tmp_path / "killed.log", (sys.executable, "-c", KILL_ON_INSERT, "12"))
    code = run.finish()
    assert code == -signal.SIGKILL, run.stderr()
    assert 1 <= len(run.report.stored) < len(PRESS_RELEASES), "the kill did not land mid-batch"
    _assert_resumed(run.report, killed_store, clean, tmp_path / "resumed.log")


def test_a_store_that_cannot_be_opened_stops_the_batch_with_one_line(tmp_path: Path) -> None:
    """Before any document is read: one error line naming the store, exit 2, no traceback."""
    path = write_press_releases(tmp_path / "in")[0]
    result = subprocess.run(
        [*COMMUNIQUE, "ingest", str(path), "--db", f"sqlite:///{tmp_path}"],
        capture_output=True,
        check=False,
        timeout=RUN_TIMEOUT,
    )
    stderr = result.stderr.decode(errors="replace")
    assert result.returncode == 2, stderr
    assert stderr.startswith("error: cannot open the store at sqlite:///"), stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert result.stdout == b""
