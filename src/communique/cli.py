"""The ``communique`` command: a thin adapter over the pipeline, the store and the tools."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from communique import __version__
from communique.batch import Outcome, run
from communique.errors import CommuniqueError
from communique.ingest.sources import expand_paths
from communique.settings import Options, default_db_url

app = typer.Typer(
    name="communique",
    help="Diplomatic and development-cooperation press releases into a sourced, queryable knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class RecordFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    """The formats of ``communique.export.RENDERERS`` (a test keeps the two in step)."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    cameo = "cameo"
    iati = "iati"


Paths = Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for standard input.")]
DbOption = Annotated[
    str | None, typer.Option("--db", help="Store URL (default: $COMMUNIQUE_DB or sqlite:///.communique/communique.db).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
TimeLimitOption = Annotated[
    float, typer.Option("--time-limit", help="Seconds allowed per document before it is abandoned as an error.")
]


def _options(db: str | None = None, quiet: bool = False, time_limit: float = 60.0) -> Options:
    return Options(db_url=db or default_db_url(), quiet=quiet, time_limit=time_limit)


def _report(error: CommuniqueError) -> None:
    err.print(f"[red]error[/red]: {error}", markup=True, highlight=False)


@contextmanager
def _progress(paths: list[str], options: Options) -> Iterator[Progress | None]:
    if options.quiet or not err.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        progress.add_task("files", total=len(paths))
        yield progress


def _outcomes(paths: list[str], options: Options, select: Callable[[str], bool] | None = None) -> Iterator[Outcome]:
    files = expand_paths(paths)
    with _progress(files, options) as progress:

        def advance(_name: str) -> None:
            if progress is not None:
                progress.advance(progress.task_ids[0])

        yield from run(files, options, on_file=advance, select=select)


def _gold_selection(gold_dir: Path | None) -> Callable[[str], bool] | None:
    if gold_dir is None:
        return None
    from communique.evaluate import load_gold_dir
    from communique.model import gold_key

    keys = set(load_gold_dir(gold_dir))
    return lambda source: gold_key(source) in keys


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle


def _three_decimals(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _print_figures(
    figures: Mapping[str, object],
    output_format: TableFormat,
    title: str,
    name: str = "measure",
    value: str = "value",
    show: Callable[[object], str] = str,
) -> None:
    """Named figures as one JSON object, or as a two-column table for people."""
    if output_format is TableFormat.json:
        typer.echo(json.dumps(figures))
        return
    table = Table(title=title)
    table.add_column(name)
    table.add_column(value, justify="right")
    for key, figure in figures.items():
        table.add_row(key, show(figure))
    Console().print(table)


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        RecordFormat, typer.Option("--format", "-f", help="json: one indented record per document; jsonl: one line per record.")
    ] = RecordFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write records to this file instead of standard output.")
    ] = None,
    quiet: QuietOption = False,
    time_limit: TimeLimitOption = 60.0,
    select: Annotated[
        Path | None, typer.Option("--select", help="Only the documents that this gold directory annotates.")
    ] = None,
) -> None:
    """Extract one contract record per document."""
    options = _options(quiet=quiet, time_limit=time_limit)
    failed = 0
    try:
        chooser = _gold_selection(select)
    except CommuniqueError as error:
        _report(error)
        raise typer.Exit(2) from None
    with _output(output) as handle:
        for outcome in _outcomes(paths, options, chooser):
            if outcome.error is not None:
                failed += 1
                _report(outcome.error)
                continue
            assert outcome.record is not None
            indent = 2 if output_format is RecordFormat.json else None
            handle.write(outcome.record.to_json(indent=indent) + "\n")
            handle.flush()
    raise typer.Exit(1 if failed else 0)


def _stored_line(state: str, document_id: str, source: str) -> None:
    """One line per document, flushed at once: a reader sees it the moment it is true.
    Tabs, line breaks and backslashes in the source are escaped, so it stays one field."""
    escaped = source.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    sys.stdout.write(f"{state}\t{document_id}\t{escaped}\n")
    sys.stdout.flush()


@app.command()
def ingest(paths: Paths, db: DbOption = None, quiet: QuietOption = False, time_limit: TimeLimitOption = 60.0) -> None:
    """Extract and store documents; documents already stored are left as they are.

    Each document is reported on stdout once its transaction has committed (``stored`` or
    ``unchanged``, its id, its source), so whoever stops or kills a batch knows what it kept;
    errors, the progress bar and the summary go to stderr (``--quiet`` drops the last two)."""
    from communique.store import Store

    options = _options(db, quiet, time_limit)
    try:
        store = Store(options.db_url)
    except CommuniqueError as error:
        _report(error)
        raise typer.Exit(2) from None
    stored = unchanged = failed = 0
    try:
        for outcome in _outcomes(paths, options):
            if outcome.error is not None:
                failed += 1
                _report(outcome.error)
                continue
            assert outcome.record is not None
            try:
                fresh = store.save(outcome.record)
            except CommuniqueError as error:
                failed += 1
                _report(error)
                continue
            if fresh:
                stored += 1
            else:
                unchanged += 1
            _stored_line("stored" if fresh else "unchanged", outcome.record.document.id, outcome.record.document.source)
    finally:
        store.close()
    if not quiet:
        err.print(f"{stored} stored, {unchanged} already stored, {failed} failed")
    raise typer.Exit(1 if failed else 0)


