"""Shared fixtures: paths to ../shared, hand-built documents, and (marked) spaCy models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store import postgres

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEEDS = SHARED / "corpus" / "seeds"
SCHEMA = SHARED / "contract" / "extraction.schema.json"


def shared_or_skip(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is laid beside the clone in CI)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_or_skip(SEEDS)


@pytest.fixture(scope="session")
def schema_path() -> Path:
    return shared_or_skip(SCHEMA)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.PostgresServer]:
    """A throwaway PostgreSQL server for the session (skipped, loudly, when none starts)."""
    try:
        server = postgres.server()
    except RuntimeError as exc:
        pytest.skip(f"{postgres.UNAVAILABLE}: {exc}")
    yield server
    postgres.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new store's URL, once per backend, not yet created (the PostgreSQL database is
    dropped after the test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
        return
    server: postgres.PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


def make_pdf(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF whose text layer holds ``lines`` (Helvetica, ASCII)."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
