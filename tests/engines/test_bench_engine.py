"""``communique bench --processes N`` also runs the local engine, ``--spark-master`` the
Spark engine, and reports their figures (never a speed threshold: speed lives in the
benchmark, not in tests)."""

from __future__ import annotations

import json
import os
import shutil
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


def test_bench_reports_the_spark_engine_when_given_a_master(tmp_path: Path, seeds_dir: Path) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed: the Spark bench is NOT tested")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed: the Spark bench is NOT tested")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in sorted(seeds_dir.iterdir())[:2]:
        shutil.copy(seed, inputs / seed.name)
    result = CliRunner().invoke(app, ["bench", str(inputs), "--spark-master", "local[1]", "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["spark_master"], figures["spark_documents"]) == ("local[1]", 2)
    assert figures["spark_docs_per_s"] > 0
    assert figures["spark_peak_memory_mb"] > 0  # the JVM and its Python worker


def test_bench_refuses_a_limit_with_spark(seeds_dir: Path) -> None:
    result = CliRunner().invoke(app, ["bench", str(seeds_dir), "--limit", "1", "--spark-master", "local[1]"])
    assert result.exit_code == 2
    assert "--limit" in result.output
