"""A throwaway PostgreSQL server for the test session (Debian's ``postgresql`` package,
which ``make test`` installs when missing): initdb into a temporary folder, start on a
free loopback port, one fresh database per test, stopped and removed at the end.

As root (CI) the server runs as the ``postgres`` user, since PostgreSQL refuses to run as
root. When no server can be had the caller skips with ``UNAVAILABLE`` and the reason, and
the terminal summary repeats it loudly."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

UNAVAILABLE = "PostgreSQL tests SKIPPED"
_counter = itertools.count()


def find_bin() -> Path | None:
    """The newest Debian PostgreSQL bin folder with initdb and pg_ctl, or one on PATH."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for candidate in candidates:
        folder = Path(candidate)
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One server; ``start`` raises RuntimeError with the reason when it cannot run."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="communique-pg-"))
        self.port = _free_port()
        self.running = False
        self._bin: Path | None = None
        self._user: str | None = None

    def _run(self, *args: str) -> None:
        command = [str(self._bin / args[0]), *args[1:]] if self._bin else list(args)
        if self._user:
            command = ["runuser", "-u", self._user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:1])} failed: {(result.stderr or result.stdout).strip()[-500:]}")

    def start(self) -> None:
        self._bin = find_bin()
        if self._bin is None:
            raise RuntimeError("initdb/pg_ctl not found: install Debian's postgresql package (make test does, as root)")
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise RuntimeError("running as root without runuser: cannot start PostgreSQL as another user")
            self._user = "postgres"
            try:
                shutil.chown(self.root, user=self._user)
            except (LookupError, PermissionError) as exc:
                raise RuntimeError(f"no usable 'postgres' user: {exc}") from None
        data = self.root / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        self.running = True

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(statement.encode())

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        name = f"communique_test_{os.getpid()}_{next(_counter)}"
        self._admin(f'CREATE DATABASE "{name}"')  # names are built here, never from input
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a test's database (connections left open are ended), so the throwaway
        cluster stays small however many tests run."""
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.running:
            self.running = False
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


_server: PostgresServer | None = None
_failure: str | None = None


def server() -> PostgresServer:
    """The session's server, started on first use; raises RuntimeError when unavailable."""
    global _server, _failure  # noqa: PLW0603 - one server per test process, shared by tests/store and tests/web
    if _failure is not None:
        raise RuntimeError(_failure)
    if _server is None:
        candidate = PostgresServer()
        try:
            candidate.start()
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            candidate.stop()
            _failure = str(exc)
            raise RuntimeError(_failure) from None
        _server = candidate
    return _server


def failure() -> str | None:
    return _failure


def stop() -> None:
    global _server  # noqa: PLW0603 - see server()
    if _server is not None:
        _server.stop()
        _server = None


_announced = False


def announce(reporter: object) -> None:
    """Say loudly, once, in the terminal summary that the PostgreSQL tests were skipped."""
    global _announced  # noqa: PLW0603 - both conftests call this; print once
    if _failure is None or _announced:
        return
    _announced = True
    write_sep = getattr(reporter, "write_sep", None)
    if callable(write_sep):
        write_sep("!", f"WARNING: {UNAVAILABLE}: {_failure}", red=True, bold=True)
