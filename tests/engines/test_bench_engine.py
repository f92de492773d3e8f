"""``communique bench --processes N`` also runs the local engine and reports its figures
(never a speed threshold: speed lives in the benchmark, not in tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app

pytestmark = pytest.mark.model


def test_bench_reports_the_engine_with_two_processes(seeds_dir: Path) -> None:
    result = CliRunner().invoke(app, ["bench", str(seeds_dir), "--limit", "3", "--processes", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["documents"], figures["failed"], figures["processes"]) == (3, 0, 2)
    assert figures["engine_docs_per_s"] > 0
    assert figures["engine_speedup"] > 0
    assert figures["engine_worker_peak_memory_mb"] > 0
    assert figures["peak_memory_mb"] > 0


def test_bench_with_one_process_leaves_the_engine_figures_empty(seeds_dir: Path) -> None:
    result = CliRunner().invoke(app, ["bench", str(seeds_dir), "--limit", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["processes"] == 1
    assert figures["engine_docs_per_s"] is None
