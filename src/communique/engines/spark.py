"""The Spark engine: the same extraction over a cluster, for corpora one machine cannot do.

Inputs are listed on the driver (local paths as given, any Hadoop-compatible URL through
Hadoop's file system), then read by Spark: JSON Lines files line by line (``spark.read.text``,
parsed by ``ingest.sources.parse_jsonl_line``, so a file of any size spreads over the
cluster), other files whole (``binaryFile``, parsed by ``ingest.sources.parse_bytes``).
Each Python worker builds its Extractor once (a module-level cache) and runs
``batch.process`` per document inside ``mapInArrow``: a failed document is a row with its
error, never a failed job. Rows are range-partitioned by input position before extraction,
so the Parquet part files, read in name order, list documents in input order, as the
local engine writes them.

pyspark is an optional extra (``communique[spark]``); importing this module needs it.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from communique.batch import process
from communique.engines import BatchSummary
from communique.engines.parquet import ROW_SCHEMA, Row, error_row, failure_row, is_batch_output, outcome_row, to_batch
from communique.errors import CommuniqueError, EngineError, InputError
from communique.extract import Extractor
from communique.ingest.sources import (
    EXTENSIONS,
    STDIN,
    Item,
    SourceDocument,
    duplicate_record,
    expand_paths,
    parse_bytes,
    parse_jsonl_line,
    read_items,
    too_large,
)
from communique.settings import Options

# one row per document as read, before extraction; line is 0 for a whole file
PARSED_SCHEMA = pa.schema(
    [
        ("file", pa.int64()),
        ("line", pa.int64()),
        ("source", pa.string()),
        ("content", pa.string()),
        ("format", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("record_id", pa.string()),
        ("error", pa.string()),
        ("error_code", pa.string()),
    ]
)
_DOCUMENT_FIELDS = ("source", "content", "format", "url", "title", "published", "language", "record_id")
# documents per task: small enough to spread a small corpus over every core, large enough
# that task overhead stays negligible next to spaCy
_DOCUMENTS_PER_TASK = 64
# documents per Arrow batch handed to a worker: bounds a worker's memory
_DOCUMENTS_PER_BATCH = 64
_JOB_GROUP = "communique-batch"
_ERRORS_SHOWN = 20


@dataclass(frozen=True)
class InputFile:
    """A file to read: its position in the input order, its name as the records give it,
    and the path strings by which Spark's readers report it."""

    index: int
    name: str
    path: str
    keys: tuple[str, ...]


@dataclass
class Inputs:
    """The listed inputs, split by how Spark reads them, with the errors found listing."""

    lines: list[InputFile]
    whole: list[InputFile]
    errors: list[Row]


def session(master: str | None, quiet: bool, conf: Mapping[str, str] | None = None) -> SparkSession:
    """A Spark session for a batch: ``master`` when given (else spark-submit's), Python
    workers on this interpreter when local, small Arrow batches for bounded memory."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineError("Java is not installed: the spark engine needs a Java 17 runtime (Debian: openjdk-17-jre-headless)")
    if master is not None and master.startswith("local"):
        # local workers must run this interpreter, which has communique and spaCy installed
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("communique batch")
    if master is not None:
        builder = builder.master(master)
    settings = {
        "spark.sql.execution.arrow.maxRecordsPerBatch": str(_DOCUMENTS_PER_BATCH),
        "spark.ui.showConsoleProgress": str(not quiet).lower(),
        **(conf or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as error:  # pyspark raises many kinds; the user needs one line
        raise EngineError(f"cannot start Spark: {_summary(error)}") from error
    spark.sparkContext.setLogLevel("ERROR" if quiet else "WARN")
    return spark


def _summary(error: BaseException) -> str:
    """The informative line of a Spark failure: the last ``SomethingError: ...`` line of its
    (often Java or remote Python) trace, else its first line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    causes = [line for line in lines if re.match(r"^[\w.$]+(Error|Exception): ", line)]
    return (causes or lines or [type(error).__name__])[-1 if causes else 0][:500]


