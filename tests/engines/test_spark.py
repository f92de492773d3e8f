"""Local and Spark (``local[2]``) engines give identical rows on a slice of the corpus in
both languages, with broken inputs mixed in: same document ids, same records, same error
rows, same order. Loads spaCy (``model``) and starts Spark: about two minutes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import SHARED, shared_or_skip

pytestmark = pytest.mark.model
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]'): the Spark engine is NOT tested")

from communique.engines.local import run_local  # noqa: E402 - after the skip, like the spark import
from communique.engines.spark import run_spark  # noqa: E402 - needs pyspark
from communique.settings import Options  # noqa: E402

CORPUS = SHARED / "corpus"
# no UI port in tests; few shuffle partitions for twenty documents
CONF = {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "4"}


def _java_or_skip() -> None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed: the Spark engine is NOT tested (Debian: apt-get install openjdk-17-jre-headless)")


def _first_lines(folder: Path, count: int) -> list[str]:
    (path,) = sorted(shared_or_skip(folder).glob("*.jsonl"))
    with path.open(encoding="utf-8") as handle:
        return [next(handle).rstrip("\n") for _ in range(count)]


@pytest.fixture(scope="module")
def corpus_slice(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The five seeds, 8 French and 7 English records, and broken inputs among them."""
    root = tmp_path_factory.mktemp("slice")
    seeds = root / "seeds"
    shutil.copytree(shared_or_skip(CORPUS / "seeds"), seeds)
    french = _first_lines(CORPUS / "vie-publique-statements", 8)
    english = _first_lines(CORPUS / "whitehouse-briefing-room", 7)
    broken = ["{not json", "", json.dumps({"id": "empty", "text": "  "}), english[0]]  # the last: a duplicate id
    (root / "slice.jsonl").write_text("\n".join([*french[:4], *broken, *french[4:], *english]) + "\n", encoding="utf-8")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    return [str(seeds), str(root / "slice.jsonl"), str(root / "notes.docx"), str(root / "missing.txt")]


def _rows(directory: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = pq.read_table(directory).to_pylist()
    return rows


def test_local_and_spark_give_identical_rows(corpus_slice: list[str], tmp_path: Path) -> None:
    _java_or_skip()
    options = Options(quiet=True)
    spark_errors: list[str] = []
    spark = run_spark(corpus_slice, str(tmp_path / "spark"), options, master="local[2]", on_error=spark_errors.append, conf=CONF)
    local = run_local(corpus_slice, tmp_path / "local", options, processes=1)

    spark_rows, local_rows = _rows(tmp_path / "spark"), _rows(tmp_path / "local")
    assert [row["source"] for row in spark_rows] == [row["source"] for row in local_rows]
    for spark_row, local_row in zip(spark_rows, local_rows, strict=True):
        assert spark_row == local_row, spark_row["source"]

    documents = [row for row in local_rows if row["error"] is None]
    assert len(documents) == 20
    assert {row["language"] for row in documents} == {"fr", "en"}
    assert all(str(row["id"]).startswith("sha256:") for row in documents)
    codes = [row["error_code"] for row in local_rows if row["error"] is not None]
    assert codes == ["C007", "C002", "C007", "C005", "C001"]
    assert (spark.documents, spark.failed) == (local.documents, local.failed) == (25, 5)
    assert len(spark_errors) == 5


def test_spark_refuses_to_overwrite_and_standard_input(tmp_path: Path) -> None:
    _java_or_skip()
    from communique.errors import EngineError

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("x", encoding="utf-8")
    options = Options(quiet=True)
    with pytest.raises(EngineError, match="not empty"):
        run_spark([str(tmp_path)], str(tmp_path / "out"), options, master="local[1]", conf=CONF)
    with pytest.raises(EngineError, match="standard input"):
        run_spark(["-"], str(tmp_path / "other"), options, master="local[1]", conf=CONF)