@app.command()
def stats(db: DbOption = None, output_format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table) -> None:
    """Counts of documents, entities, roles, events, agreements and programmes."""
    from communique.store import Store

    store = Store(_options(db).db_url)
    try:
        counts = store.stats()
    finally:
        store.close()
    _print_figures(counts, output_format, "communique store", "part", "count")


@app.command()
def bench(
    paths: Paths,
    output_format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    limit: Annotated[int | None, typer.Option("--limit", help="Use at most this many documents.")] = None,
    processes: Annotated[
        int, typer.Option("--processes", "-p", min=1, help="Also time the local batch engine with this many processes.")
    ] = 1,
    spark_master: Annotated[
        str | None,
        typer.Option("--spark-master", help="Also time the Spark engine on the same inputs with this master, e.g. local[2]."),
    ] = None,
) -> None:
    """Time the pipeline against bare spaCy parsing of the same texts, in one run."""
    from communique.bench import measure

    if spark_master is not None and limit is not None:
        raise typer.BadParameter("--spark-master runs Spark over every input: leave out --limit", param_hint="--limit")
    result = measure(expand_paths(paths), _options(quiet=True), limit=limit, processes=processes, spark_master=spark_master)
    _print_figures(result.as_dict(), output_format, "communique bench", show=_three_decimals)


class Engine(StrEnum):
    local = "local"
    spark = "spark"


@app.command()
def batch(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories; with --engine spark also URLs Hadoop reads (hdfs://, s3a://).")
    ],
    output: Annotated[str, typer.Option("--output", "-o", help="Parquet directory to write: one row per document.")],
    engine: Annotated[Engine, typer.Option("--engine", "-e", help="local: processes on this machine; spark: Apache Spark.")] = (
        Engine.local
    ),
    master: Annotated[
        str | None, typer.Option("--master", help="Spark master URL, e.g. local[2] (default: spark-submit's).")
    ] = None,
    processes: Annotated[
        int | None, typer.Option("--processes", "-p", min=1, help="Local engine processes (default: all cores).")
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace a previous batch output in --output.")] = False,
    quiet: QuietOption = False,
    time_limit: TimeLimitOption = 60.0,
) -> None:
    """Extract many documents into Parquet, locally or on Spark; a failed document is a row with its error."""
    from rich.markup import escape

    from communique.engines import run_batch

    def report(line: str) -> None:
        err.print(f"[red]error[/red]: {escape(line)}", markup=True, highlight=False)

    options = _options(quiet=quiet, time_limit=time_limit)
    try:
        summary = run_batch(engine.value, paths, output, options, master, processes, overwrite, on_error=report)
    except CommuniqueError as error:
        _report(error)
        raise typer.Exit(2) from None
    if not quiet:
        err.print(f"{summary.documents} documents, {summary.failed} failed: {summary.output}", markup=False)
    raise typer.Exit(1 if summary.failed else 0)


@app.command("eval")
def evaluate_records(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold YAML files (../shared/contract/GOLD.md).")],
    records: Annotated[Path, typer.Argument(help="JSON Lines file of extraction records.")],
    output_format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """Score records against gold files: precision, recall and F1 per part and language."""
    from communique.evaluate import evaluate, load_records, render_table

    try:
        report = evaluate(gold_dir, load_records(records))
    except CommuniqueError as error:
        _report(error)
        raise typer.Exit(2) from None
    if output_format is TableFormat.json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    Console().print(render_table(report))


@app.command("export")
def export_records(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="File (or - for standard output); a directory for csv and parquet, or a .zip for csv."
        ),
    ],
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write the stored records as JSON Lines, CSV or Parquet tables, PLOVER, CAMEO or IATI."""
    from communique.export import render
    from communique.store import Store

    try:
        store = Store(_options(db).db_url)
        try:
            summary = render(output_format.value, store.records(), output)
        finally:
            store.close()
    except CommuniqueError as error:
        _report(error)
        raise typer.Exit(2) from None
    if not quiet:
        for line in summary.lines():
            err.print(line)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the knowledge base over HTTP; curation needs $COMMUNIQUE_TOKEN (read-only when unset)."""
    import os

    import uvicorn

    from communique.web.app import create_app

    try:
        web = create_app(_options(db).db_url, os.environ.get("COMMUNIQUE_TOKEN") or None)
    except CommuniqueError as error:
        _report(error)
        raise typer.Exit(2) from None
    uvicorn.run(web, host=host, port=port, server_header=False, log_level="info")


@app.command("eval-cameo")
def evaluate_cameo(
    path: Annotated[Path, typer.Argument(help="PETRARCH2 gold sentences as JSON Lines (id, date, text, events[cameo]).")],
    output_format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """CAMEO root accuracy of the event coder on gold-coded sentences (roots 01-07)."""
    from communique.evaluate.petrarch import check_cameo

    try:
        result = check_cameo(path)
    except CommuniqueError as error:
        _report(error)
        raise typer.Exit(2) from None
    _print_figures(result.as_dict(), output_format, "CAMEO root accuracy (PETRARCH2 gold)")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