def run_spark(
    paths: Sequence[str],
    output: str,
    options: Options,
    master: str | None = None,
    overwrite: bool = False,
    on_error: Callable[[str], None] | None = None,
    conf: Mapping[str, str] | None = None,
) -> BatchSummary:
    """Extract every document under ``paths`` into the Parquet directory ``output``."""
    if STDIN in paths:  # said before Spark takes seconds to start
        raise EngineError("the spark engine cannot read standard input; give files or URLs")
    spark = session(master, options.quiet, conf)
    try:
        spark.sparkContext.setJobGroup(_JOB_GROUP, f"communique batch → {output}")
        check_output(spark, output, overwrite)
        inputs = list_inputs(spark, paths, options)
        parsed, expected = read_documents(spark, inputs, options)
        partitions = max(spark.sparkContext.defaultParallelism, math.ceil(expected / _DOCUMENTS_PER_TASK))
        rows = extract(parsed, options, partitions)
        _describe(spark, f"extracting {expected} documents into {output}")
        write(spark, rows, output, overwrite)
        return summarize(spark, output, on_error)
    except CommuniqueError:
        raise
    except Exception as error:  # a failed job (cluster, environment) is one line for the user
        raise EngineError(f"the Spark job failed: {_summary(error)}") from error
    finally:
        spark.stop()


def _describe(spark: SparkSession, what: str) -> None:
    """Name the next jobs in the Spark UI, where a cluster's progress is followed."""
    spark.sparkContext.setJobDescription(f"communique: {what}")


def _hadoop_path(spark: SparkSession, name: str, local: bool = False) -> tuple[Any, Any]:
    """The Hadoop file system and qualified path for ``name``, a URL (or a path on the
    cluster's default file system) or, when ``local``, a path on this machine's disk:
    py4j objects, hence ``Any``."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hadoop = jvm.org.apache.hadoop.fs
    path = hadoop.Path("file", None, os.path.abspath(name)) if local else hadoop.Path(name)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return fs, fs.makeQualified(path)


def _input_file(index: int, name: str, qualified: Any) -> InputFile:
    text = str(qualified.toString())
    return InputFile(index=index, name=name, path=text, keys=(text, str(qualified.toUri().toString())))


def list_inputs(spark: SparkSession, paths: Sequence[str], options: Options) -> Inputs:
    """Every input file in input order: local paths expanded as the local engine expands
    them (names kept as given, so records are identical), URLs listed through Hadoop."""
    inputs = Inputs(lines=[], whole=[], errors=[])
    found: list[tuple[str, Any, int] | InputError] = []
    for name in paths:
        found.extend(_local(spark, name) if Path(name).exists() else _remote(spark, name, options))
    listed: set[str] = set()
    for index, entry in enumerate(found):
        if isinstance(entry, InputError):
            inputs.errors.append(_parsed_row(index, 0, entry))
            continue
        name, qualified, size = entry
        file = _input_file(index, name, qualified)
        if file.path not in listed:  # a file named twice is read once (its records would repeat their ids)
            listed.add(file.path)
            _route(file, size, options, inputs)
    return inputs


def _local(spark: SparkSession, name: str) -> Iterator[tuple[str, Any, int]]:
    for file in expand_paths([name]):
        _fs, qualified = _hadoop_path(spark, file, local=True)
        yield file, qualified, os.stat(file).st_size


def _remote(spark: SparkSession, name: str, options: Options) -> list[tuple[str, Any, int] | InputError]:
    fs, qualified = _hadoop_path(spark, name)
    statuses = fs.globStatus(qualified) or []
    if not statuses:
        # the local reader's own error ("no such file"), so both engines word it alike
        return [item for item in read_items(name, options) if isinstance(item, InputError)]
    found: list[tuple[str, Any, int] | InputError] = []
    for status in statuses:
        if status.isDirectory():
            found.extend(sorted(_listed(fs, status.getPath())))
        else:
            found.append((str(status.getPath().toString()), status.getPath(), int(status.getLen())))
    return found


def _listed(fs: Any, directory: Any) -> Iterator[tuple[str, Any, int]]:
    """Files under a directory with a known extension, hidden ones (``.``, ``_``) left out."""
    listing = fs.listFiles(directory, True)
    while listing.hasNext():
        child = listing.next()
        name = str(child.getPath().getName())
        if Path(name).suffix.lower() in EXTENSIONS and not name.startswith((".", "_")):
            yield str(child.getPath().toString()), child.getPath(), int(child.getLen())


def _route(file: InputFile, size: int, options: Options, inputs: Inputs) -> None:
    kind = EXTENSIONS.get(Path(file.name).suffix.lower())
    if kind == "jsonl" and size > 0:
        inputs.lines.append(file)  # split by line: no size limit on the file, only on Spark's
    elif size > options.max_file_bytes:
        inputs.errors.append(_parsed_row(file.index, 0, too_large(file.name, size, options)))
    else:
        inputs.whole.append(file)


def _parsed_row(file: int, line: int, item: Item) -> Row:
    row: Row = dict.fromkeys(PARSED_SCHEMA.names)
    row.update(file=file, line=line)
    if isinstance(item, InputError):
        row.update(source=item.source, error=str(item), error_code=item.code)
    else:
        row.update({name: getattr(item, name) for name in _DOCUMENT_FIELDS})
    return row


def read_documents(spark: SparkSession, inputs: Inputs, options: Options) -> tuple[DataFrame, int]:
    """One row per document as read (or per input error), and how many there are."""
    spark_schema = from_arrow_schema(PARSED_SCHEMA)
    frames = [spark.createDataFrame(inputs.errors, schema=spark_schema)] if inputs.errors else []
    expected = len(inputs.errors) + len(inputs.whole)
    if inputs.lines:
        lines, counted = _lines(spark, inputs.lines)
        frames.append(lines)
        expected += counted
    if inputs.whole:
        by_key = {key: file for file in inputs.whole for key in file.keys}
        content = spark.read.format("binaryFile").load([file.path for file in inputs.whole]).select("path", "content")
        frames.append(content.mapInArrow(partial(parse_files, by_key=by_key), spark_schema))
    if not frames:  # nothing to read: an empty output, as the local engine writes
        frames.append(spark.createDataFrame([], schema=spark_schema))
    parsed = frames[0]
    for frame in frames[1:]:
        parsed = parsed.unionByName(frame)
    return parsed, expected


def _lines(spark: SparkSession, files: list[InputFile]) -> tuple[DataFrame, int]:
    """The lines of JSON Lines files, numbered from 1 in each file as the local reader
    numbers them: a row's number is its offset in its file split plus the lines of the
    file's earlier splits, counted first by one cheap pass (JVM only)."""
    text = spark.read.text([file.path for file in files]).select(
        "value",
        F.col("_metadata.file_path").alias("path"),
        F.col("_metadata.file_block_start").alias("block"),
        F.monotonically_increasing_id().alias("position"),
    )
    _describe(spark, f"numbering the lines of {len(files)} JSON Lines file(s)")
    counts = text.groupBy("path", "block").agg(F.count("*").alias("count"), F.min("position").alias("first")).collect()
    blocks = [Block(row["path"], int(row["block"]), int(row["count"]), int(row["first"])) for row in counts]
    starts = line_origins(blocks, {key: file for file in files for key in file.keys})
    parsed = text.mapInArrow(partial(parse_lines, starts=starts), from_arrow_schema(PARSED_SCHEMA))
    return parsed, sum(block.lines for block in blocks)


