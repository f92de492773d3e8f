"""``communique serve``: a real server process on a loopback port, stopped by the test."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from communique.store import Store

from tests.store.samples import all_records

SERVE = [sys.executable, "-c", "from communique.cli import main; main()", "serve"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _request(url: str, method: str = "GET", token: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    store = Store(db)
    for record in all_records():
        store.save(record)
    store.close()
    port = _free_port()
    env = {**os.environ, "COMMUNIQUE_TOKEN": "serve-token"}
    log = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as stderr:
        process = subprocess.Popen([*SERVE, "--db", db, "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            _wait_for(process, base, log)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_for(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            _request(f"{base}/openapi.json")
            return
        except OSError:
            assert time.monotonic() < deadline, "the server did not start within 60 s"
            time.sleep(0.2)


def test_serve_answers_the_api_with_security_headers_and_the_token(server: str) -> None:
    status, headers, body = _request(f"{server}/api/documents")
    assert status == 200
    assert json.loads(body)["total"] == 3
    lowered = {name.lower(): value for name, value in headers.items()}
    assert lowered["x-frame-options"] == "DENY"
    assert "server" not in lowered
    assert _request(f"{server}/api/facts/999999/confirm", "POST")[0] == 401
    assert _request(f"{server}/api/facts/999999/confirm", "POST", token="wrong")[0] == 401
    assert _request(f"{server}/api/facts/999999/confirm", "POST", token="serve-token")[0] == 404


def test_serve_with_a_store_it_cannot_open_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    result = subprocess.run(
        [*SERVE, "--db", f"sqlite:///{tmp_path / 'dir.db'}", "--port", str(_free_port())],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert "cannot open the store" in stderr
    assert "[C200]" in stderr
