"""Whatever a crawler brings back: each hostile input gives a record or one line on
standard error naming the file, never a traceback, never a hang; the batch goes on."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

GOOD = "Paris, le 3 décembre 2020 – Le ministre a rencontré son homologue allemand à Berlin."


def _hostile_inputs(folder: Path) -> dict[str, bytes]:
    nested = "<div>" * 100_000 + "Texte profond." + "</div>" * 100_000
    scripts = (
        "<html><body><script>alert(1)</script><iframe src='javascript:alert(2)'></iframe>"
        "<p onclick='alert(3)'>Le ministre a signé un accord avec le PNUD à Genève le 2 mars 2021.</p>"
        "<img src=x onerror=alert(4)><style>p{}</style></body></html>"
    )
    jsonl = "\n".join(
        [
            json.dumps({"id": "n", "text": 42}),
            json.dumps({"id": "m"}),
            json.dumps({"id": None, "text": GOOD}),
            json.dumps({"id": "d", "text": GOOD}),
            json.dumps({"id": "d", "text": GOOD + " Bis."}),
            json.dumps({"id": "dates", "text": "Le 31/02/2020 et le 45 mai, le ministre a signé un accord de 1e309 euros."}),
            json.dumps({"id": "money", "text": "La France a annoncé −3 millions d'euros et 999999999999999999999999 dollars."}),
        ]
    )
    return {
        "random.txt": bytes(range(256)) * 20 + b"\x00\xff" * 500,
        "utf16-bom.txt": GOOD.encode("utf-16"),
        "utf16-nobom.txt": GOOD.encode("utf-16-le"),
        "nul.txt": GOOD.encode() + b"\x00\x00" + GOOD.encode(),
        "one-line.txt": (("Le ministre a signé un accord. " * 350_000)[:10_000_000]).encode(),
        "nested.html": nested.encode(),
        "scripts.html": scripts.encode(),
        "feed.jsonl": jsonl.encode(),
        "bom-only.txt": codecs.BOM_UTF8,
    }


def _short(source: str) -> str:
    path, _, record = source.partition("#")
    return Path(path).name + (f"#{record}" if record else "")


def test_the_battery_gives_records_or_one_line_errors(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in _hostile_inputs(folder).items():
        (folder / name).write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", "from communique.cli import main; main()", "extract", str(folder), "--time-limit", "60"],
        capture_output=True,
        check=False,
        timeout=900,
    )
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert result.returncode == 1  # some inputs are errors
    errors = [line for line in stderr.splitlines() if line.strip()]
    assert all(line.startswith("error: ") and str(folder) in line for line in errors), errors
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    sources = {_short(r["document"]["source"]) for r in records}
    for expected in (
        "utf16-bom.txt",
        "utf16-nobom.txt",
        "nul.txt",
        "scripts.html",
        "feed.jsonl#3",
        "feed.jsonl#d",
        "feed.jsonl#dates",
        "feed.jsonl#money",
    ):
        assert expected in sources, (expected, sources, errors)
    for name in ("random.txt", "bom-only.txt", "one-line.txt", "feed.jsonl#n", "feed.jsonl#m"):
        assert any(name in line for line in errors), (name, errors)
    assert any("duplicate id 'd'" in line for line in errors)
    scripted = next(r for r in records if r["document"]["source"].endswith("scripts.html"))
    assert "alert" not in scripted["document"]["text"]
    absurd = next(r for r in records if r["document"]["source"].endswith("#money"))
    assert all(a["value"] >= 0 for ag in absurd["agreements"] for a in ag["amounts"])


def test_a_runaway_document_becomes_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-long.txt").write_text("Le ministre a rencontré le directeur du PNUD à Genève. " * 15_000, encoding="utf-8")
    (folder / "b-short.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "from communique.cli import main; main()", "extract", str(folder), "--time-limit", "0.5"],
        capture_output=True,
        check=False,
        timeout=600,
    )
    stderr = result.stderr.decode()
    assert "a-long.txt: gave up after the 0.5 s time limit" in stderr
    assert "Traceback" not in stderr
    assert [json.loads(line)["document"]["source"] for line in result.stdout.decode().splitlines()] == [
        str(folder / "b-short.txt")
    ]