class Block(NamedTuple):
    """One split of a file as Spark read it: where it starts in the file, how many lines
    it holds, and the position (``monotonically_increasing_id``) of its first line."""

    path: str
    start: int
    lines: int
    first: int


def line_origins(blocks: Iterable[Block], by_key: Mapping[str, InputFile]) -> dict[tuple[str, int], tuple[int, str, int]]:
    """For each split: its file's index and name, and the position its file's line 1
    would have, so that a line's number is ``position - origin + 1``."""
    origins: dict[tuple[str, int], tuple[int, str, int]] = {}
    before: dict[str, int] = {}
    for block in sorted(blocks):
        file = by_key[block.path]
        lines_before = before.get(block.path, 0)
        origins[(block.path, block.start)] = (file.index, file.name, block.first - lines_before)
        before[block.path] = lines_before + block.lines
    return origins


def parse_lines(
    batches: Iterable[pa.RecordBatch], starts: Mapping[tuple[str, int], tuple[int, str, int]]
) -> Iterator[pa.RecordBatch]:
    """Worker side: JSON Lines lines to documents or errors (blank lines are skipped)."""
    for batch in batches:
        rows: list[Row] = []
        for line in batch.to_pylist():
            index, name, origin = starts[(line["path"], line["block"])]
            number = line["position"] - origin + 1
            value: str = line["value"]
            if not value.strip():
                continue
            if number == 1:
                value = value.removeprefix("\ufeff")  # a UTF-8 BOM, which the local reader drops when decoding
            rows.append(_parsed_row(index, number, parse_jsonl_line(name, number, value)))
        yield pa.RecordBatch.from_pylist(rows, schema=PARSED_SCHEMA)


def parse_files(batches: Iterable[pa.RecordBatch], by_key: Mapping[str, InputFile]) -> Iterator[pa.RecordBatch]:
    """Worker side: whole files to their document (or error), by the local reader's rules."""
    for batch in batches:
        rows: list[Row] = []
        for entry in batch.to_pylist():
            file = by_key[entry["path"]]
            rows.extend(
                _parsed_row(file.index, number, item) for number, item in enumerate(parse_bytes(file.name, entry["content"]))
            )
        yield pa.RecordBatch.from_pylist(rows, schema=PARSED_SCHEMA)


def extract(parsed: DataFrame, options: Options, partitions: int) -> DataFrame:
    """Rows of ``ROW_SCHEMA`` in input order: later records reusing an id in the same file
    are marked (as the local reader refuses them), then documents are spread by input
    position over ``partitions`` tasks and extracted."""
    same_id = Window.partitionBy("file", "record_id").orderBy("line")
    ranked = parsed.withColumn("duplicate", F.col("record_id").isNotNull() & (F.row_number().over(same_id) > 1))
    ordered = ranked.repartitionByRange(partitions, "file", "line").sortWithinPartitions("file", "line")
    return ordered.mapInArrow(partial(extract_batches, options=options), from_arrow_schema(ROW_SCHEMA))


@cache
def _extractor(options: Options) -> Extractor:
    """One Extractor per Python worker process: Spark reuses workers across tasks, so the
    spaCy pipelines load once per worker, not once per task or document."""
    return Extractor(options)


def extract_batches(batches: Iterable[pa.RecordBatch], options: Options) -> Iterator[pa.RecordBatch]:
    """Worker side: documents as read to output rows, each through ``batch.process``."""
    extractor = _extractor(options)
    for batch in batches:
        yield to_batch([_extract_row(row, extractor) for row in batch.to_pylist()])


def _extract_row(row: Mapping[str, Any], extractor: Extractor) -> Row:
    source: str = row["source"]
    if row["error"] is not None:
        return failure_row(source, row["error"], row["error_code"])
    item = SourceDocument(**{name: row[name] for name in _DOCUMENT_FIELDS})
    if row["duplicate"]:
        return error_row(source, duplicate_record(item, row["line"]))
    return outcome_row(process(item, extractor))


def check_output(spark: SparkSession, output: str, overwrite: bool) -> None:
    """The local engine's rule, through Hadoop: never replace anything but a batch output."""
    fs, path = _hadoop_path(spark, output)
    if not fs.exists(path):
        return
    if not fs.getFileStatus(path).isDirectory():
        raise EngineError("output exists and is not a directory", source=output)
    names = [str(status.getPath().getName()) for status in fs.listStatus(path)]
    if names and not overwrite:
        raise EngineError("output directory is not empty; pass --overwrite to replace a previous batch output", source=output)
    if names and not is_batch_output(names):
        raise EngineError("output directory holds files that are not a batch output; refusing to overwrite", source=output)


def write(spark: SparkSession, rows: DataFrame, output: str, overwrite: bool) -> None:
    """Write beside ``output`` and rename into place when the job succeeded: a failed or
    interrupted job leaves the previous output as it was."""
    fs, final = _hadoop_path(spark, output)
    temporary = f"{str(final.toString()).rstrip('/')}.inprogress-{uuid.uuid4().hex[:12]}"
    _fs, staged = _hadoop_path(spark, temporary)
    try:
        rows.write.option("compression", "zstd").parquet(temporary)
    except BaseException:
        fs.delete(staged, True)
        raise
    if fs.exists(final):
        if not overwrite:
            raise EngineError(f"output appeared while the batch ran; the result is left in {temporary}", source=output)
        fs.delete(final, True)
    if not fs.rename(staged, final):
        raise EngineError(f"cannot move the result from {temporary} into place", source=output)


def summarize(spark: SparkSession, output: str, on_error: Callable[[str], None] | None) -> BatchSummary:
    """Counts read back from the output, and the first errors for the user's terminal."""
    _describe(spark, f"counting the rows of {output}")
    written = spark.read.parquet(output)
    totals = written.agg(F.count("*").alias("documents"), F.count("error").alias("failed")).collect()[0]
    failed = int(totals["failed"])
    if on_error is not None and failed:
        for row in written.where(F.col("error").isNotNull()).select("error").limit(_ERRORS_SHOWN).collect():
            on_error(str(row["error"]))
        if failed > _ERRORS_SHOWN:
            on_error(f"... and {failed - _ERRORS_SHOWN} more failed documents: see the error column of {output}")
    return BatchSummary(documents=int(totals["documents"]), failed=failed, output=output)
